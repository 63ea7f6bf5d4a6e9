"""What is in a database, for `status` and `review`: read through a read-only connection."""

from __future__ import annotations

from pathlib import Path

from agendakaart.pipeline.database import open_store

# status row keys -> the Dutch label the table shows
STATUS_LABELS = {
    "activities": "activiteiten",
    "enriched": "waarvan verrijkt",
    "agenda_pages": "agendapagina's",
    "rollup_pages": "waarvan weekoverzichten",
    "without_persons": "activiteiten zonder bewindspersoon",
    "duplicate_lines": "dubbele regels (weekoverzicht + eigen pagina)",
    "removed": "agendapagina's verdwenen van de site",
}
PAGE_KIND_LABELS = {
    "persons": "overzicht bewindspersonen",
    "person": "pagina's van bewindspersonen",
    "listing": "lijstpagina's",
    "item": "agendapagina's (opgehaald)",
    "robots": "robots.txt",
    "feed": "RSS-antwoorden",
    "data": "gegevensbestanden",
    "search": "zoek-API-antwoorden",
    "sitemap": "sitemaps",
}


def database_status(db_path: Path, problem_limit: int = 50) -> dict:
    """db -> {"counts": {key: n}, "pages": {kind: n}, "run": last run dict | None, "problems": [...], "open": n}."""
    from agendakaart.store.activities import count_activities
    from agendakaart.store.pages import count_pages
    from agendakaart.store.problems import open_problems
    from agendakaart.store.runs import last_run
    from agendakaart.store.signals import removed_items

    with open_store(db_path, write=False) as conn:
        counts = count_activities(conn)
        enriched = conn.execute("SELECT COUNT(DISTINCT activity_id) FROM enrichments").fetchone()[0]
        counts = {"activities": counts.pop("activities"), "enriched": enriched, **counts}
        problems = open_problems(conn)
        removed = removed_items(conn)
        counts["removed"] = len(removed)
        return {
            "counts": counts,
            "pages": count_pages(conn),
            "run": last_run(conn),
            "collect_run": last_run(conn, "collect"),
            "problems": problems[:problem_limit],
            "open": len(problems),
            "removed": removed[:problem_limit],
        }


def review_groups(db_path: Path, max_confidence: float) -> list[dict]:
    """The activities without a place or below max_confidence, grouped by text (enrich.review.group_for_review)."""
    from agendakaart.enrich.review import group_for_review
    from agendakaart.store.enrichments import review_rows

    with open_store(db_path, write=False) as conn:
        return group_for_review(review_rows(conn, max_confidence))


def known_person_slugs(db_path: Path | None) -> set[str]:
    """Slugs agendakaart knows: the bundled list of bewindspersonen, plus those an earlier collect stored."""
    from agendakaart.store.persons import read_seed

    slugs = {p.slug for p in read_seed()}
    if db_path is not None and Path(db_path).is_file():
        with open_store(db_path, write=False) as conn:
            slugs |= {row[0] for row in conn.execute("SELECT slug FROM persons")}
    return slugs
