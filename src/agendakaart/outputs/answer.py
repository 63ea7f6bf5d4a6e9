"""The answer first: how much of the activities elsewhere in the Netherlands went to the NPVR regions, and how that
compares with their share of the inhabitants — overall, per person, ministry, month, quarter and region, and
Randstad versus the rest. Pure functions over export rows (store.queries.load_rows).

Definitions (also in the report's text):
- "elders in Nederland" = located, not Den Haag, not abroad (report.where_category == "elders"); that is the
  denominator. Den Haag, buitenland and locatie onbekend are counted beside it, never in it.
- "in een NPVR-regio" = the enrichment's npvr_region is set (gemeente codes of data/npvr_regions.csv; uncertain
  rows only when enriched with --include-uncertain).
- Inhabitants: CBS, 1 January 2024, summed over each region's gemeenten.
- Share of days with a visit: calendar days with at least one activity in the region, divided by the calendar days
  from the first to the last activity date of the rows.
- Randstad: the provinces in data/randstad.csv (a gemeente's province from the CBS polygons).
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from typing import Any

from agendakaart.outputs.report import where_category

MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
DEN_HAAG = "GM0518"
SPLIT = ("elders", "npvr", "den_haag", "buitenland", "onbekend", "totaal")


class Dec(str):
    """A number already written the Dutch way ('62,4%'): a table cell that aligns right like a number."""


def dec(value: float, digits: int = 1, suffix: str = "") -> Dec:
    """12345.678 -> '12.345,7' (Dutch: dot for thousands, comma for decimals)."""
    text = f"{value:,.{digits}f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return Dec(text + suffix)


def pct(part: float, whole: float) -> Dec | str:
    return dec(100 * part / whole, 1, "%") if whole else "–"


def month_label(ym: str) -> str:
    """'2025-03' -> 'mrt 2025' (non-breaking space, so the label never wraps)."""
    try:
        return f"{MONTHS[int(ym[5:7]) - 1]}\u00a0{ym[:4]}"
    except (ValueError, IndexError):
        return ym or "(geen datum)"


def quarter_label(ym: str) -> str:
    """'2025-03' -> 'K1 2025'."""
    try:
        return f"K{(int(ym[5:7]) - 1) // 3 + 1}\u00a0{ym[:4]}"
    except (ValueError, IndexError):
        return ym or "(geen datum)"


@dataclass
class RegionLine:
    name: str
    n: int
    inwoners: int
    days: int


@dataclass
class Answer:
    split: Counter  # SPLIT keys -> n (all rows)
    npvr_inwoners: int
    nl_inwoners: int
    by_person: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    by_ministry: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    by_month: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    by_quarter: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    regions: list[RegionLine] = field(default_factory=list)
    period: tuple[date, date] | None = None
    randstad: Counter = field(default_factory=Counter)  # randstad | rest -> n (elders only)
    randstad_inwoners: int = 0  # without Den Haag, like the activities
    den_haag_inwoners: int = 0

    @property
    def x(self) -> int:
        return self.split["npvr"]

    @property
    def y(self) -> int:
        return self.split["elders"]

    @property
    def period_days(self) -> int:
        return (self.period[1] - self.period[0]).days + 1 if self.period else 0


def randstad_provinces() -> set[str]:
    text = resources.files("agendakaart.data").joinpath("randstad.csv").read_text(encoding="utf-8")
    return {r["province_code"] for r in csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))}


def _count(c: Counter, row: dict[str, Any], cat: str) -> None:
    c[cat] += 1
    c["totaal"] += 1
    if cat == "elders" and row["npvr_region"]:
        c["npvr"] += 1


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat((text or "")[:10])
    except ValueError:
        return None


def npvr_answer(rows: list[dict[str, Any]], include_uncertain: bool = False) -> Answer:
    """Export rows -> the NPVR answer with all its breakdowns."""
    from agendakaart.enrich.boundaries import load_boundaries, npvr_inwoners

    b = load_boundaries()
    inw = npvr_inwoners(b, include_uncertain)
    randstad_pv = randstad_provinces()
    pv_of = {gm: b.province_of(gm) for gm in b.gemeenten}
    pv_by_name = {name: code for code, name in b.province_names.items()}
    ans = Answer(
        Counter(),
        sum(inw.values()),
        sum(b.inwoners.values()),
        den_haag_inwoners=b.inwoners.get(DEN_HAAG, 0),
        randstad_inwoners=sum(n for gm, n in b.inwoners.items() if pv_of.get(gm) in randstad_pv and gm != DEN_HAAG),
    )
    region_n: Counter = Counter()
    region_days: dict[str, set] = defaultdict(set)
    days = [d for d in (_day(r["date"]) for r in rows) if d]
    ans.period = (min(days), max(days)) if days else None
    for row in rows:
        cat, month = where_category(row), (row["date"] or "")[:7]
        _count(ans.split, row, cat)
        for table, key in (
            (ans.by_ministry, row["ministry"] or "(onbekend ministerie)"),
            (ans.by_month, month),
            (ans.by_quarter, quarter_label(month) if month else ""),
        ):
            _count(table[key], row, cat)
        for name in row["person_names"] or ["(geen bewindspersoon)"]:
            _count(ans.by_person[name], row, cat)
        if cat == "elders":
            pv = pv_of.get(row["gm_code"]) if row["gm_code"] else pv_by_name.get(row["province"])
            ans.randstad["randstad" if pv in randstad_pv else "rest" if pv else "onbekend"] += 1
        if cat == "elders" and row["npvr_region"]:
            region_n[row["npvr_region"]] += 1
            if _day(row["date"]):
                region_days[row["npvr_region"]].add(row["date"][:10])
    names = sorted(set(inw) | set(region_n))
    ans.regions = [RegionLine(r, region_n[r], inw.get(r, 0), len(region_days[r])) for r in names]
    return ans


# ---- format-neutral tables (header, rows); the last row of each is the totals row ----


def n_text(value: int) -> str:
    """20113 -> '20.113'."""
    return f"{value:,}".replace(",", ".")


def headline(a: Answer) -> str:
    """The one sentence the report and the map open with."""
    return (
        f"{n_text(a.x)} van de {n_text(a.y)} activiteiten elders in Nederland ({pct(a.x, a.y)}) waren in een "
        f"NPVR-regio; die regio's hebben {pct(a.npvr_inwoners, a.nl_inwoners)} van de inwoners."
    )


def beside(a: Answer) -> str:
    s = a.split
    return (
        f"Niet in de noemer: Den Haag {n_text(s['den_haag'])}, buitenland {n_text(s['buitenland'])}, locatie "
        f"onbekend {n_text(s['onbekend'])} (met de {n_text(a.y)} elders in Nederland samen "
        f"{n_text(s['totaal'])} activiteiten)."
    )


SPLIT_HEAD = ("Elders in NL", "waarvan NPVR-regio", "Aandeel NPVR", "Den Haag", "Buitenland", "Onbekend", "Totaal")


def _split_cells(c: Counter) -> tuple:
    return (
        c["elders"],
        c["npvr"],
        pct(c["npvr"], c["elders"]),
        c["den_haag"],
        c["buitenland"],
        c["onbekend"],
        c["totaal"],
    )


def split_table(
    table: dict[str, Counter], label: str, total: Counter, *, by_key: bool = False, key_label=lambda k: k
) -> tuple[tuple, list]:
    items = sorted(table.items()) if by_key else sorted(table.items(), key=lambda kv: (-kv[1]["elders"], kv[0]))
    rows = [(key_label(k) or "(geen datum)", *_split_cells(c)) for k, c in items]
    rows.append(("Totaal", *_split_cells(total)))
    return (label, *SPLIT_HEAD), rows


def region_table(a: Answer) -> tuple[tuple, list]:
    head = ("NPVR-regio", "Activiteiten", "Inwoners", "Per 100.000 inwoners", "Dagen met een bezoek", "Aandeel dagen")
    days = a.period_days
    rows = [
        (r.name, r.n, r.inwoners, dec(r.n * 1e5 / r.inwoners if r.inwoners else 0), r.days, pct(r.days, days))
        for r in sorted(a.regions, key=lambda r: (-r.n, r.name))
    ]
    n, inw = sum(r.n for r in a.regions), sum(r.inwoners for r in a.regions)
    rows.append(("Totaal", n, inw, dec(n * 1e5 / inw if inw else 0), "", ""))
    return head, rows


def randstad_table(a: Answer) -> tuple[tuple, list]:
    head = ("Gebied", "Activiteiten elders in NL", "Aandeel", "Inwoners", "Aandeel inwoners", "Per 100.000 inwoners")
    nl = a.nl_inwoners - a.den_haag_inwoners  # Den Haag's activities are not in these rows, nor its inhabitants
    rest_inw = nl - a.randstad_inwoners
    lines = [
        ("Randstad (zonder Den Haag)", a.randstad["randstad"], a.randstad_inwoners),
        ("Rest van Nederland", a.randstad["rest"], rest_inw),
    ]
    rows = [(name, n, pct(n, a.y), inw, pct(inw, nl), dec(n * 1e5 / inw if inw else 0)) for name, n, inw in lines]
    if a.randstad["onbekend"]:
        rows.append(("Provincie onbekend", a.randstad["onbekend"], pct(a.randstad["onbekend"], a.y), "", "", ""))
    rows.append(("Totaal (Nederland zonder Den Haag)", a.y, pct(a.y, a.y), nl, pct(nl, nl), dec(a.y * 1e5 / nl)))
    return head, rows
