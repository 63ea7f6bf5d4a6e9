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
def build(directory: Path, seed: int) -> None:
    """Schrijf de replica-site (met faults.json en expected.json) naar DIRECTORY."""
    from agendakaart.replica_site import build_site

    truth = build_site(directory, seed=seed)
    counts = truth.counts
    click.echo(f"replica in {directory}: {counts['persons']} bewindspersonen, {counts['item_pages']} "
               f"agendapagina's, {counts['activities']} activiteiten, {counts['problem_pages']} probleempagina's, "
               f"{counts['listing_pages']} lijstpagina's")


@replica.command("serve")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Poort op 127.0.0.1 (0 = vrije poort).")
@click.option("--faults", "faults_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="Extra fouten (JSON, zelfde schema als faults.json), vóór die van de site.")
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
    click.echo(server.base_url)
    click.echo(f"{len(server.rules)} foutregels actief; stoppen met Ctrl-C", err=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())   # also stop cleanly when killed politely
    try:
        stop.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
        click.echo(f"gestopt na {len(server.log)} verzoeken", err=True)


COMMANDS = [replica]
