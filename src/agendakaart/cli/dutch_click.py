"""click's own texts (help headings, defaults, its error messages) in Dutch.

click marks its texts for gettext (`from gettext import gettext as _` in each module); we bind those names to a
lookup in the table below, once, when the CLI is imported. A text not in the table stays as click wrote it.
"""

from __future__ import annotations

import importlib

TEXTS = {
    "Usage:": "Gebruik:",
    "Options": "Opties",
    "Commands": "Commando's",
    "Positional arguments": "Argumenten",
    "Show this message and exit.": "Toon deze hulp en stop.",
    "Show the version and exit.": "Toon de versie en stop.",
    "default: {default}": "standaard: {default}",
    "required": "verplicht",
    "env var: {var}": "omgevingsvariabele: {var}",
    "deprecated": "verouderd",
    "Error: {message}": "fout: {message}",
    "Try '{command} {option}' for help.": "Zie '{command} {option}' voor hulp.",
    "Aborted!": "Afgebroken.",
    "Missing command.": "geef een commando",
    "Missing argument": "argument ontbreekt",
    "Missing option": "optie ontbreekt",
    "Missing parameter": "waarde ontbreekt",
    "Missing parameter: {param_name}": "waarde ontbreekt: {param_name}",
    "No such command {name!r}.": "onbekend commando {name!r}",
    "No such option {name!r}.": "onbekende optie {name!r}",
    "Option {name!r} does not take a value.": "optie {name!r} neemt geen waarde",
    "Invalid value for {param_hint}: {message}": "ongeldige waarde voor {param_hint}: {message}",
    "Invalid value: {message}": "ongeldige waarde: {message}",
    "{value!r} is not a valid {number_type}.": "{value!r} is geen getal",
    "{value} is not in the range {range}.": "{value} valt buiten het bereik {range}",
    "{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} is geen ja/nee-waarde ({states})",
    "{name} {filename!r} does not exist.": "{name} {filename!r} bestaat niet",
    "{name} {filename!r} is a directory.": "{name} {filename!r} is een map, geen bestand",
    "{name} {filename!r} is a file.": "{name} {filename!r} is een bestand, geen map",
    "{name} {filename!r} is not readable.": "{name} {filename!r} is niet leesbaar",
    "{name} {filename!r} is not writable.": "{name} {filename!r} is niet schrijfbaar",
    "Could not open file {filename!r}: {message}": "bestand {filename!r} kan niet geopend worden: {message}",
    "file": "bestand",
    "directory": "map",
    "path": "pad",
    "Choose from:\n\t{choices}": "Kies uit:\n\t{choices}",
    "%(prog)s, version %(version)s": "%(prog)s, versie %(version)s",
}
PLURALS = {
    "{value!r} is not {choice}.": ("{value!r} is geen {choice}", "{value!r} is geen van {choices}"),
    "Got unexpected extra argument ({args})": (
        "onverwacht extra argument ({args})",
        "onverwachte extra argumenten ({args})",
    ),
    "Option {name!r} requires an argument.": (
        "optie {name!r} heeft een waarde nodig",
        "optie {name!r} heeft {nargs} waarden nodig",
    ),
    "Did you mean {possibility}?": ("Bedoelt u {possibility}?", "(Bedoelt u een van: {possibilities}?)"),
}


def gettext(message: str) -> str:
    return TEXTS.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    dutch = PLURALS.get(singular)
    if dutch is None:
        return singular if n == 1 else plural
    return dutch[0] if n == 1 else dutch[1]


def install() -> None:
    """Bind click's `_` and `ngettext` names to the Dutch table (idempotent)."""
    for name in ("core", "decorators", "exceptions", "formatting", "parser", "types", "termui", "utils"):
        try:
            module = importlib.import_module(f"click.{name}")
        except ImportError:
            continue
        if hasattr(module, "_"):
            module._ = gettext
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext
    import click

    # the type names click shows as metavars (TEXT, FLOAT, INTEGER RANGE) and in its messages
    for cls, name in (
        (click.types.StringParamType, "tekst"),
        (click.types.IntParamType, "getal"),
        (click.types.FloatParamType, "getal"),
        (click.types.IntRange, "getal"),
        (click.types.FloatRange, "getal"),
        (click.types.BoolParamType, "ja/nee"),
    ):
        cls.name = name
