"""Scoring weights and thresholds of the place choice, as data (data/enrich_weights.csv): table, key, value,
meaning per row.

weights("field_score") -> {"location": 100.0, …, "default": 20.0}; weight("threshold", "near_km") -> 40
A value is an int when written without a point ("7"), else a float ("100.0", "0.95"), so that arithmetic with
it is exactly what the code did with the literal.
"""

from __future__ import annotations

import csv
from functools import lru_cache

from agendakaart.enrich.regions import data_path

WEIGHTS_FILE = "enrich_weights.csv"


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, int | float]]:
    with open(data_path(WEIGHTS_FILE), encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(ln for ln in fh if ln.strip() and not ln.startswith("#")))
    out: dict[str, dict[str, int | float]] = {}
    for row in rows:
        table, key, text = row["table"].strip(), row["key"].strip(), row["value"].strip()
        if not (row.get("meaning") or "").strip():
            raise ValueError(f"{WEIGHTS_FILE}: {table}/{key} needs its meaning")
        if key in out.get(table, {}):
            raise ValueError(f"{WEIGHTS_FILE}: {table}/{key} twice")
        value = float(text) if any(c in text for c in ".eE") else int(text)
        out.setdefault(table, {})[key] = value
    return out


def weights(table: str) -> dict[str, int | float]:
    """One table's key -> value (a copy); an unknown table is an error."""
    found = _table().get(table)
    if not found:
        raise KeyError(f"{WEIGHTS_FILE}: no table {table!r}")
    return dict(found)


def weight(table: str, key: str) -> int | float:
    """One value; an unknown table or key is an error (a rule that would silently weigh nothing)."""
    found = weights(table)
    if key not in found:
        raise KeyError(f"{WEIGHTS_FILE}: no {table}/{key}")
    return found[key]
