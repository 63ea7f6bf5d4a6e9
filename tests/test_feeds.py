"""Feeds: Atom 1.0 that a feed parser reads back with every required element, ICS that icalendar reads with
Europe/Amsterdam times, stable ids so an edit is an update and a re-run adds no entry, the export filters."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import feedparser
import pytest
from click.testing import CliRunner
from icalendar import Calendar
from lxml import etree

from agendakaart.cli import main
from agendakaart.outputs.feeds import tag_uri
from agendakaart.pipeline.feeds import feed_items, write_feed
from agendakaart.store import open_db
from agendakaart.store.signals import mark_removed
from history_helpers import GONE, MAY, TALK, VISIT, act, crawl_one, crawl_two, store_page

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def db(db_path):
    conn = open_db(db_path)
    yield conn
    conn.close()


def _atom(path):
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def _required_elements(path):
    """RFC 4287: a feed has one id, title, updated (and an author); every entry one id, title, updated and content
    or an alternate link. Checked on the XML itself, not only through the parser's forgiving view."""
    root = etree.fromstring(path.read_bytes())
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated"):
        assert len(root.findall(f"{ATOM}{tag}")) == 1, tag
    assert root.find(f"{ATOM}author/{ATOM}name") is not None
    for entry in root.findall(f"{ATOM}entry"):
        for tag in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{tag}")) == 1, tag
        assert entry.find(f"{ATOM}content") is not None
        links = [ln for ln in entry.findall(f"{ATOM}link") if ln.get("rel", "alternate") == "alternate"]
        assert links and links[0].get("href", "").startswith("https://")  # no rel means alternate (RFC 4287)
        datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
    return root


def test_atom_is_valid_and_an_edit_is_an_update_not_a_duplicate(db, tmp_path):
    first = crawl_one(db)
    out = tmp_path / "f.atom"
    assert write_feed(db, out, fmt="atom") == 6
    before = _atom(out)
    _required_elements(out)
    ids_before = sorted(e.id for e in before.entries)
    assert ids_before == sorted(tag_uri(a.id) for a in first.values())
    crawl_two(db, first)
    write_feed(db, out, fmt="atom")
    after = _atom(out)
    _required_elements(out)
    assert sorted(e.id for e in after.entries) == ids_before  # same ids: edits and the vanished line
    edited = next(e for e in after.entries if e.id == tag_uri(first["line1"].id))
    assert edited.title.startswith("Gewijzigd: Gesprek met de burgemeester en wethouders van Zwolle")
    assert "begintijd: '14:00' → '15:30'" in edited.content[0].value
    assert edited.link == first["line1"].page_url
    gone = next(e for e in after.entries if e.id == tag_uri(first["line2"].id))
    assert gone.title.startswith("Van de agenda verdwenen:")
    mark_removed(db, GONE, "HTTP 404")
    write_feed(db, out, fmt="atom")
    after = _atom(out)
    assert sorted(e.id for e in after.entries) == ids_before
    removed = next(e for e in after.entries if e.id == tag_uri(first["gone"].id))
    assert removed.title.startswith("Van de site verwijderd: Bezoek aan Venlo")
    assert removed.updated == max(e.updated for e in after.entries)  # the removal is its newest change
    cancelled = next(e for e in after.entries if e.id == tag_uri(first["talk"].id))
    assert cancelled.title.startswith("Geannuleerd:") and "Waar: Emmen" in cancelled.content[0].value
    # a re-run without changes writes the same file
    text = out.read_bytes()
    write_feed(db, out, fmt="atom")
    assert out.read_bytes() == text


def test_ics_parses_with_amsterdam_times_and_stable_uids(db, tmp_path):
    first = crawl_one(db)
    crawl_two(db, first)
    out = tmp_path / "f.ics"
    write_feed(db, out, fmt="ics")
    cal = Calendar.from_ical(out.read_bytes())
    events = {str(ev["uid"]).split("@")[0]: ev for ev in cal.walk("VEVENT")}
    assert set(events) == {a.id for a in first.values()}
    assert [tz["tzid"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    visit = events[first["visit"].id]
    start = visit.decoded("dtstart")
    assert start == datetime(2024, 5, 21, 11, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    assert start.utcoffset() == timedelta(hours=2)  # summer time
    assert "TZID=Europe/Amsterdam" in out.read_text() and str(visit["status"]) == "CONFIRMED"
    edited = events[first["line1"].id]
    assert edited.decoded("dtstart").hour == 15 and int(edited["sequence"]) == 1
    assert str(events[first["talk"].id]["status"]) == "CANCELLED"
    assert str(events[first["line2"].id]["status"]) == "CANCELLED"
    allday = act(f"{VISIT}-dag", date(2024, 12, 2), 0, "Werkbezoek aan Heerlen", None, "Heerlen")
    store_page(db, allday.page_url, allday.date, [allday])
    write_feed(db, out, fmt="ics")
    again = Calendar.from_ical(out.read_bytes())
    uids = [str(ev["uid"]) for ev in again.walk("VEVENT")]
    assert len(uids) == len(set(uids)) == 7  # a re-run: one more event, no duplicate
    day_event = next(ev for ev in again.walk("VEVENT") if str(ev["uid"]).startswith(allday.id))
    assert day_event.decoded("dtstart") == date(2024, 12, 2)
    assert day_event.decoded("dtend") == date(2024, 12, 3)


def test_feed_filters_and_cli(db_path, tmp_path):
    conn = open_db(db_path)
    crawl_one(conn)
    other = act(f"{TALK}-ander", MAY[24], 0, "Toespraak bij een congres", "20:00", "Utrecht", persons=("dick-schoof",))
    store_page(conn, other.page_url, other.date, [other])
    mark_removed(conn, GONE, "HTTP 404")
    assert [i.uid for i in feed_items(conn, since=date(2999, 1, 1))] == []
    conn.close()
    runner = CliRunner()
    out = tmp_path / "p.atom"
    res = runner.invoke(
        main, ["feed", "--db", str(db_path), "--format", "atom", "--out", str(out), "--hash", "#p=dick-schoof"]
    )
    assert res.exit_code == 0, res.output
    assert [e.id for e in _atom(out).entries] == [tag_uri(other.id)]
    res = runner.invoke(
        main,
        [
            "feed",
            "--db",
            str(db_path),
            "--format",
            "ics",
            "--out",
            str(tmp_path / "m.ics"),
            "--person",
            "mark-rutte",
            "--limit",
            "2",
        ],
    )
    assert res.exit_code == 0, res.output
    assert len(Calendar.from_ical((tmp_path / "m.ics").read_bytes()).walk("VEVENT")) == 2
    res = runner.invoke(main, ["feed", "--db", str(db_path), "--format", "rss", "--out", str(out)])
    assert res.exit_code != 0 and "rss" in res.output


def test_run_feed_holds_exactly_the_npvr_activities(db, tmp_path):
    from synthetic import populate

    from agendakaart.pipeline.run import write_npvr_feed
    from agendakaart.store.queries import load_rows

    populate(db, n=200, seed=3)
    out = tmp_path / "npvr.atom"
    write_npvr_feed(db, out)
    expected = {tag_uri(r["id"]) for r in load_rows(db) if r["npvr_region"]}
    got = [e.id for e in _atom(out).entries]
    assert expected and sorted(got) == sorted(expected)
    assert all("NPVR-regio" in e.content[0].value for e in _atom(out).entries)
