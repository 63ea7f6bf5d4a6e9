"""`agendakaart replica build DIR` and `agendakaart replica serve DIR`: the project's own rijksoverheid.nl replica."""

from __future__ import annotations

import json
import signal
import threading
from pathlib import Path

import click

from agendakaart.errors import AgendakaartError


@click.group()
def replica() -> None:
    """De eigen replica van rijksoverheid.nl: bouwen en serveren op 127.0.0.1 (voor demo en tests)."""


@replica.command("build")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--seed", type=int, default=1, show_default=True, help="Zaad voor de gegenereerde inhoud.")
@click.option(
    "--platform",
    type=click.Choice(["2024", "2026"]),
    default="2024",
    show_default=True,
    help="Welke site: 2024 (klassieke pagina's) of 2026 (het platform sinds 2 juni 2026: zoek-API, "
    "sitemaps, lijsten die in de browser laden).",
)
@click.option(
    "--revision",
    type=click.IntRange(1, 2),
    default=1,
    show_default=True,
    help="Alleen 2026: revisie 2 wijzigt, annuleert en verwijdert elk één item en voegt er één toe.",
)
@click.option(
    "--robots",
    type=click.Choice(["open", "no-api"]),
    default="open",
    show_default=True,
    help="Alleen 2026: no-api verbiedt /api/ in robots.txt (sitemaps blijven toegestaan).",
)
@click.option(
    "--search-cap",
    type=click.IntRange(1, None),
    default=100,
    show_default=True,
    help="Alleen 2026: hoeveel resultaten per zoekvraag de zoek-API bereikbaar maakt (daarna HTTP 400).",
)
def build(directory: Path, seed: int, platform: str, revision: int, robots: str, search_cap: int) -> None:
    """Schrijf de replica-site (met faults.json en expected.json) naar DIRECTORY."""
    from agendakaart.replica_site import build_site

    if platform == "2026":
        from agendakaart.replica_site.platform2026 import build_site_2026

        counts = build_site_2026(directory, seed=seed, revision=revision, robots=robots, search_cap=search_cap).counts
        click.echo(
            f"replica (platform 2026, revisie {revision}, robots {robots}) in {directory}: "
            f"{counts['persons']} huidige bewindspersonen, {counts['former_persons_with_items']} oud-"
            f"bewindspersonen met agenda, {counts['item_pages']} agendapagina's, {counts['activities']} "
            f"activiteiten, {counts['search_documents']} documenten in de zoekindex"
        )
        return
    if revision != 1 or robots != "open" or search_cap != 100:
        raise AgendakaartError("--revision, --robots en --search-cap horen bij --platform 2026")
    truth = build_site(directory, seed=seed)
    counts = truth.counts
    click.echo(
        f"replica in {directory}: {counts['persons']} bewindspersonen, {counts['item_pages']} "
        f"agendapagina's, {counts['activities']} activiteiten, {counts['problem_pages']} probleempagina's, "
        f"{counts['listing_pages']} lijstpagina's"
    )


@replica.command("serve")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Poort op 127.0.0.1 (0 = vrije poort).",
)
@click.option(
    "--faults",
    "faults_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Extra fouten (JSON, zelfde schema als faults.json), vóór die van de site.",
)
def serve(directory: Path, port: int, faults_file: Path | None) -> None:
    """Serveer DIRECTORY op http://127.0.0.1:PORT tot Ctrl-C."""
    from agendakaart.replica import ReplicaServer

    faults = None
    if faults_file is not None:
        try:
            faults = json.loads(faults_file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise AgendakaartError(f"{faults_file}: geen geldige JSON ({exc})") from exc
    try:
        server = ReplicaServer(directory, faults=faults, port=port).start()
    except (OSError, TypeError, ValueError) as exc:
        raise AgendakaartError(f"replica starten mislukt: {exc}") from exc
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())  # also stop cleanly when killed politely (set before
    click.echo(server.base_url)  # the URL is printed: a caller may stop us at once)
    click.echo(f"{len(server.rules)} foutregels actief; stoppen met Ctrl-C", err=True)
    try:
        while not stop.wait(0.2):  # short waits: a signal is handled promptly, whatever the platform
            pass
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
        click.echo(f"gestopt na {len(server.log)} verzoeken", err=True)


COMMANDS = [replica]
