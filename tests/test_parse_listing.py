"""Listing pages: item links whatever the markup, and every pagination style; the walk's stop rules."""

from datetime import date

from agendakaart.models import ListingPage, PageRef
from agendakaart.parse.listing import is_item_url, pagina_of, parse_listing, with_pagina
from agendakaart.sources.rijksoverheid import in_window, rebase, walk_listing

URL = "http://h/regering/bewindspersonen/x/agenda"


def _page(body: str, url: str = URL) -> ListingPage:
    return parse_listing(f"<html><body>{body}</body></html>", url)


def test_item_links_resolved_deduplicated_and_cleaned():
    page = _page("""<a href="/actueel/agenda/2024/07/05/a?utm=1#x">A</a>
        <a href="../../../actueel/agenda/2024/07/05/a/">A again</a>
        <a href="https://other/actueel/agenda/2024/07/06/b"><span>B</span></a>
        <a href="/actueel/agenda/2024/07/05/a/sub">not an item</a><a href="/actueel/agenda?pagina=2">2</a>
        <a href="/actueel/agenda/2024/7/5/kort">not an item</a><a href="mailto:x@y">mail</a>""")
    assert [(r.url, r.title, r.date) for r in page.items] == [
        ("http://h/actueel/agenda/2024/07/05/a", "A", date(2024, 7, 5)),
        ("https://other/actueel/agenda/2024/07/06/b", "B", date(2024, 7, 6)),
    ]


def test_next_by_rel_next_wins():
    page = _page('<link rel="next" href="?pagina=5"><a href="?pagina=2">Volgende</a>')
    assert page.next_url == URL + "?pagina=5"


def test_next_by_label_volgende_or_aria_label():
    assert (
        _page('<a href="?pagina=2">Vorige</a> <a href="/lijst?p=9">Volgende pagina</a>').next_url
        == "http://h/lijst?p=9"
    )
    assert _page('<a href="?pagina=3" aria-label="Volgende pagina">›</a>').next_url == URL + "?pagina=3"


def test_next_by_pagina_number():
    assert _page('<a href="?pagina=2">2</a><a href="?pagina=3">3</a>').next_url == URL + "?pagina=2"
    here = URL + "?pagina=2"
    assert _page('<a href="?pagina=1">1</a><a href="?pagina=3">3</a>', here).next_url == URL + "?pagina=3"
    assert _page('<a href="?pagina=1">1</a><a href="?pagina=2">2</a>', here).next_url is None
    # zero-based numbering: the first page without parameter is pagina 0
    assert _page('<a href="?pagina=0">1</a><a href="?pagina=1">2</a>').next_url == URL + "?pagina=1"
    assert _page('<a href="/elders?pagina=2">2</a>').next_url is None


def test_url_helpers():
    assert pagina_of(URL + "?a=1&pagina=4") == 4 and pagina_of(URL) is None
    assert with_pagina(URL + "?a=1&pagina=4", 5) == URL + "?a=1&pagina=5"
    assert is_item_url("http://h/actueel/agenda/2024/07/05/x") and not is_item_url("http://h/actueel/agenda")
    assert rebase("https://www.rijksoverheid.nl/a?b=1", "http://127.0.0.1:9") == "http://127.0.0.1:9/a?b=1"
    assert rebase("http://127.0.0.1:9/a", "http://127.0.0.1:9") == "http://127.0.0.1:9/a"
    assert rebase("https://example.org/a", "http://127.0.0.1:9") is None


def _refs(*days: str) -> tuple[PageRef, ...]:
    return tuple(
        PageRef(url=f"http://h/actueel/agenda/{d.replace('-', '/')}/i{n}", date=date.fromisoformat(d))
        for n, d in enumerate(days)
    )


def test_walk_stops_on_loop_no_new_links_cap_and_since():
    site = {"p1": ListingPage(_refs("2024-07-01"), "p2"), "p2": ListingPage(_refs("2024-06-01", "2024-06-02"), "p1")}
    assert [u for u, _ in walk_listing(site.get, "p1", cap=50)] == ["p1", "p2"]  # loop back to p1
    same = {
        "p1": ListingPage(_refs("2024-07-01"), "p2"),
        "p2": ListingPage(_refs("2024-07-01"), "p3"),
        "p3": ListingPage(_refs("2024-07-09"), None),
    }
    assert [u for u, _ in walk_listing(same.get, "p1", cap=50)] == ["p1", "p2"]  # p2 brings nothing new
    endless = {
        f"p{i}": ListingPage((PageRef(url=f"http://h/actueel/agenda/2024/07/01/i{i}"),), f"p{i + 1}")
        for i in range(1000)
    }
    assert len(list(walk_listing(endless.get, "p0", cap=7))) == 7
    dated = {
        "p1": ListingPage(_refs("2024-07-01"), "p2"),
        "p2": ListingPage(_refs("2024-05-01"), "p3"),
        "p3": ListingPage(_refs("2024-04-01"), None),
    }
    assert [u for u, _ in walk_listing(dated.get, "p1", cap=50, since=date(2024, 6, 1))] == ["p1", "p2"]
    assert [u for u, _ in walk_listing({"p1": None}.get, "p1", cap=5)] == []


def test_window_has_a_week_of_slack_for_rollups():
    since = date(2024, 6, 5)
    assert in_window(date(2024, 6, 3), since, None)  # Monday of the week holding the 5th
    assert not in_window(date(2024, 5, 29), since, None)
    assert not in_window(date(2024, 6, 3), None, date(2024, 6, 2))
    assert in_window(None, since, None)


def test_links_in_aside_header_footer_are_not_items():
    page = _page("""<header><a href="/actueel/agenda/2024/01/01/kop">kop</a></header><main>
        <a href="/actueel/agenda/2024/07/05/eigen">eigen</a><aside><a href="/actueel/agenda/2024/07/06/ander">ander</a>
        </aside></main><footer><a href="/actueel/agenda/2024/07/07/voet">voet</a></footer>""")
    assert [r.title for r in page.items] == ["eigen"]
