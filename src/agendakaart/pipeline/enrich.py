"""The enrich stage: every activity -> one enrichment row for the current version, overrides applied last."""

from __future__ import annotations

import logging
import time
from collections import Counter
from datetime import datetime, timezone

from agendakaart.enrich.engine import enrich_fields, load_resources
from agendakaart.enrich.overrides import apply_overrides, load_overrides
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
    for row in iter_activities(conn):
        e = enrich_fields(title=row["title"], description=row["description"], location_text=row["location_text"],
                          type_label=row["type_label"], gazetteer=res.gazetteer, rules=res.rules,
                          settings=settings, activity_id=row["id"], version=res.version, memo=res.memo)
        if overrides:
            text = " ".join(filter(None, (row["title"], row["description"], row["location_text"])))
            e = apply_overrides(e, overrides, page_url=row["page_url"], text=text, gaz=res.gazetteer,
                                include_uncertain=settings.include_uncertain_npvr)
        out.append(e)
        if progress and len(out) % 1000 == 0:
            progress("enrich", len(out), total)
    write_enrichments(conn, out, datetime.now(timezone.utc).isoformat(timespec="microseconds"))
    if progress:
        progress("enrich", len(out), total)
    summary = summarise(out)
    summary.update(version=res.version, seconds=round(time.perf_counter() - started, 2))
    finish_run(conn, run_id, {k: v for k, v in summary.items() if isinstance(v, int)})
    log.info("enriched %d activities: %d placed, %d unknown", summary["activities"], summary["placed"],
             summary["unknown"])
    return summary


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
