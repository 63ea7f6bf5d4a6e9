"""`run` and `demo`: the whole pipeline in one command."""

from __future__ import annotations

from pathlib import Path

import click

from agendakaart.cli.common import db_option, resolve_db
from agendakaart.settings import DEFAULT_BASE_URL, Settings


def _print_result(result: dict, db_path: Path) -> None:
    collected, enriched = result["collect"], result["enrich"]
    click.echo(f"verzameld: {collected.get('activities_new', 0)} nieuwe activiteiten, "
               f"{collected.get('problems', 0)} problemen, {collected.get('requests', 0)} verzoeken")
    if collected.get("problems"):
        click.echo(f"  problemen bekijken: agendakaart status --db {db_path}")
    if enriched:
        click.echo("verrijkt: " + ", ".join(f"{k}={v}" for k, v in enriched.items() if not isinstance(v, dict)))
    for name, path in result["paths"].items():
        click.echo(f"{name:>8}: {path.resolve()}")


@click.command()
@click.option("--base-url", default=DEFAULT_BASE_URL, show_default=True, help="Site to collect from.")
@db_option
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("out"),
              show_default=True, help="Folder for kaart.html, rapport.html and exports.")
@click.option("--rate", type=float, default=1.0, show_default=True, help="Requests per second, at most.")
@click.option("--overrides", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Overrides file applied after the rules.")
def run(base_url: str, db_path: Path | None, out_dir: Path, rate: float, overrides: Path | None) -> None:
    """Collect → enrich → map → report → exports, printing the paths."""
    from agendakaart.pipeline.run import run as run_pipeline

    settings = Settings(db_path=resolve_db(db_path), base_url=base_url, rate=rate, overrides_path=overrides)
    _print_result(run_pipeline(settings, out_dir), settings.db_path)


@click.command()
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("out"),
              show_default=True, help="Folder for the replica site, database, kaart.html, rapport.html, exports.")
@click.option("--seed", type=int, default=1, show_default=True, help="Seed of the generated replica site.")
@click.option("--platform", type=click.Choice(["2024", "2026"]), default="2026", show_default=True,
              help="Replica van het platform sinds 2 juni 2026 (zoek-API, sitemaps) of van de site daarvoor.")
def demo(out_dir: Path, seed: int, platform: str) -> None:
    """The whole pipeline against the bundled replica site on 127.0.0.1 (offline)."""
    from agendakaart.pipeline.run import demo as run_demo

    result = run_demo(out_dir, seed=seed, platform=platform)
    click.echo("(de replica bevat met opzet kapotte pagina's: die staan als problemen in de database)")
    _print_result(result, out_dir / "agendakaart.db")
    click.echo(f"\nOpen de kaart: {(out_dir / 'kaart.html').resolve()}")
    click.echo(f"Open het rapport: {(out_dir / 'rapport.html').resolve()}")


COMMANDS = [run, demo]
