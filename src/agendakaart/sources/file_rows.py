"""Reading agenda export files into records: (line in the file, {column: value}), streamed, any spreadsheet's CSV.

- CSV: any line ending (LF, CRLF, CR, mixed), `;` `,` or tab (whichever the header uses most), UTF-8 with or
  without BOM, UTF-16 with BOM (Excel's "Unicode text"), cp1252 bytes where the file is not UTF-8, quoted fields of
  any size. A cell our own CSV export protected against formulas ("'=...") gets its value back.
- JSON: a list of objects (the line is where each object starts), or JSON lines (our own export's JSONL included:
  only a real newline ends a line, never U+2028 or other separators inside a title).
- ICS: VEVENTs; a time with a zone (TZID or Z) is converted to Europe/Amsterdam; the line is the event's
  BEGIN:VEVENT line.
A record with key "_error" is a line that could not be read at all.
"""

from __future__ import annotations

import codecs
import csv
import itertools
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from agendakaart.errors import ImportFileError

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
ALIASES = {
    "date": ("date", "datum", "dag"),
    "title": ("title", "titel", "onderwerp", "omschrijving_kort", "summary"),
    "persons": ("persons", "personen", "bewindspersonen", "bewindspersoon", "person"),
    "start_time": ("start_time", "starttijd", "begintijd", "tijd", "aanvang", "start"),
    "end_time": ("end_time", "eindtijd", "einde", "end"),
    "location": ("location", "locatie", "plaats", "adres", "location_text"),
    "type": ("type", "soort", "type_label", "categorie"),
    "description": ("description", "beschrijving", "omschrijving", "toelichting"),
    "url": ("url", "link", "bron"),
    "ministry": ("ministry", "ministerie"),
    "id": ("id",),
}
_COLUMN = {alias: field for field, names in ALIASES.items() for alias in names}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ERRORS = "agendakaart-import-cp1252"


def column(name: str) -> str | None:
    """Header cell -> documented column. " Datum " -> "date"; "Start time" -> "start_time"; "\ufeffdatum" -> "date"."""
    return _COLUMN.get(str(name).strip().lstrip("\ufeff").strip().lower().replace(" ", "_").replace("-", "_"))


def _cp1252_for_bad_bytes(exc: UnicodeError) -> tuple[str, int]:
    """Decoding error handler: bytes that are not UTF-8 are read as cp1252 (a spreadsheet's Windows export)."""
    bad = exc.object[exc.start : exc.end]  # type: ignore[attr-defined]
    return bad.decode("cp1252", errors="replace"), exc.end  # type: ignore[attr-defined]


def open_text(path: Path) -> TextIO:
    """The file as text without newline translation, decoded as it comes (UTF-16 by BOM, else UTF-8/cp1252)."""
    try:
        codecs.lookup_error(_ERRORS)
    except LookupError:
        codecs.register_error(_ERRORS, _cp1252_for_bad_bytes)
    with open(path, "rb") as fh:
        head = fh.read(2)
    if head in (b"\xff\xfe", b"\xfe\xff"):
        return open(path, encoding="utf-16", newline="")
    return open(path, encoding="utf-8-sig", errors=_ERRORS, newline="")


def file_kind(path: Path) -> str:
    """ics | json | csv: by extension, else by the first characters."""
    suffix = path.suffix.lower()
    if suffix == ".ics":
        return "ics"
    if suffix in (".json", ".jsonl", ".ndjson"):
        return "json"
    with open_text(path) as fh:
        start = fh.read(4096).lstrip()
    if start.upper().startswith("BEGIN:VCALENDAR"):
        return "ics"
    return "json" if start[:1] in ("[", "{") else "csv"


def read_records(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line in the file, record) for every record of the file, streamed."""
    kind = file_kind(path)
    if kind == "ics":
        yield from _ics_rows(path)
        return
    with open_text(path) as fh:
        yield from (_json_rows(fh) if kind == "json" else _csv_rows(fh))


# ---- CSV -------------------------------------------------------------------------------------------------------


@contextmanager
def _no_field_limit():
    """csv's 128 KiB cap per field off for the import (a long description is not an error), restored after."""
    old = csv.field_size_limit()
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    try:
        yield
    finally:
        csv.field_size_limit(old)


def _delimiter(header: str) -> str:
    counts = {d: header.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def _cell(value: str) -> str:
    """Strip; undo our export's formula guard ("'=SUM" -> "=SUM")."""
    value = value.strip()
    if len(value) > 1 and value[0] == "'" and value[1] in _FORMULA_START:
        return value[1:]
    return value


def _csv_rows(fh: TextIO) -> Iterator[tuple[int, dict[str, Any]]]:
    first = fh.readline()
    if not first:
        return
    with _no_field_limit():
        reader = csv.reader(itertools.chain([first], fh), delimiter=_delimiter(first))
        cells = next(reader, [])
        header = [column(h) for h in cells]
        missing = [name for key, name in (("date", "datum"), ("title", "titel")) if key not in header]
        if missing:
            raise ImportFileError(
                f"geen kolom {' en '.join(missing)} in de kop (eerste regel: "
                f"{', '.join(c.strip() for c in cells)[:80]}); zie de kolommen in docs/collect.md",
                1,
            )
        while True:
            line = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield line, {"_error": f"CSV-regel onleesbaar ({exc})"}
                continue
            record: dict[str, Any] = {}
            for key, value in zip(header, row):
                value = _cell(value)
                if key and value and key not in record:
                    record[key] = value
            if record or any(cell.strip() for cell in row):
                yield line, record


# ---- JSON ------------------------------------------------------------------------------------------------------


def _json_rows(fh: TextIO) -> Iterator[tuple[int, dict[str, Any]]]:
    first = fh.read(1)
    while first and first.isspace():
        first = fh.read(1)
    if first == "[":
        numbered = _json_array("[" + fh.read())
    else:
        numbered = _jsonl(itertools.chain([first + fh.readline()], fh))
    for line, obj in numbered:
        if not isinstance(obj, dict):
            yield line, {"_error": "geen object"}
        elif "_error" in obj and len(obj) == 1:
            yield line, obj
        else:
            yield line, _json_record(obj)


def _json_record(obj: dict) -> dict[str, Any]:
    record: dict[str, Any] = {}
    for key, value in obj.items():
        field = column(key)
        if field and value not in (None, "", []) and field not in record:
            record[field] = value
    return record


def _jsonl(lines) -> Iterator[tuple[int, Any]]:
    """Lines of a file read with newline='': a line ends at \\n, \\r\\n or \\r only (JSON escapes those in strings)."""
    number = 0
    for raw in lines:
        number += 1
        if raw.strip():
            try:
                yield number, json.loads(raw)
            except (ValueError, RecursionError):
                yield number, {"_error": "regel is geen JSON"}


def _json_array(text: str) -> Iterator[tuple[int, Any]]:
    """'[{...},\\n{...}]' -> (line where each element starts, element); a broken element ends the list there."""
    decoder = json.JSONDecoder()
    pos, line, n = 1, 1, len(text)
    while True:
        start = pos
        while pos < n and (text[pos].isspace() or text[pos] == ","):
            pos += 1
        line += text.count("\n", start, pos)
        if pos >= n:
            yield line, {"_error": "JSON-lijst niet afgesloten met ']' (het bestand houdt hier op)"}
            return
        if text[pos] == "]":
            return
        try:
            obj, end = decoder.raw_decode(text, pos)
        except (ValueError, RecursionError) as exc:
            yield (
                line,
                {
                    "_error": f"JSON onleesbaar vanaf hier ({getattr(exc, 'msg', exc)}); de rest van het "
                    f"bestand is overgeslagen"
                },
            )
            return
        yield line, obj
        line += text.count("\n", pos, end)
        pos = end


# ---- ICS -------------------------------------------------------------------------------------------------------


def _event_lines(data: bytes) -> list[int]:
    return [i for i, raw in enumerate(data.split(b"\n"), start=1) if raw.strip().upper() == b"BEGIN:VEVENT"]


def _ics_rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    from icalendar import Calendar

    data = path.read_bytes()
    try:
        cal = Calendar.from_ical(data)
    except Exception as exc:  # noqa: BLE001 - icalendar raises several kinds on a broken file
        raise ImportFileError(f"ICS-bestand onleesbaar ({exc})") from exc
    lines = _event_lines(data)
    for i, event in enumerate(cal.walk("VEVENT")):
        line = lines[i] if i < len(lines) else i + 1
        try:
            yield line, _event_record(event)
        except Exception as exc:  # noqa: BLE001 - one broken event, not the file
            yield line, {"_error": f"afspraak onleesbaar ({exc})"}


def _event_record(event) -> dict[str, Any]:
    start, end = local(_dt(event.get("DTSTART"))), local(_dt(event.get("DTEND")))
    persons = [str(a.params.get("CN") or a).removeprefix("mailto:") for a in _as_list(event.get("ATTENDEE"))]
    record = {
        "date": start.date() if isinstance(start, datetime) else start,
        "title": str(event.get("SUMMARY") or ""),
        "start_time": start.strftime("%H:%M") if isinstance(start, datetime) else None,
        "end_time": end.strftime("%H:%M") if isinstance(end, datetime) else None,
        "location": str(event.get("LOCATION") or ""),
        "description": str(event.get("DESCRIPTION") or ""),
        "url": str(event.get("URL") or ""),
        "persons": "|".join(persons),
        "type": ", ".join(str(c) for cats in _as_list(event.get("CATEGORIES")) for c in getattr(cats, "cats", [])),
    }
    return {k: v for k, v in record.items() if v not in (None, "")}


def _dt(prop: Any) -> date | datetime | None:
    return getattr(prop, "dt", None)


def local(value: date | datetime | None) -> date | datetime | None:
    """A time with a zone -> the same moment in Europe/Amsterdam (10:00Z in June -> 12:00); floating times and
    whole days stay as they are."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(AMSTERDAM)
    return value


def _as_list(value: Any) -> list:
    return value if isinstance(value, list) else ([] if value is None else [value])
