"""`agendakaart figure`: PNG/SVG/PDF at the asked size, with the 11 NPVR regions (SVG ids), the source line, a title
from the filters, the same selection as export (--hash), a clear error for a bad file type; the report embeds it."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from click.testing import CliRunner

from agendakaart.cli import main
from agendakaart.outputs.figure import SIZES, cabinets_in, default_title, long_date, slug
from agendakaart.outputs.filters import Filters
from agendakaart.pipeline.outputs import build_report
from agendakaart.store import open_db
from agendakaart.store.queries import load_persons, load_rows
from synthetic import populate

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("fig") / "f.db"
    conn = open_db(path)
    populate(conn, n=400, seed=3)
    conn.close()
    return path


def _figure(db, out, *args):
    result = CliRunner().invoke(main, ["figure", "--db", str(db), "--out", str(out), *args])
    assert result.exit_code == 0, result.output
    return out


def _group_text(root, gid: str) -> str:
    group = root.find(f".//{SVG}g[@id='{gid}']")
    assert group is not None, gid
    return " ".join(t.strip() for t in group.itertext() if t.strip())


@pytest.mark.parametrize("size", sorted(SIZES))
def test_svg_has_regions_source_and_size(db, tmp_path, size):
    out = _figure(db, tmp_path / "f.svg", "--size", size)
    root = ET.parse(out).getroot()
    width, height, _ = SIZES[size]
    assert float(root.get("width").removesuffix("pt")) == pytest.approx(width * 72, abs=0.1)
    assert float(root.get("height").removesuffix("pt")) == pytest.approx(height * 72, abs=0.1)
    ids = {g.get("id") for g in root.iter(f"{SVG}g")}
    regions = {i for i in ids if i and i.startswith("npvr-") and not i.startswith("npvr-onzeker")}
    assert len(regions) == 11 and "npvr-zuidoost-friesland" in regions
    assert len({i for i in ids if i and i.startswith("provincie-")}) == 12
    assert "grenzen en inwoners: CBS" in _group_text(root, "bron") and "rijksoverheid.nl" in _group_text(root, "bron")
    assert "NPVR-regio" in _group_text(root, "ondertitel")
    assert "n = 400 activiteiten" in _group_text(root, "aantallen")


def test_png_300_dpi_and_pdf_size(db, tmp_path):
    from PIL import Image

    png = _figure(db, tmp_path / "f.png", "--size", "kamerbrief")
    with Image.open(png) as im:
        w, h = SIZES["kamerbrief"][:2]
        assert im.size == (round(w * 300), round(h * 300))
    pdf = _figure(db, tmp_path / "f.pdf", "--size", "dia")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    box = [float(x) for x in re.search(rb"/MediaBox \[\s*([\d.\s]+)\]", data).group(1).split()]
    assert box[2:] == pytest.approx([SIZES["dia"][0] * 72, SIZES["dia"][1] * 72], abs=0.1)


def test_title_from_filters_and_hash_equals_flags(db, tmp_path):
    a = _figure(
        db,
        tmp_path / "a.svg",
        "--type",
        "werkbezoek",
        "--from",
        "2025-01-01",
        "--to",
        "2025-03-31",
        "--exclude-den-haag",
    )
    b = _figure(db, tmp_path / "b.svg", "--hash", "#t=werkbezoek&van=2025-01-01&tot=2025-03-31&dh=0")
    ra, rb = ET.parse(a).getroot(), ET.parse(b).getroot()
    title = _group_text(ra, "titel")
    assert title == "Werkbezoeken kabinet-Schoof, 1 januari 2025 – 31 maart 2025"
    assert _group_text(rb, "titel") == title
    assert _group_text(ra, "aantallen") == _group_text(rb, "aantallen")
    assert "zonder Den Haag" in _group_text(ra, "aantallen")
    conn = open_db(db)
    n = len(
        load_rows(
            conn,
            Filters(
                types=("werkbezoek",), date_from=date(2025, 1, 1), date_to=date(2025, 3, 31), exclude_den_haag=True
            ),
        )
    )
    conn.close()
    assert f"n = {n} activiteiten" in _group_text(ra, "aantallen")
    c = _figure(db, tmp_path / "c.svg", "--title", "Eigen titel <b>", "--measure", "inwoners")
    rc = ET.parse(c).getroot()
    assert _group_text(rc, "titel") == "Eigen titel <b>"
    assert "per 100.000 inwoners" in _group_text(rc, "legenda-regio")


def test_bad_type_is_a_clear_error(db, tmp_path):
    result = CliRunner().invoke(main, ["figure", "--db", str(db), "--out", str(tmp_path / "f.gif")])
    assert result.exit_code != 0 and "kies .png, .svg of .pdf" in result.output
    assert not (tmp_path / "f.gif").exists()


def test_default_title_helpers(db):
    conn = open_db(db)
    persons = load_persons(conn)
    rows = load_rows(conn)
    conn.close()
    slug_ = sorted(persons)[0]
    title = default_title(rows, Filters(persons=(slug_,)), persons)
    assert title.startswith(f"Activiteiten van {persons[slug_]['name']}, ")
    assert long_date(date(2024, 7, 2)) == "2 juli 2024"
    # a cabinet is in office until the next one is sworn in (kabinet-Jetten: 23 February 2026)
    assert cabinets_in(date(2024, 7, 2), date(2025, 2, 22)) == ["kabinet-Schoof"]
    assert cabinets_in(date(2026, 3, 2), date(2026, 10, 30)) == ["kabinet-Jetten"]
    assert cabinets_in(date(2026, 1, 1), date(2026, 3, 1)) == ["kabinet-Schoof", "kabinet-Jetten"]
    assert slug("Noord-Friesland (Noard-Fryslân)") == "noord-friesland-noard-fryslan"


def test_report_embeds_the_figure(db, tmp_path):
    conn = open_db(db)
    out = build_report(conn, tmp_path / "r.html")
    conn.close()
    text = out.read_text(encoding="utf-8")
    assert 'id="npvr-twente"' in text and "grenzen en inwoners: CBS" in text
    assert text.index('id="antwoord"') < text.index('id="npvr-twente"') < text.index("<h2>Totalen")
