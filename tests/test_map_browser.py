"""The map in a real browser (Playwright + Debian's Chromium), from file:// with every network request blocked."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dataclasses import replace
from datetime import date

from agendakaart.outputs.filters import Filters, filters_from_hash
from agendakaart.pipeline.outputs import build_map
from agendakaart.store import open_db
from agendakaart.store.queries import load_rows
from synthetic import HOSTILE_TITLE, populate

pytestmark = pytest.mark.browser
CHROMIUM = next(
    (
        p
        for p in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser"))
        if p and Path(p).exists()
    ),
    None,
)
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
JOIN = "FROM activities a JOIN current_enrichments e ON e.activity_id = a.id WHERE e.lat IS NOT NULL"
PERSON = "EXISTS (SELECT 1 FROM json_each(a.persons) WHERE value = ?)"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    if CHROMIUM is None:
        pytest.skip("no Chromium binary found (/usr/bin/chromium or chromium on PATH): browser tests skipped")
    sync_api = pytest.importorskip("playwright.sync_api")
    path = tmp_path_factory.mktemp("kaart") / "t.db"
    conn = open_db(path)
    populate(conn, n=600, seed=21)
    out = build_map(conn, path.with_name("kaart.html"))
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield conn, out.resolve().as_uri(), browser
        browser.close()
    conn.close()


@pytest.fixture
def page(site):
    conn, url, browser = site
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    pg.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
    pg.on(
        "console",
        lambda msg: (
            errors.append(f"console: {msg.text} {msg.location}")
            if msg.type == "error" and not _blocked_tile(msg)
            else None
        ),
    )
    pg.errors = errors
    yield pg
    context.close()


def _blocked_tile(msg) -> bool:
    """Tile requests fail on purpose (network blocked); that is the only console error allowed."""
    return "tile.openstreetmap.org" in (msg.location or {}).get("url", "")


def _open(page, url: str, fragment: str = "") -> None:
    page.goto(url + fragment)
    page.wait_for_function("window.__kaart && window.__kaart.ready", timeout=30_000)


def _count(page, testid: str = "count-visible") -> int:
    return int(page.get_attribute(f"[data-testid={testid}]", "data-value"))


def _one(conn, sql: str, params=()) -> int:
    return conn.execute(sql, params).fetchone()[0]


def test_renders_markers_and_counts(site, page):
    conn, url, _ = site
    _open(page, url)
    assert page.locator(".kaart-marker").count() > 0
    assert page.evaluate("window.__kaart.markers") == page.locator(".kaart-marker").count()
    assert _count(page) == _one(conn, f"SELECT COUNT(*) {JOIN}")
    assert _count(page, "count-den-haag") == _one(conn, f"SELECT COUNT(*) {JOIN} AND e.is_den_haag = 1")
    assert _count(page, "count-npvr") == _one(conn, f"SELECT COUNT(*) {JOIN} AND e.npvr_region IS NOT NULL")
    assert _count(page, "count-unlocated") == _one(
        conn,
        "SELECT COUNT(*) FROM activities a LEFT JOIN current_enrichments e ON e.activity_id = a.id WHERE e.lat IS NULL",
    )
    assert page.locator("[data-testid=npvr-table] tbody tr").count() == 11
    # the list holds the activities on the map and those without a location ("locatie onbekend")
    assert page.locator("[data-testid=activity-list] tbody tr").count() == min(
        50, _count(page) + _count(page, "count-unlocated")
    )
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "kaart.png"), full_page=True)
    assert page.errors == []


def test_toggle_den_haag_lowers_by_den_haag_count(site, page):
    conn, url, _ = site
    _open(page, url)
    before = _count(page)
    page.click("[data-testid=toggle-den-haag]")
    assert _count(page) == before - _one(conn, f"SELECT COUNT(*) {JOIN} AND e.is_den_haag = 1")
    assert _count(page, "count-den-haag") == 0
    assert "dh=0" in page.evaluate("location.hash")
    page.keyboard.press("Shift+Tab")
    page.focus("[data-testid=toggle-den-haag]")
    page.keyboard.press("Space")  # keyboard operable: back to all
    assert _count(page) == before
    assert page.errors == []


def test_one_person_and_type(site, page):
    conn, url, _ = site
    _open(page, url)
    slug = conn.execute("SELECT slug FROM persons ORDER BY slug LIMIT 1 OFFSET 2").fetchone()[0]
    page.select_option("[data-testid=select-person]", [slug])
    assert _count(page) == _one(conn, f"SELECT COUNT(*) {JOIN} AND {PERSON}", (slug,)) > 0
    page.select_option("[data-testid=select-type]", ["gesprek"])
    assert _count(page) == _one(conn, f"SELECT COUNT(*) {JOIN} AND {PERSON} AND e.activity_type = 'gesprek'", (slug,))
    page.click("[data-testid=toggle-npvr]")
    assert _count(page) == _one(
        conn,
        f"SELECT COUNT(*) {JOIN} AND {PERSON} AND e.activity_type = 'gesprek' AND e.npvr_region IS NOT NULL",
        (slug,),
    )
    page.select_option("[data-testid=select-abroad]", "only")
    assert _count(page) == _one(
        conn,
        f"SELECT COUNT(*) {JOIN} AND {PERSON} AND e.activity_type = 'gesprek' "
        "AND e.npvr_region IS NOT NULL AND e.is_abroad = 1",
        (slug,),
    )
    assert page.errors == []


def test_hash_restores_view(site, page):
    conn, url, _ = site
    slug = conn.execute("SELECT slug FROM persons ORDER BY slug LIMIT 1").fetchone()[0]
    flt = Filters(persons=(slug,), exclude_den_haag=True, date_from=date(2025, 4, 1))
    _open(page, url, flt.to_hash())
    want = _one(conn, f"SELECT COUNT(*) {JOIN} AND {PERSON} AND e.is_den_haag = 0 AND a.date >= '2025-04-01'", (slug,))
    assert _count(page) == want > 0
    assert page.is_checked("[data-testid=toggle-den-haag]")
    assert page.input_value("[data-testid=date-from]") == "2025-04-01"
    assert page.eval_on_selector(
        "[data-testid=select-person]", "s => Array.from(s.selectedOptions).map(o => o.value)"
    ) == [slug]
    # the page writes the same filter hash back (plus its map view), which the export CLI reads
    assert page.evaluate("location.hash").startswith(flt.to_hash())
    assert page.errors == []


def test_hostile_title_is_text(site, page):
    conn, url, _ = site
    who, day = conn.execute(
        "SELECT json_extract(persons, '$[0]'), date FROM activities WHERE id = 'act000001'"
    ).fetchone()
    _open(page, url, f"#p={who}&van={day}&tot={day}")
    row = page.locator("[data-testid=activity-list] tbody tr", has_text="window.__pwned=1")
    assert row.count() == 1
    assert HOSTILE_TITLE in row.inner_text()
    assert page.evaluate("window.__pwned === undefined")
    assert page.locator("[data-testid=activity-list] img").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    links = page.eval_on_selector_all("[data-testid=activity-list] a", "as => as.map(a => a.href)")
    assert links and all(h.startswith("https://") for h in links)
    row.locator("button.naar").click()  # zooms the map to its place; its marker opens a popup with the title
    page.locator(".kaart-marker").first.click()
    assert HOSTILE_TITLE in page.locator(".leaflet-popup-content").inner_text()
    assert page.evaluate("window.__pwned === undefined")
    assert page.errors == []


def test_sort_and_page_list(site, page):
    conn, url, _ = site
    _open(page, url)
    first = page.locator("[data-testid=activity-list] tbody tr td.datum").first.inner_text()
    page.click("button[data-sort=date]")
    assert page.locator("[data-testid=activity-list] tbody tr td.datum").first.inner_text() != first
    assert "sort=date-op" in page.evaluate("location.hash")
    page.click("#l-next")
    assert "pagina 2" in page.inner_text("#l-info")
    assert page.errors == []


def test_map_and_export_agree(site, page):
    """The hash the map writes, given to the export filters (+ located_only), selects exactly the visible rows."""
    conn, url, _ = site
    slugs = [r[0] for r in conn.execute("SELECT slug FROM persons ORDER BY slug LIMIT 3")]
    ministry = conn.execute("SELECT ministry FROM persons ORDER BY slug LIMIT 1").fetchone()[0]
    cases = [
        Filters(persons=tuple(slugs[:2]), types=("werkbezoek", "gesprek"), abroad="exclude"),
        Filters(ministries=(ministry,), only_npvr=True, date_to=date(2025, 12, 31)),
        Filters(date_from=date(2025, 6, 1), date_to=date(2025, 9, 30), exclude_den_haag=True, abroad="only"),
        Filters(types=("parlement",), exclude_den_haag=True),
    ]
    _open(page, url)
    for flt in cases:
        before = page.evaluate("window.__kaart.updates")
        page.evaluate("h => { location.hash = h; }", flt.to_hash())
        page.wait_for_function("n => window.__kaart.updates > n", arg=before)
        written = filters_from_hash(page.evaluate("location.hash"))
        assert written == flt
        assert _count(page) == len(load_rows(conn, replace(written, located_only=True))), flt
        assert _count(page, "count-unlocated") == sum(
            1
            for r in load_rows(conn, replace(flt, exclude_den_haag=False, only_npvr=False, abroad="include"))
            if r["lat"] is None
        )
    assert page.errors == []


def test_empty_database_map(tmp_path, site, page):
    conn = open_db(tmp_path / "empty.db")
    out = build_map(conn, tmp_path / "leeg.html")
    conn.close()
    _open(page, out.resolve().as_uri())
    assert _count(page) == 0 and page.locator(".kaart-marker").count() == 0
    assert "geen activiteiten" in page.inner_text("#l-info")
    assert page.errors == []


def test_keyboard_opens_place_popup(site, page):
    conn, url, _ = site
    _open(page, url, "#kaart=13/52.08/4.31")  # Den Haag close up, beyond the cluster zoom: single places
    place = page.locator(".kaart-marker:not([aria-label*=inzoomen])").first
    place.focus()
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup-content")
    label = place.get_attribute("aria-label")
    assert popup.locator("h3").inner_text() == label.rsplit(":", 1)[0]
    shown = int(label.rsplit(":", 1)[1].split()[0].replace(".", ""))
    assert popup.locator("li").count() == min(25, shown)
    assert page.errors == []


def test_legend_toggles_type_and_person_search(site, page):
    conn, url, _ = site
    _open(page, url)
    page.click(".legenda-item[data-type=toespraak]")
    assert _count(page) == _one(conn, f"SELECT COUNT(*) {JOIN} AND e.activity_type = 'toespraak'")
    assert page.get_attribute(".legenda-item[data-type=toespraak]", "aria-pressed") == "true"
    assert page.eval_on_selector(
        "[data-testid=select-type]", "s => Array.from(s.selectedOptions).map(o => o.value)"
    ) == ["toespraak"]
    page.click(".legenda-item[data-type=toespraak]")
    assert _count(page) == _one(conn, f"SELECT COUNT(*) {JOIN}")
    name = conn.execute("SELECT name FROM persons ORDER BY name LIMIT 1").fetchone()[0]
    page.fill("#p-zoek", name.split()[-1].lower())
    visible = page.eval_on_selector(
        "[data-testid=select-person]", "s => Array.from(s.options).filter(o => !o.hidden).map(o => o.textContent)"
    )
    assert any(v.startswith(name + " (") for v in visible)
    assert len(visible) < conn.execute("SELECT COUNT(*) FROM persons").fetchone()[0]
    assert page.errors == []
