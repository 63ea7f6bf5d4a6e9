"""Options and helpers shared by the CLI modules."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from agendakaart.settings import default_db_path


def db_option(func):
    """--db PATH (default: $AGENDAKAART_DB or ./agendakaart.db)."""
    return click.option(
        "--db",
        "db_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="De SQLite-database (standaard: $AGENDAKAART_DB of ./agendakaart.db).",
    )(func)


def rate_options(func):
    """--rate (requests per second, default 1) and --allow-fast, for the commands that fetch pages."""
    from agendakaart.cli.checks import MAX_RATE

    func = click.option(
        "--allow-fast",
        is_flag=True,
        help=f"Sta --rate boven {MAX_RATE:g} toe (een replica op 127.0.0.1 mag altijd sneller).",
    )(func)
    return click.option(
        "--rate",
        type=float,
        default=1.0,
        show_default=True,
        help=f"Hoogstens zoveel verzoeken per seconde (groter dan 0, hoogstens {MAX_RATE:g}).",
    )(func)


def resolve_db(db_path: Path | None) -> Path:
    return db_path if db_path is not None else default_db_path()


def parse_date_option(ctx, param, value: str | None) -> date | None:
    """click callback: "2026-03-10" -> date(2026, 3, 10); empty -> None; anything else a clear usage error."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is geen datum (JJJJ-MM-DD)") from None
