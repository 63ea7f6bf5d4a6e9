"""One memo for the enricher, owned by the gazetteer it works with (res.gazetteer.memo), instead of module-level
caches keyed by id(gazetteer): a new gazetteer comes with an empty memo, and nothing outlives the resources.

Each table remembers one kind of intermediate result; a table that reaches its limit is emptied (entries recur
within a run, so a cleared table refills with what is needed). Keys that hold id() of an object (a Place, a
Located) come with the object in the value, so an id is never reused while its entry lives.
"""

from __future__ import annotations

LIMITS = {
    "choices": 50_000,  # candidate-id sets (+ province hints, envoys) -> the chosen places
    "located": 50_000,  # (words, field, preposition, place, note) -> Located
    "results": 50_000,  # (Located, type decision, settings) -> Enrichment without its id
    "place_names": 20_000,  # a name after "minister", "burgemeester" -> is it a place?
    "scanners": 8,  # an activity rule set -> the combined automaton
    "sites": 10_000,  # (venue, town) -> the venue's site in that town
    "context": 10_000,  # (context rule, what it found) -> the Located it makes
    "outputs": 50_000,  # id(shared Enrichment) -> (it, its fields as locate writes them, JSON without the id)
    "rows": 50_000,  # (id(shared Enrichment), time stamp) -> (it, its database row without the activity id)
}


class EnrichMemo:
    """The tables of LIMITS as attributes (plain dicts, read directly on the hot paths); put() stores with the
    table's limit."""

    __slots__ = tuple(LIMITS)

    def __init__(self) -> None:
        for name in LIMITS:
            setattr(self, name, {})

    def put(self, name: str, key, value):
        """Store value under key in table `name` (emptied first when full); returns value."""
        table = getattr(self, name)
        if len(table) >= LIMITS[name]:
            table.clear()
        table[key] = value
        return value

    def clear(self) -> None:
        for name in LIMITS:
            getattr(self, name).clear()

    def sizes(self) -> dict[str, int]:
        return {name: len(getattr(self, name)) for name in LIMITS}
