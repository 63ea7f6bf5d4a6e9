"""Command line: thin wiring over the library. Each area registers its commands from its own module."""

from __future__ import annotations

import logging
import sys

import click

from agendakaart import __version__
from agendakaart.errors import AgendakaartError


class _Group(click.Group):
    """Turns known errors into a clean one-line message and exit code 1 instead of a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except AgendakaartError as exc:
            click.echo(f"fout: {exc}", err=True)
            sys.exit(1)


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="agendakaart")
@click.option("-v", "--verbose", count=True, help="More logging (-v info, -vv debug).")
def main(verbose: int) -> None:
    """agendakaart: collect, enrich and map the public agendas of Dutch bewindspersonen."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


def _register() -> None:
    """Attach each area's commands; a missing area module (work in progress) is skipped."""
    import importlib

    for name in ("collect", "replica", "enrich", "outputs", "run", "figure", "transparency"):
        try:
            module = importlib.import_module(f"agendakaart.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"agendakaart.cli.{name}":
                raise
            continue
        for command in module.COMMANDS:
            main.add_command(command)


_register()
