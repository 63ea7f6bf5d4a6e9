"""One filter model shared by the exports (CLI flags) and the map (its URL hash), so a user can export what they see.

The map's JavaScript (`static/kaart.js`) mirrors `matches` and the hash format of `to_hash` / `filters_from_hash`:

    #p=dick-schoof,eelco-heinen&m=Financi%C3%ABn&t=werkbezoek&van=2025-01-01&tot=2025-06-30&dh=0&npvr=1&bl=uit&q=zorg

List values are percent-encoded one by one and joined with ',' (a ministry name may hold a comma: %2C).
`q` is free text: it matches when it occurs, after `fold` (accents off, lower case), in the activity's title, its
place (place, else gemeente) or its persons' names. `sort` and `kaart` are the map's view, not filters.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from typing import Any
from urllib.parse import quote, unquote

ABROAD_MODES = ("include", "exclude", "only")
# hash value <-> abroad mode (Dutch in the URL, as the user reads it)
_ABROAD_HASH = {"include": "", "exclude": "uit", "only": "alleen"}
_SAFE = "-!~*'()"  # what JavaScript's encodeURIComponent leaves as it is (besides letters, digits and _.)
FILTER_KEYS = ("p", "m", "t", "van", "tot", "dh", "npvr", "bl", "q")
VIEW_KEYS = ("sort", "kaart")


class HashError(ValueError):
    """A map hash that does not describe a selection (unknown key, bad date or value); the message is Dutch."""


def fold(text: str) -> str:
    """'Ministerie van Financiën' -> 'ministerie van financien' (NFD, combining marks off, lower case; as kaart.js)."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if not "\u0300" <= c <= "\u036f").lower()


@dataclass(frozen=True)
class Filters:
    """Which activities to keep; empty tuples mean 'all'. Every condition combines with AND."""

    persons: tuple[str, ...] = ()  # slugs; an activity matches when ANY of its persons is listed
    ministries: tuple[str, ...] = ()  # ministry names (activities.ministry or the first person's)
    types: tuple[str, ...] = ()  # ActivityType values
    date_from: date | None = None  # inclusive
    date_to: date | None = None  # inclusive
    exclude_den_haag: bool = False
    only_npvr: bool = False
    abroad: str = "include"  # include | exclude | only
    located_only: bool = False  # the map shows located activities only
    text: str = ""  # free text (see module docstring)

    def __post_init__(self) -> None:
        if self.abroad not in ABROAD_MODES:
            raise ValueError(f"abroad must be one of {ABROAD_MODES}, not {self.abroad!r}")

    def is_empty(self) -> bool:
        return self == Filters()

    def __call__(self, row: dict[str, Any]) -> bool:
        """A Filters is the predicate the store's load_rows takes: filters(row) -> keep?"""
        return matches(row, self)

    def to_hash(self) -> str:
        """Filters -> the map's URL hash, e.g. Filters(exclude_den_haag=True) -> '#dh=0'."""
        parts: list[tuple[str, str]] = []
        for key, values in (("p", self.persons), ("m", self.ministries), ("t", self.types)):
            if values:
                parts.append((key, ",".join(quote(v, safe=_SAFE) for v in values)))
        if self.date_from:
            parts.append(("van", self.date_from.isoformat()))
        if self.date_to:
            parts.append(("tot", self.date_to.isoformat()))
        if self.exclude_den_haag:
            parts.append(("dh", "0"))
        if self.only_npvr:
            parts.append(("npvr", "1"))
        if self.abroad != "include":
            parts.append(("bl", _ABROAD_HASH[self.abroad]))
        if self.text.strip():
            parts.append(("q", quote(self.text.strip(), safe=_SAFE)))
        return "#" + "&".join(f"{k}={v}" for k, v in parts)


def _split(value: str) -> tuple[str, ...]:
    """'a,Onderwijs%2C%20Cultuur' -> ('a', 'Onderwijs, Cultuur'): split on raw commas, then decode each."""
    return tuple(v for v in (unquote(s).strip() for s in value.split(",")) if v)


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def filters_from_hash(fragment: str, strict: bool = False) -> Filters:
    """The map's URL hash (with or without '#', or a whole URL) -> Filters.

    '#p=dick-schoof&dh=0&bl=alleen' -> Filters(persons=('dick-schoof',), exclude_den_haag=True, abroad='only')
    Lenient (the map's way): unknown keys and bad values are ignored. strict: they raise HashError.
    """
    fragment = fragment.rsplit("#", 1)[-1]
    params = dict(p.partition("=")[::2] for p in fragment.split("&") if p)
    if strict:
        check_hash(params)
    for key in ("van", "tot", "dh", "npvr", "bl", "q"):
        params[key] = unquote(params.get(key, ""))
    abroad = {v: k for k, v in _ABROAD_HASH.items()}.get(params.get("bl", ""), "include")
    return Filters(
        persons=_split(params.get("p", "")),
        ministries=_split(params.get("m", "")),
        types=_split(params.get("t", "")),
        date_from=_date(params.get("van", "")),
        date_to=_date(params.get("tot", "")),
        exclude_den_haag=params.get("dh") == "0",
        only_npvr=params.get("npvr") == "1",
        abroad=abroad,
        text=params.get("q", "").strip(),
    )


def check_hash(params: dict[str, str]) -> None:
    """Raise HashError naming the first part of a hash that the map would not understand."""
    from agendakaart.models import ActivityType

    for key, value in params.items():
        if key not in FILTER_KEYS + VIEW_KEYS:
            raise HashError(f"onbekend deel '{key}=' in de hash (bekend: {', '.join(FILTER_KEYS)})")
    for key in ("van", "tot"):
        if params.get(key) and _date(unquote(params[key])) is None:
            raise HashError(f"'{key}={params[key]}' in de hash is geen datum (JJJJ-MM-DD)")
    for key, allowed in (("dh", ("0", "")), ("npvr", ("1", "")), ("bl", tuple(_ABROAD_HASH.values()))):
        if key in params and unquote(params[key]) not in allowed:
            raise HashError(f"'{key}={params[key]}' in de hash kan niet (wel: {', '.join(a for a in allowed if a)})")
    types = {t.value for t in ActivityType}
    bad = [t for t in _split(params.get("t", "")) if t not in types]
    if bad:
        raise HashError(f"onbekende soort '{bad[0]}' in de hash (wel: {', '.join(sorted(types))})")


def unknown_values(flt: Filters, persons: set[str], ministries: set[str]) -> str | None:
    """A Dutch line naming persons or ministries of `flt` that the data does not have, or None."""
    for label, wanted, known in (("bewindspersoon", flt.persons, persons), ("ministerie", flt.ministries, ministries)):
        missing = [v for v in wanted if v not in known]
        if missing:
            return (
                f"onbekend{'e' if label == 'bewindspersoon' else ''} {label} in het filter: "
                + ", ".join(f"'{v}'" for v in missing)
                + " (niet in de database)"
            )
    return None


def is_located(row: dict[str, Any]) -> bool:
    return row.get("lat") is not None and row.get("lon") is not None


def matches(row: dict[str, Any], flt: Filters | None) -> bool:
    """Does one export row (see store.queries.load_rows) pass the filters? Mirrored in kaart.js."""
    if flt is None:
        return True
    if flt.persons and not set(row["persons"]) & set(flt.persons):
        return False
    if flt.ministries and row["ministry"] not in flt.ministries:
        return False
    if flt.types and row["activity_type"] not in flt.types:
        return False
    if flt.date_from and row["date"] < flt.date_from.isoformat():
        return False
    if flt.date_to and row["date"] > flt.date_to.isoformat():
        return False
    if flt.text and not _matches_text(row, fold(flt.text.strip())):
        return False
    return _matches_place(row, flt)


def _matches_text(row: dict[str, Any], folded: str) -> bool:
    """Free text in title, place (or gemeente) or person names; the same fields kaart.js searches."""
    hay = " ".join((row["title"] or "", row["place"] or row["gemeente"] or "", " ".join(row["person_names"])))
    return folded in fold(hay)


def _matches_place(row: dict[str, Any], flt: Filters) -> bool:
    if flt.located_only and not is_located(row):
        return False
    if flt.exclude_den_haag and row["is_den_haag"]:
        return False
    if flt.only_npvr and not row["npvr_region"]:
        return False
    if flt.abroad == "exclude" and row["is_abroad"]:
        return False
    if flt.abroad == "only" and not row["is_abroad"]:
        return False
    return True


def without_place_filters(flt: Filters) -> Filters:
    """The same person/ministry/type/date filters, no place conditions (for the 'zonder locatie' count)."""
    return replace(flt, exclude_den_haag=False, only_npvr=False, abroad="include", located_only=False)
