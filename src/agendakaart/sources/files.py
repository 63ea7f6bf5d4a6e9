"""Import agenda exports (CSV, JSON / JSONL, ICS) into the same activities table; bad rows become Problems.

Columns (CSV header / JSON keys; Dutch names accepted too): date (required), title (required), persons (slugs or
names, `|`-separated), start_time, end_time, location, type, description, url, ministry.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import sqlite3
import unicodedata
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from agendakaart.errors import ImportFileError
from agendakaart.models import Activity, Person, Problem, activity_id
from agendakaart.parse.dates import parse_date, parse_iso_datetime, parse_times
from agendakaart.parse.html import page_text
from agendakaart.store import transaction
from agendakaart.store.activities import replace_source_activities
from agendakaart.store.persons import known_people, seed_persons, slugify, upsert_person
from agendakaart.store.problems import record_problem, resolve_problems
from agendakaart.store.runs import finish_run, start_run

log = logging.getLogger(__name__)

ALIASES = {
    "date": ("date", "datum", "dag"), "title": ("title", "titel", "onderwerp", "omschrijving_kort", "summary"),
    "persons": ("persons", "personen", "bewindspersonen", "bewindspersoon", "person"),
    "start_time": ("start_time", "starttijd", "begintijd", "tijd", "aanvang", "start"),
    "end_time": ("end_time", "eindtijd", "einde", "end"),
    "location": ("location", "locatie", "plaats", "adres"),
    "type": ("type", "soort", "type_label", "categorie"),
    "description": ("description", "beschrijving", "omschrijving", "toelichting"),
    "url": ("url", "link", "bron"), "ministry": ("ministry", "ministerie"),
}
_COLUMN = {alias: field for field, names in ALIASES.items() for alias in names}


def _key(name: str) -> str | None:
    """Header cell -> documented column. " Datum " -> "date"; "Start time" -> "start_time"."""
    return _COLUMN.get(str(name).strip().lower().replace(" ", "_").replace("-", "_"))


def import_file(path: Path | str, conn: sqlite3.Connection, *, name: str | None = None) -> dict[str, Any]:
    """Read one export file into activities with source `import:NAME` (default: the file's stem).

    Re-importing the same NAME replaces that import's activities (ids are stable). Returns counts.
    """
    path = Path(path)
    name = name or path.stem
    source = f"import:{name}"
    run_id = start_run(conn, "import", {"file": str(path), "name": name})
    rows = list(_rows(path))
    seed_persons(conn)
    people = known_people(conn)
    new_names: dict[str, str] = {}
    activities: list[Activity] = []
    problems: list[Problem] = []
    seen: dict[tuple, int] = {}
    for line, record in rows:
        try:
            activities.append(_activity(record, line, source, (people, new_names), seen))
        except ImportFileError as exc:
            problems.append(Problem(stage="import", reason=str(exc), url=f"{source}:{path.name}"))
    with transaction(conn):
        resolve_problems(conn, "import", f"{source}:{path.name}")
        for p in problems:
            record_problem(conn, p)
        for slug, person_name in sorted(new_names.items()):
            upsert_person(conn, Person(slug=slug, name=person_name), prefer_existing=True)
        new, updated, deleted = replace_source_activities(conn, source, activities)
    counts = {"rows": len(rows), "activities": len(activities), "activities_new": new,
              "activities_updated": updated, "activities_deleted": deleted, "problems": len(problems)}
    finish_run(conn, run_id, counts)
    log.info("import %s: %s", path, counts)
    return {**counts, "source": source, "problem_reasons": [p.reason for p in problems]}


def _rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, {column: value}) per record, by file type (extension, else sniffed)."""
    data = path.read_bytes()
    text = page_text(data)
    suffix = path.suffix.lower()
    if suffix == ".ics" or text.lstrip().startswith("BEGIN:VCALENDAR"):
        yield from _ics_rows(data)
    elif suffix in (".json", ".jsonl", ".ndjson") or text.lstrip()[:1] in ("[", "{"):
        yield from _json_rows(text)
    else:
        yield from _csv_rows(text)


def _csv_rows(text: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """CSV with ';' or ',' (whichever the header uses more), UTF-8 with or without BOM."""
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ("\t" if "\t" in first else ",")
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [_key(h) for h in next(reader, [])]
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        record = {k: v.strip() for k, v in zip(header, row) if k and v.strip()}
        yield reader.line_num, record


def _json_rows(text: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """A JSON list of objects (line = 1-based position in the list), or JSON lines (line = line number)."""
    stripped = text.strip()
    if stripped.startswith("["):
        try:
            items = json.loads(stripped)
        except ValueError as exc:
            raise ImportFileError(f"JSON onleesbaar: {exc}") from exc
        numbered = enumerate(items, start=1)
    else:
        numbered = _jsonl(stripped)
    for line, obj in numbered:
        if not isinstance(obj, dict):
            yield line, {"_error": "geen object"}
            continue
        if "_error" in obj:
            yield line, obj
            continue
        yield line, {k2: v for k, v in obj.items() if (k2 := _key(k)) and v not in (None, "")}


def _jsonl(text: str) -> Iterator[tuple[int, Any]]:
    for i, raw in enumerate(text.splitlines(), start=1):
        if raw.strip():
            try:
                yield i, json.loads(raw)
            except ValueError:
                yield i, {"_error": "regel is geen JSON"}


def _ics_rows(data: bytes) -> Iterator[tuple[int, dict[str, Any]]]:
    """VEVENTs -> records; the line is the event's number in the file."""
    from icalendar import Calendar

    try:
        cal = Calendar.from_ical(data)
    except ValueError as exc:
        raise ImportFileError(f"ICS onleesbaar: {exc}") from exc
    for i, event in enumerate(cal.walk("VEVENT"), start=1):
        start, end = event.get("DTSTART"), event.get("DTEND")
        persons = [str(a.params.get("CN") or a).removeprefix("mailto:") for a in _as_list(event.get("ATTENDEE"))]
        record = {
            "date": start.dt if start is not None else None, "title": str(event.get("SUMMARY") or ""),
            "start_time": _ics_time(start), "end_time": _ics_time(end),
            "location": str(event.get("LOCATION") or ""), "description": str(event.get("DESCRIPTION") or ""),
            "url": str(event.get("URL") or ""), "persons": "|".join(persons),
            "type": ", ".join(str(c) for cats in _as_list(event.get("CATEGORIES")) for c in getattr(cats, "cats", [])),
        }
        yield i, {k: v for k, v in record.items() if v not in (None, "")}


def _as_list(value: Any) -> list:
    return value if isinstance(value, list) else ([] if value is None else [value])


def _ics_time(prop: Any) -> str | None:
    value = getattr(prop, "dt", None)
    return value.strftime("%H:%M") if isinstance(value, datetime) else None


def _activity(record: dict[str, Any], line: int, source: str, people: tuple[dict[str, str], dict[str, str]],
              seen: dict[tuple, int]) -> Activity:
    """One record -> Activity, or ImportFileError naming the line ("regel 7: datum 'xx' onleesbaar")."""
    if "_error" in record:
        raise ImportFileError(record["_error"], line)
    day = _day(record.get("date"))
    if day is None:
        raw = record.get("date")
        raise ImportFileError(f"datum '{raw}' onleesbaar" if raw else "datum ontbreekt", line)
    title = str(record.get("title") or "").strip()
    if not title:
        raise ImportFileError("titel ontbreekt", line)
    start, end = _times(record, line)
    page_url = str(record.get("url") or "").strip() or source
    key = (page_url, day, title)
    ordinal = seen.get(key, 0)
    seen[key] = ordinal + 1
    return Activity(
        id=activity_id(page_url, day, ordinal, title), page_url=page_url, persons=_persons(record, *people),
        date=day, title=title, start_time=start, end_time=end, type_label=_opt(record.get("type")),
        description=_opt(record.get("description")), location_text=_opt(record.get("location")),
        ministry=_opt(record.get("ministry")), ordinal=ordinal, source=source,
    )


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


def _times(record: dict[str, Any], line: int) -> tuple[str | None, str | None]:
    raw_start, raw_end = record.get("start_time"), record.get("end_time")
    start, end = parse_times(str(raw_start)) if raw_start else (None, None)
    if raw_start and start is None:
        raise ImportFileError(f"tijd '{raw_start}' onleesbaar", line)
    if raw_end:
        end = parse_times(str(raw_end))[0]
        if end is None:
            raise ImportFileError(f"eindtijd '{raw_end}' onleesbaar", line)
    return start, end


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold().strip()


def _persons(record: dict[str, Any], people: dict[str, str], new_names: dict[str, str]) -> tuple[str, ...]:
    """ "eelco-heinen|Sophie Hermans" -> ("eelco-heinen", "sophie-hermans"); unknown names are slugified
    (and noted in new_names so they get a persons row)."""
    raw = record.get("persons")
    parts = raw if isinstance(raw, list) else str(raw or "").split("|")
    by_name = {_fold(n): s for s, n in people.items()}
    slugs = set()
    for part in (str(p).strip() for p in parts):
        if part:
            slug = part if part in people else by_name.get(_fold(part))
            if slug is None and (slug := slugify(part)) not in people:
                new_names.setdefault(slug, part)
            slugs.add(slug)
    return tuple(sorted(s for s in slugs if s))
