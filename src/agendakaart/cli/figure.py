"""CLI: `figure` — a publication-ready static map, filtered like `export`."""

from __future__ import annotations

from pathlib import Path

import click

from agendakaart.cli.common import db_option, parse_date_option
from agendakaart.cli.outputs import _open, filters_from_options
from agendakaart.models import ActivityType
from agendakaart.outputs.filters import ABROAD_MODES


@click.command("figure")
@db_option
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="File to write: .png (300 dpi), .svg or .pdf.")
@click.option("--size", type=click.Choice(["a4", "kamerbrief", "dia"]), default="a4", show_default=True,
              help="a4: 17 x 23 cm; kamerbrief: 12 x 16 cm column; dia: 16:9 slide.")
@click.option("--measure", type=click.Choice(["aantal", "inwoners"]), default="aantal", show_default=True,
              help="Shade the NPVR regions by number of activities or per 100,000 inhabitants.")
@click.option("--title", default=None, help="Title (default: from the filters and the data).")
@click.option("--hash", "hash_", default=None, help="A filter hash copied from the map, e.g. '#p=dick-schoof&dh=0'.")
@click.option("--person", "persons", multiple=True, help="Person slug (repeatable).")
@click.option("--ministry", "ministries", multiple=True, help="Ministry name (repeatable).")
@click.option("--type", "types", multiple=True, type=click.Choice([t.value for t in ActivityType]),
              help="Activity type (repeatable).")
@click.option("--from", "date_from", callback=parse_date_option, help="From date, inclusive (YYYY-MM-DD).")
@click.option("--to", "date_to", callback=parse_date_option, help="To date, inclusive (YYYY-MM-DD).")
@click.option("--exclude-den-haag", "--zonder-den-haag", is_flag=True, help="Leave out Den Haag.")
@click.option("--only-npvr", is_flag=True, help="Only activities in an NPVR region.")
@click.option("--abroad", type=click.Choice(ABROAD_MODES), default=None, help="Abroad: include (default), exclude, only.")
def figure_command(db_path, out, size, measure, title, hash_, persons, ministries, types, date_from, date_to,
                   exclude_den_haag, only_npvr, abroad) -> None:
    """Draw a static map for a nota, Kamerbrief or slide: provinces, NPVR regions shaded, places, legend, source."""
    from agendakaart.outputs.figure import FORMATS, FigureError
    from agendakaart.pipeline.outputs import build_figure

    if out.suffix.lower().lstrip(".") not in FORMATS:
        raise click.BadParameter(f"bestandstype '{out.suffix}' onbekend: kies .png, .svg of .pdf", param_hint="--out")
    flt = filters_from_options(hash_, persons, ministries, types, date_from, date_to,
                               exclude_den_haag, only_npvr, abroad, False)
    conn = _open(db_path)
    try:
        path = build_figure(conn, out, flt=None if flt.is_empty() else flt, size=size, measure=measure, title=title)
    except FigureError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        conn.close()
    click.echo(f"figuur: {path} ({path.stat().st_size / 1e3:.0f} kB)")


COMMANDS = [figure_command]
