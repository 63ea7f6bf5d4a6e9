"""The discovery routes' pure parsers: search API answers in their shapes, sitemaps (gzip, index, bombs)."""

from __future__ import annotations

import gzip
import json

import pytest

from agendakaart.errors import ParseError
from agendakaart.sources.search import agenda_values, parse_search_answer, result_ref
from agendakaart.sources.sitemap import parse_sitemap

BASE = "http://127.0.0.1:8000"


def test_search_ui_state_shape():
    answer = parse_search_answer(
        json.dumps(
            {
                "results": [
                    {
                        "url": {"raw": "/actueel/agenda/2026/03/02/x"},
                        "sort_date": {"raw": "2026-02-20T09:00:00Z"},
                        "_meta": {"id": "1"},
                    }
                ],
                "totalResults": 41,
                "facets": {
                    "information_type": [
                        {
                            "field": "information_type",
                            "type": "value",
                            "data": [{"value": "Nieuws", "count": 30}, {"value": "Agenda-item", "count": 11}],
                        }
                    ]
                },
            }
        )
    )
    assert answer.total == 41 and answer.results == [
        {"url": "/actueel/agenda/2026/03/02/x", "sort_date": "2026-02-20T09:00:00Z"}
    ]
    assert agenda_values(answer.facets) == ["Agenda-item"]


def test_app_search_raw_shape():
    answer = parse_search_answer(
        json.dumps(
            {
                "rawResponse": {
                    "rawResults": [{"url": {"raw": "https://www.rijksoverheid.nl/actueel/agenda/2026/03/02/y"}}],
                    "meta": {"page": {"total_results": 7}},
                    "facets": {"information_type": [{"type": "value", "data": [{"value": "agenda", "count": 7}]}]},
                }
            }
        )
    )
    assert answer.total == 7 and agenda_values(answer.facets) == ["agenda"]
    ref = result_ref(answer.results[0], BASE)
    assert ref.url == BASE + "/actueel/agenda/2026/03/02/y" and ref.route == "search"


@pytest.mark.parametrize(
    "text, why",
    [
        ("<html><body>Onderhoud</body></html>", "HTML"),
        ("{nee", "geen JSON"),
        ('{"hits": []}', "zonder resultatenlijst"),
        ("[1, 2]", "zonder resultatenlijst"),
    ],
)
def test_search_answers_that_are_no_answer(text, why):
    with pytest.raises(ParseError, match=why):
        parse_search_answer(text)


@pytest.mark.parametrize(
    "result, reason",
    [
        ({"page_title": "x"}, "resultaat zonder url"),
        ({"url": "https://elders.example.org/actueel/agenda/2026/03/02/x"}, "url buiten de site"),
        ({"url": "/actueel/nieuws/2026/03/02/x"}, "geen agenda-item-url"),
    ],
)
def test_results_without_a_usable_url_are_skipped_with_a_reason(result, reason):
    assert result_ref(result, BASE).startswith(reason)


def test_search_signal_follows_the_fields():
    a = result_ref({"url": "/actueel/agenda/2026/03/02/x", "activity_location_title": "Assen"}, BASE)
    b = result_ref({"url": "/actueel/agenda/2026/03/02/x", "activity_location_title": "Emmen"}, BASE)
    assert a.signal != b.signal and a.fields["activity_location_title"] == "Assen"


def test_sitemap_index_urlset_gzip_and_news():
    index = parse_sitemap(
        b'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b'<sitemap><loc>/sitemap/1.xml</loc><lastmod>2026-10-01</lastmod></sitemap></sitemapindex>',
        BASE + "/sitemap.xml",
    )
    assert index.kind == "index" and index.entries[0].loc == BASE + "/sitemap/1.xml"
    urlset = (
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>/actueel/agenda/2026/03/02/x</loc>'
        '<lastmod>2026-03-03T10:00:00+01:00</lastmod><news:news><news:publication_date>2026-02-27T08:00:00+01:00'
        '</news:publication_date></news:news></url></urlset>'
    ).encode()
    for body in (urlset, gzip.compress(urlset)):
        parsed = parse_sitemap(body, BASE + "/sitemap/2.xml.gz")
        assert parsed.kind == "urlset"
        assert parsed.entries[0].lastmod == "2026-03-03T10:00:00+01:00"
        assert parsed.entries[0].published == "2026-02-27T08:00:00+01:00"


@pytest.mark.parametrize(
    "body, why",
    [
        (b"<html><body>niet gevonden</body></html>", "geen sitemap"),
        (b"<urlset><url><loc>x</loc>", "onleesbaar"),
        (
            b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
            b"<urlset><url><loc>&lol2;</loc></url></urlset>",
            "onleesbaar",
        ),
        (b"\x1f\x8b\x08\x00kapot", "gzip"),
    ],
)
def test_bad_sitemaps_are_a_parse_error(body, why):
    with pytest.raises(ParseError, match=why):
        parse_sitemap(body, BASE + "/sitemap.xml")
