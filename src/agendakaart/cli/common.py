"""Options and helpers shared by the CLI modules."""

from __future__ import annotations

from pathlib import Path

import click

from agendakaart.settings import default_db_path


def db_option(func):
    """--db PATH (default: $AGENDAKAART_DB or ./agendakaart.db)."""
    return click.option(
        "--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
        help="SQLite database (default: $AGENDAKAART_DB or ./agendakaart.db).",
    )(func)


def resolve_db(db_path: Path | None) -> Path:
    return db_path if db_path is not None else default_db_path()
