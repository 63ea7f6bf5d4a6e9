"""Shared helper for the enrichment tests: enrich one line the way the pipeline does, with loaded resources."""

from agendakaart.enrich.engine import enrich_fields
from agendakaart.settings import Settings


def enrich_title(res, title, *, location=None, description=None, label=None, settings=None):
    """(resources, title, optional fields) -> Enrichment."""
    return enrich_fields(
        title=title,
        description=description,
        location_text=location,
        type_label=label,
        gazetteer=res.gazetteer,
        rules=res.rules,
        settings=settings or Settings(),
    )


def score_rows(res, rows) -> dict:
    """Eval rows -> {"placed", "gm_ok", "npvr_ok", "type_ok", "prec_ok", "n", "den_haag_without_evidence"}."""
    s = dict(placed=0, gm_ok=0, npvr_ok=0, type_ok=0, prec_ok=0, n=len(rows), den_haag_without_evidence=[])
    for row in rows:
        exp = row["expected"]
        e = enrich_title(
            res, row["title"], location=row["location_text"], description=row["description"], label=row["type_label"]
        )
        if exp["gm_code"]:
            s["placed"] += 1
            s["gm_ok"] += e.gm_code == exp["gm_code"]
        if exp["precision"] == "none" and e.gm_code == "GM0518":
            s["den_haag_without_evidence"].append(row["id"])
        s["npvr_ok"] += e.npvr_region == exp["npvr_region"]
        s["type_ok"] += e.activity_type.value == exp["activity_type"]
        s["prec_ok"] += e.precision.value == exp["precision"]
    return s


def run_text(res, text):
    """As `agendakaart locate` does for {"id", "text"}: split the roll-up form first, then enrich."""
    from agendakaart.enrich.engine import split_text_line

    label, title, location = split_text_line(text, res.rules)
    return enrich_title(res, title, location=location, label=label)
