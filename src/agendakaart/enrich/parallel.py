"""Enrichment on all cores: chunks of activities go to a process pool, results come back in input order.

Workers are forked where the platform allows it, so they inherit the loaded gazetteer and rules; elsewhere
each worker loads them from the disk cache once. The per-run memo is per worker (results do not depend on it).

map_chunks(enrich_rows, [[row, …], …], res, settings, workers=2) -> [Enrichment, …] per chunk, in order
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import fields
from itertools import islice

from agendakaart.enrich.engine import (
    _PRECISIONS,
    _TYPES,
    Resources,
    _build,
    enrich_fields,
    enrich_shared,
    load_resources,
)
from agendakaart.errors import AgendakaartError
from agendakaart.models import Enrichment
from agendakaart.settings import Settings
from agendakaart.store.enrichments import enrichment_row

log = logging.getLogger(__name__)

CHUNK = 2000  # activities per task: large enough that pickling and queueing stay a few percent
_IN_FLIGHT = 2  # tasks queued per worker: bounds memory on a long stdin

# (resources, settings) of this process while a pool runs; a forked worker inherits it
_STATE: tuple[Resources, Settings] | None = None


class EnrichWorkerError(AgendakaartError):
    """A worker process failed (an exception in the enricher, or the process died)."""


def worker_count(settings: Settings, n_items: int | None = None) -> int:
    """Settings (+ input size when known) -> processes to use; 1 = serial in this process.

    enrich_workers=None on 2 CPUs, 100,000 items -> 2; any setting with 3,000 items (< enrich_parallel_min) -> 1
    """
    if n_items is not None and n_items < settings.enrich_parallel_min:
        return 1
    wanted = settings.enrich_workers if settings.enrich_workers is not None else (os.cpu_count() or 1)
    return max(1, wanted)


def chunk_size(n_items: int, workers: int) -> int:
    """Items per task: a few tasks per worker, at most CHUNK; 1000 when serial (for the progress bar).

    (100_000, 2) -> 2000; (700, 2) -> 200; (700, 1) -> 1000
    """
    if workers <= 1:
        return 1000
    return max(200, min(CHUNK, n_items // (4 * workers)))


def chunked(items: Iterable, size: int = CHUNK) -> Iterator[list]:
    """[1, 2, 3, 4, 5], size 2 -> [1, 2], [3, 4], [5]."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def enrich_rows(res: Resources, settings: Settings, rows: list[tuple]) -> list[Enrichment]:
    """(activity_id, title, description, location_text, type_label) rows -> their Enrichments, in order."""
    return [
        enrich_fields(
            title=r[1],
            description=r[2],
            location_text=r[3],
            type_label=r[4],
            gazetteer=res.gazetteer,
            rules=res.rules,
            settings=settings,
            activity_id=r[0],
            version=res.version,
            memo=res.memo,
        )
        for r in rows
    ]


_NAMES = tuple(f.name for f in fields(Enrichment))


def enrich_chunks(
    chunks: Iterable[list[tuple]], res: Resources, settings: Settings, workers: int
) -> Iterator[list[Enrichment]]:
    """Chunks of enrich_rows input rows -> their Enrichments, chunk by chunk in input order; from workers
    as plain tuples (a third of the pickling cost of dataclass objects), rebuilt here."""
    if workers <= 1:
        yield from map_chunks(enrich_rows, chunks, res, settings, 1)
        return
    for packed in map_chunks(_enrich_packed, chunks, res, settings, workers):
        yield [_unpack(values) for values in packed]


def enrich_row_chunks(
    chunks: Iterable[list[tuple]], res: Resources, settings: Settings, workers: int, enriched_at: str
) -> Iterator[list[tuple]]:
    """Chunks of enrich_rows input rows -> the database rows of their Enrichments (store.enrichments'
    enrichment_row, stamped `enriched_at`), chunk by chunk in input order: made where they are enriched, so the
    main process only writes them (no Enrichment objects rebuilt there)."""
    yield from map_chunks(_enriched_rows, ((enriched_at, chunk) for chunk in chunks), res, settings, workers)


def _enriched_rows(res: Resources, settings: Settings, task: tuple[str, list[tuple]]) -> list[tuple]:
    """(time stamp, enrich_rows input rows) -> their database rows; the part after the activity id is made once
    per shared Enrichment (activities with the same result share one) and remembered."""
    enriched_at, rows = task
    memo = res.gazetteer.memo
    out = []
    for r in rows:
        shared = enrich_shared(
            title=r[1],
            description=r[2],
            location_text=r[3],
            type_label=r[4],
            gazetteer=res.gazetteer,
            rules=res.rules,
            settings=settings,
            version=res.version,
            memo=res.memo,
        )
        key = (id(shared), enriched_at)
        found = memo.rows.get(key)
        if found is None or found[0] is not shared:  # the object in the entry: its id is not reused meanwhile
            found = memo.put("rows", key, (shared, enrichment_row(shared, enriched_at)[1:]))
        out.append((r[0], *found[1]))
    return out


def _enrich_packed(res: Resources, settings: Settings, rows: list[tuple]) -> list[tuple]:
    """enrich_rows, each Enrichment as a tuple of its field values (enums by value)."""
    return [
        tuple(v.value if k in ("activity_type", "precision") else v for k, v in zip(_NAMES, _values(e)))
        for e in enrich_rows(res, settings, rows)
    ]


def _values(e: Enrichment) -> tuple:
    return tuple(getattr(e, name) for name in _NAMES)


def _unpack(values: tuple) -> Enrichment:
    """_enrich_packed's tuple -> an Enrichment equal to the one the worker made."""
    d = dict(zip(_NAMES, values))
    d["activity_type"], d["precision"] = _TYPES[d["activity_type"]], _PRECISIONS[d["precision"]]
    return _build(d)


def map_chunks(
    func: Callable[[Resources, Settings, list], list],
    chunks: Iterable[list],
    res: Resources,
    settings: Settings,
    workers: int,
) -> Iterator[list]:
    """func(res, settings, chunk) for every chunk, yielded in input order; workers > 1: in a process pool
    (func must be a module-level function). A failing worker raises EnrichWorkerError."""
    if workers <= 1:
        for chunk in chunks:
            yield func(res, settings, chunk)
        return
    global _STATE
    context = _mp_context()
    _STATE = (res, settings)  # a forked worker starts with it
    gc.freeze()  # the loaded data out of the collector's reach: its scans would copy the shared pages
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_init, initargs=(settings,))
    try:
        pending: deque[Future] = deque()
        for chunk in chunks:
            pending.append(pool.submit(_run, func, chunk))
            if len(pending) >= _IN_FLIGHT * workers:
                yield _result(pending.popleft())
        while pending:
            yield _result(pending.popleft())
    except BrokenProcessPool as exc:  # a worker died while tasks were being handed out
        pool.shutdown(wait=True, cancel_futures=True)
        raise _died(exc) from exc
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    finally:
        pool.shutdown(wait=True)
        gc.unfreeze()
        _STATE = None


def _mp_context():
    """fork where the platform has it (workers share the loaded data), else the platform default."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def _init(settings: Settings) -> None:
    """Worker start: a forked worker has the parent's resources; a spawned one loads them from the cache."""
    global _STATE
    if _STATE is None:
        _STATE = (load_resources(settings), settings)


def _run(func: Callable, chunk: list) -> list:
    res, settings = _STATE
    return func(res, settings, chunk)


def _result(future: Future) -> list:
    """A finished task's result; a worker's exception or death -> EnrichWorkerError with what happened."""
    try:
        return future.result()
    except BrokenProcessPool as exc:
        raise _died(exc) from exc
    except Exception as exc:
        raise EnrichWorkerError(f"verrijken mislukt in een werkproces: {type(exc).__name__}: {exc}") from exc


def _died(exc: BrokenProcessPool) -> EnrichWorkerError:
    return EnrichWorkerError(
        f"een werkproces van het verrijken stopte onverwacht ({exc}); "
        "probeer het opnieuw met één werkproces (--workers 1)"
    )
