"""Import agenda exports (CSV, JSON / JSONL, ICS) into the same activities table; every good row is kept.

Columns (CSV header / JSON keys; Dutch names accepted too): date (required), title (required), persons (slugs or
names, `|`-separated), start_time, end_time, location, type, description, url, ministry. Reading the file (line
endings, separators, encodings, time zones) is sources/file_rows.py. A row without a readable date or title is a
Problem; a bad optional field (a time) is dropped with a Problem and the row is kept. Linear in the rows: the
person-name table is built once per import.
"""

from __future__ import annotations

import hashlib
import logging
import re
import sqlite3
import unicodedata
from datetime import date, datetime
from pathlib import Path
from typing import Any

from agendakaart.errors import ImportFileError
from agendakaart.models import Activity, Person, Problem, activity_id
from agendakaart.parse.dates import parse_date, parse_iso_datetime, parse_times
from agendakaart.sources.file_rows import ALIASES, column, read_records
from agendakaart.store import transaction
from agendakaart.store.imports import begin_import, finish_import, write_import_batch
from agendakaart.store.persons import known_people, seed_persons, slugify, upsert_person
from agendakaart.store.problems import record_problem, resolve_problems
from agendakaart.store.runs import finish_run, start_run

log = logging.getLogger(__name__)
__all__ = ["ALIASES", "column", "import_file"]


_OUR_ID = re.compile(r"[0-9a-f]{16}")  # an id agendakaart's own export wrote: kept, so a re-import is the same row
BATCH = 5000  # activities written per batch
SHOWN_PROBLEMS = 1000  # problem lines returned for the summary (all are in the problems table)


def import_file(path: Path | str, conn: sqlite3.Connection, *, name: str | None = None) -> dict[str, Any]:
    """Read one export file into activities with source `import:NAME` (default: the file's stem).

    Re-importing the same NAME replaces that import's activities (ids are stable); activities of other sources are
    never changed. All or nothing: a file that cannot be read changes nothing. Returns counts.
    """
    path = Path(path)
    name = name or path.stem
    source = f"import:{name}"
    run_id = start_run(conn, "import", {"file": str(path), "name": name})
    try:
        seed_persons(conn)
        people = _People(known_people(conn))
        with transaction(conn):
            counts, reasons = _load(conn, path, source, people)
            for slug, person_name in sorted(people.new.items()):
                upsert_person(conn, Person(slug=slug, name=person_name), prefer_existing=True)
    except BaseException:
        finish_run(conn, run_id, {}, status="failed")
        raise
    finish_run(conn, run_id, counts)
    log.info("import %s: %s", path, ", ".join(f"{k} {v}" for k, v in counts.items()))
    return {**counts, "source": source, "problem_reasons": reasons}


def _load(conn: sqlite3.Connection, path: Path, source: str, people: _People) -> tuple[dict[str, int], list[str]]:
    """Stream the file into the store in batches -> (counts, the first SHOWN_PROBLEMS problem lines)."""
    where = f"{source}:{path.name}"
    resolve_problems(conn, "import", where)
    begin_import(conn)
    counts = dict.fromkeys(
        ("rows", "activities", "activities_new", "activities_updated", "activities_elsewhere", "problems"), 0
    )
    reasons: list[str] = []
    batch: list[Activity] = []
    seen: dict[bytes, int] = {}

    def flush() -> None:
        new, updated, elsewhere = write_import_batch(conn, source, batch)
        counts["activities_new"] += new
        counts["activities_updated"] += updated
        counts["activities_elsewhere"] += elsewhere
        batch.clear()

    for line, record in read_records(path):
        counts["rows"] += 1
        try:
            activity, dropped = _activity(record, line, source, people, seen)
        except ImportFileError as exc:
            activity, dropped = None, [str(exc)]
        for reason in dropped:
            record_problem(conn, Problem(stage="import", reason=reason, url=where))
            counts["problems"] += 1
            if len(reasons) < SHOWN_PROBLEMS:
                reasons.append(reason)
        if activity is not None:
            counts["activities"] += 1
            batch.append(activity)
            if len(batch) >= BATCH:
                flush()
    flush()
    if (
        not counts["activities"]
        and conn.execute("SELECT 1 FROM activities WHERE source = ? LIMIT 1", (source,)).fetchone()
    ):
        raise ImportFileError(
            f"{path.name} bevat geen enkele bruikbare rij ({counts['rows']} regels, "
            f"{counts['problems']} problemen): de eerdere import {source} blijft zoals hij was"
        )
    counts["activities_deleted"] = finish_import(conn, source)
    return counts, reasons


class _People:
    """Slugs and names known before the import, folded once; names new in this import are added as they come."""

    def __init__(self, known: dict[str, str]) -> None:
        self.known = known
        self.by_name = {_fold(n): s for s, n in known.items()}
        self.new: dict[str, str] = {}
        self.memo: dict[str, str] = {}  # a name as written -> its slug (names repeat on every row)

    def slug(self, part: str) -> str:
        slug = self.memo.get(part)
        if slug is None:
            slug = self.memo[part] = self._slug(part)
        return slug

    def _slug(self, part: str) -> str:
        if part in self.known or part in self.new:
            return part
        folded = _fold(part)
        slug = self.by_name.get(folded)
        if slug is None:
            slug = slugify(part)
            if slug and slug not in self.known:
                self.new.setdefault(slug, part)
            self.by_name[folded] = slug
        return slug

    def slugs(self, raw: Any) -> tuple[str, ...]:
        """ "eelco-heinen|Sophie Hermans" (or a list) -> ("eelco-heinen", "sophie-hermans")."""
        parts = raw if isinstance(raw, list) else str(raw or "").split("|")
        slugs = {self.slug(p) for p in (str(p).strip() for p in parts) if p}
        slugs.discard("")
        return tuple(sorted(slugs))


def _activity(
    record: dict[str, Any], line: int, source: str, people: _People, seen: dict[bytes, int]
) -> tuple[Activity, list[str]]:
    """One record -> (Activity, problems of dropped fields), or ImportFileError naming the line when the row has no
    readable date or title ("regel 7: datum 'xx' onleesbaar")."""
    if "_error" in record:
        raise ImportFileError(record["_error"], line)
    day = _day(record.get("date"))
    if day is None:
        raw = record.get("date")
        raise ImportFileError(f"datum '{raw}' onleesbaar" if raw else "datum ontbreekt", line)
    title = str(record.get("title") or "").strip()
    if not title:
        raise ImportFileError("titel ontbreekt", line)
    start, end, dropped = _times(record, line)
    page_url = str(record.get("url") or "").strip() or source
    key = hashlib.blake2b(f"{page_url}\n{day}\n{title}".encode(), digest_size=16).digest()  # small, for 1M rows
    ordinal = seen.get(key, 0)
    seen[key] = ordinal + 1
    own = str(record.get("id") or "")
    activity = Activity(
        id=own if _OUR_ID.fullmatch(own) else activity_id(page_url, day, ordinal, title),
        page_url=page_url,
        persons=people.slugs(record.get("persons")),
        date=day,
        title=title,
        start_time=start,
        end_time=end,
        type_label=_opt(record.get("type")),
        description=_opt(record.get("description")),
        location_text=_opt(record.get("location")),
        ministry=_opt(record.get("ministry")),
        ordinal=ordinal,
        source=source,
    )
    return activity, dropped


def _opt(value: Any) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text or None


def _day(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    day, _ = parse_iso_datetime(value)
    return day or parse_date(value)


def _times(record: dict[str, Any], line: int) -> tuple[str | None, str | None, list[str]]:
    """(start, end, problems): an unreadable time is left out with a problem; the row stays."""
    raw_start, raw_end = record.get("start_time"), record.get("end_time")
    start, end = parse_times(str(raw_start)) if raw_start else (None, None)
    dropped = []
    if raw_start and start is None:
        dropped.append(f"regel {line}: tijd '{raw_start}' onleesbaar; geïmporteerd zonder begintijd")
    if raw_end:
        end = parse_times(str(raw_end))[0]
        if end is None:
            dropped.append(f"regel {line}: eindtijd '{raw_end}' onleesbaar; geïmporteerd zonder eindtijd")
    return start, end, dropped


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold().strip()
