"""CLI: `figure` — a publication-ready static map, filtered like `export`."""

from __future__ import annotations

from pathlib import Path

import click

from agendakaart.cli.common import db_option
from agendakaart.cli.outputs import _reader, filter_options, filters_from_options, force_option


@click.command("figure")
@db_option
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Bestand om te schrijven: .png (300 dpi), .svg of .pdf.",
)
@click.option(
    "--size",
    type=click.Choice(["a4", "kamerbrief", "dia"]),
    default="a4",
    show_default=True,
    help="a4: 17 x 23 cm; kamerbrief: kolom van 12 x 16 cm; dia: 16:9.",
)
@click.option(
    "--measure",
    type=click.Choice(["aantal", "inwoners"]),
    default="aantal",
    show_default=True,
    help="Kleur de NPVR-regio's naar aantal activiteiten of per 100.000 inwoners.",
)
@click.option("--title", default=None, help="Titel (standaard: uit de filters en de gegevens).")
@filter_options
@force_option
def figure_command(db_path, out, size, measure, title, force, **filters) -> None:
    """Teken een kaart voor een nota, Kamerbrief of dia: provincies, NPVR-regio's gekleurd, plaatsen, legenda, bron."""
    from agendakaart.outputs.figure import FORMATS, FigureError
    from agendakaart.pipeline.outputs import build_figure

    if out.suffix.lower().lstrip(".") not in FORMATS:
        raise click.BadParameter(f"bestandstype '{out.suffix}' onbekend: kies .png, .svg of .pdf", param_hint="--out")
    flt = filters_from_options(**filters)
    with _reader(db_path) as conn:
        try:
            path = build_figure(
                conn, out, flt=None if flt.is_empty() else flt, size=size, measure=measure, title=title, force=force
            )
        except FigureError as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(f"figuur: {path} ({path.stat().st_size / 1e3:.0f} kB)")


COMMANDS = [figure_command]
