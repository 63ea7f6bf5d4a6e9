"""Exports of export rows (store.queries.load_rows) as JSONL, CSV and GeoJSON: one contract, three formats.

- JSONL: one JSON object per activity, EXPORT_FIELDS in order, values verbatim (lists stay lists).
- CSV: UTF-8 with BOM, a header row, `persons`/`person_names` joined with '|', booleans as 1/0, empty for null.
  With `sep=';'` (Dutch Excel) decimals get a comma (52,0799), because Dutch Excel reads '52.0799' as text
  or a date. Text cells that Excel would run as a formula (starting with = + - @ or a tab/CR) get a leading "'".
- GeoJSON: a FeatureCollection of the located activities (Point [lon, lat]); properties = the JSONL fields; the
  number of activities left out for lack of a location is in the foreign member `agendakaart.left_out`.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable
from typing import Any, TextIO

from agendakaart.outputs.filters import is_located
from agendakaart.store.queries import EXPORT_FIELDS

FORMATS = ("jsonl", "csv", "geojson")
_FLOAT_FIELDS = ("lat", "lon", "confidence")
_LIST_FIELDS = ("persons", "person_names")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def write_jsonl(rows: Iterable[dict[str, Any]], fh: TextIO) -> int:
    """Rows -> JSON lines (UTF-8 text, no ASCII escaping); returns the number written."""
    count = 0
    for row in rows:
        fh.write(json.dumps({k: row[k] for k in EXPORT_FIELDS}, ensure_ascii=False) + "\n")
        count += 1
    return count


def csv_cell(field: str, value: Any, sep: str = ",") -> str:
    """One value -> its CSV text: None -> '', True -> '1', 52.5 -> '52,5' when sep is ';', '=1+1' -> "'=1+1"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if field in _LIST_FIELDS:
        return "|".join(str(v) for v in value)
    if field in _FLOAT_FIELDS and isinstance(value, (int, float)):
        text = repr(float(value))
        return text.replace(".", ",") if sep == ";" else text
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def write_csv(rows: Iterable[dict[str, Any]], fh: TextIO, sep: str = ",") -> int:
    """Rows -> CSV with a header (write the BOM by opening with encoding 'utf-8-sig'); returns rows written."""
    if len(sep) != 1 or sep in "\"\r\n":
        raise ValueError(f"CSV separator must be one character, not a quote or newline: {sep!r}")
    writer = csv.writer(fh, delimiter=sep, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(EXPORT_FIELDS)
    count = 0
    for row in rows:
        writer.writerow([csv_cell(k, row[k], sep) for k in EXPORT_FIELDS])
        count += 1
    return count


def geojson_feature(row: dict[str, Any]) -> dict[str, Any]:
    """A located export row -> GeoJSON Feature with a Point [lon, lat] and the row as properties."""
    return {
        "type": "Feature",
        "id": row["id"],
        "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
        "properties": {k: row[k] for k in EXPORT_FIELDS},
    }


def write_geojson(rows: Iterable[dict[str, Any]], fh: TextIO) -> tuple[int, int]:
    """Rows -> FeatureCollection of located ones; returns (features written, left out without location)."""
    features, left_out = [], 0
    for row in rows:
        if is_located(row):
            features.append(geojson_feature(row))
        else:
            left_out += 1
    doc = {
        "type": "FeatureCollection",
        "features": features,
        "agendakaart": {"left_out": left_out, "left_out_reason": "geen locatie (lat/lon onbekend)"},
    }
    json.dump(doc, fh, ensure_ascii=False)
    return len(features), left_out


def geojson_left_out(path) -> int | None:
    """The `agendakaart.left_out` count of a GeoJSON file we wrote (it is the last member: read only the tail)."""
    with open(path, "rb") as fh:
        fh.seek(0, 2)
        fh.seek(max(0, fh.tell() - 300))
        tail = fh.read().decode("utf-8", errors="replace")
    m = re.search(r'"agendakaart":\s*\{"left_out":\s*(\d+)', tail)
    return int(m.group(1)) if m else None
