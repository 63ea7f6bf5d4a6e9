"""CLI: `figure` — a publication-ready static map, filtered like `export`."""

from __future__ import annotations

from pathlib import Path

import click

from agendakaart.cli.common import db_option, parse_date_option
from agendakaart.cli.outputs import _reader, filters_from_options, force_option
from agendakaart.models import ActivityType
from agendakaart.outputs.filters import ABROAD_MODES


@click.command("figure")
@db_option
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Bestand om te schrijven: .png (300 dpi), .svg of .pdf.")
@click.option("--size", type=click.Choice(["a4", "kamerbrief", "dia"]), default="a4", show_default=True,
              help="a4: 17 x 23 cm; kamerbrief: kolom van 12 x 16 cm; dia: 16:9.")
@click.option("--measure", type=click.Choice(["aantal", "inwoners"]), default="aantal", show_default=True,
              help="Kleur de NPVR-regio's naar aantal activiteiten of per 100.000 inwoners.")
@click.option("--title", default=None, help="Titel (standaard: uit de filters en de gegevens).")
@click.option("--hash", "hash_", default=None, help="Filter-hash uit de kaart, bv. '#p=dick-schoof&dh=0'.")
@click.option("--person", "persons", multiple=True, help="Bewindspersoon (slug; herhaalbaar).")
@click.option("--ministry", "ministries", multiple=True, help="Ministerie (herhaalbaar).")
@click.option("--type", "types", multiple=True, type=click.Choice([t.value for t in ActivityType]),
              help="Soort activiteit (herhaalbaar).")
@click.option("--from", "date_from", callback=parse_date_option, help="Vanaf datum, inclusief (JJJJ-MM-DD).")
@click.option("--to", "date_to", callback=parse_date_option, help="Tot en met datum (JJJJ-MM-DD).")
@click.option("--exclude-den-haag", "--zonder-den-haag", is_flag=True, help="Zonder Den Haag.")
@click.option("--only-npvr", is_flag=True, help="Alleen activiteiten in een NPVR-regio.")
@click.option("--abroad", type=click.Choice(ABROAD_MODES), default=None,
              help="Buitenland: include (standaard), exclude, only.")
@force_option
def figure_command(db_path, out, size, measure, title, hash_, persons, ministries, types, date_from, date_to,
                   exclude_den_haag, only_npvr, abroad, force) -> None:
    """Teken een kaart voor een nota, Kamerbrief of dia: provincies, NPVR-regio's gekleurd, plaatsen, legenda, bron."""
    from agendakaart.outputs.figure import FORMATS, FigureError
    from agendakaart.pipeline.outputs import build_figure

    if out.suffix.lower().lstrip(".") not in FORMATS:
        raise click.BadParameter(f"bestandstype '{out.suffix}' onbekend: kies .png, .svg of .pdf", param_hint="--out")
    flt = filters_from_options(hash_, persons, ministries, types, date_from, date_to,
                               exclude_den_haag, only_npvr, abroad, False)
    with _reader(db_path) as conn:
        try:
            path = build_figure(conn, out, flt=None if flt.is_empty() else flt, size=size, measure=measure,
                                title=title, force=force)
        except FigureError as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(f"figuur: {path} ({path.stat().st_size / 1e3:.0f} kB)")


COMMANDS = [figure_command]
