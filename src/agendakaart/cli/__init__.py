"""Command line: thin wiring over the library. Each area registers its commands from its own module."""

from __future__ import annotations

import logging
import os
import sys

import click

from agendakaart import __version__
from agendakaart.cli.dutch_click import install as _dutch_click

_dutch_click()

_PAGE_LOGGERS = ("agendakaart.pipeline.collect", "agendakaart.sources")
_LEVELS = {"DEBUG": "detail", "INFO": "info", "WARNING": "waarschuwing", "ERROR": "fout", "CRITICAL": "fout"}


class _DutchFormatter(logging.Formatter):
    """'waarschuwing: message' (no logger names); with -vv the module is named too, for debugging."""

    def __init__(self, with_names: bool) -> None:
        super().__init__()
        self.with_names = with_names

    def format(self, record: logging.LogRecord) -> str:
        text = f"{_LEVELS.get(record.levelname, record.levelname.lower())}: {record.getMessage()}"
        if self.with_names:
            text = f"{text} [{record.name}]"
        if record.exc_info and self.with_names:
            text += "\n" + self.formatException(record.exc_info)
        return text


def _debug_wanted(args: list[str] | None) -> bool:
    args = sys.argv[1:] if args is None else list(args)
    return "--debug" in args or os.environ.get("AGENDAKAART_DEBUG", "") not in ("", "0")


class _Group(click.Group):
    """Every failure ends as one Dutch line on stderr and a non-zero exit code; --debug shows the traceback."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        from agendakaart.cli.failures import failure_line, usage_line

        debug = _debug_wanted(args)
        args = sys.argv[1:] if args is None else list(args)
        if "--debug" in args:  # accepted anywhere on the line, also after the command name
            args = ["--debug", *(a for a in args if a != "--debug")]
        try:
            rv = super().main(args, "agendakaart", complete_var, standalone_mode=False, **extra)
        except click.UsageError as exc:
            _fail(usage_line(exc), 2, debug)
        except click.ClickException as exc:
            from agendakaart.cli.failures import dutch_click

            _fail(dutch_click(exc.format_message()), exc.exit_code, debug)
        except click.Abort:
            _fail("afgebroken: wat klaar was, is bewaard; draai het commando opnieuw om verder te gaan.", 130, debug)
        except SystemExit:
            raise
        except BaseException as exc:  # noqa: BLE001 - the one place that turns any failure into one line
            _fail(failure_line(exc), 130 if isinstance(exc, KeyboardInterrupt) else 1, debug)
        sys.exit(rv if isinstance(rv, int) else 0)


def _fail(line: str, code: int, debug: bool) -> None:
    click.echo(f"fout: {line}", err=True)
    if debug:
        import traceback

        traceback.print_exc()
    sys.exit(code)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    __version__, "--version", prog_name="agendakaart", help="Toon de versie en stop.", message="%(prog)s %(version)s"
)
@click.option("-v", "--verbose", count=True, help="Meer meldingen (-v voortgang, -vv details).")
@click.option("--debug", is_flag=True, help="Toon bij een fout ook de technische traceback.")
def main(verbose: int, debug: bool) -> None:
    """agendakaart: verzamel, verrijk en toon de openbare agenda's van bewindspersonen op een kaart."""
    level = logging.DEBUG if debug else logging.WARNING - 10 * min(verbose, 2)
    handler = logging.StreamHandler()
    handler.setFormatter(_DutchFormatter(with_names=debug or verbose >= 2))
    if not (debug or verbose):  # per-page warnings of a crawl are problems in the database: `status` lists them
        handler.addFilter(lambda r: r.levelno >= logging.ERROR or not r.name.startswith(_PAGE_LOGGERS))
    handler.agendakaart = True  # type: ignore[attr-defined]  # ours: replaced on the next call, others kept
    root = logging.getLogger()
    root.handlers[:] = [h for h in root.handlers if not getattr(h, "agendakaart", False)] + [handler]
    root.setLevel(level)


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
    _dutch_metavars(main)


def _dutch_metavars(command: click.Command) -> None:
    """'Gebruik: agendakaart export [OPTIES]' instead of click's English placeholders."""
    command.options_metavar = "[OPTIES]"
    if isinstance(command, click.Group):
        command.subcommand_metavar = "COMMANDO [ARGUMENTEN]..."
        for sub in command.commands.values():
            _dutch_metavars(sub)


_register()
