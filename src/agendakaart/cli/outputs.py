"""CLI: map, report, export — thin wiring over agendakaart.pipeline.outputs."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import click

from agendakaart.cli.common import db_option, parse_date_option, resolve_db
from agendakaart.models import ActivityType
from agendakaart.outputs.filters import ABROAD_MODES, Filters, filters_from_hash


def _reader(db_path: Path | None):
    """The database, opened read-only (outputs only read it)."""
    from agendakaart.pipeline.database import open_store

    return open_store(resolve_db(db_path), write=False)


force_option = click.option(
    "--force", is_flag=True, help="Overschrijf ook een bestaand bestand dat geen eerdere uitvoer van dit commando is."
)


@click.command("map")
@db_option
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("kaart.html"),
    show_default=True,
    help="Het HTML-bestand dat geschreven wordt.",
)
@force_option
def map_command(db_path: Path | None, out: Path, force: bool) -> None:
    """Maak de kaart: één HTML-bestand dat ook offline opent."""
    from agendakaart.pipeline.outputs import build_map

    with _reader(db_path) as conn:
        path = build_map(conn, out, force=force)
    click.echo(f"kaart: {path} ({path.stat().st_size / 1e6:.1f} MB)")


@click.command("report")
@db_option
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Het bestand dat geschreven wordt (standaard rapport.html of rapport.md).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "md"]),
    default="html",
    show_default=True,
    help="html (met grafieken) of md (Markdown).",
)
@force_option
def report_command(db_path: Path | None, out: Path | None, fmt: str, force: bool) -> None:
    """Schrijf het rapport: totalen, NPVR-regio's, ministeries, soorten, datakwaliteit, onopgeloste items."""
    from agendakaart.pipeline.outputs import build_report

    with _reader(db_path) as conn:
        path = build_report(conn, out or Path(f"rapport.{fmt}"), fmt=fmt, force=force)
    click.echo(f"rapport: {path}")


def filters_from_options(
    hash_: str | None,
    persons,
    ministries,
    types,
    date_from,
    date_to,
    exclude_den_haag: bool,
    only_npvr: bool,
    abroad: str | None,
    located_only: bool,
    text: str | None = None,
) -> Filters:
    """The map's hash (if given; an invalid one is an error) with each explicit flag laid over it."""
    from agendakaart.errors import OptionError
    from agendakaart.outputs.filters import HashError

    try:
        flt = filters_from_hash(hash_, strict=True) if hash_ else Filters()
    except HashError as exc:
        raise OptionError(f"--hash: {exc}") from None
    if date_from and date_to and date_from > date_to:
        raise OptionError(f"--from {date_from.isoformat()} ligt na --to {date_to.isoformat()}: draai ze om")
    changes = {
        k: v
        for k, v in (
            ("persons", tuple(persons)),
            ("ministries", tuple(ministries)),
            ("types", tuple(types)),
            ("date_from", date_from),
            ("date_to", date_to),
            ("abroad", abroad),
            ("text", (text or "").strip()),
        )
        if v
    }
    flags = {
        k: True
        for k, v in (("exclude_den_haag", exclude_den_haag), ("only_npvr", only_npvr), ("located_only", located_only))
        if v
    }
    return replace(flt, **changes, **flags)


_FILTER_OPTIONS = (
    click.option(
        "--hash",
        "hash_",
        default=None,
        help="Filter gekopieerd uit de kaart (het deel na #), bijv. '#p=rob-jetten&dh=0'.",
    ),
    click.option("--person", "persons", multiple=True, help="Bewindspersoon (slug, herhaalbaar)."),
    click.option("--ministry", "ministries", multiple=True, help="Ministerie (naam, herhaalbaar)."),
    click.option(
        "--type",
        "types",
        multiple=True,
        type=click.Choice([t.value for t in ActivityType]),
        help="Soort activiteit (herhaalbaar).",
    ),
    click.option("--from", "date_from", callback=parse_date_option, help="Vanaf datum, inclusief (JJJJ-MM-DD)."),
    click.option("--to", "date_to", callback=parse_date_option, help="Tot en met datum (JJJJ-MM-DD)."),
    click.option("--exclude-den-haag", "--zonder-den-haag", is_flag=True, help="Zonder Den Haag."),
    click.option("--only-npvr", is_flag=True, help="Alleen activiteiten in een NPVR-regio."),
    click.option(
        "--abroad",
        type=click.Choice(ABROAD_MODES),
        default=None,
        help="Buitenland: include (mee, standaard), exclude (zonder), only (alleen).",
    ),
    click.option("--located-only", is_flag=True, help="Alleen activiteiten met coördinaten (wat de kaart toont)."),
    click.option(
        "--text", default=None, help="Vrije tekst in titel, plaats of naam (zoals het zoekveld van de kaart)."
    ),
)


def filter_options(func):
    """The one set of filter options (the map's controls: outputs/filters.py) for export, figure, transparency and
    feed; the command receives them as keyword arguments for filters_from_options."""
    for option in reversed(_FILTER_OPTIONS):
        func = option(func)
    return func


@click.command("export")
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "geojson"]),
    required=True,
    help="Bestandsvorm: jsonl, csv of geojson.",
)
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="Het bestand dat geschreven wordt."
)
@click.option(
    "--sep", default=",", show_default=True, help="CSV-scheidingsteken; ';' voor Nederlandse Excel (decimale komma)."
)
@force_option
@filter_options
def export_command(db_path, fmt, out, sep, force, **filters) -> None:
    """Exporteer activiteiten met hun verrijking als JSONL, CSV of GeoJSON, gefilterd zoals de kaart."""
    from agendakaart.pipeline.outputs import export

    if len(sep) != 1 or sep in "\"\r\n":
        raise click.BadParameter(
            "één teken (geen aanhalingsteken of regeleinde), bijvoorbeeld ',' of ';'", param_hint="--sep"
        )
    flt = filters_from_options(**filters)
    with _reader(db_path) as conn:
        stats: dict = {}
        written = export(conn, out, fmt=fmt, sep=sep, flt=None if flt.is_empty() else flt, force=force, stats=stats)
    if fmt == "geojson":
        from agendakaart.outputs.export import geojson_left_out

        click.echo(
            f"export: {written} activiteiten met locatie -> {out} ({geojson_left_out(out)} zonder locatie weggelaten)"
        )
    else:
        note = ""
        if not flt.located_only and stats.get("located", written) != written:
            note = f" (waarvan {stats['located']} met locatie: die toont de kaart; alleen die: --located-only)"
        click.echo(f"export: {written} rijen -> {out}{note}")


COMMANDS = [map_command, report_command, export_command]
