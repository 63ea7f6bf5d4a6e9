"""One filter model shared by the exports (CLI flags) and the map (its URL hash), so a user can export what they see.

The map's JavaScript (`static/kaart.js`) mirrors `matches` and the hash format of `to_hash` / `filters_from_hash`:

    #p=dick-schoof,eelco-heinen&m=Financi%C3%ABn&t=werkbezoek&van=2025-01-01&tot=2025-06-30&dh=0&npvr=1&bl=uit

List values are percent-encoded one by one and joined with ',' (a ministry name may hold a comma: %2C).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any
from urllib.parse import quote, unquote

ABROAD_MODES = ("include", "exclude", "only")
# hash value <-> abroad mode (Dutch in the URL, as the user reads it)
_ABROAD_HASH = {"include": "", "exclude": "uit", "only": "alleen"}


@dataclass(frozen=True)
class Filters:
    """Which activities to keep; empty tuples mean 'all'. Every condition combines with AND."""
    persons: tuple[str, ...] = ()        # slugs; an activity matches when ANY of its persons is listed
    ministries: tuple[str, ...] = ()     # ministry names (activities.ministry or the first person's)
    types: tuple[str, ...] = ()          # ActivityType values
    date_from: date | None = None        # inclusive
    date_to: date | None = None          # inclusive
    exclude_den_haag: bool = False
    only_npvr: bool = False
    abroad: str = "include"              # include | exclude | only
    located_only: bool = False           # the map shows located activities only

    def __post_init__(self) -> None:
        if self.abroad not in ABROAD_MODES:
            raise ValueError(f"abroad must be one of {ABROAD_MODES}, not {self.abroad!r}")

    def is_empty(self) -> bool:
        return self == Filters()

    def to_hash(self) -> str:
        """Filters -> the map's URL hash, e.g. Filters(exclude_den_haag=True) -> '#dh=0'."""
        parts: list[tuple[str, str]] = []
        for key, values in (("p", self.persons), ("m", self.ministries), ("t", self.types)):
            if values:
                parts.append((key, ",".join(quote(v, safe="-") for v in values)))
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
        return "#" + "&".join(f"{k}={v}" for k, v in parts)


def _split(value: str) -> tuple[str, ...]:
    """'a,Onderwijs%2C%20Cultuur' -> ('a', 'Onderwijs, Cultuur'): split on raw commas, then decode each."""
    return tuple(v for v in (unquote(s).strip() for s in value.split(",")) if v)


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def filters_from_hash(fragment: str) -> Filters:
    """The map's URL hash (with or without '#', or a whole URL) -> Filters; unknown keys and bad values are ignored.

    '#p=dick-schoof&dh=0&bl=alleen' -> Filters(persons=('dick-schoof',), exclude_den_haag=True, abroad='only')
    """
    fragment = fragment.rsplit("#", 1)[-1]
    params = dict(p.partition("=")[::2] for p in fragment.split("&") if p)
    for key in ("van", "tot", "dh", "npvr", "bl"):
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
    )


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
    return _matches_place(row, flt)


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
