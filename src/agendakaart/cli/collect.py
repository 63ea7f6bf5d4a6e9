"""CLI: collect, import, status, doctor — thin wiring over agendakaart.pipeline.collect and sources.files."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import click

from agendakaart.cli.common import db_option, parse_date_option, resolve_db
from agendakaart.settings import DEFAULT_BASE_URL, Settings
from agendakaart.sources.routes import ROUTE_NAMES

_LABELS = {
    "persons": "bewindspersonen", "listing_pages": "lijstpagina's", "pages_new": "pagina's nieuw",
    "pages_changed": "pagina's gewijzigd", "pages_unchanged": "pagina's ongewijzigd",
    "activities_new": "activiteiten nieuw", "activities_updated": "activiteiten bijgewerkt",
    "duplicates": "dubbel (roll-up + eigen pagina)", "removed": "verdwenen van de site",
    "problems": "problemen", "requests": "verzoeken", "seconds": "seconden",
}




def _progress_bar():
    """A rich progress bar per stage (listings, items), fed by collect's progress callback."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   transient=False)
    tasks: dict[str, int] = {}
    names = {"listings": "agenda-lijsten", "items": "agenda-items"}

    def update(stage: str, done: int, total: int | None) -> None:
        if stage not in tasks:
            tasks[stage] = bar.add_task(names.get(stage, stage), total=total)
        bar.update(tasks[stage], completed=done, total=total)

    return bar, update


@click.command()
@click.option("--base-url", default=DEFAULT_BASE_URL, show_default=True, help="Site om van te verzamelen.")
@db_option
@click.option("--since", type=str, callback=parse_date_option, default=None, help="Alleen items vanaf deze datum (JJJJ-MM-DD).")
@click.option("--until", type=str, callback=parse_date_option, default=None, help="Alleen items tot en met deze datum (JJJJ-MM-DD).")
@click.option("--persons", default="", help="Alleen deze bewindspersonen (agendalijsten): slugs, komma-gescheiden.")
@click.option("--route", "routes", multiple=True, default=("auto",), show_default=True,
              type=click.Choice(["auto", *ROUTE_NAMES]),
              help="Ontdekkingsroute(s): auto (alle die antwoorden en die robots.txt toestaat), search (zoek-API), "
                   "sitemap, listings (HTML-agendalijsten), rss. Mag vaker gegeven worden.")
@click.option("--rate", type=float, default=1.0, show_default=True, help="Verzoeken per seconde, hoogstens.")
@click.option("--refresh", is_flag=True, help="Ook ongewijzigde agenda-pagina's opnieuw ophalen.")
@click.option("--max-listing-pages", type=int, default=None, help="Harde grens aan pagina's per agendalijst.")
@click.option("--rss", is_flag=True, help="Ook de RSS-route gebruiken (zit al in --route auto).")
def collect(base_url, db_path, since, until, persons, routes, rate, refresh, max_listing_pages, rss) -> None:
    """Verzamel de agenda-items van alle bewindspersonen in de database (incrementeel, hervatbaar)."""
    from agendakaart.errors import NothingFound
    from agendakaart.pipeline.collect import collect_report
    from agendakaart.store import open_db

    settings = Settings(db_path=resolve_db(db_path), base_url=base_url, rate=rate, since=since, until=until,
                        persons=tuple(p.strip() for p in persons.split(",") if p.strip()), refresh=refresh,
                        routes=tuple(routes))
    if max_listing_pages:
        settings = replace(settings, max_listing_pages=max_listing_pages)
    conn = open_db(settings.db_path)
    bar, update = _progress_bar()
    try:
        with bar:
            counts, lines = collect_report(settings, conn, progress=update, rss=rss)
    except NothingFound as exc:
        click.echo(f"fout: {exc}; per route:", err=True)
        for line in exc.lines:
            click.echo(f"  {line}", err=True)
        click.echo("  (zie `agendakaart status` voor de problemen en `agendakaart doctor` voor een controle van "
                   "elke route)", err=True)
        sys.exit(1)
    finally:
        conn.close()
    click.echo("klaar: " + ", ".join(f"{_LABELS.get(k, k)} {v}" for k, v in counts.items()
                                     if not k.startswith("route_")))
    for line in lines:
        click.echo(f"  {line}")


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option
@click.option("--name", default=None, help="Name of this import (source import:NAME); default the file name.")
def import_command(file: Path, db_path: Path | None, name: str | None) -> None:
    """Import a CSV, JSON/JSONL or ICS agenda export (columns: see docs/collect.md)."""
    from agendakaart.sources.files import import_file
    from agendakaart.store import open_db

    conn = open_db(resolve_db(db_path))
    try:
        result = import_file(file, conn, name=name)
    finally:
        conn.close()
    click.echo(f"{result['source']}: {result['activities']} activiteiten uit {result['rows']} regels "
               f"({result['activities_new']} nieuw, {result['activities_updated']} bijgewerkt, "
               f"{result['activities_deleted']} verwijderd)")
    for reason in result["problem_reasons"]:
        click.echo(f"  probleem: {reason}", err=True)


@click.command()
@db_option
@click.option("--limit", type=int, default=50, show_default=True, help="Open problems to list.")
def status(db_path: Path | None, limit: int) -> None:
    """Counts in the database, the last run, and the open problems."""
    from agendakaart.store import open_db
    from agendakaart.store.activities import count_activities
    from agendakaart.store.pages import count_pages
    from agendakaart.store.problems import open_problems
    from agendakaart.store.runs import last_run

    path = resolve_db(db_path)
    if not path.exists():
        raise click.ClickException(f"database {path} bestaat niet (draai eerst collect, of geef --db)")
    conn = open_db(path)
    try:
        counts = {**count_activities(conn), **{f"pages_{k}": v for k, v in count_pages(conn).items()}}
        run = last_run(conn)
        problems = open_problems(conn)
    finally:
        conn.close()
    click.echo(f"database: {path}")
    for key, value in counts.items():
        click.echo(f"  {key}: {value}")
    if run:
        click.echo(f"laatste run: {run['kind']} {run['started_at']} → {run['finished_at'] or '(niet afgerond)'} "
                   f"[{run['status']}] {run['counts']}")
    click.echo(f"open problemen: {len(problems)}")
    for p in problems[:limit]:
        click.echo(f"  [{p.stage}] {p.url or p.item_id or ''}: {p.reason}")


@click.command()
@click.option("--base-url", default=DEFAULT_BASE_URL, show_default=True, help="Site om te controleren.")
@click.option("--rate", type=float, default=1.0, show_default=True, help="Verzoeken per seconde, hoogstens.")
@click.option("--save", "save_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Sla alles wat is opgehaald op in deze (nieuwe of lege) map, met manifest.json.")
def doctor(base_url: str, rate: float, save_dir: Path | None) -> None:
    """Controleer elke route (zoek-API, sitemaps, agendalijsten, RSS) en één agenda-item en één weekoverzicht:
    bereikbaar, toegestaan door robots.txt, items gevonden, welke bronnen welke velden gaven."""
    from agendakaart.pipeline.collect import doctor as run_doctor

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
        click.echo(f"          bronnen: {', '.join(report['sources']) or 'geen'}; "
                   f"lege velden: {', '.join(report['empty']) or 'geen'}; {report['activities']} activiteit(en)")
        for field, source in report["fields"].items():
            click.echo(f"          {field}: {source}")
        if report.get("suspect"):
            click.echo("          VERDACHT: alleen meta- en URL-gegevens; de opmaak van de site is waarschijnlijk veranderd")
        if report["error"]:
            click.echo(f"          fout: {report['error']}")
    if result["saved"] is not None:
        click.echo(f"opgeslagen in {result['saved']} (manifest.json): stuur deze map mee met een melding")
    click.echo("in orde" if result["ok"] else "NIET in orde: geen bruikbaar agenda-item gevonden via de routes "
                                          "hierboven (zie per route wat er gebeurde)")
    sys.exit(0 if result["ok"] else 1)


COMMANDS = [collect, import_command, status, doctor]
