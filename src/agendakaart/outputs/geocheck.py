"""Places checked against the CBS boundaries: does each located activity's point lie in the polygon of the
gemeente it was given? A mismatch is a data problem (a wrong point, a wrong gemeente, or a point that the
generalised boundaries put just across a border or in the water); the report lists them.
"""

from __future__ import annotations

from typing import Any

SKIP_PRECISION = ("regio", "provincie", "land", "none")  # area centres: no single gemeente to check against


def boundary_mismatches(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows -> one dict per located Dutch activity whose point is not in its gemeente: the row plus `found`
    (GM code of the polygon the point is in, or None) and `found_name`."""
    from agendakaart.enrich.boundaries import load_boundaries

    todo = [
        r
        for r in rows
        if r["lat"] is not None
        and r["lon"] is not None
        and r["gm_code"]
        and not r["is_abroad"]
        and r["precision"] not in SKIP_PRECISION
    ]
    if not todo:
        return []
    b = load_boundaries()
    found = b.gemeenten_at([r["lat"] for r in todo], [r["lon"] for r in todo])
    return [
        {
            **r,
            "found": gm,
            "found_name": b.gemeente_names.get(gm, "buiten elke gemeente (water of buitenland)")
            if gm
            else "buiten elke gemeente (water of buitenland)",
        }
        for r, gm in zip(todo, found)
        if gm != r["gm_code"]
    ]


def mismatch_table(items: list[dict[str, Any]], limit: int = 300) -> tuple[tuple, list]:
    """Mismatches -> (header, rows), one row per distinct place (with the number of activities), most first."""
    by_place: dict[tuple, list] = {}
    for r in items:
        by_place.setdefault((r["place"], r["gm_code"], r["found"], r["lat"], r["lon"]), []).append(r)
    rows = [
        (
            k[0] or "",
            f"{v[0]['gemeente'] or ''} ({k[1]})",
            f"{v[0]['found_name']}" + (f" ({k[2]})" if k[2] else ""),
            f"{k[3]:.4f}, {k[4]:.4f}",
            len(v),
            v[0]["url"],
        )
        for k, v in sorted(by_place.items(), key=lambda kv: (-len(kv[1]), kv[0][0] or ""))
    ][:limit]
    return (
        "Plaats",
        "Gemeente volgens de verrijking",
        "Punt ligt in",
        "Punt (lat, lon)",
        "Activiteiten",
        "Voorbeeld",
    ), rows
