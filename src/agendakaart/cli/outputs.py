"""CLI: map, report, export — thin wiring over agendakaart.pipeline.outputs."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import click

from agendakaart.cli.common import db_option, parse_date_option, resolve_db
from agendakaart.models import ActivityType
from agendakaart.outputs.filters import ABROAD_MODES, Filters, filters_from_hash


def _open(db_path: Path | None):
    from agendakaart.store import open_db

    path = resolve_db(db_path)
    if not path.exists():
        raise click.ClickException(f"database {path} bestaat niet (draai eerst collect, of geef --db)")
    return open_db(path)


@click.command("map")
@db_option
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=Path("kaart.html"),
              show_default=True, help="The HTML file to write.")
def map_command(db_path: Path | None, out: Path) -> None:
    """Build the self-contained map (one HTML file that opens offline)."""
    from agendakaart.pipeline.outputs import build_map

    conn = _open(db_path)
    try:
        path = build_map(conn, out)
    finally:
        conn.close()
    click.echo(f"kaart: {path} ({path.stat().st_size / 1e6:.1f} MB)")


@click.command("report")
@db_option
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write (default rapport.html or rapport.md).")
@click.option("--format", "fmt", type=click.Choice(["html", "md"]), default="html", show_default=True)
def report_command(db_path: Path | None, out: Path | None, fmt: str) -> None:
    """Write the report: totals, NPVR regions, ministries, types, data quality, unresolved items."""
    from agendakaart.pipeline.outputs import build_report

    conn = _open(db_path)
    try:
        path = build_report(conn, out or Path(f"rapport.{fmt}"), fmt=fmt)
    finally:
        conn.close()
    click.echo(f"rapport: {path}")




def filters_from_options(hash_: str | None, persons, ministries, types, date_from, date_to,
                         exclude_den_haag: bool, only_npvr: bool, abroad: str | None, located_only: bool) -> Filters:
    """The map's hash (if given) with each explicit flag laid over it."""
    flt = filters_from_hash(hash_) if hash_ else Filters()
    changes = {k: v for k, v in (
        ("persons", tuple(persons)), ("ministries", tuple(ministries)), ("types", tuple(types)),
        ("date_from", date_from), ("date_to", date_to), ("abroad", abroad)) if v}
    flags = {k: True for k, v in (("exclude_den_haag", exclude_den_haag), ("only_npvr", only_npvr),
                                  ("located_only", located_only)) if v}
    return replace(flt, **changes, **flags)


@click.command("export")
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "geojson"]), required=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--sep", default=",", show_default=True, help="CSV separator; ';' for Dutch Excel (decimal comma).")
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
@click.option("--located-only", is_flag=True, help="Only activities with coordinates (what the map shows).")
def export_command(db_path, fmt, out, sep, hash_, persons, ministries, types, date_from, date_to,
                   exclude_den_haag, only_npvr, abroad, located_only) -> None:
    """Export activities with their enrichment as JSONL, CSV or GeoJSON, filtered like the map."""
    from agendakaart.pipeline.outputs import export

    if len(sep) != 1:
        raise click.BadParameter("één teken, bijvoorbeeld ',' of ';'", param_hint="--sep")
    flt = filters_from_options(hash_, persons, ministries, types, date_from, date_to,
                               exclude_den_haag, only_npvr, abroad, located_only)
    conn = _open(db_path)
    try:
        written = export(conn, out, fmt=fmt, sep=sep, flt=None if flt.is_empty() else flt)
    finally:
        conn.close()
    if fmt == "geojson":
        from agendakaart.outputs.export import geojson_left_out

        click.echo(f"export: {written} activiteiten met locatie -> {out} "
                   f"({geojson_left_out(out)} zonder locatie weggelaten)")
    else:
        click.echo(f"export: {written} rijen -> {out}")


COMMANDS = [map_command, report_command, export_command]
