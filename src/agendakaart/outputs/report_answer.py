"""The report's opening section (the NPVR answer, its breakdowns and definitions) and the boundary check section,
as HTML or Markdown. The figures come from outputs.answer and outputs.geocheck; table rendering is passed in."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable

from agendakaart.outputs.answer import Answer, beside, headline, month_label, randstad_table, region_table, split_table
from agendakaart.outputs.geocheck import mismatch_table

DEFINITIONS = (
    "Noemer: de activiteiten elders in Nederland (met een plaats, niet in Den Haag, niet in het buitenland). Den Haag, "
    "buitenland en locatie onbekend staan ernaast en tellen niet mee in het percentage. Een activiteit telt in een "
    "NPVR-regio als haar gemeente lid is van die regio (data/npvr_regions.csv; leden met status 'uncertain' alleen "
    "met --include-uncertain). Inwoners: CBS, 1 januari 2024, opgeteld over de gemeenten van de regio. "
    "Aandeel dagen: kalenderdagen met minstens één activiteit in de regio, gedeeld door de kalenderdagen van de "
    "eerste tot de laatste activiteit ({days} dagen). Randstad: de provincies Noord-Holland, Zuid-Holland, Utrecht "
    "en Flevoland (Regio Randstad, data/randstad.csv), zonder Den Haag; de NPVR-regio Kop van Noord-Holland ligt "
    "daarin. Een activiteit van twee bewindspersonen telt bij beiden; in de totalen één keer."
)


def answer_tables(a: Answer) -> Iterable[tuple[str, tuple]]:
    yield "Per NPVR-regio", region_table(a)
    yield "Randstad en de rest van Nederland", randstad_table(a)
    yield "Per bewindspersoon", split_table(a.by_person, "Bewindspersoon", a.split)
    yield "Per ministerie", split_table(a.by_ministry, "Ministerie", a.split)
    yield "Per kwartaal", split_table(_by_quarter_sorted(a), "Kwartaal", a.split, by_key=True)
    yield "Per maand", split_table(a.by_month, "Maand", a.split, by_key=True, key_label=month_label)


def _by_quarter_sorted(a: Answer) -> dict:
    """Quarter labels ('K1 2025') sort by year, then quarter."""
    return dict(sorted(a.by_quarter.items(), key=lambda kv: (kv[0][-4:], kv[0])))


def answer_html(a: Answer, figure: str | None, table: Callable) -> list[str]:
    e = html.escape
    out = [
        "<h2>Het antwoord: NPVR-regio's</h2>",
        f'<p class="antwoord" id="antwoord">{e(headline(a))}</p>',
        f'<p class="naast">{e(beside(a))}</p>',
    ]
    if figure:
        out.append(
            f'<figure class="figuur">{figure}<figcaption>Kaart van dezelfde activiteiten '
            f'(ook los te maken met <code>agendakaart figure</code>).</figcaption></figure>'
        )
    out.append(f"<p class=naast>{e(DEFINITIONS.format(days=a.period_days))}</p>")
    out += [f"<h3>{e(title)}</h3><div class=kaart>{table(t)}</div>" for title, t in answer_tables(a)]
    return out


def answer_md(a: Answer, cell: Callable, table: Callable) -> list[str]:
    out = [
        "",
        "## Het antwoord: NPVR-regio's",
        "",
        f"**{cell(headline(a))}**",
        "",
        cell(beside(a)),
        "",
        cell(DEFINITIONS.format(days=a.period_days)),
    ]
    for title, t in answer_tables(a):
        out += ["", f"### {title}", "", table(t)]
    return out


def mismatch_sections(items: list[dict]) -> list[tuple[str, tuple, str]]:
    note = (
        f"{len(items)} activiteiten met een punt dat niet in de (CBS-)gemeente ligt die de verrijking gaf. "
        "Een dataprobleem: een verkeerd punt of een verkeerde gemeente, of een punt dat de vereenvoudigde "
        "grenzen net over de grens of in het water leggen. Eén regel per plaats."
        if items
        else "Elk geplaatst punt in Nederland ligt in de gemeente die de verrijking gaf."
    )
    return [("Plaatsen buiten hun gemeente", mismatch_table(items), note)]
