"""A publication-ready static map (PNG at 300 dpi, SVG, PDF) for a nota, a Kamerbrief or a slide: the Netherlands with
its provinces (CBS), the NPVR regions shaded by count or per 100,000 inhabitants, the places as proportional
symbols, legends, a title derived from the filters and the data, n, period, data date and the source line.

Drawing is matplotlib; shapes come from enrich.boundaries (shapely). The projection is plain longitude/latitude
with the axes' aspect set to 1/cos(latitude), which is how a small country looks right without a projection library.
In SVG every NPVR region is a group with id `npvr-<name>` and the texts have ids (titel, ondertitel, aantallen,
bron), so tests and designers can find them.
"""

from __future__ import annotations

from agendakaart.parse.dates import MONTH_NAMES

import csv
import math
import re
import textwrap
from collections import Counter
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from agendakaart.outputs.answer import dec, n_text, npvr_answer, pct

SIZES = {  # name -> (width, height) in inches, base font size
    "a4": (6.69, 9.06, 8.0),  # 17 x 23 cm: an A4 page within its margins
    "kamerbrief": (4.72, 6.30, 6.5),  # 12 x 16 cm: the text column of a Kamerbrief
    "dia": (13.333, 7.5, 12.0),  # a 16:9 slide
}
FORMATS = ("png", "svg", "pdf")
DPI = 300
CLASSES = ("#fde0c5", "#facba6", "#f59e72", "#e4572e", "#a8261b")
ZERO = "#f4f1f7"
SOURCE = "Bron: agenda's: rijksoverheid.nl; grenzen en inwoners: CBS (CC BY 4.0). Gemaakt met agendakaart."
MONTHS = MONTH_NAMES
TYPE_PLURAL = {
    "werkbezoek": "Werkbezoeken",
    "evenement": "Evenementen",
    "gesprek": "Gesprekken",
    "toespraak": "Toespraken",
    "vergadering": "Vergaderingen",
    "parlement": "Activiteiten in het parlement",
    "media": "Media-optredens",
    "overig": "Overige activiteiten",
}
NL_EXTENT = (3.30, 7.28, 50.70, 53.60)  # lon min, lon max, lat min, lat max


class FigureError(ValueError):
    """A bad figure request (format or size); the message is Dutch."""


@dataclass(frozen=True)
class FigureSpec:
    out: Path
    size: str = "a4"
    measure: str = "aantal"  # aantal | inwoners (per 100,000)
    title: str | None = None
    data_date: date | None = None


def long_date(d: date) -> str:
    """date(2024, 7, 2) -> '2 juli 2024'."""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def slug(text: str) -> str:
    """'Noord- en Oost-Groningen' -> 'noord-en-oost-groningen' (for SVG ids)."""
    folded = text.lower().replace("â", "a").replace("ú", "u")
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def cabinets_in(lo: date, hi: date) -> list[str]:
    """The cabinets (data/bewindspersonen.csv) in office at some day of [lo, hi], oldest first. A cabinet is in
    office from its first swearing-in until the next cabinet's (a demissionary cabinet still counts)."""
    text = resources.files("agendakaart.data").joinpath("bewindspersonen.csv").read_text(encoding="utf-8")
    starts: dict[str, date] = {}
    for r in csv.DictReader(text.splitlines()):
        if r["start_date"] and r["cabinet"]:
            start = date.fromisoformat(r["start_date"])
            starts[r["cabinet"]] = min(starts.get(r["cabinet"], start), start)
    order = sorted(starts, key=starts.get)
    ends = {c: starts[n] for c, n in zip(order, order[1:])}
    return [c for c in order if starts[c] <= hi and ends.get(c, date.max) > lo]


def default_title(rows: list[dict[str, Any]], flt, persons: dict[str, dict]) -> str:
    """'Werkbezoeken kabinet-Schoof, 2 juli 2024 – 22 februari 2025', from the filters and the rows' dates."""
    types = list(getattr(flt, "types", ()) or ())
    what = TYPE_PLURAL.get(types[0], "Activiteiten") if len(types) == 1 else "Activiteiten"
    days = sorted(r["date"][:10] for r in rows if r["date"])
    lo = getattr(flt, "date_from", None) or (date.fromisoformat(days[0]) if days else None)
    hi = getattr(flt, "date_to", None) or (date.fromisoformat(days[-1]) if days else None)
    chosen = list(getattr(flt, "persons", ()) or ())
    if chosen:
        names = [(persons.get(s) or {}).get("name") or s for s in chosen]
        who = "van " + (" en ".join(names) if len(names) <= 2 else f"{len(names)} bewindspersonen")
    elif getattr(flt, "ministries", ()):
        who = "van " + " en ".join(f"het ministerie van {m}" for m in flt.ministries)
    else:
        who = " en ".join(cabinets_in(lo, hi)) if lo and hi else ""
        who = who or "van bewindspersonen"
    period = f", {long_date(lo)} – {long_date(hi)}" if lo and hi else ""
    return f"{what} {who}{period}"


def _filter_note(flt) -> str:
    parts = []
    if getattr(flt, "exclude_den_haag", False):
        parts.append("zonder Den Haag")
    if getattr(flt, "only_npvr", False):
        parts.append("alleen NPVR-regio's")
    if getattr(flt, "abroad", "include") == "exclude":
        parts.append("zonder buitenland")
    return ("Filter: " + ", ".join(parts) + ". ") if parts else ""


def _path(shape):
    """A shapely (Multi)Polygon in lon/lat -> one matplotlib Path with its holes."""
    from matplotlib.path import Path as MplPath

    verts, codes = [], []
    for poly in getattr(shape, "geoms", [shape]):
        for ring in (poly.exterior, *poly.interiors):
            xy = list(ring.coords)
            verts += xy
            codes += [MplPath.MOVETO] + [MplPath.LINETO] * (len(xy) - 2) + [MplPath.CLOSEPOLY]
    return MplPath(verts, codes)


def _breaks(values: list[float]) -> list[float]:
    """Up to four class limits of the non-zero values (quantiles), rounded."""
    v = sorted(x for x in values if x > 0)
    out: list[float] = []
    for q in range(1, 5):
        if not v:
            break
        b = v[min(len(v) - 1, q * len(v) // 5)]
        b = round(b) if b >= 10 else round(b, 1)
        if not out or b > out[-1]:
            out.append(b)
    return out


def _colour(x: float, br: list[float]) -> str:
    if x <= 0:
        return ZERO
    k = sum(1 for b in br if x >= b)
    return CLASSES[min(k + len(CLASSES) - 1 - len(br), len(CLASSES) - 1)]


def _class_labels(br: list[float]) -> list[tuple[str, str]]:
    """Class limits -> (colour, 'label') per class, e.g. '≥ 5,6 – < 13'."""

    def fmt(x: float) -> str:
        return dec(x, 1 if x < 10 else 0)

    cls, edges, out = CLASSES[len(CLASSES) - len(br) - 1 :], [0, *br], []
    for k, c in enumerate(cls):
        low = "> 0" if k == 0 else "≥ " + fmt(edges[k])
        out.append((c, low if k == len(br) else f"{low} – < {fmt(edges[k + 1])}"))
    return out


def _places(rows: list[dict[str, Any]]) -> Counter:
    """(lon, lat) -> activities, for located activities in the Netherlands."""
    return Counter(
        (round(r["lon"], 3), round(r["lat"], 3))
        for r in rows
        if r["lat"] is not None and r["lon"] is not None and not r["is_abroad"]
    )


def _wrap(text: str, width_in: float, font: float, em: float = 0.55) -> str:
    """Wrap to the page: a character is about `em` of the font size wide (bold: more)."""
    return "\n".join(textwrap.wrap(text, max(30, int(width_in * 72 / (font * em)))))


def _draw_base(ax, b, answer, measure: str, uncertain_counted: bool):
    """Provinces, NPVR regions (shaded, with ids), the uncertain members dashed; -> class labels."""
    from matplotlib.patches import PathPatch

    for code, shape in b.provinces.items():
        patch = PathPatch(_path(shape), facecolor="#fbfaf6", edgecolor="#8f99a8", linewidth=0.5, zorder=1)
        patch.set_gid(f"provincie-{code}")
        ax.add_patch(patch)
    lines = {r.name: r for r in answer.regions}
    values = {
        name: (
            lines[name].n * 1e5 / lines[name].inwoners
            if measure == "inwoners" and lines[name].inwoners
            else lines[name].n
        )
        if name in lines
        else 0
        for name in b.npvr
    }
    br = _breaks(list(values.values()))
    for name, shape in b.npvr.items():
        if uncertain_counted and name in b.npvr_uncertain:
            import shapely

            shape = shapely.union_all([shape, b.npvr_uncertain[name]])
        patch = PathPatch(
            _path(shape), facecolor=_colour(values[name], br), edgecolor="#4a2a73", linewidth=0.9, zorder=2
        )
        patch.set_gid(f"npvr-{slug(name)}")
        ax.add_patch(patch)
    if not uncertain_counted:
        for name, shape in b.npvr_uncertain.items():
            patch = PathPatch(
                _path(shape), facecolor="none", edgecolor="#4a2a73", linewidth=0.6, linestyle=(0, (3, 2)), zorder=2
            )
            patch.set_gid(f"npvr-onzeker-{slug(name)}")
            ax.add_patch(patch)
    return _class_labels(br)


def _draw_places(ax, places: Counter, font: float):
    """Proportional symbols: area grows with the number of activities; -> legend handles."""
    import matplotlib.lines as mlines

    if not places:
        return []
    top = max(places.values())
    smax = 9.0 * font * font  # points^2 of the largest symbol, scaled with the page
    area = lambda n: smax * n / top  # noqa: E731
    xs, ys, ns = zip(*[(x, y, n) for (x, y), n in sorted(places.items(), key=lambda kv: -kv[1])])
    dots = ax.scatter(
        xs, ys, s=[max(area(n), 1.5) for n in ns], c="#154273", alpha=0.6, edgecolors="white", linewidths=0.3, zorder=4
    )
    dots.set_gid("plaatsen")
    refs = sorted({top, max(1, round(top / 4)), 1}, reverse=True)
    return [
        mlines.Line2D(
            [],
            [],
            linestyle="none",
            marker="o",
            markersize=math.sqrt(max(area(n), 1.5)),
            markerfacecolor="#154273",
            alpha=0.6,
            markeredgecolor="white",
            label=n_text(n),
        )
        for n in refs
    ]


def render_figure(
    rows: list[dict[str, Any]],
    spec: FigureSpec,
    *,
    flt=None,
    persons: dict | None = None,
    uncertain_counted: bool = False,
) -> Path:
    """Rows (already filtered) -> the figure at spec.out (format from its suffix)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    from agendakaart.enrich.boundaries import load_boundaries

    fmt = spec.out.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise FigureError(f"onbekend bestandstype '.{fmt}': kies .png, .svg of .pdf")
    if spec.size not in SIZES:
        raise FigureError(f"onbekende maat {spec.size!r}: kies {', '.join(SIZES)}")
    width, height, font = SIZES[spec.size]
    b, answer = load_boundaries(), npvr_answer(rows, uncertain_counted)
    title = spec.title or default_title(rows, flt, persons or {})
    wide = width > height
    with plt.rc_context(
        {"svg.fonttype": "none", "svg.hashsalt": "agendakaart", "font.size": font, "font.family": "DejaVu Sans"}
    ):
        fig = plt.figure(figsize=(width, height), dpi=DPI)
        ax = fig.add_axes([0.02, 0.07, 0.56, 0.76] if wide else [0.02, 0.11, 0.96, 0.74])
        ax.set_xlim(*NL_EXTENT[:2])
        ax.set_ylim(*NL_EXTENT[2:])
        ax.set_aspect(1 / math.cos(math.radians(52.2)))
        ax.set_axis_off()
        classes = _draw_base(ax, b, answer, spec.measure, uncertain_counted)
        dots = _draw_places(ax, _places(rows), font)
        unit = "activiteiten per 100.000 inwoners" if spec.measure == "inwoners" else "activiteiten"
        handles = [Patch(facecolor=ZERO, edgecolor="#4a2a73", label="0")] + [
            Patch(facecolor=c, edgecolor="#4a2a73", label=t) for c, t in classes
        ]
        # slide: legends and counts in a right-hand column (figure coordinates); page: legends inside the map
        anchor = (
            dict(loc="upper left", bbox_to_anchor=(0.60, 0.80), bbox_transform=fig.transFigure)
            if wide
            else dict(loc="upper left")
        )
        leg = ax.legend(
            handles=handles,
            title=f"NPVR-regio, {unit}",
            frameon=False,
            fontsize=font * 0.85,
            title_fontsize=font * 0.9,
            alignment="left",
            **anchor,
        )
        leg.set_gid("legenda-regio")
        if dots:
            ax.add_artist(leg)
            anchor2 = (
                dict(loc="upper left", bbox_to_anchor=(0.60, 0.48), bbox_transform=fig.transFigure)
                if wide
                else dict(loc="lower right", bbox_to_anchor=(1.0, 0.0))
            )
            leg2 = ax.legend(
                handles=dots,
                title="Activiteiten per plaats",
                frameon=False,
                fontsize=font * 0.85,
                title_fontsize=font * 0.9,
                alignment="left",
                labelspacing=1.3,
                borderpad=0.8,
                handlelength=3.2,
                handletextpad=1.0,
                **anchor2,
            )
            leg2.set_gid("legenda-plaatsen")
        _texts(fig, title, answer, flt, spec, len(rows), wide, width, font)
        from agendakaart.safe_output import atomic_open

        try:
            with atomic_open(spec.out, binary=True) as fh:  # whole or not at all, no temporary file left behind
                fig.savefig(fh, format=fmt, dpi=DPI, metadata=_metadata(fmt, title))
        finally:
            plt.close(fig)
    return spec.out


def _texts(fig, title, answer, flt, spec, n, wide, width, font) -> None:
    s = answer.split
    left = 0.03
    text_w = width * 0.94
    t = fig.text(left, 0.975, _wrap(title, text_w, font * 1.5, 0.64), fontsize=font * 1.5, fontweight="bold", va="top")
    t.set_gid("titel")
    sub = (
        f"{n_text(answer.x)} van de {n_text(answer.y)} activiteiten elders in Nederland ({pct(answer.x, answer.y)}) "
        f"waren in een NPVR-regio; die regio's hebben {pct(answer.npvr_inwoners, answer.nl_inwoners)} van de "
        f"inwoners."
    )
    t = fig.text(left, 0.905 if not wide else 0.885, _wrap(sub, text_w, font), fontsize=font, va="top")
    t.set_gid("ondertitel")
    period = f"{long_date(answer.period[0])} – {long_date(answer.period[1])}" if answer.period else "geen datums"
    counts = (
        f"n = {n_text(n)} activiteiten ({period}): elders in Nederland {n_text(answer.y)}, Den Haag "
        f"{n_text(s['den_haag'])}, buitenland {n_text(s['buitenland'])} (niet op de kaart), locatie onbekend "
        f"{n_text(s['onbekend'])}. {_filter_note(flt)}"
        f"Stand van de gegevens: {long_date(spec.data_date or date.today())}."
    )
    x, y, w = (0.605, 0.20, width * 0.37) if wide else (left, 0.085, text_w)  # slide: right column, under legends
    t = fig.text(x, y, _wrap(counts, w, font * 0.8), fontsize=font * 0.8, va="top", color="#333333")
    t.set_gid("aantallen")
    t = fig.text(left, 0.012, SOURCE, fontsize=font * 0.75, va="bottom", color="#444444")
    t.set_gid("bron")


def _metadata(fmt: str, title: str) -> dict:
    if fmt == "png":
        return {"Title": title, "Software": "agendakaart"}
    if fmt == "svg":
        return {"Title": title, "Creator": "agendakaart", "Date": None}
    return {"Title": title, "Creator": "agendakaart", "CreationDate": None}
