"""The map's boundaries in a real browser: NPVR outlines from CBS gemeenten, the choropleth, the abroad panel, the
headline and the "locatie onbekend" rows of the list (same set-up as test_map_browser: file://, network blocked)."""

from __future__ import annotations

from collections import Counter

import pytest

from agendakaart.enrich.boundaries import load_boundaries, npvr_inwoners
from agendakaart.outputs.map_geo import country_names, geo_payload
from agendakaart.outputs.regions import npvr_members
from test_map_browser import JOIN, _count, _one, _open, page, site  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser


def _changed(page, action) -> None:
    before = page.evaluate("window.__kaart.updates")
    action()
    page.wait_for_function("n => window.__kaart.updates > n", arg=before)


def test_npvr_outlines_and_offline_base(site, page):
    _open(page, site[1])
    # 11 region outlines (SVG paths in the overlay pane) plus the dashed uncertain members of 4 regions
    paths = page.locator(".leaflet-overlay-pane path")
    assert paths.count() == 11 + 4
    assert page.locator(".leaflet-overlay-pane path[stroke-dasharray]").count() == 4
    assert page.locator(".leaflet-basis-pane canvas").count() == 1  # provinces and country, drawn offline
    assert "CBS" in page.inner_text(".leaflet-control-attribution")
    assert page.errors == []


def test_choropleth_per_gemeente_and_region(site, page):
    conn, url, _ = site
    _open(page, url)
    codes = geo_payload(sorted(npvr_members()))["codes"]
    b = load_boundaries()
    want = Counter(r[0] for r in conn.execute(f"SELECT e.gm_code {JOIN} AND e.gm_code IS NOT NULL"))
    _changed(page, lambda: page.select_option("[data-testid=select-layer]", "gemeente"))
    areas = page.evaluate("window.__kaart.areas")
    assert areas["layer"] == "gemeente" and areas["values"] == [want.get(c, 0) for c in codes]
    assert page.is_visible("[data-testid=choropleth-legend]")
    assert int(page.get_attribute("[data-testid=choropleth-legend]", "data-classes")) >= 3
    assert page.locator(".kaart-marker").count() == 0 or not page.is_visible(".kaart-marker >> nth=0")
    _changed(page, lambda: page.select_option("[data-testid=select-measure]", "inwoners"))
    values = page.evaluate("window.__kaart.areas.values")
    for k, c in enumerate(codes):
        assert values[k] == pytest.approx(want.get(c, 0) * 1e5 / b.inwoners[c])
    assert "laag=gemeente" in page.evaluate("location.hash") and "maat=inwoners" in page.evaluate("location.hash")
    # a filter change recolours: without Den Haag, 's-Gravenhage has 0
    _changed(page, lambda: page.click("[data-testid=toggle-den-haag]"))
    assert page.evaluate("window.__kaart.areas.values")[codes.index("GM0518")] == 0
    # per NPVR region, per 100,000 inwoners of the region's (established) gemeenten
    _changed(page, lambda: page.select_option("[data-testid=select-layer]", "regio"))
    regions = page.evaluate("window.__kaart.areas")
    inw = npvr_inwoners(b)
    names = sorted(npvr_members())
    per_region = Counter(r[0] for r in conn.execute(f"SELECT e.npvr_region {JOIN} AND e.npvr_region IS NOT NULL"))
    assert regions["values"] == pytest.approx([per_region.get(r, 0) * 1e5 / inw[r] for r in names])
    fills = page.eval_on_selector_all(
        ".leaflet-overlay-pane path:not([stroke-dasharray])", "ps => ps.map(p => p.getAttribute('fill'))"
    )
    assert len(set(fills)) >= 3  # shaded by class, not the one outline colour
    # the view survives a reload through the hash
    page.reload()
    page.wait_for_function("window.__kaart && window.__kaart.ready")
    assert page.input_value("[data-testid=select-layer]") == "regio"
    assert page.input_value("[data-testid=select-measure]") == "inwoners"
    assert page.is_checked("[data-testid=toggle-den-haag]")
    assert page.errors == []


def test_abroad_panel_by_country(site, page):
    conn, url, _ = site
    _open(page, url)
    names = country_names()
    want = Counter(names.get(c, c) for (c,) in conn.execute(f"SELECT e.country {JOIN} AND e.is_abroad = 1"))
    rows = page.locator("[data-testid=abroad-panel] tbody tr")
    got = {
        rows.nth(k).get_attribute("data-country"): int(rows.nth(k).locator("td.num").inner_text().replace(".", ""))
        for k in range(rows.count())
    }
    assert got == dict(want) and "België" in got
    assert _count(page, "count-abroad-panel") == _count(page, "count-abroad") == sum(want.values())
    _changed(page, lambda: page.select_option("[data-testid=select-abroad]", "exclude"))
    assert rows.count() == 0 and _count(page, "count-abroad-panel") == 0
    assert page.errors == []


def test_headline_and_unknown_rows(site, page):
    conn, url, _ = site
    _open(page, url)
    head = page.locator("[data-testid=npvr-headline]")
    y = _one(conn, f"SELECT COUNT(*) {JOIN} AND e.is_den_haag = 0 AND e.is_abroad = 0")
    x = _one(conn, f"SELECT COUNT(*) {JOIN} AND e.npvr_region IS NOT NULL")
    assert int(head.get_attribute("data-x")) == x and int(head.get_attribute("data-y")) == y
    assert f"{x} van de {y} activiteiten elders in Nederland" in head.inner_text()
    assert "Niet in de noemer: Den Haag" in head.inner_text()
    unknown = _count(page, "count-unlocated")
    assert unknown > 0
    _changed(page, lambda: page.select_option("[data-testid=select-unknown]", "alleen"))
    rows = page.locator("[data-testid=activity-list] tbody tr")
    assert rows.count() == min(50, unknown)
    assert rows.locator(".onbekend").count() == rows.count()
    assert f"({unknown} activiteiten, waarvan {unknown} met locatie onbekend)" in page.inner_text("#l-info")
    assert "lo=alleen" in page.evaluate("location.hash")
    _changed(page, lambda: page.select_option("[data-testid=select-unknown]", "verbergen"))
    assert rows.locator(".onbekend").count() == 0 and rows.count() == min(50, _count(page))
    assert page.errors == []
