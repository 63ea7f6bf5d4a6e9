"""Shared helpers for the crawl tests: run `collect` against a ReplicaServer and wait for its request log."""

from __future__ import annotations

import time
from pathlib import Path

from agendakaart.pipeline.collect import collect
from agendakaart.replica import ReplicaServer
from agendakaart.settings import Settings
from agendakaart.sources.http import Fetcher


def settle(server: ReplicaServer, n: int, timeout: float = 5.0) -> None:
    """The server logs a request after answering it: wait until all n requests are in the log."""
    deadline = time.monotonic() + timeout
    while len(server.log) < n and time.monotonic() < deadline:
        time.sleep(0.005)


def run_collect(server: ReplicaServer, conn, **kw) -> dict:
    """One fast crawl of the replica (rate 1000/s, no sleeping) into conn; returns collect's counts."""
    kw.setdefault("routes", ("listings",))  # the 2024-style sites: HTML listings (the other routes: test_routes*)
    settings = Settings(base_url=server.base_url, rate=1000, db_path=Path(":memory:"), **kw)
    start = len(server.log)
    with Fetcher(settings, sleep=lambda s: None) as fetcher:
        counts = collect(settings, conn, fetcher=fetcher)
    settle(server, start + counts["requests"])
    return counts
