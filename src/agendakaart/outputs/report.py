"""The report's figures: pure functions over export rows (store.queries.load_rows) -> a ReportData of tables.

Where an activity counts (exclusive, so they add up to the total): Den Haag (is_den_haag), else buitenland
(is_abroad), else elders in Nederland (located), else onbekend — and "nog niet verrijkt" for an activity `enrich`
has not seen yet (never counted as onbekend; the category shows only when there are such). Rendering is in
report_render.py.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from agendakaart.outputs.filters import is_located

WHERE = ("den_haag", "elders", "buitenland", "onbekend", "niet_verrijkt")
WHERE_NAMES = {
    "den_haag": "Den Haag",
    "elders": "Elders in Nederland",
    "buitenland": "Buitenland",
    "onbekend": "Locatie onbekend",
    "niet_verrijkt": "Nog niet verrijkt",
}
NOT_ENRICHED_HINT = "nog niet verrijkt — draai `agendakaart enrich`"
LOW_CONFIDENCE = 0.6
QUALITY = ("datum", "tijd", "locatie", "met wie", "onderwerp")

# "met wie": a named counterpart — "met" + words, a reception, or an organisation/office word
_COUNTERPART = re.compile(
    r"\b(?:met\s+\w|gesprek(?:ken)?\s+met|overleg\s+met|ontmoeting\s+met|ontvangt|ontvangst\s+van"
    r"|vereniging|stichting|bond|federatie|VNG|IPO|bedrijf|bedrijven|universiteit|hogeschool|ziekenhuis|college"
    r"|burgemeester|wethouder|gedeputeerde|commissaris|ambassadeur|president|premier|minister\s+van|koning"
    r"|directeur|bestuur|CEO|vakbond|FNV|VNO-NCW|B\.V\.|N\.V\.)\b",
    re.IGNORECASE,
)
# a subject: "over"/"inzake"/"ter"-phrase, or enough words to say what it is about
_SUBJECT = re.compile(r"\b(?:over|inzake|ter\s+gelegenheid|betreffende|rond|omtrent|m\.b\.t\.|aangaande)\s+\w")


def is_enriched(row: dict[str, Any]) -> bool:
    """An enriched row always has a confidence (0..1); store.queries gives None to one without enrichment."""
    return row["confidence"] is not None


def where_category(row: dict[str, Any]) -> str:
    """Export row -> den_haag | buitenland | elders | onbekend | niet_verrijkt (exclusive, in that order)."""
    if not is_enriched(row):
        return "niet_verrijkt"
    if row["is_den_haag"]:
        return "den_haag"
    if row["is_abroad"]:
        return "buitenland"
    return "elders" if is_located(row) else "onbekend"


def has_counterpart(text: str) -> bool:
    """'Gesprek met de burgemeester' -> True; 'Ministerraad' -> False."""
    return bool(_COUNTERPART.search(text))


def has_subject(title: str, description: str | None) -> bool:
    """'Commissiedebat over de begroting' -> True; 'Ministerraad' -> False; 4+ words -> True."""
    words = re.findall(r"\w+", title)
    return bool(_SUBJECT.search(title)) or len(words) >= 4 or len((description or "").strip()) >= 20


def quality_flags(row: dict[str, Any]) -> dict[str, bool]:
    """The public-agenda guideline's fields present in one activity."""
    text = " ".join(t for t in (row["title"], row["description"] or "") if t)
    return {
        "datum": bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["date"] or "")),
        "tijd": bool(row["start_time"]),
        "locatie": is_located(row) or bool((row["location_text"] or "").strip()),
        "met wie": has_counterpart(text),
        "onderwerp": has_subject(row["title"] or "", row["description"]),
    }


@dataclass
class ReportData:
    total: int
    where: Counter  # category -> n
    npvr_total: int
    regions: list[str]
    region_person: dict[str, Counter]  # person name -> region -> n
    region_month: dict[str, Counter]  # YYYY-MM -> region -> n
    month_where: dict[str, Counter]  # YYYY-MM -> category -> n
    by_ministry: dict[str, Counter]  # ministry -> category (+ 'npvr', 'totaal') -> n
    by_type: dict[str, Counter]
    by_person: dict[str, Counter]
    unresolved: list[dict[str, Any]]
    low_confidence: list[dict[str, Any]]

    @property
    def categories(self) -> tuple[str, ...]:
        """The where-categories to show: 'niet_verrijkt' only when some activity is not enriched yet."""
        return tuple(w for w in WHERE if w != "niet_verrijkt" or self.where[w])


def _names(row: dict[str, Any]) -> list[str]:
    return row["person_names"] or ["(geen bewindspersoon)"]


def summarize(rows: list[dict[str, Any]], regions: list[str] | None = None) -> ReportData:
    """Export rows -> every table of the report (a person on a shared activity counts it once for themselves)."""
    data = ReportData(
        len(rows),
        Counter(),
        0,
        [],
        defaultdict(Counter),
        defaultdict(Counter),
        defaultdict(Counter),
        defaultdict(Counter),
        defaultdict(Counter),
        defaultdict(Counter),
        [],
        [],
    )
    seen_regions = set(regions or ())
    for row in rows:
        cat, region, month = where_category(row), row["npvr_region"], (row["date"] or "")[:7]
        data.where[cat] += 1
        data.month_where[month][cat] += 1
        for table, key in (
            (data.by_ministry, row["ministry"] or "(onbekend ministerie)"),
            (data.by_type, row["activity_type"]),
        ):
            table[key][cat] += 1
            table[key]["totaal"] += 1
            table[key]["npvr"] += bool(region)
        for name in _names(row):
            data.by_person[name][cat] += 1
            data.by_person[name]["totaal"] += 1
            data.by_person[name]["npvr"] += bool(region)
            if region:
                data.region_person[name][region] += 1
        if region:
            seen_regions.add(region)
            data.npvr_total += 1
            data.region_month[month][region] += 1
        if cat == "niet_verrijkt":
            continue
        if row["precision"] == "none" or cat == "onbekend":
            data.unresolved.append(row)
        elif row["confidence"] is not None and row["confidence"] < LOW_CONFIDENCE:
            data.low_confidence.append(row)
    data.regions = sorted(seen_regions)
    return data


def render_report(
    rows: list[dict[str, Any]],
    *,
    fmt: str = "html",
    regions: list[str] | None = None,
    figure_svg: str | None = None,
    entries: list[dict[str, Any]] | None = None,
) -> str:
    """Export rows -> the report text (html with inline SVG charts, or md); `figure_svg` = the map figure to embed.
    `entries` (pipeline.transparency.load_entries) feed the Transparantie section; without them it is made from
    the rows alone (completeness only)."""
    from agendakaart.outputs.regions import npvr_members
    from agendakaart.outputs.report_render import render_html, render_md
    from agendakaart.enrich.status import entry_status
    from agendakaart.outputs.transparency import entry_row

    if fmt not in ("html", "md"):
        raise ValueError(f"unknown report format {fmt!r} (html or md)")
    from agendakaart.outputs.answer import npvr_answer
    from agendakaart.outputs.geocheck import boundary_mismatches

    data = summarize(rows, regions if regions is not None else sorted(npvr_members()))
    extra = {"answer": npvr_answer(rows), "mismatches": boundary_mismatches(rows), "figure": figure_svg}
    if entries is None:
        entries = [entry_row(r, status=entry_status(r["title"], r["description"])) for r in rows]
    return render_html(data, entries, **extra) if fmt == "html" else render_md(data, entries, **extra)
