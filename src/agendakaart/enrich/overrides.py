"""User corrections, applied after the rules on every run and marked as override.

A TOML file of `[[override]]` tables, or a CSV file with the same keys as columns (see docs/enrich.md):
match by `id` (activity id), `url` (page URL) or `pattern` (text in title/description/location, case- and
accent-blind; `/regex/` for a regular expression); set `place` (a gazetteer name or a GM code), `lat`/`lon`,
and/or `type`. An empty value (`place = ""`, as in the template `review` writes) counts as not given. A CSV may
use `,` `;` or tab (Dutch Excel writes `;`; a decimal comma in lat/lon is read). A malformed file raises one
OverridesError listing every problem with its line; nothing is applied then.
"""

from __future__ import annotations

import csv
import io
import re
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from agendakaart.enrich.gazetteer import Gazetteer, Place
from agendakaart.enrich.text import fold
from agendakaart.errors import OverridesError
from agendakaart.models import ActivityType, Enrichment, Precision

_KEYS = {"id", "url", "pattern", "place", "lat", "lon", "type", "note"}
_DUTCH = {"plaats": "place", "soort": "type", "patroon": "pattern", "notitie": "note", "opmerking": "note"}
_TYPES = {t.value for t in ActivityType}


@dataclass(frozen=True)
class Override:
    line: int
    match: str  # id | url | pattern
    value: str
    regex: re.Pattern | None = None
    place: Place | None = None
    type: str | None = None
    note: str = ""


def load_overrides(path: Path, gaz: Gazetteer) -> list[Override]:
    """File -> validated overrides (all or nothing; every problem of the file in one OverridesError)."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise OverridesError(
            f"correctiebestand {path} is geen tekst in UTF-8: sla het op als UTF-8 (TOML of CSV)"
        ) from exc
    except OSError as exc:
        raise OverridesError(
            f"correctiebestand {path} is niet te lezen ({exc.strerror}): controleer het pad en de rechten"
        ) from exc
    entries = _parse_csv(text) if str(path).lower().endswith(".csv") else _parse_toml(text)
    built, errors = [], []
    for line, entry in entries:
        try:
            built.append(_build(line, entry, gaz))
        except OverridesError as exc:
            errors.append(exc)
    if errors:
        raise _all(errors)
    return built


def _all(errors: list[OverridesError]) -> OverridesError:
    """Several problems -> one error: 'correctiebestand: 2 fouten — regel 2: ...; regel 5: ...' (line = first)."""
    if len(errors) == 1:
        return errors[0]
    combined = OverridesError(f"{len(errors)} fouten in het correctiebestand — " + "; ".join(str(e) for e in errors))
    combined.line = errors[0].line
    combined.errors = errors  # type: ignore[attr-defined]
    return combined


def _parse_toml(text: str) -> list[tuple[int, dict]]:
    """TOML text -> [(line of its [[override]] header, table)]."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        raise OverridesError(
            "geen geldige TOML (een sleutel dubbel, een aanhalingsteken vergeten?)",
            int(found.group(1)) if found else None,
        ) from None
    unknown = set(data) - {"override"}
    if unknown:
        raise OverridesError(
            f"onbekende sleutel(s) bovenaan (top-level) {sorted(unknown)}; gebruik [[override]]-tabellen", 1
        )
    tables = data.get("override", [])
    if not isinstance(tables, list):
        raise OverridesError("'override' moet een lijst van tabellen zijn: [[override]]", 1)
    headers = [i + 1 for i, ln in enumerate(text.splitlines()) if ln.strip().startswith("[[override]]")]
    return [(headers[i] if i < len(headers) else 0, table) for i, table in enumerate(tables)]


def _parse_csv(text: str) -> list[tuple[int, dict]]:
    """CSV text (header: any of id,url,pattern,place,lat,lon,type,note; ',' ';' or tab) -> [(line, row)]."""
    first = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=lambda d: (first.count(d), d == ","))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [_DUTCH.get(h.strip().lower(), h.strip().lower()) for h in next(reader, [])]
    unknown = set(header) - _KEYS - {""}
    if not header or unknown:
        raise OverridesError(
            f"de CSV-kop (header) moet kolommen uit {sorted(_KEYS)} gebruiken; onbekend: {sorted(unknown)}", 1
        )
    rows = []
    while True:
        line = reader.line_num + 1
        row = next(reader, None)
        if row is None:
            return rows
        entry = {k: v.strip() for k, v in zip(header, row) if k and v.strip()}
        if entry:
            rows.append((line, entry))


def _build(line: int, entry: dict, gaz: Gazetteer) -> Override:
    """One table/row -> Override; every problem names the line. Empty strings count as not given."""
    if not isinstance(entry, dict):
        raise OverridesError("een correctie moet een tabel zijn", line)
    entry = {k: v for k, v in entry.items() if not (isinstance(v, str) and not v.strip())}
    unknown = set(entry) - _KEYS
    if unknown:
        raise OverridesError(f"onbekende sleutel(s) (unknown key) {sorted(unknown)}; wel: {sorted(_KEYS)}", line)
    matches = [k for k in ("id", "url", "pattern") if k in entry]
    if len(matches) != 1:
        raise OverridesError("geef precies één van id, url, pattern (exactly one of)", line)
    match, value = matches[0], str(entry[matches[0]]).strip()
    kind = entry.get("type")
    if kind is not None and kind not in _TYPES:
        raise OverridesError(f"type {kind!r} bestaat niet; kies uit {', '.join(sorted(_TYPES))}", line)
    place = _place(entry, gaz, line)
    if place is None and kind is None:
        raise OverridesError("vul place (of lat/lon) en/of type in", line)
    return Override(line, match, value, _regex(match, value, line), place, kind, str(entry.get("note", "")))


def _regex(match: str, value: str, line: int) -> re.Pattern | None:
    if match != "pattern" or not (len(value) > 2 and value.startswith("/") and value.endswith("/")):
        return None
    try:
        return re.compile(value[1:-1], re.I)
    except re.error as exc:
        raise OverridesError(f"ongeldige reguliere expressie {value} ({exc})", line) from None


def _place(entry: dict, gaz: Gazetteer, line: int) -> Place | None:
    """place = "Leiden" | "GM0546", optionally with lat/lon; or lat/lon alone."""
    name = str(entry.get("place", "")).strip()
    base = None
    if name:
        base = _named_place(name, gaz)
        if base is None:
            raise OverridesError(
                f"plaats {name!r} staat niet in de plaatsenlijst (gebruik een GM-code of lat/lon)", line
            )
    if "lat" in entry or "lon" in entry:
        try:
            lat, lon = _number(entry["lat"]), _number(entry["lon"])
        except (KeyError, TypeError, ValueError):
            raise OverridesError("lat en lon moeten allebei getallen zijn", line) from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise OverridesError("lat/lon buiten bereik (lat -90..90, lon -180..180)", line)
        base = (
            replace(base, lat=lat, lon=lon)
            if base
            else Place(name or f"{lat:.4f}, {lon:.4f}", "venue", country="", lat=lat, lon=lon)
        )
        base = _gemeente_from_boundaries(base, gaz)
    return base


def _gemeente_from_boundaries(p: Place, gaz: Gazetteer) -> Place:
    """A point's gemeente, province and country come from the CBS polygons (a point outside NL keeps what it had)."""
    from agendakaart.enrich.boundaries import load_boundaries

    gm = load_boundaries().gemeente_at(p.lat, p.lon)
    gem = gaz.gemeenten.get(gm) if gm else None
    if gem is None:
        return p
    return replace(p, gm_code=gm, gemeente=gem.name, province=gem.province, country="NL")


def _number(value) -> float:
    """52.1, "52.1" or "52,1" (a Dutch spreadsheet) -> 52.1; anything else ValueError."""
    if isinstance(value, bool):
        raise ValueError(value)
    return float(value.replace(",", ".") if isinstance(value, str) else value)


def _named_place(name: str, gaz: Gazetteer) -> Place | None:
    if re.fullmatch(r"GM\d{4}", name.upper()):
        gem = gaz.gemeenten.get(name.upper())
        return next((p for p in gaz.lookup(gem.name) if p.kind == "gemeente"), None) if gem else None
    found = gaz.lookup(name)
    if not found:
        return None
    return max(found, key=lambda p: (p.country == "NL", p.kind == "woonplaats", p.population))


def matches(o: Override, *, activity_id: str, page_url: str | None, text: str) -> bool:
    """Does this override select the activity? text = title + description + location, as written."""
    if o.match == "id":
        return activity_id == o.value
    if o.match == "url":
        return bool(page_url) and page_url.rstrip("/") == o.value.rstrip("/")
    if o.regex is not None:
        return bool(o.regex.search(text))
    return fold(o.value) in fold(text)


def apply_overrides(
    e: Enrichment,
    overrides: list[Override],
    *,
    page_url: str | None,
    text: str,
    gaz: Gazetteer,
    include_uncertain: bool,
) -> Enrichment:
    """Enrichment + the overrides that match it (in file order, later wins) -> corrected Enrichment."""
    for o in overrides:
        if not matches(o, activity_id=e.activity_id, page_url=page_url, text=text):
            continue
        if o.type:
            e = replace(e, activity_type=ActivityType(o.type))
        if o.place:
            e = _with_place(e, o.place, gaz, include_uncertain)
        note = f" ({o.note})" if o.note else ""
        e = replace(e, override=True, confidence=1.0, reason=f"{e.reason}; correctie regel {o.line}{note}")
    return e


def _with_place(e: Enrichment, p: Place, gaz: Gazetteer, include_uncertain: bool) -> Enrichment:
    from agendakaart.enrich.location import PRECISION
    from agendakaart.enrich.regions import is_abroad, is_den_haag

    region = p.npvr_region if p.kind == "regio" else gaz.npvr.region_for(p.gm_code, include_uncertain)
    country = p.country or None
    return replace(
        e,
        place=p.name,
        gm_code=p.gm_code,
        gemeente=p.gemeente,
        province=p.province,
        country=country,
        lat=p.lat,
        lon=p.lon,
        precision=Precision(PRECISION.get(p.kind, "venue")),
        is_den_haag=is_den_haag(p.gm_code),
        is_abroad=is_abroad(country),
        npvr_region=region,
    )
