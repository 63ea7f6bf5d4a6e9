"""CLI: transparency (publication delay, changes, completeness) and feed (Atom / ICS of new and changed
activities) — thin wiring over agendakaart.pipeline.transparency and pipeline.feeds."""

from __future__ import annotations

import io
from pathlib import Path

import click

from agendakaart.cli.common import db_option, parse_date_option
from agendakaart.cli.outputs import _open, filters_from_options
from agendakaart.models import ActivityType
from agendakaart.outputs.filters import ABROAD_MODES

_GROUPINGS = ("ministerie", "bewindspersoon", "maand")


def filter_options(func):
    """The export command's filters: --hash, --person, --ministry, --from, --to, --exclude-den-haag, --only-npvr,
    --abroad (the same Filters model; see outputs/filters.py)."""
    for option in reversed((
        click.option("--hash", "hash_", default=None, help="A filter hash copied from the map, e.g. '#p=dick-schoof'."),
        click.option("--person", "persons", multiple=True, help="Person slug (repeatable)."),
        click.option("--ministry", "ministries", multiple=True, help="Ministry name (repeatable)."),
        click.option("--from", "date_from", callback=parse_date_option, help="From date, inclusive (YYYY-MM-DD)."),
        click.option("--to", "date_to", callback=parse_date_option, help="To date, inclusive (YYYY-MM-DD)."),
        click.option("--exclude-den-haag", "--zonder-den-haag", is_flag=True, help="Leave out Den Haag."),
        click.option("--only-npvr", is_flag=True, help="Only activities in an NPVR region."),
        click.option("--abroad", type=click.Choice(ABROAD_MODES), default=None, help="Abroad: include, exclude, only."),
    )):
        func = option(func)
    return func


def _filters(hash_, persons, ministries, date_from, date_to, exclude_den_haag, only_npvr, abroad):
    flt = filters_from_options(hash_, persons, ministries, (), date_from, date_to, exclude_den_haag, only_npvr,
                               abroad, False)
    return None if flt.is_empty() else flt


@click.command("transparency")
@db_option
@click.option("--by", "by", type=click.Choice(_GROUPINGS), default=None,
              help="Group by ministerie, bewindspersoon or maand (default: ministerie and bewindspersoon; CSV: all).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv"]), default="table", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File for the figures (default: the terminal).")
@click.option("--entries", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the entries behind the figures, one CSV row per activity with its own values.")
@filter_options
def transparency_command(db_path, by, fmt, out, entries, **filters) -> None:
    """Publication delay, changes after publication and completeness per ministry, person or month."""
    from agendakaart.outputs.transparency import DEFINITIONS
    from agendakaart.outputs.transparency_tables import TABLES, TITLES, figures, text_table, write_figures_csv
    from agendakaart.pipeline.transparency import load_entries, write_entries

    flt = _filters(**filters)
    conn = _open(db_path)
    try:
        rows = load_entries(conn, flt)
        if entries is not None:
            n = write_entries(rows, entries)
            click.echo(f"activiteiten achter de cijfers: {n} rijen -> {entries}", err=out is None)
    finally:
        conn.close()
    if fmt == "csv":
        if out is None:
            buf = io.StringIO()
            write_figures_csv(rows, buf, by)
            click.echo(buf.getvalue(), nl=False)
        else:
            with out.open("w", encoding="utf-8-sig", newline="") as fh:
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
        out.write_text(text, encoding="utf-8")
        click.echo(f"transparantie -> {out}")


@click.command("feed")
@db_option
@click.option("--format", "fmt", type=click.Choice(["atom", "ics"]), required=True,
              help="atom for a feed reader, ics for a calendar.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--since", callback=parse_date_option, help="Only activities first seen or changed since (YYYY-MM-DD).")
@click.option("--limit", type=click.IntRange(min=1), default=500, show_default=True,
              help="At most this many entries, newest change first.")
@click.option("--type", "types", multiple=True, type=click.Choice([t.value for t in ActivityType]),
              help="Activity type (repeatable).")
@filter_options
def feed_command(db_path, fmt, out, since, limit, types, **filters) -> None:
    """Atom or ICS feed of new and changed activities (with place, reason and source link), filtered like export."""
    from dataclasses import replace

    from agendakaart.pipeline.feeds import write_feed

    flt = _filters(**filters)
    if types:
        from agendakaart.outputs.filters import Filters

        flt = replace(flt or Filters(), types=tuple(types))
    conn = _open(db_path)
    try:
        n = write_feed(conn, out, fmt=fmt, flt=flt, since=since, limit=limit)
    finally:
        conn.close()
    click.echo(f"feed ({fmt}): {n} activiteiten -> {out}")


COMMANDS = [transparency_command, feed_command]
