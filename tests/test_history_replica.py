"""A crawl sequence on the project's replica site: between two crawls one roll-up line is edited and one item page
is cancelled in its text; the store keeps both as versions (no delete + add), and the transparency figures count
them. The page removal is marked with store.signals.mark_removed, as the collector does for a page gone from the
site."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from agendakaart.pipeline.collect import collect
from agendakaart.pipeline.transparency import load_entries
from agendakaart.outputs.transparency import total
from agendakaart.replica import ReplicaServer
from agendakaart.replica_site import build_site
from agendakaart.settings import Settings
from agendakaart.sources.http import Fetcher
from agendakaart.store.history import vanished, versions
from agendakaart.store.signals import mark_removed

ROLLUP = "/actueel/agenda/2026/03/02/agenda-minister-berendsen-week-10"
LINE = "bezoek aan het regionale werkgeversloket"
ITEM = "/actueel/agenda/2026/03/03/gesprek-met-zorgverleners-over-arbeidsmigratie"
TITLE = "Gesprek met zorgverleners over arbeidsmigratie"
GONE = "/actueel/agenda/2026/03/04/interview-met-een-regionale-omroep"


def _edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, path
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_edit_cancel_and_removal_between_crawls(tmp_path, store):
    site = tmp_path / "site"
    build_site(site, seed=3)
    with ReplicaServer(site) as server:
        settings = Settings(base_url=server.base_url, rate=1000)
        with Fetcher(settings, sleep=lambda s: None) as fetcher:
            collect(settings, store, fetcher=fetcher)
        before = store.execute("SELECT COUNT(*) FROM activities").fetchone()[0]
        assert versions(store) == []
        _edit(site / f"{ROLLUP.lstrip('/')}.html", LINE, f"{LINE} en het UWV-kantoor")
        _edit(site / f"{ITEM.lstrip('/')}.html", TITLE, f"{TITLE} (gaat niet door)")
        with Fetcher(settings, sleep=lambda s: None) as fetcher:
            collect(replace(settings, refresh=True), store, fetcher=fetcher)
        base = server.base_url
    assert store.execute("SELECT COUNT(*) FROM activities").fetchone()[0] == before
    got = [(v["page_url"].removeprefix(base), v["change"], v["fields"], v["new"]) for v in versions(store)]
    assert sorted(got) == [
        (ROLLUP, "gewijzigd", ["title"], {"title": f"{LINE} en het UWV-kantoor"}),
        (ITEM, "gewijzigd", ["title"], {"title": f"{TITLE} (gaat niet door)"}),
    ]
    assert vanished(store) == []
    assert mark_removed(store, base + GONE, "HTTP 404")
    entries = load_entries(store)
    assert Counter(e["status"] for e in entries)["geannuleerd"] == 1
    t = total(entries).counts
    assert (t["gewijzigd"], t["geannuleerd"], t["verwijderd"]) == (2, 1, 1)
    # the activities are dated March 2026 and the crawl runs later: changes and removal count as after the date
    assert (t["gewijzigd na de datum"], t["verwijderd na de datum"]) == (2, 1)
