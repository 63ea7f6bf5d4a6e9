"""Transparency figures -> format-neutral tables (header + rows) for the report, the terminal and CSV.

fig = figures(entries, "ministerie"); TABLES["wijzigingen"](fig, "ministerie") -> (header, rows + Totaal)
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from typing import Any, TextIO

from agendakaart.outputs.transparency import (
    COMPLETENESS,
    DELAY_CLASSES,
    ENTRY_FIELDS,
    GROUPINGS,
    GroupStats,
    summarize,
    total,
)

Table = tuple[Sequence[str], list[Sequence[Any]]]
CHANGE_COLUMNS = (
    "gewijzigd",
    "gewijzigd na de datum",
    "geannuleerd",
    "uitgesteld",
    "verdwenen",
    "verdwenen na de datum",
    "verwijderd",
    "verwijderd na de datum",
    "gewijzigd of weg na de datum",
)
_LABELS = {"ministerie": "Ministerie", "bewindspersoon": "Bewindspersoon", "maand": "Maand"}


def pct(part: int, whole: int) -> str:
    """3, 8 -> '38%'; anything over 0 -> '–'."""
    return f"{100 * part / whole:.0f}%" if whole else "–"


def days(value: float | None) -> str:
    """-3 -> '-3', 2.5 -> '2,5', None -> '–' (Dutch decimal comma)."""
    if value is None:
        return "–"
    return f"{value:.1f}".replace(".", ",") if value != int(value) else str(int(value))


def figures(entries: list[dict], by: str) -> tuple[list[tuple[str, GroupStats]], GroupStats]:
    """Entries -> ([(group, stats)] in table order, the total): counted once, shared by the three tables."""
    stats = summarize(entries, by)
    if by == "maand":
        ordered = sorted(stats.items())
    else:
        ordered = sorted(stats.items(), key=lambda kv: (-kv[1].n, kv[0]))
    return ordered, total(entries)


Figures = tuple[list[tuple[str, GroupStats]], GroupStats]


def _delay_cells(s: GroupStats, which: str) -> list[Any]:
    counter, values = (s.pub_class, s.pub_days) if which == "publicatie" else (s.seen_class, s.seen_days)
    return [len(values), days(s.median(which)), *(pct(counter[c], len(values)) for c in DELAY_CLASSES)]


def _with_total(fig: Figures) -> list[tuple[str, GroupStats]]:
    return [*fig[0], ("Totaal", fig[1])]


def publication_table(fig: Figures, by: str) -> Table:
    head = (
        _LABELS[by],
        "Activiteiten",
        "Met publicatiedatum",
        "Mediaan (dagen)",
        *DELAY_CLASSES,
        "Eerst gezien: gemeten",
        "Mediaan (dagen)",
        *(f"eerst gezien {c}" for c in DELAY_CLASSES),
    )
    return head, [
        (k, s.n, *_delay_cells(s, "publicatie"), *_delay_cells(s, "eerst gezien")) for k, s in _with_total(fig)
    ]


def changes_table(fig: Figures, by: str) -> Table:
    head = (_LABELS[by], "Activiteiten", *(c.capitalize() for c in CHANGE_COLUMNS))
    return head, [(k, s.n, *(s.counts[c] for c in CHANGE_COLUMNS)) for k, s in _with_total(fig)]


def completeness_table(fig: Figures, by: str) -> Table:
    head = (_LABELS[by], "Activiteiten", *(f"met {f}" for f in COMPLETENESS))
    return head, [(k, s.n, *(pct(s.present[f], s.n) for f in COMPLETENESS)) for k, s in _with_total(fig)]


TABLES = {"publicatie": publication_table, "wijzigingen": changes_table, "volledigheid": completeness_table}
TITLES = {
    "publicatie": "Publicatie en eerst gezien",
    "wijzigingen": "Wijzigingen na publicatie",
    "volledigheid": "Volledigheid",
}


def figures_rows(entries: list[dict], by: str) -> tuple[list[str], list[list[Any]]]:
    """One wide row of raw counts per group (for CSV): every share's numerator and denominator, no rounding."""
    head = [
        "indeling",
        "groep",
        "activiteiten",
        "met_publicatiedatum",
        "mediaan_publicatie_dagen",
        *(f"publicatie_{c.replace(' ', '_')}" for c in DELAY_CLASSES),
        "eerst_gezien_gemeten",
        "mediaan_eerst_gezien_dagen",
        *(f"eerst_gezien_{c.replace(' ', '_')}" for c in DELAY_CLASSES),
        *(c.replace(" ", "_") for c in CHANGE_COLUMNS),
        *(f"met_{f.replace(' ', '_')}" for f in COMPLETENESS),
    ]
    rows = []
    for key, s in _with_total(figures(entries, by)):
        rows.append(
            [
                by,
                key,
                s.n,
                len(s.pub_days),
                s.median("publicatie"),
                *(s.pub_class[c] for c in DELAY_CLASSES),
                len(s.seen_days),
                s.median("eerst gezien"),
                *(s.seen_class[c] for c in DELAY_CLASSES),
                *(s.counts[c] for c in CHANGE_COLUMNS),
                *(s.present[f] for f in COMPLETENESS),
            ]
        )
    return head, rows


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (list, tuple)):
        return "|".join(str(v) for v in value)
    text = str(value)
    return "'" + text if text.startswith(("=", "+", "-", "@", "\t", "\r")) and not _is_number(text) else text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def write_figures_csv(entries: list[dict], fh: TextIO, by: str | None = None, sep: str = ",") -> int:
    """Per group raw counts as CSV (all three groupings when `by` is None) -> rows written."""
    writer = csv.writer(fh, delimiter=sep, lineterminator="\r\n")
    count = 0
    for grouping in (by,) if by else GROUPINGS:
        head, rows = figures_rows(entries, grouping)
        if not count:
            writer.writerow(head)
        for row in rows:
            writer.writerow([_cell(v) for v in row])
            count += 1
    return count


def write_entries_csv(entries: list[dict], fh: TextIO, sep: str = ",") -> int:
    """One row per entry with its own values (ENTRY_FIELDS): the list behind every figure -> rows written."""
    writer = csv.writer(fh, delimiter=sep, lineterminator="\r\n")
    writer.writerow([f.replace(" ", "_") for f in ENTRY_FIELDS])
    for e in entries:
        writer.writerow([_cell(e.get(f)) for f in ENTRY_FIELDS])
    return len(entries)


def text_table(table: Table) -> str:
    """A table as aligned plain text for the terminal."""
    head, rows = table
    cells = [[str(h) for h in head]] + [["" if v is None else str(v) for v in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(head))]
    lines = ["  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))) for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
