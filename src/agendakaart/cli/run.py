"""`run` and `demo`: the whole pipeline in one command."""

from __future__ import annotations

from pathlib import Path

import click

from agendakaart.cli.checks import check_base_url, check_rate
from agendakaart.cli.common import db_option, rate_options, resolve_db
from agendakaart.settings import DEFAULT_BASE_URL, Settings


def _print_result(result: dict, db_path: Path) -> None:
    collected, enriched = result["collect"], result["enrich"]
    if first := result.get("first_collect"):
        click.echo(
            f"eerste ronde: {first.get('activities_new', 0)} activiteiten verzameld; daarna is de replica "
            f"veranderd (een item gewijzigd, een geannuleerd, een verwijderd, een nieuw) en opnieuw verzameld:"
        )
        click.echo(
            f"  {collected.get('pages_changed', 0) + collected.get('pages_new', 0)} agendapagina's opgehaald, "
            f"{collected.get('pages_unchanged', 0)} ongewijzigd (niet opgehaald), "
            f"{collected.get('removed', 0)} verdwenen van de site"
        )
    click.echo(
        f"verzameld: {collected.get('activities_new', 0)} nieuwe activiteiten, "
        f"{collected.get('problems', 0)} problemen, {collected.get('requests', 0)} verzoeken"
    )
    if collected.get("problems"):
        click.echo(f"  problemen bekijken: agendakaart status --db {db_path}")
    if enriched:
        n = enriched.get("activities", 0)
        click.echo(
            f"verrijkt: {n} activiteiten, {enriched.get('placed', 0)} geplaatst, "
            f"{enriched.get('unknown', 0)} locatie onbekend, {enriched.get('den_haag', 0)} in Den Haag, "
            f"{enriched.get('abroad', 0)} in het buitenland"
        )
    for name, path in result["paths"].items():
        click.echo(f"{name:>8}: {path.resolve()}")


@click.command()
@click.option("--base-url", default=DEFAULT_BASE_URL, show_default=True, help="De site waarvan verzameld wordt.")
@db_option
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("uitvoer"),
    show_default=True,
    help="Map voor kaart.html, rapport.html en de exports.",
)
@rate_options
@click.option(
    "--overrides",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Correctiebestand, toegepast na de regels.",
)
@click.option("--force", is_flag=True, help="Overschrijf ook bestanden in --out die geen eerdere uitvoer zijn.")
def run(base_url, db_path, out_dir, rate, allow_fast, overrides, force) -> None:
    """Verzamelen → verrijken → kaart → rapport → exports, en toon de paden."""
    from agendakaart.pipeline.run import run as run_pipeline

    base_url = check_base_url(base_url)
    check_rate(rate, allow_fast, base_url)
    settings = Settings(db_path=resolve_db(db_path), base_url=base_url, rate=rate, overrides_path=overrides)
    _print_result(run_pipeline(settings, out_dir, force=force), settings.db_path)


@click.command()
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("out"),
    show_default=True,
    help="Een nieuwe map (of een eerdere demo-map) voor replica, database en uitvoer.",
)
@click.option("--seed", type=int, default=1, show_default=True, help="Zaad van de gegenereerde replica-site.")
@click.option(
    "--platform",
    type=click.Choice(["2024", "2026"]),
    default="2026",
    show_default=True,
    help="Replica van het platform sinds 2 juni 2026 (zoek-API, sitemaps) of van de site daarvoor.",
)
def demo(out_dir: Path, seed: int, platform: str) -> None:
    """De hele keten tegen de meegeleverde replica-site op 127.0.0.1 (offline), in een eigen map."""
    from agendakaart.pipeline.run import demo as run_demo

    result = run_demo(out_dir, seed=seed, platform=platform)
    click.echo("(de replica bevat met opzet kapotte pagina's: die staan als problemen in de database)")
    _print_result(result, out_dir / "agendakaart.db")
    click.echo(f"\nOpen de kaart: {(out_dir / 'kaart.html').resolve()}")
    click.echo(f"Open het rapport: {(out_dir / 'rapport.html').resolve()}")


COMMANDS = [run, demo]
