"""CLI: transparency (publication delay, changes, completeness) and feed (Atom / ICS of new and changed
activities) — thin wiring over agendakaart.pipeline.transparency and pipeline.feeds."""

from __future__ import annotations

import io
from pathlib import Path

import click

from agendakaart.cli.common import db_option, parse_date_option
from agendakaart.cli.outputs import _reader, filter_options, filters_from_options, force_option

_GROUPINGS = ("ministerie", "bewindspersoon", "maand")


def _filters(**options):
    flt = filters_from_options(**options)
    return None if flt.is_empty() else flt


@click.command("transparency")
@db_option
@click.option(
    "--by",
    "by",
    type=click.Choice(_GROUPINGS),
    default=None,
    help="Groepeer per ministerie, bewindspersoon of maand (standaard: ministerie en bewindspersoon; CSV: alle).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv"]),
    default="table",
    show_default=True,
    help="table (op het scherm) of csv.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Bestand voor de cijfers (standaard: het scherm).",
)
@click.option(
    "--entries",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Schrijf ook de activiteiten achter de cijfers: één CSV-rij per activiteit met haar eigen waarden.",
)
@filter_options
@force_option
def transparency_command(db_path, by, fmt, out, entries, force, **filters) -> None:
    """Publicatievertraging, wijzigingen na publicatie en volledigheid per ministerie, bewindspersoon of maand."""
    from agendakaart.outputs.transparency import DEFINITIONS
    from agendakaart.outputs.transparency_tables import TABLES, TITLES, figures, text_table, write_figures_csv
    from agendakaart.pipeline.outputs import check_out
    from agendakaart.pipeline.transparency import load_entries, write_entries
    from agendakaart.safe_output import atomic_open, write_text_atomic

    flt = _filters(**filters)
    with _reader(db_path) as conn:
        for path in (p for p in (out, entries) if p is not None):
            check_out(conn, path, "transparantie", force)
        rows = load_entries(conn, flt)
    if entries is not None:
        n = write_entries(rows, entries)
        click.echo(f"activiteiten achter de cijfers: {n} rijen -> {entries}", err=out is None)
    if fmt == "csv":
        if out is None:
            buf = io.StringIO()
            write_figures_csv(rows, buf, by)
            click.echo(buf.getvalue(), nl=False)
        else:
            with atomic_open(out, encoding="utf-8-sig", newline="") as fh:
                n = write_figures_csv(rows, fh, by)
            click.echo(f"transparantie: {n} rijen -> {out}")
        return
    parts = []
    for grouping in (by,) if by else ("ministerie", "bewindspersoon"):
        fig = figures(rows, grouping)
        for key, make in TABLES.items():
            parts.append(f"{TITLES[key]} per {grouping}\n\n{text_table(make(fig, grouping))}")
    parts.append("Definities\n\n" + "\n\n".join(f"{name}: {text}" for name, text in DEFINITIONS))
    text = "\n\n".join(parts) + "\n"
    if out is None:
        click.echo(text)
    else:
        write_text_atomic(out, text)
        click.echo(f"transparantie -> {out}")


@click.command("feed")
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["atom", "ics"]),
    required=True,
    help="atom voor een feedlezer, ics voor een agenda.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Het feedbestand dat geschreven wordt.",
)
@click.option(
    "--since",
    callback=parse_date_option,
    help="Alleen activiteiten die sinds deze datum nieuw of gewijzigd zijn (JJJJ-MM-DD).",
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=500,
    show_default=True,
    help="Hoogstens zoveel items, nieuwste wijziging eerst.",
)
@filter_options
@force_option
def feed_command(db_path, fmt, out, since, limit, force, **filters) -> None:
    """Atom- of ICS-feed van nieuwe en gewijzigde activiteiten (met plaats, reden en bronlink), gefilterd als export."""
    from agendakaart.pipeline.feeds import write_feed

    flt = _filters(**filters)
    with _reader(db_path) as conn:
        n = write_feed(conn, out, fmt=fmt, flt=flt, since=since, limit=limit, force=force)
    click.echo(f"feed ({fmt}): {n} activiteiten -> {out}")


COMMANDS = [transparency_command, feed_command]
