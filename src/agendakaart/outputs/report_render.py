"""ReportData -> Dutch HTML (tables + matplotlib charts as inline SVG) or Markdown. Every value is escaped."""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterable, Sequence
from datetime import datetime, timezone
from typing import Any

from agendakaart.outputs.answer import Dec
from agendakaart.outputs.report import LOW_CONFIDENCE, NOT_ENRICHED_HINT, WHERE_NAMES, ReportData
from agendakaart.outputs.report_answer import answer_html, answer_md, mismatch_sections

LIST_LIMIT = 300
_COLOURS = {
    "den_haag": "#154273",
    "elders": "#1b7f5b",
    "buitenland": "#d98a00",
    "onbekend": "#b0b6c0",
    "niet_verrijkt": "#e4e7ec",
}
Table = tuple[Sequence[str], list[Sequence[Any]]]


def _num(value: Any) -> str:
    """Dutch number text: 20113 -> '20.113'; anything else -> str (None -> '')."""
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}".replace(",", ".")
    return "" if value is None else str(value)


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "–"


# ---- tables (format-neutral: header + rows of plain values) ----


def totals_table(d: ReportData) -> Table:
    rows = [(WHERE_NAMES[w], d.where[w], _pct(d.where[w], d.total)) for w in d.categories]
    rows.append(("Totaal", d.total, _pct(d.total, d.total)))
    rows.append(("waarvan in NPVR-regio's", d.npvr_total, _pct(d.npvr_total, d.total)))
    return ("Waar", "Aantal", "Aandeel"), rows


def breakdown_table(table: dict[str, Any], label: str, categories: tuple[str, ...]) -> Table:
    head = (label, "Totaal", *(WHERE_NAMES[w] for w in categories), "NPVR-regio's")
    rows = [
        (k, c["totaal"], *(c[w] for w in categories), c["npvr"])
        for k, c in sorted(table.items(), key=lambda kv: (-kv[1]["totaal"], kv[0]))
    ]
    return head, rows


def cross_table(table: dict[str, Any], regions: list[str], label: str, sort_keys: bool = False) -> Table:
    items = sorted(table.items()) if sort_keys else sorted(table.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
    rows = [(k, *(c[r] for r in regions), sum(c.values())) for k, c in items]
    return (label, *regions, "Totaal"), rows


def items_table(items: list[dict[str, Any]]) -> Table:
    rows = [
        (
            r["date"],
            ", ".join(r["person_names"]),
            r["title"],
            r["location_text"] or "",
            r["place"] or "",
            "" if r["confidence"] is None else f"{r['confidence']:.2f}",
            r["reason"] or "",
            r["url"],
        )
        for r in items[:LIST_LIMIT]
    ]
    return ("Datum", "Bewindspersoon", "Activiteit", "Locatietekst", "Plaats", "Zekerheid", "Reden", "Bron"), rows


# ---- charts ----


def _svg(fig) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight")
    text = buf.getvalue()
    return text[text.index("<svg") :]


def charts(d: ReportData) -> list[tuple[str, str]]:
    """-> [(caption, svg)]: where per month (stacked), and activities per NPVR region."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"svg.fonttype": "none", "svg.hashsalt": "agendakaart", "font.size": 9})
    out = []
    months = sorted(m for m in d.month_where if m)
    if months:
        fig, ax = plt.subplots(figsize=(9, 3.2))
        bottom = [0] * len(months)
        for w in d.categories:
            vals = [d.month_where[m][w] for m in months]
            ax.bar(months, vals, bottom=bottom, color=_COLOURS[w], label=WHERE_NAMES[w], width=0.8)
            bottom = [a + b for a, b in zip(bottom, vals)]
        ax.set_ylabel("activiteiten")
        ax.legend(ncols=4, frameon=False, loc="lower left", bbox_to_anchor=(0, 1.0), fontsize=8)
        ax.tick_params(axis="x", labelrotation=60)
        ax.spines[["top", "right"]].set_visible(False)
        out.append(("Activiteiten per maand, naar waar ze plaatsvonden", _svg(fig)))
        plt.close(fig)
    if d.by_ministry:
        out.append(("Activiteiten per ministerie, naar waar ze plaatsvonden", _ministry_chart(plt, d)))
    region_totals = {r: sum(c[r] for c in d.region_month.values()) for r in d.regions}
    if region_totals:
        fig, ax = plt.subplots(figsize=(7, 0.32 * len(region_totals) + 0.8))
        names = sorted(region_totals, key=lambda r: region_totals[r])
        ax.barh(names, [region_totals[r] for r in names], color="#6a3d9a")
        for y, r in enumerate(names):
            ax.text(region_totals[r], y, f" {region_totals[r]}", va="center", fontsize=8)
        ax.set_xlabel("activiteiten")
        ax.spines[["top", "right"]].set_visible(False)
        out.append(("Activiteiten per NPVR-regio", _svg(fig)))
        plt.close(fig)
    return out


def _ministry_chart(plt, d: ReportData) -> str:
    """Horizontal stacked bars: per ministry, Den Haag / elders / buitenland / onbekend."""
    names = sorted(d.by_ministry, key=lambda m: d.by_ministry[m]["totaal"])
    fig, ax = plt.subplots(figsize=(9, 0.3 * len(names) + 1.0))
    left = [0] * len(names)
    for w in d.categories:
        vals = [d.by_ministry[m][w] for m in names]
        ax.barh(names, vals, left=left, color=_COLOURS[w], label=WHERE_NAMES[w])
        left = [a + b for a, b in zip(left, vals)]
    ax.set_xlabel("activiteiten")
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(ncols=4, frameon=False, loc="lower left", bbox_to_anchor=(0, 1.0), fontsize=8)
    svg = _svg(fig)
    plt.close(fig)
    return svg


# ---- HTML ----


def _html_table(table: Table, caption: str | None = None) -> str:
    head, rows = table
    e = html.escape
    cells = lambda row, tag: "".join(  # noqa: E731 — tiny local formatter
        f"<{tag}{' class=num' if isinstance(v, (int, float, Dec)) else ''}>{_html_cell(v)}</{tag}>" for v in row
    )
    foot = ""
    if rows and str(rows[-1][0]).startswith("Totaal"):  # a totals row goes into <tfoot>
        foot, rows = f"<tfoot><tr>{cells(rows[-1], 'td')}</tr></tfoot>", rows[:-1]
    body = "".join(f"<tr>{cells(r, 'td')}</tr>" for r in rows) or f"<tr><td colspan={len(head)}>geen</td></tr>"
    cap = f"<caption>{e(caption)}</caption>" if caption else ""
    return f"<table>{cap}<thead><tr>{''.join(f'<th>{e(str(h))}</th>' for h in head)}</tr></thead><tbody>{body}</tbody>{foot}</table>"


def _html_cell(value: Any) -> str:
    text = _num(value)
    if re.match(r"https?://", text):
        return f'<a href="{html.escape(text, quote=True)}" rel="noopener noreferrer">bron</a>'
    return html.escape(text)


_CSS = """body{font:14px/1.5 system-ui,sans-serif;color:#1d2433;max-width:1180px;margin:0 auto;padding:0 20px 40px}
h1{color:#154273}h2{border-bottom:2px solid #d9dee7;padding-bottom:3px;margin-top:32px}
table{border-collapse:collapse;margin:8px 0 16px;font-size:13px}th,td{padding:3px 8px;border-bottom:1px solid #d9dee7;
text-align:left;vertical-align:top}.num{text-align:right;font-variant-numeric:tabular-nums}caption{text-align:left;
font-weight:600;padding:4px 0}.kaart{overflow-x:auto}figure{margin:8px 0 20px}figcaption{color:#5d6678}
.cijfers{display:flex;gap:28px;flex-wrap:wrap}.cijfer b{display:block;font-size:26px;color:#154273}
td:first-child{white-space:nowrap}tfoot td{font-weight:700;border-top:2px solid #1d2433}
.antwoord{font-size:19px;line-height:1.4;background:#f5f7fa;border-left:5px solid #6a3d9a;padding:10px 14px;margin:12px 0 4px}
.naast{color:#5d6678;margin:0 0 12px}.figuur svg{max-width:100%;height:auto}"""


def render_html(
    d: ReportData, entries: list[dict[str, Any]] | None = None, answer=None, mismatches=None, figure=None
) -> str:
    e = html.escape
    big = "".join(f'<div class="cijfer"><b>{_num(d.where[w])}</b>{e(WHERE_NAMES[w])}</div>' for w in d.categories)
    hint = (
        f'<p class="let-op"><b>{_num(d.where["niet_verrijkt"])} activiteiten {e(NOT_ENRICHED_HINT)}</b></p>'
        if d.where["niet_verrijkt"]
        else ""
    )
    parts = [
        f"<!doctype html><html lang=nl><head><meta charset=utf-8><title>Rapport agendakaart</title>"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        f"<style>{_CSS}</style></head><body>",
        f"<h1>Waar gaat het kabinet naartoe? — rapport</h1><p>{_num(d.total)} activiteiten uit de openbare agenda's. "
        f"Gemaakt op {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC.</p>",
        hint,
    ]
    if answer is not None:
        parts += answer_html(answer, figure, _html_table)
    parts += [f'<h2>Totalen</h2><div class="cijfers">{big}</div>', _html_table(totals_table(d))]
    parts += [f"<figure>{svg}<figcaption>{e(cap)}</figcaption></figure>" for cap, svg in charts(d)]
    parts += _html_sections(d)
    if mismatches is not None:
        parts += [
            f"<h2>{e(t)}</h2><p>{e(note)}</p>" + f'<div class="kaart">{_html_table(table)}</div>'
            for t, table, note in mismatch_sections(mismatches)
        ]
    if entries is not None:
        parts.append(transparency_html(entries))
    parts.append("</body></html>")
    return "\n".join(parts)


def _html_sections(d: ReportData) -> list[str]:
    e = html.escape
    out = []
    for title, table, note in _sections(d):
        out.append(
            f"<h2>{e(title)}</h2>"
            + (f"<p>{e(note)}</p>" if note else "")
            + f'<div class="kaart">{_html_table(table)}</div>'
        )
    return out


def _sections(d: ReportData) -> Iterable[tuple[str, Table, str]]:
    yield "NPVR-regio × bewindspersoon", cross_table(d.region_person, d.regions, "Bewindspersoon"), ""
    yield "NPVR-regio × maand", cross_table(d.region_month, d.regions, "Maand", sort_keys=True), ""
    yield "Per ministerie", breakdown_table(d.by_ministry, "Ministerie", d.categories), ""
    yield (
        "Per bewindspersoon",
        breakdown_table(d.by_person, "Bewindspersoon", d.categories),
        "Een activiteit van twee bewindspersonen telt bij beiden.",
    )
    yield "Per soort activiteit", breakdown_table(d.by_type, "Soort", d.categories), ""

    def shown(items):
        return f"{len(items)} activiteiten" + (  # noqa: E731
            f"; de eerste {LIST_LIMIT} staan hieronder (alle: export)." if len(items) > LIST_LIMIT else "."
        )

    yield "Zonder locatie", items_table(d.unresolved), shown(d.unresolved)
    yield f"Onzeker geplaatst (zekerheid < {LOW_CONFIDENCE})", items_table(d.low_confidence), shown(d.low_confidence)


# ---- Markdown ----


def _md_cell(value: Any) -> str:
    """One value -> a safe Markdown table cell: 'a|b<c>' -> 'a\\|b&lt;c&gt;'."""
    text = html.escape(_num(value), quote=False)
    return re.sub(r"\s+", " ", text).replace("|", "\\|").replace("[", "\\[").replace("]", "\\]").strip()


def _md_table(table: Table) -> str:
    head, rows = table
    lines = [
        "| " + " | ".join(_md_cell(h) for h in head) + " |",
        "|" + "|".join("---:" if i else "---" for i in range(len(head))) + "|",
    ]
    lines += ["| " + " | ".join(_md_cell(v) for v in r) + " |" for r in rows or [("geen", *[""] * (len(head) - 1))]]
    return "\n".join(lines)


def render_md(
    d: ReportData, entries: list[dict[str, Any]] | None = None, answer=None, mismatches=None, figure=None
) -> str:
    parts = [
        "# Waar gaat het kabinet naartoe? — rapport",
        "",
        f"{_num(d.total)} activiteiten uit de openbare agenda's.",
    ]
    if d.where["niet_verrijkt"]:
        parts += ["", f"**{_num(d.where['niet_verrijkt'])} activiteiten {NOT_ENRICHED_HINT}**"]
    if answer is not None:
        parts += answer_md(answer, _md_cell, _md_table)
    parts += ["", "## Totalen", "", _md_table(totals_table(d))]
    for title, table, note in [*_sections(d), *mismatch_sections(mismatches or [])]:
        parts += ["", f"## {title}", ""] + ([_md_cell(note), ""] if note else []) + [_md_table(table)]
    if entries is not None:
        parts += ["", transparency_md(entries)]
    return "\n".join(parts) + "\n"


# ---- Transparantie: publication delay, changes, completeness (outputs/transparency.py) ----

_TRANSPARENCY_INTRO = (
    "Wat de agenda's zelf niet zeggen: hoe laat een activiteit online komt, wat er na publicatie nog verandert "
    "of verdwijnt, en welke velden uit de richtlijn openbare agenda's er in staan. Elk getal is na te tellen: "
    "'agendakaart transparency --entries activiteiten.csv' geeft per activiteit de eigen waarden waaruit de "
    "tabellen geteld zijn (met dezelfde filters als de export)."
)


def _transparency_sections(entries: list[dict[str, Any]]) -> Iterable[tuple[str, Table]]:
    from agendakaart.outputs.transparency_tables import TABLES, TITLES, completeness_table, figures

    for by in ("ministerie", "bewindspersoon"):
        fig = figures(entries, by)
        for key, make in TABLES.items():
            yield f"{TITLES[key]} per {by}", make(fig, by)
    yield "Volledigheid per maand (trend)", completeness_table(figures(entries, "maand"), "maand")


def transparency_html(entries: list[dict[str, Any]]) -> str:
    """The report's Transparantie section: intro, definitions, tables, the completeness trend chart."""
    from agendakaart.outputs.transparency import DEFINITIONS

    e = html.escape
    parts = [f'<h2 id="transparantie">Transparantie</h2><p>{e(_TRANSPARENCY_INTRO)}</p><dl>']
    parts += [f"<dt><b>{e(name)}</b></dt><dd>{e(text)}</dd>" for name, text in DEFINITIONS]
    parts.append("</dl>")
    for title, table in _transparency_sections(entries):
        parts.append(f'<h3>{e(title)}</h3><div class="kaart">{_html_table(table)}</div>')
    chart = completeness_chart(entries)
    if chart:
        parts.append(
            f"<figure>{chart}<figcaption>Volledigheid per maand: aandeel activiteiten met elk veld"
            f"</figcaption></figure>"
        )
    return "\n".join(parts)


def transparency_md(entries: list[dict[str, Any]]) -> str:
    from agendakaart.outputs.transparency import DEFINITIONS

    parts = ["## Transparantie", "", _md_cell(_TRANSPARENCY_INTRO), ""]
    parts += [f"- **{_md_cell(name)}**: {_md_cell(text)}" for name, text in DEFINITIONS]
    for title, table in _transparency_sections(entries):
        parts += ["", f"### {title}", "", _md_table(table)]
    return "\n".join(parts)


def completeness_chart(entries: list[dict[str, Any]]) -> str | None:
    """Lines per completeness field over the months (share of the month's entries), as inline SVG."""
    from agendakaart.outputs.transparency import COMPLETENESS, summarize

    stats = summarize(entries, "maand")
    months = sorted(m for m, s in stats.items() if s.n)
    if len(months) < 2:
        return None
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"svg.fonttype": "none", "svg.hashsalt": "agendakaart", "font.size": 9})
    fig, ax = plt.subplots(figsize=(9, 3.2))
    for f in COMPLETENESS[1:]:  # the date is always there
        ax.plot(months, [100 * stats[m].present[f] / stats[m].n for m in months], marker="o", ms=3, label=f)
    ax.set_ylabel("% van de activiteiten")
    ax.set_ylim(0, 100)
    ax.tick_params(axis="x", labelrotation=60)
    ax.legend(ncols=5, frameon=False, loc="lower left", bbox_to_anchor=(0, 1.0), fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    svg = _svg(fig)
    plt.close(fig)
    return svg
