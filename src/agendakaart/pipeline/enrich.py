"""The enrich stage: every activity -> one enrichment row for the current version, overrides applied last."""

from __future__ import annotations

import logging
import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone

from agendakaart.enrich.engine import load_resources
from agendakaart.enrich.overrides import apply_overrides, load_overrides
from agendakaart.enrich.parallel import chunk_size, chunked, enrich_chunks, worker_count
from agendakaart.models import Enrichment
from agendakaart.settings import Settings
from agendakaart.store.enrichments import count_activities, iter_activities, write_enrichments
from agendakaart.store.runs import finish_run, start_run

log = logging.getLogger(__name__)


def enrich(settings: Settings, conn, *, progress=None) -> dict:
    """Enrich all activities; returns a summary (placed by precision, unknown, Den Haag, abroad, per region).

    `progress(stage, done, total)` is called now and then. A malformed overrides file raises OverridesError
    before anything is written.
    """
    started = time.perf_counter()
    res = load_resources(settings)
    overrides = load_overrides(settings.overrides_path, res.gazetteer) if settings.overrides_path else []
    run_id = start_run(conn, "enrich", {"overrides": str(settings.overrides_path or ""),
                                        "include_uncertain_npvr": settings.include_uncertain_npvr})
    total = count_activities(conn)
    out: list[Enrichment] = []
    held: deque[list[tuple]] = deque()     # (page_url, text) per chunk in flight, for the overrides
    workers = worker_count(settings, total)
    chunks = _chunks(iter_activities(conn), held if overrides else None, chunk_size(total, workers))
    for enriched in enrich_chunks(chunks, res, settings, workers):
        if overrides:
            enriched = [apply_overrides(e, overrides, page_url=url, text=text, gaz=res.gazetteer,
                                        include_uncertain=settings.include_uncertain_npvr)
                        for e, (url, text) in zip(enriched, held.popleft())]
        out += enriched
        if progress:
            progress("enrich", len(out), total)
    write_enrichments(conn, out, datetime.now(timezone.utc).isoformat(timespec="microseconds"))
    if progress:
        progress("enrich", len(out), total)
    summary = summarise(out)
    summary.update(version=res.version, seconds=round(time.perf_counter() - started, 2))
    finish_run(conn, run_id, {k: v for k, v in summary.items() if isinstance(v, int)})
    log.info("%d activiteiten verrijkt: %d geplaatst, %d locatie onbekend", summary["activities"], summary["placed"],
             summary["unknown"])
    return summary


def _chunks(rows: Iterable, held: deque | None, size: int) -> Iterator[list[tuple]]:
    """Activity rows -> chunks of (id, title, description, location_text, type_label); with `held`, each
    chunk's (page_url, text for the overrides) is appended to it."""
    for chunk in chunked(rows, size):
        if held is not None:
            held.append([(r["page_url"], " ".join(filter(None, (r["title"], r["description"], r["location_text"]))))
                         for r in chunk])
        yield [(r["id"], r["title"], r["description"], r["location_text"], r["type_label"]) for r in chunk]


def summarise(enrichments: list[Enrichment]) -> dict:
    """Counts for the closing summary: by precision, unknown, Den Haag, abroad, per NPVR region and type."""
    by_precision = Counter(e.precision.value for e in enrichments)
    return {
        "activities": len(enrichments),
        "placed": len(enrichments) - by_precision.get("none", 0),
        "unknown": by_precision.get("none", 0),
        "den_haag": sum(e.is_den_haag for e in enrichments),
        "abroad": sum(e.is_abroad for e in enrichments),
        "in_npvr": sum(e.npvr_region is not None for e in enrichments),
        "overridden": sum(e.override for e in enrichments),
        "by_precision": dict(by_precision.most_common()),
        "by_npvr_region": dict(Counter(e.npvr_region for e in enrichments if e.npvr_region).most_common()),
        "by_type": dict(Counter(e.activity_type.value for e in enrichments).most_common()),
    }
