"""The map's view and `export --hash` are one filter: set every control in a real browser, read the hash and the
visible count the map writes, then give that hash to the export command and compare (issue 13 item 5)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from agendakaart.cli import main
from test_map_browser import CHROMIUM, _count, _open, page, site  # noqa: F401 - fixtures shared

pytestmark = pytest.mark.browser


def _export(db_path, tmp_path, *args: str) -> tuple[int, list[dict], str]:
    out = tmp_path / "sel.jsonl"
    result = CliRunner().invoke(
        main, ["export", "--db", str(db_path), "--format", "jsonl", "--out", str(out), "--force", *args]
    )
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()] if result.exit_code == 0 else []
    return result.exit_code, rows, result.output


def _db_path(conn):
    return conn.execute("PRAGMA database_list").fetchone()[2]


def _settle(page, action) -> None:
    before = page.evaluate("window.__kaart.updates")
    action()
    page.wait_for_function("n => window.__kaart.updates > n", arg=before)


def _check_agrees(page, conn, tmp_path) -> str:
    fragment = page.evaluate("location.hash")
    code, rows, output = _export(_db_path(conn), tmp_path, "--hash", fragment, "--located-only")
    assert code == 0, output
    assert len(rows) == _count(page), (fragment, output)
    return fragment


def test_every_control_gives_the_same_selection_as_export_hash(site, page, tmp_path):
    conn, url, _ = site
    _open(page, url)
    slugs = [r[0] for r in conn.execute("SELECT slug FROM persons ORDER BY slug LIMIT 4")]
    ministry = conn.execute("SELECT ministry FROM activities WHERE ministry IS NOT NULL LIMIT 1").fetchone()
    ministry = ministry[0] if ministry else conn.execute("SELECT ministry FROM persons LIMIT 1").fetchone()[0]
    word = conn.execute("SELECT title FROM activities ORDER BY id LIMIT 1 OFFSET 7").fetchone()[0].split()[0]
    steps = [
        ("persons", lambda: page.select_option("[data-testid=select-person]", slugs[:3])),
        ("type", lambda: page.select_option("[data-testid=select-type]", ["werkbezoek", "gesprek", "evenement"])),
        ("from", lambda: page.fill("[data-testid=date-from]", "2025-02-01")),
        ("to", lambda: page.fill("[data-testid=date-to]", "2025-11-30")),
        ("den haag", lambda: page.click("[data-testid=toggle-den-haag]")),
        ("abroad", lambda: page.select_option("[data-testid=select-abroad]", "exclude")),
        ("npvr", lambda: page.click("[data-testid=toggle-npvr]")),
    ]
    seen = []
    for name, action in steps:
        _settle(page, action)
        seen.append((name, _count(page), _check_agrees(page, conn, tmp_path)))
    assert seen[0][1] > 0 and any(c < seen[0][1] for _, c, _h in seen)

    _settle(page, lambda: page.click("[data-testid=reset]"))
    _settle(page, lambda: page.select_option("[data-testid=select-ministry]", [ministry]))
    assert _count(page) > 0
    _check_agrees(page, conn, tmp_path)
    _settle(page, lambda: page.select_option("[data-testid=select-abroad]", "only"))
    _check_agrees(page, conn, tmp_path)

    _settle(page, lambda: page.click("[data-testid=reset]"))
    _settle(page, lambda: page.fill("[data-testid=text]", word.upper()))
    assert 0 < _count(page) and "q=" in page.evaluate("location.hash")
    _check_agrees(page, conn, tmp_path)
    assert page.errors == []


def test_unknown_values_select_nothing_on_the_map_and_are_an_export_error(site, page, tmp_path):
    conn, url, _ = site
    _open(page, url, "#p=niemand-bekend&dh=0")
    assert _count(page) == 0
    code, _rows, output = _export(_db_path(conn), tmp_path, "--hash", "#p=niemand-bekend&dh=0")
    assert code == 1 and "niemand-bekend" in output and "Traceback" not in output


@pytest.mark.parametrize(
    "fragment,fragment_in_message",
    [
        ("#van=2025-13-45", "van="),
        ("#dh=ja", "dh="),
        ("#bl=misschien", "bl="),
        ("#t=feest", "feest"),
        ("#persoon=dick-schoof", "persoon"),
    ],
)
def test_invalid_hash_is_an_error(site, tmp_path, fragment, fragment_in_message):
    conn, _url, _ = site
    code, _rows, output = _export(_db_path(conn), tmp_path, "--hash", fragment)
    lines = [ln for ln in output.splitlines() if ln.strip()]
    assert code == 1 and len(lines) == 1 and lines[0].startswith("fout: --hash") and fragment_in_message in lines[0]
