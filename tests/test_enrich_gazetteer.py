"""The gazetteer: coverage of gemeenten, aliases, merged gemeenten, NPVR codes, data files and the disk cache."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from agendakaart.enrich import gazetteer as gz
from agendakaart.enrich.official import parse_official_woonplaatsen, save_official
from agendakaart.errors import GazetteerError
from agendakaart.enrich.regions import data_path, load_npvr


@pytest.fixture(scope="session")
def gaz(tmp_path_factory):
    return gz.load_gazetteer(tmp_path_factory.mktemp("gazcache"))


def test_all_current_gemeenten_with_codes_and_points(gaz):
    assert len(gaz.gemeenten) == 342
    for code, g in gaz.gemeenten.items():
        assert re.fullmatch(r"GM\d{4}", code)
        assert g.lat is not None and 50.7 < g.lat < 53.6 and 3.3 < g.lon < 7.3, g
        assert g.province in {
            "Drenthe",
            "Flevoland",
            "Fryslân",
            "Gelderland",
            "Groningen",
            "Limburg",
            "Noord-Brabant",
            "Noord-Holland",
            "Overijssel",
            "Utrecht",
            "Zeeland",
            "Zuid-Holland",
        }


def test_every_npvr_row_matches_the_gazetteer_gemeente_of_that_name(gaz):
    table = load_npvr()
    rows = list(csv.DictReader(open(data_path("npvr_regions.csv"), encoding="utf-8")))
    assert len(rows) == 87
    for row in rows:
        gem = gaz.gemeente_by_name(row["gemeente"])
        assert gem is not None, row["gemeente"]
        assert gem.gm_code == row["gm_code"], (row["gemeente"], gem.gm_code, row["gm_code"])
        assert gem.province == row["province"]
        assert table.region_for(row["gm_code"], include_uncertain=True) == row["region"]


@pytest.mark.parametrize(
    "name,gm",
    [
        ("Den Haag", "GM0518"),
        ("'s-Gravenhage", "GM0518"),
        ("The Hague", "GM0518"),
        ("Den Bosch", "GM0796"),
        ("'s-Hertogenbosch", "GM0796"),
        ("Ljouwert", "GM0080"),
        ("Snits", "GM1900"),
        ("Loppersum", "GM1979"),
        ("Appingedam", "GM1979"),
        ("Delfzijl", "GM1979"),
        ("Ten Boer", "GM0014"),
        ("Hoogezand-Sappemeer", "GM1952"),
        ("Etten-Leur", "GM0777"),
        ("Noordwijk", "GM0575"),
        ("Zeerijp", "GM1979"),
        ("Westerwijtwerd", "GM1979"),
        ("De Lutte", "GM0168"),
        ("Ovezande", "GM0654"),
        ("Weesp", "GM0363"),
        ("Beemster", "GM0439"),
        ("Súdwest-Fryslân", "GM1900"),
        ("Sudwest Fryslan", "GM1900"),
        ("Almere", "GM0034"),
    ],
)
def test_names_reach_current_gemeente(gaz, name, gm):
    places = gaz.lookup(name)
    assert places, name
    assert gm in {p.gm_code for p in places}


def test_ambiguous_names_keep_all_candidates(gaz):
    assert {p.gm_code for p in gaz.lookup("Bergen") if p.country == "NL"} == {"GM0373", "GM0893"}
    assert {p.gm_code for p in gaz.lookup("Hengelo")} == {"GM0164", "GM1876"}
    assert {p.gm_code for p in gaz.lookup("Rijswijk")} >= {"GM0603", "GM1959"}


def test_abroad_has_dutch_names_with_iso_codes(gaz):
    for name, cc in [
        ("Brussel", "BE"),
        ("Luxemburg", "LU"),
        ("Straatsburg", "FR"),
        ("Kyiv", "UA"),
        ("Kiev", "UA"),
        ("Genève", "CH"),
        ("Washington", "US"),
        ("Aken", "DE"),
        ("Parijs", "FR"),
    ]:
        places = gaz.lookup(name)
        assert places and all(p.country == cc and p.lat is not None for p in places), name


def test_regions_and_provinces_have_centres_and_npvr(gaz):
    twente = gaz.lookup("Twente")[0]
    assert twente.kind == "regio" and twente.npvr_region == "Twente" and 52.1 < twente.lat < 52.5
    parkstad = gaz.lookup("Parkstad")[0]
    assert parkstad.npvr_region == "Zuid-Limburg" and "GM0917" in parkstad.members
    zeeland = [p for p in gaz.lookup("Zeeland") if p.kind == "provincie"][0]
    assert zeeland.province == "Zeeland" and 51.2 < zeeland.lat < 51.8
    npvr_names = set(load_npvr().regions)
    for place in gaz.places:
        if place.npvr_region:
            assert place.npvr_region in npvr_names, place


def test_data_files_only_name_known_gemeenten(gaz):
    for name in ("places_extra.csv", "venues.csv", "aliases.csv"):
        text = data_path(name).read_text(encoding="utf-8")
        for code in re.findall(r"\bGM\d{4}\b", text):
            assert code in gaz.gemeenten, (name, code)


def test_cache_roundtrip_and_unwritable_dir(tmp_path, gaz, monkeypatch):
    builds = []
    monkeypatch.setattr(gz, "build_gazetteer", lambda **_: builds.append(1) or gaz)
    first = gz.load_gazetteer(tmp_path)
    files = list(tmp_path.glob("gazetteer-*.pickle"))
    assert len(files) == 1 and first.key in files[0].name
    second = gz.load_gazetteer(tmp_path)
    assert second is not first and builds == [1]  # read from the pickle, not rebuilt
    assert second.names == first.names and len(second.places) == len(first.places)
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    in_memory = gz.load_gazetteer(blocker / "sub")  # cannot create a dir under a file
    assert len(in_memory.names) == len(first.names) and builds == [1, 1]


def test_corrupt_cache_is_rebuilt(tmp_path, gaz, monkeypatch):
    monkeypatch.setattr(gz, "build_gazetteer", lambda **_: gaz)
    path = tmp_path / f"gazetteer-{gz.cache_key(tmp_path)}.pickle"
    path.write_bytes(b"not a pickle")
    assert len(gz.load_gazetteer(tmp_path).gemeenten) == 342
    assert path.read_bytes()[:1] == b"\x80"  # rewritten as a real pickle


FIXTURE = Path(__file__).parent / "fixtures" / "enrich" / "woonplaatsen_cbs_sample.csv"


def test_parse_official_list_in_cbs_layout():
    pairs = parse_official_woonplaatsen(FIXTURE.read_text(encoding="utf-8"))
    assert pairs[0] == ("Ganzedijk", "GM1895") and ("Wirdum", "GM1979") in pairs and len(pairs) == 9
    assert parse_official_woonplaatsen("woonplaats,gemeentecode\nZeerijp,1979\n") == [("Zeerijp", "GM1979")]
    with pytest.raises(GazetteerError):
        parse_official_woonplaatsen("a;b\nx;y\n")


def test_official_list_extends_the_gazetteer(tmp_path, gaz, monkeypatch):
    real_build = gz.build_gazetteer
    monkeypatch.setattr(gz, "build_gazetteer", lambda **kw: real_build(npvr=gaz.npvr, **kw))
    assert {p.gm_code for p in gaz.lookup("Wirdum")} == {"GM0080"}  # Wirdum (Eemsdelta) is not in the data files
    save_official(parse_official_woonplaatsen(FIXTURE.read_text(encoding="utf-8")), tmp_path)
    extended = gz.load_gazetteer(tmp_path)
    assert extended.key != gaz.key
    wirdum = [p for p in extended.lookup("Wirdum") if p.gm_code == "GM1979"]
    assert [(p.kind, p.province) for p in wirdum] == [("woonplaats", "Groningen")]
    assert wirdum[0].lat == extended.gemeenten["GM1979"].lat  # placed at the gemeente's point
    assert {p.gm_code for p in extended.lookup("Wirdum")} == {"GM0080", "GM1979"}
    ganzedijk = extended.lookup("Ganzedijk")  # in places_extra.csv with its own point: not added again
    assert len(ganzedijk) == 1 and ganzedijk[0].lat != extended.gemeenten["GM1895"].lat
    assert len([p for p in extended.lookup("Leiden") if p.kind == "woonplaats"]) == 1  # no duplicate
    assert not [p for p in extended.lookup("Een") if p.kind == "woonplaats"]  # still a word


def test_gazetteer_fetch_command_over_http(tmp_path):
    import http.server
    import threading

    from click.testing import CliRunner

    from agendakaart.cli import main

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(FIXTURE.parent), **kwargs)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/{FIXTURE.name}"
        result = CliRunner().invoke(main, ["gazetteer", "fetch", "--url", url, "--cache-dir", str(tmp_path)])
    finally:
        server.shutdown()
    assert result.exit_code == 0, result.output
    assert "9 woonplaatsen gelezen" in result.output
    assert (tmp_path / "woonplaatsen_official.csv").read_text(encoding="utf-8").startswith("name,gm_code")
    result = CliRunner().invoke(main, ["gazetteer", "fetch", "--cache-dir", str(tmp_path)])
    assert result.exit_code != 0
