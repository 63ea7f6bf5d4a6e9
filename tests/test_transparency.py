"""Transparency: publication delay from each date source, a crawl sequence with an edit, a cancellation, a vanished
line and a removed page gives the right counts, completeness equals a count made from the JSONL export."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from datetime import date

import pytest
from click.testing import CliRunner

from agendakaart.cli import main
from agendakaart.outputs.report import has_counterpart, has_subject
from agendakaart.outputs.transparency import delay_class, local_day, summarize, total
from agendakaart.outputs.transparency_tables import figures_rows
from agendakaart.pipeline.outputs import export
from agendakaart.pipeline.transparency import load_entries
from agendakaart.store import open_db, transaction
from agendakaart.store.runs import start_run
from agendakaart.store.signals import mark_removed
from history_helpers import GONE, ROLLUP, TALK, VISIT, act, crawl_one, crawl_two, store_page
from synthetic import populate


def _signal(conn, url, route, published_at):
    conn.execute(
        "INSERT INTO item_signals (url, route, published_at, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)",
        (url, route, published_at, "2024-05-01T00:00:00+00:00", "2024-05-01T00:00:00+00:00"),
    )


def _by_url(entries):
    return {e["url"]: e for e in entries if e["status"] != "verdwenen"}


@pytest.mark.parametrize(
    "instant, day",
    [
        ("2024-05-20T23:30:00Z", date(2024, 5, 21)),  # after 22:00 UTC in summer: the next Dutch day
        ("2024-05-21T10:00:00+02:00", date(2024, 5, 21)),
        ("2024-05-21", date(2024, 5, 21)),
        ("Tue, 21 May 2024 01:30:00 +0200", date(2024, 5, 21)),
        ("Mon, 20 May 2024 23:30:00 GMT", date(2024, 5, 21)),
        ("gisteren", None),
        ("", None),
        (None, None),
    ],
)
def test_local_day_reads_each_format(instant, day):
    assert local_day(instant) == day


def test_delay_from_each_date_source(store):
    crawl_one(store)
    _signal(store, VISIT, "search", "2024-05-19T09:00:00Z")  # 2 days before the 21st
    _signal(store, TALK, "sitemap", "2024-05-22")  # on the day (the 22nd)
    _signal(store, GONE, "rss", "Fri, 31 May 2024 08:00:00 +0200")  # 8 days after the 23rd
    _signal(store, ROLLUP, "sitemap", "2024-05-24T12:00:00+02:00")  # lines of the 20th, 21st, 22nd
    _signal(store, ROLLUP, "rss", "Sat, 25 May 2024 12:00:00 +0200")  # sitemap is preferred over RSS
    entries = _by_url(load_entries(store))
    assert (entries[VISIT]["published_source"], entries[VISIT]["publication_days"]) == ("search", -2)
    assert (entries[TALK]["published_source"], entries[TALK]["publication_days"]) == ("sitemap", 0)
    assert (entries[GONE]["published_source"], entries[GONE]["publication_days"]) == ("rss", 8)
    lines = sorted(
        (e["date"], e["publication_days"], e["published_source"]) for e in load_entries(store) if e["url"] == ROLLUP
    )
    assert lines == [("2024-05-20", 4, "sitemap"), ("2024-05-21", 3, "sitemap"), ("2024-05-22", 2, "sitemap")]
    stats = summarize(load_entries(store), "ministerie")["Algemene Zaken"]
    assert sorted(stats.pub_days) == [-2, 0, 2, 3, 4, 8] and stats.median("publicatie") == 2.5
    assert stats.pub_class == Counter({"vooraf": 1, "op de dag": 1, "binnen een week": 3, "later": 1})


def test_search_date_wins_over_sitemap_and_rss(store):
    crawl_one(store)
    _signal(store, VISIT, "rss", "Wed, 29 May 2024 08:00:00 +0200")
    _signal(store, VISIT, "sitemap", "2024-05-25")
    _signal(store, VISIT, "search", "2024-05-21T08:00:00+02:00")
    e = _by_url(load_entries(store))[VISIT]
    assert (e["published_source"], e["publication_days"], e["publication_class"]) == ("search", 0, "op de dag")
    assert [delay_class(d) for d in (-1, 0, 1, 7, 8, None)] == [
        "vooraf",
        "op de dag",
        "binnen een week",
        "binnen een week",
        "later",
        "onbekend",
    ]


def test_first_seen_is_measured_from_the_first_collect_run(store):
    crawl_one(store)
    assert {e["first_seen_class"] for e in load_entries(store)} == {"later"}  # first seen now, in 2026
    start_run(store, "collect")  # watching starts now
    assert {e["first_seen_class"] for e in load_entries(store)} == {"niet gemeten"}
    future = act(f"{VISIT}-2", date(2031, 1, 10), 0, "Werkbezoek aan Emmen", "10:00")
    store_page(store, future.page_url, future.date, [future])
    e = _by_url(load_entries(store))[future.page_url]
    assert e["first_seen_class"] == "vooraf" and e["first_seen_days"] < -1000


def test_crawl_sequence_counts(store):
    first = crawl_one(store)
    crawl_two(store, first)
    assert mark_removed(store, GONE, "HTTP 404")
    later = act(f"{TALK}-toekomst", date(2031, 3, 3), 0, "Gesprek met de FNV over pensioenen", "10:00")
    store_page(store, later.page_url, later.date, [later])
    store_page(store, later.page_url, later.date, [act(later.page_url, later.date, 0, later.title, "11:00")])
    entries = load_entries(store)
    by_status = Counter(e["status"] for e in entries)
    assert by_status == Counter({"gepland": 5, "geannuleerd": 1, "verdwenen": 1})
    t = total(entries).counts
    assert (t["gewijzigd"], t["gewijzigd na de datum"]) == (3, 2)  # the future one changed before its date
    assert (t["geannuleerd"], t["verdwenen"], t["verdwenen na de datum"]) == (1, 1, 1)
    assert (t["verwijderd"], t["verwijderd na de datum"]) == (1, 1)
    assert t["gewijzigd of weg na de datum"] == 4  # edit, cancellation, vanished line, removal
    head, rows = figures_rows(entries, "bewindspersoon")
    row = dict(zip(head, rows[0]))
    assert (row["groep"], row["activiteiten"], row["gewijzigd"]) == ("mark-rutte", 6, 3)  # no persons table


def _jsonl_count(path, key):
    """Completeness counted straight from the JSONL export: key(row) -> Counter of fields present."""
    out: dict[str, Counter] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        text = " ".join(t for t in (r["title"], r["description"] or "") if t)
        has = {
            "datum": bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["date"])),
            "tijd": bool(r["start_time"]),
            "locatie": r["lat"] is not None or bool((r["location_text"] or "").strip()),
            "met wie": has_counterpart(text),
            "onderwerp": has_subject(r["title"], r["description"]),
        }
        has["onderwerp én met wie"] = has["met wie"] and has["onderwerp"]
        c = out.setdefault(key(r), Counter())
        c["n"] += 1
        c.update(k for k, v in has.items() if v)
    return out


def test_completeness_equals_a_count_from_the_jsonl_export(db_path, tmp_path):
    conn = open_db(db_path)
    populate(conn, n=300, seed=5)
    export(conn, tmp_path / "a.jsonl", fmt="jsonl")
    entries = load_entries(conn)
    conn.close()
    groupings = (("ministerie", lambda r: r["ministry"] or "(onbekend ministerie)"), ("maand", lambda r: r["date"][:7]))
    for by, key in groupings:
        expected = _jsonl_count(tmp_path / "a.jsonl", key)
        head, rows = figures_rows(entries, by)
        got = {row[1]: dict(zip(head, row)) for row in rows if row[1] != "Totaal"}
        assert set(got) == set(expected)
        for group, c in expected.items():
            assert got[group]["activiteiten"] == c["n"]
            for f in ("datum", "tijd", "locatie", "met wie", "onderwerp", "onderwerp én met wie"):
                assert got[group][f"met_{f.replace(' ', '_')}"] == c[f], (group, f)
    assert 0 < sum(c["onderwerp én met wie"] for c in expected.values()) < 300


def test_cli_writes_figures_and_the_entries_behind_them(db_path, tmp_path):
    conn = open_db(db_path)
    first = crawl_one(conn)
    crawl_two(conn, first)
    with transaction(conn):
        mark_removed(conn, GONE, "HTTP 410")
    conn.close()
    runner = CliRunner()
    res = runner.invoke(main, ["transparency", "--db", str(db_path)])
    assert res.exit_code == 0, res.output
    assert "Wijzigingen na publicatie per ministerie" in res.output and "Definities" in res.output
    out, listed = tmp_path / "t.csv", tmp_path / "e.csv"
    res = runner.invoke(
        main,
        [
            "transparency",
            "--db",
            str(db_path),
            "--format",
            "csv",
            "--out",
            str(out),
            "--entries",
            str(listed),
            "--by",
            "ministerie",
        ],
    )
    assert res.exit_code == 0, res.output
    figures = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    entries = list(csv.DictReader(listed.open(encoding="utf-8-sig")))
    assert figures[-1]["groep"] == "Totaal" and int(figures[-1]["activiteiten"]) == 5
    # every figure is a count over the listed entries
    assert int(figures[-1]["geannuleerd"]) == sum(e["status"] == "geannuleerd" for e in entries) == 1
    assert int(figures[-1]["verwijderd"]) == sum(bool(e["removed_at"]) for e in entries) == 1
    assert int(figures[-1]["verdwenen"]) == sum(e["status"] == "verdwenen" for e in entries) == 1
    res = runner.invoke(main, ["transparency", "--db", str(db_path), "--format", "csv", "--ministry", "Defensie"])
    assert res.exit_code == 0 and res.output.splitlines()[-1].split(",")[2] == "0"


def test_report_has_a_transparency_section_with_the_counts(db_path, tmp_path):
    from agendakaart.pipeline.outputs import build_report

    conn = open_db(db_path)
    first = crawl_one(conn)
    crawl_two(conn, first)
    mark_removed(conn, GONE, "HTTP 404")
    _signal(conn, VISIT, "search", "2024-05-19T09:00:00Z")
    html_text = build_report(conn, tmp_path / "r.html").read_text(encoding="utf-8")
    md_text = build_report(conn, tmp_path / "r.md", fmt="md").read_text(encoding="utf-8")
    conn.close()
    assert '<h2 id="transparantie">Transparantie</h2>' in html_text
    for title in (
        "Publicatie en eerst gezien per ministerie",
        "Wijzigingen na publicatie per bewindspersoon",
        "Volledigheid per maand (trend)",
    ):
        assert f"<h3>{title}</h3>" in html_text and f"### {title}" in md_text
    # the changes row of the ministry: 5 on the agenda; 2 changed, both after the date; 1 cancelled; 1 vanished
    # (after the date); 1 removed (after the date); 4 changed or gone after the date
    assert "| Algemene Zaken | 5 | 2 | 2 | 1 | 0 | 1 | 1 | 1 | 1 | 4 |" in md_text
    assert "data/cancellation_words.csv" in html_text and "--entries" in md_text
