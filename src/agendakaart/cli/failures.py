"""Every failure a person can meet -> one Dutch line (what happened, what to do). Used by the CLI's top level."""

from __future__ import annotations

import csv
import re
import sqlite3

import click

from agendakaart.errors import AgendakaartError

# click's own (English) messages for bad option values -> Dutch
_CLICK_PHRASES = (
    (r"'(.*)' is not a valid float(?: range)?\.?", r"'\1' is geen getal"),
    (r"'(.*)' is not a valid integer(?: range)?\.?", r"'\1' is geen geheel getal"),
    (r"'(.*)' is not one of (.*)\.", r"'\1' is geen van \2"),
    (r"'(.*)' is not (?:a valid choice|one of)[: ]*(.*)\.?", r"'\1' is geen van \2"),
    (r"(.*) is not in the range (.*)\.", r"\1 valt buiten het bereik \2"),
    (r"(?:File|Path) '(.*)' does not exist\.", r"'\1' bestaat niet"),
    (r"(?:File|Path) '(.*)' is a directory\.", r"'\1' is een map"),
    (r"(?:File|Path) '(.*)' is not readable\.", r"'\1' is niet leesbaar"),
    (r"No such option:? '?([^'\s]+)'?\.?(?: Did you mean (\S+)\?)?", r"onbekende optie \1"),
    (r"(?:Directory|Path|File) '(.*)' is a file\.", r"'\1' is een bestand, geen map"),
    (r"No such command '(.*)'\.", r"onbekend commando '\1'"),
    (r"Missing option '(.*)'\.", r"optie \1 ontbreekt"),
    (r"Missing argument '(.*)'\.", r"argument \1 ontbreekt"),
    (r"Option '(.*)' requires an argument\.", r"optie \1 heeft een waarde nodig"),
    (r"Got unexpected extra arguments? \((.*)\)", r"onverwacht extra argument: \1"),
    (r"Missing command\.", r"geef een commando"),
)


def dutch_click(message: str) -> str:
    for pattern, repl in _CLICK_PHRASES:
        m = re.fullmatch(pattern, message.strip(), flags=re.DOTALL)
        if m:
            return m.expand(repl)
    return message


def usage_line(exc: click.UsageError) -> str:
    """A click usage error -> 'ongeldige waarde voor --x: ... (zie `agendakaart CMD --help`)'."""
    message = dutch_click(exc.message)
    param = getattr(exc, "param", None)
    hint = getattr(exc, "param_hint", None)
    if isinstance(exc, click.BadParameter) and (param is not None or hint):
        if hint is None:
            hint = " / ".join(param.opts) if isinstance(param, click.Option) else param.human_readable_name
        elif isinstance(hint, (list, tuple)):
            hint = " / ".join(hint)
        hint = str(hint).strip("'\"")
        if isinstance(exc, click.MissingParameter):
            message = f"{hint} ontbreekt"
        else:
            message = f"ongeldige waarde voor {hint}: {message}"
    cmd = exc.ctx.command_path if exc.ctx else "agendakaart"
    return f"{message} (zie `{cmd} --help`)"


def _sqlite_line(exc: sqlite3.Error) -> str:
    text = str(exc)
    low = text.lower()
    if "disk is full" in low or "disk full" in low:
        return "de schijf is vol: de database kon niet bijgewerkt worden (niets half geschreven). Maak ruimte vrij."
    if "locked" in low or "busy" in low:
        return "de database is bezet door een ander proces: probeer het straks opnieuw."
    if "readonly" in low or "read-only" in low:
        return "de database is alleen-lezen: gebruik een database in een map waarin u mag schrijven."
    if "not a database" in low or "malformed" in low or "corrupt" in low:
        return (
            "de database is beschadigd of geen database: herstel een kopie (sqlite3 DB .recover) of begin een nieuwe."
        )
    if "unable to open" in low:
        return "de database kan niet geopend worden: controleer het pad (--db) en de rechten."
    if "disk i/o" in low:
        return "lees- of schrijffout op de schijf bij de database: controleer de schijf en probeer het opnieuw."
    return f"databasefout ({text}): draai opnieuw met --debug en meld het als het blijft."


def failure_line(exc: BaseException) -> str:
    """Any exception -> one Dutch line (never more than one)."""
    from agendakaart.safe_output import os_error_text

    if isinstance(exc, AgendakaartError):
        line = str(exc)
    elif isinstance(exc, sqlite3.Error):
        line = _sqlite_line(exc)
    elif isinstance(exc, OSError):
        line = os_error_text(exc, exc.filename or "een bestand", "lezen of schrijven")
    elif isinstance(exc, csv.Error):
        line = f"CSV-bestand onleesbaar ({exc}): sla het opnieuw op als CSV (UTF-8) en probeer het opnieuw."
    elif isinstance(exc, UnicodeError):
        line = f"bestand is geen UTF-8-tekst ({exc.__class__.__name__}): sla het op als UTF-8 en probeer het opnieuw."
    elif isinstance(exc, MemoryError):
        line = "te weinig geheugen: splits de invoer in delen of sluit andere programma's."
    elif isinstance(exc, KeyboardInterrupt):
        line = "afgebroken (Ctrl-C): wat klaar was, is bewaard; draai het commando opnieuw om verder te gaan."
    else:
        line = f"onverwachte fout ({exc}): draai opnieuw met --debug en meld het met die uitvoer."
    return " ".join(line.split())
