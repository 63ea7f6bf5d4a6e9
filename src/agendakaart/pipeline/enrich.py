"""The enrich stage: every activity -> one enrichment row for the current version, overrides applied last."""

from __future__ import annotations

import logging
import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone

from agendakaart.enrich.engine import load_resources
from agendakaart.enrich.overrides import apply_overrides, load_overrides
from agendakaart.enrich.parallel import chunk_size, chunked, enrich_chunks, enrich_row_chunks, worker_count
from agendakaart.models import Enrichment
from agendakaart.settings import Settings
from agendakaart.store.db import transaction
from agendakaart.store.enrichments import ROW, count_activities, enrichment_row, iter_activities, upsert_rows
from agendakaart.store.runs import finish_run, start_run

log = logging.getLogger(__name__)
_PRECISION, _DEN_HAAG, _ABROAD, _NPVR, _TYPE, _OVERRIDE = (
    ROW[c] for c in ("precision", "is_den_haag", "is_abroad", "npvr_region", "activity_type", "override")
)


def enrich(settings: Settings, conn, *, progress=None) -> dict:
    """Enrich all activities; returns a summary (placed by precision, unknown, Den Haag, abroad, per region).

    `progress(stage, done, total)` is called now and then. A malformed overrides file raises OverridesError
    before anything is written.
    """
    started = time.perf_counter()
    res = load_resources(settings)
    overrides = load_overrides(settings.overrides_path, res.gazetteer) if settings.overrides_path else []
    run_id = start_run(
        conn,
        "enrich",
        {"overrides": str(settings.overrides_path or ""), "include_uncertain_npvr": settings.include_uncertain_npvr},
    )
    total = count_activities(conn)
    tally = Tally()
    held: deque[list[tuple]] = deque()  # (page_url, text) per chunk in flight, for the overrides
    workers = worker_count(settings, total)
    stamp = datetime.now(timezone.utc).isoformat(timespec="microseconds")
    with transaction(conn):  # written chunk by chunk as results come, committed once: all or nothing
        chunks = _chunks(iter_activities(conn), held if overrides else None, chunk_size(total, workers))
        if overrides:  # applied here, in the main process, to each chunk's Enrichments
            batches = (
                [enrichment_row(e, stamp) for e in _overridden(enriched, held.popleft(), overrides, res, settings)]
                for enriched in enrich_chunks(chunks, res, settings, workers)
            )
        else:  # the rows are made where they are enriched; this process only writes them
            batches = enrich_row_chunks(chunks, res, settings, workers, stamp)
        for rows in batches:
            upsert_rows(conn, rows)
            tally.add_rows(rows)
            if progress:
                progress("enrich", tally.activities, total)
    if progress:
        progress("enrich", tally.activities, total)
    summary = tally.summary()
    summary.update(version=res.version, seconds=round(time.perf_counter() - started, 2))
    finish_run(conn, run_id, {k: v for k, v in summary.items() if isinstance(v, int)})
    log.info(
        "%d activiteiten verrijkt: %d geplaatst, %d locatie onbekend",
        summary["activities"],
        summary["placed"],
        summary["unknown"],
    )
    return summary


def _overridden(enriched: list[Enrichment], held: list[tuple], overrides, res, settings: Settings) -> list[Enrichment]:
    """A chunk's Enrichments with the overrides applied; held: (page_url, text) per activity."""
    return [
        apply_overrides(
            e, overrides, page_url=url, text=text, gaz=res.gazetteer, include_uncertain=settings.include_uncertain_npvr
        )
        for e, (url, text) in zip(enriched, held)
    ]


def _chunks(rows: Iterable, held: deque | None, size: int) -> Iterator[list[tuple]]:
    """Activity rows -> chunks of (id, title, description, location_text, type_label); with `held`, each
    chunk's (page_url, text for the overrides) is appended to it."""
    for chunk in chunked(rows, size):  # (id, page_url, title, description, location_text, type_label)
        if held is not None:
            held.append([(r[1], " ".join(filter(None, (r[2], r[3], r[4])))) for r in chunk])
        yield [(r[0], r[2], r[3], r[4], r[5]) for r in chunk]


def summarise(enrichments: list[Enrichment]) -> dict:
    """Counts for the closing summary: by precision, unknown, Den Haag, abroad, per NPVR region and type."""
    tally = Tally()
    tally.add(enrichments)
    return tally.summary()


class Tally:
    """The closing summary's counts, added chunk by chunk (enrich keeps no list of all its results)."""

    def __init__(self) -> None:
        self.activities = self.den_haag = self.abroad = self.in_npvr = self.overridden = 0
        self.by_precision: Counter = Counter()
        self.by_npvr_region: Counter = Counter()
        self.by_type: Counter = Counter()

    def add(self, enrichments: list[Enrichment]) -> None:
        self.activities += len(enrichments)
        self.by_precision.update(e.precision.value for e in enrichments)
        self.den_haag += sum(e.is_den_haag for e in enrichments)
        self.abroad += sum(e.is_abroad for e in enrichments)
        self.in_npvr += sum(e.npvr_region is not None for e in enrichments)
        self.overridden += sum(e.override for e in enrichments)
        self.by_npvr_region.update(e.npvr_region for e in enrichments if e.npvr_region)
        self.by_type.update(e.activity_type.value for e in enrichments)

    def add_rows(self, rows: list[tuple]) -> None:
        """As add, from database rows (store.enrichments.enrichment_row) instead of Enrichments."""
        self.activities += len(rows)
        self.by_precision.update(r[_PRECISION] for r in rows)
        self.den_haag += sum(r[_DEN_HAAG] for r in rows)
        self.abroad += sum(r[_ABROAD] for r in rows)
        self.in_npvr += sum(r[_NPVR] is not None for r in rows)
        self.overridden += sum(r[_OVERRIDE] for r in rows)
        self.by_npvr_region.update(r[_NPVR] for r in rows if r[_NPVR])
        self.by_type.update(r[_TYPE] for r in rows)

    def summary(self) -> dict:
        unknown = self.by_precision.get("none", 0)
        return {
            "activities": self.activities,
            "placed": self.activities - unknown,
            "unknown": unknown,
            "den_haag": self.den_haag,
            "abroad": self.abroad,
            "in_npvr": self.in_npvr,
            "overridden": self.overridden,
            "by_precision": dict(self.by_precision.most_common()),
            "by_npvr_region": dict(self.by_npvr_region.most_common()),
            "by_type": dict(self.by_type.most_common()),
        }
