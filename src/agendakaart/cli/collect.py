"""CLI: collect, import, status, doctor — thin wiring over agendakaart.pipeline.collect and sources.files."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import click

from agendakaart.cli.checks import check_base_url, check_period, check_persons, check_rate
from agendakaart.cli.common import db_option, parse_date_option, rate_options, resolve_db
from agendakaart.settings import DEFAULT_BASE_URL, Settings
from agendakaart.sources.routes import ROUTE_NAMES

_LABELS = {
    "persons": "bewindspersonen",
    "listing_pages": "lijstpagina's",
    "pages_new": "pagina's nieuw",
    "pages_changed": "pagina's gewijzigd",
    "pages_unchanged": "pagina's ongewijzigd",
    "activities_new": "activiteiten nieuw",
    "activities_updated": "activiteiten bijgewerkt",
    "duplicates": "dubbel (roll-up + eigen pagina)",
    "removed": "verdwenen van de site",
    "problems": "problemen",
    "requests": "verzoeken",
    "seconds": "seconden",
    # enrich and import runs (status shows the last run's counts)
    "activities": "activiteiten",
    "placed": "geplaatst",
    "unknown": "locatie onbekend",
    "den_haag": "Den Haag",
    "abroad": "buitenland",
    "in_npvr": "in een NPVR-regio",
    "overridden": "gecorrigeerd",
    "rows": "regels",
    "activities_deleted": "activiteiten verwijderd",
    "activities_elsewhere": "al aanwezig uit een andere bron",
}
_RUN_KINDS = {"collect": "verzamelen", "enrich": "verrijken", "import": "importeren"}


def _progress_bar():
    """A rich progress bar per stage (listings, items), fed by collect's progress callback."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), transient=False
    )
    tasks: dict[str, int] = {}
    names = {"listings": "agenda-lijsten", "items": "agenda-items"}

    def update(stage: str, done: int, total: int | None) -> None:
        if stage not in tasks:
            tasks[stage] = bar.add_task(names.get(stage, stage), total=total)
        bar.update(tasks[stage], completed=done, total=total)

    return bar, update


@click.command()
@click.option("--base-url", default=DEFAULT_BASE_URL, show_default=True, help="De site waarvan verzameld wordt.")
@db_option
@click.option(
    "--since", type=str, callback=parse_date_option, default=None, help="Alleen items vanaf deze datum (JJJJ-MM-DD)."
)
@click.option(
    "--until",
    type=str,
    callback=parse_date_option,
    default=None,
    help="Alleen items tot en met deze datum (JJJJ-MM-DD).",
)
@click.option("--persons", default="", help="Alleen deze bewindspersonen: slugs, met komma's gescheiden.")
@click.option(
    "--route",
    "routes",
    multiple=True,
    default=("auto",),
    show_default=True,
    type=click.Choice(["auto", *ROUTE_NAMES]),
    help="Ontdekkingsroute(s): auto (alle die antwoorden en die robots.txt toestaat), search (zoek-API), "
    "sitemap, listings (HTML-agendalijsten), rss. Mag vaker gegeven worden.",
)
@rate_options
@click.option("--refresh", is_flag=True, help="Haal itempagina's opnieuw op, ook als ze al bewaard zijn.")
@click.option(
    "--max-listing-pages", type=click.IntRange(min=1), default=None, help="Hoogstens zoveel pagina's per agendalijst."
)
@click.option("--rss", is_flag=True, help="Ook de RSS-route gebruiken (zit al in --route auto).")
def collect(
    base_url, db_path, since, until, persons, routes, rate, allow_fast, refresh, max_listing_pages, rss
) -> None:
    """Verzamel de agenda-items van alle bewindspersonen in de database (stapsgewijs, hervatbaar)."""
    from agendakaart.errors import NothingFound
    from agendakaart.pipeline.collect import collect_report
    from agendakaart.pipeline.database import open_store
    from agendakaart.pipeline.lock import collect_lock

    slugs = tuple(p.strip() for p in persons.split(",") if p.strip())
    base_url = check_base_url(base_url)
    check_rate(rate, allow_fast, base_url)
    check_period(since, until)
    settings = Settings(
        db_path=resolve_db(db_path),
        base_url=base_url,
        rate=rate,
        since=since,
        until=until,
        persons=slugs,
        refresh=refresh,
        routes=tuple(routes),
    )
    check_persons(slugs, settings.db_path)
    if max_listing_pages:
        settings = replace(settings, max_listing_pages=max_listing_pages)
    bar, update = _progress_bar()
    try:
        with collect_lock(settings.db_path), open_store(settings.db_path, write=True) as conn, bar:
            counts, lines = collect_report(settings, conn, progress=update, rss=rss)
    except NothingFound as exc:
        for line in exc.lines:  # what each route tried and gave; the one error line follows on stderr
            click.echo(f"  {line}")
        raise _nothing_found_error(exc, base_url, settings.db_path) from None
    click.echo(
        "klaar: " + ", ".join(f"{_LABELS.get(k, k)} {v}" for k, v in counts.items() if not k.startswith("route_"))
    )
    for line in lines:
        click.echo(f"  {line}")
    if counts.get("problems"):
        click.echo(f"  problemen bekijken: agendakaart status --db {settings.db_path} (of draai met -v)")


def _nothing_found_error(exc, base_url: str, db_path) -> Exception:
    """The one Dutch error line of a run that found no item: the site unreachable, or reachable but empty."""
    from agendakaart.errors import FetchError

    if exc.unreachable:
        return FetchError(
            f"{base_url} is niet bereikbaar (geen enkel antwoord op {exc.counts.get('requests', 0)} "
            f"verzoeken): controleer de internetverbinding en --base-url, en probeer het later opnieuw"
        )
    if exc.outside_window:
        return FetchError(
            f"geen agenda-item in de gekozen periode op {base_url} (de routes vonden er {exc.outside_window}, alle "
            f"buiten --since/--until): kies een andere periode"
        )
    return FetchError(
        f"geen enkel agenda-item gevonden op {base_url} (zie per route hierboven): draai "
        f"`agendakaart doctor --base-url {base_url}` en `agendakaart status --db {db_path}`"
    )


@click.command("import")
@click.argument("file", metavar="BESTAND", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option
@click.option("--name", default=None, help="Naam van deze import (bron import:NAAM); standaard de bestandsnaam.")
def import_command(file: Path, db_path: Path | None, name: str | None) -> None:
    """Importeer een agenda-export als CSV, JSON/JSONL of ICS (kolommen: zie docs/collect.md)."""
    from agendakaart.pipeline.database import open_store
    from agendakaart.sources.files import import_file

    from agendakaart.errors import OptionError
    from agendakaart.safe_output import database_files

    path = resolve_db(db_path)
    if file.resolve() in database_files(path):
        raise OptionError(
            f"{file} is de database zelf: geef een agenda-export (CSV, JSON/JSONL of ICS) om te importeren"
        )
    with open_store(path, write=True) as conn:
        result = import_file(file, conn, name=name)
    elsewhere = result.get("activities_elsewhere", 0)
    click.echo(
        f"{result['source']}: {result['activities']} activiteiten uit {result['rows']} regels "
        f"({result['activities_new']} nieuw, {result['activities_updated']} bijgewerkt, "
        f"{result['activities_deleted']} verwijderd"
        + (f", {elsewhere} stonden er al uit een andere bron en zijn niet aangeraakt" if elsewhere else "")
        + ")"
    )
    reasons = result["problem_reasons"]
    for reason in reasons[:_SHOWN]:
        click.echo(f"  probleem: {reason}", err=True)
    if len(reasons) > _SHOWN:
        click.echo(f"  … en nog {len(reasons) - _SHOWN} problemen (alle: agendakaart status)", err=True)


_SHOWN = 20


@click.command()
@db_option
@click.option("--limit", type=click.IntRange(min=0), default=50, show_default=True, help="Zoveel open problemen tonen.")
def status(db_path: Path | None, limit: int) -> None:
    """Wat er in de database staat: aantallen, de laatste run en de open problemen."""
    from agendakaart.pipeline.status import PAGE_KIND_LABELS, STATUS_LABELS, database_status

    path = resolve_db(db_path)
    info = database_status(path, limit)
    rows = [(STATUS_LABELS.get(k, k), v) for k, v in info["counts"].items()]
    rows += [(PAGE_KIND_LABELS.get(k, k), v) for k, v in info["pages"].items()]
    click.echo(f"database: {path}")
    _table(rows)
    run = info["run"]
    if run:
        counts = ", ".join(
            f"{_LABELS.get(k, k)} {v}"
            for k, v in run["counts"].items()
            if isinstance(v, int) and not k.startswith("route_")
        )
        click.echo(
            f"laatste run: {_RUN_KINDS.get(run['kind'], run['kind'])}, {run['started_at']} tot {run['finished_at'] or '(niet afgerond)'}, "
            f"{_RUN_STATUS.get(run['status'], run['status'])}" + (f" — {counts}" if counts else "")
        )
    collect_run = info.get("collect_run")
    if collect_run and collect_run["counts"].get("routes"):
        click.echo(f"laatste verzamelrun ({collect_run['started_at']}), per route:")
        for line in collect_run["counts"]["routes"]:
            click.echo(f"  {line}")
    if info["counts"]["activities"] and not info["counts"]["enriched"]:
        click.echo("nog niet verrijkt — draai `agendakaart enrich`")
    if info["removed"]:
        click.echo(f"verdwenen van de site (bewaard, niet op kaart en in rapport): {info['counts']['removed']}")
        for r in info["removed"]:
            click.echo(
                f"  {r['page_date']} {r['url']}: {r['title']} — {r['removed_reason']} (gezien {r['removed_at']})"
            )
    click.echo(f"open problemen: {info['open']}")
    for line in _problem_lines(info["problems"]):
        click.echo(f"  {line}")


def _problem_lines(problems: list) -> list[str]:
    """One line per problem; a reason shared by more than three (29 listings rendered in the browser) is one line
    with the count and the first address."""
    from collections import Counter

    shared = Counter((p.stage, p.reason) for p in problems)
    lines, said = [], set()
    for p in problems:
        key = (p.stage, p.reason)
        if shared[key] > 3:
            if key not in said:
                said.add(key)
                lines.append(f"[{p.stage}] {shared[key]}× {p.reason} (bijv. {p.url or p.item_id or '-'})")
            continue
        lines.append(f"[{p.stage}] {p.url or p.item_id or ''}: {p.reason}")
    return lines


_RUN_STATUS = {
    "ok": "gelukt",
    "running": "loopt nog of is afgebroken",
    "failed": "mislukt",
    "error": "mislukt",
    "empty": "niets gevonden",
}


def _table(rows: list[tuple[str, object]]) -> None:
    """Label/number pairs as two aligned columns (numbers right-aligned, Dutch thousands separator)."""
    width = max((len(label) for label, _ in rows), default=0)
    for label, value in rows:
        text = f"{value:,}".replace(",", ".") if isinstance(value, int) else str(value)
        click.echo(f"  {label:<{width}}  {text:>9}")


@click.command()
@click.option("--base-url", default=DEFAULT_BASE_URL, show_default=True, help="De site die gecontroleerd wordt.")
@rate_options
@click.option(
    "--save",
    "save_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Sla alles wat is opgehaald op in deze (nieuwe of lege) map, met manifest.json.",
)
def doctor(base_url: str, rate: float, allow_fast: bool, save_dir: Path | None) -> None:
    """Controleer elke route (zoek-API, sitemaps, agendalijsten, RSS) en één agenda-item en één weekoverzicht:
    bereikbaar, toegestaan door robots.txt, items gevonden, welke bronnen welke velden gaven."""
    from agendakaart.pipeline.collect import doctor as run_doctor

    base_url = check_base_url(base_url)
    check_rate(rate, allow_fast, base_url)
    result = run_doctor(Settings(base_url=base_url, rate=rate), save_dir=save_dir)
    click.echo("routes:")
    for check in result["routes"]:
        click.echo(f"  {check.line()}")
    click.echo("lijstpad (index → persoon → agendalijst):")
    for what, url, finding in result["steps"]:
        click.echo(f"{what:>8}: {url}\n          {finding}")
    for label, (url, report) in (("agenda-item", (None, result["item"])), ("weekoverzicht", result["rollup"])):
        if report is None:
            click.echo(f"{label}: geen gevonden")
            continue
        click.echo(f"{label}:{' ' + url if url else ''}")
        click.echo(
            f"          bronnen: {', '.join(report['sources']) or 'geen'}; "
            f"lege velden: {', '.join(report['empty']) or 'geen'}; {report['activities']} activiteit(en)"
        )
        for field, source in report["fields"].items():
            click.echo(f"          {field}: {source}")
        if report.get("suspect"):
            click.echo(
                "          VERDACHT: alleen meta- en URL-gegevens; de opmaak van de site is waarschijnlijk veranderd"
            )
        if report["error"]:
            click.echo(f"          fout: {report['error']}")
    if result["saved"] is not None:
        click.echo(f"opgeslagen in {result['saved']} (manifest.json): stuur deze map mee met een melding")
    click.echo(
        "in orde"
        if result["ok"]
        else "NIET in orde: geen bruikbaar agenda-item gevonden via de routes hierboven (zie per route wat er gebeurde)"
    )
    sys.exit(0 if result["ok"] else 1)


COMMANDS = [collect, import_command, status, doctor]
