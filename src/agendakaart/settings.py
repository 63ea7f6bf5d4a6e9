"""One Settings object, built by the CLI and passed down. No module-level mutable config."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from agendakaart import USER_AGENT

DEFAULT_BASE_URL = "https://www.rijksoverheid.nl"
DEFAULT_DB = "agendakaart.db"


def default_db_path() -> Path:
    """`AGENDAKAART_DB` if set, else ./agendakaart.db."""
    return Path(os.environ.get("AGENDAKAART_DB") or DEFAULT_DB)


@dataclass(frozen=True)
class Settings:
    db_path: Path = field(default_factory=default_db_path)
    base_url: str = DEFAULT_BASE_URL
    user_agent: str = USER_AGENT
    rate: float = 1.0  # requests per second, at most
    timeout: float = 30.0  # seconds per request
    max_retries: int = 5
    max_backoff: float = 120.0  # seconds; a longer Retry-After is a failure
    max_body_bytes: int = 10_000_000
    max_listing_pages: int = 500  # hard cap per listing
    since: date | None = None
    until: date | None = None
    persons: tuple[str, ...] = ()  # limit to these slugs; empty = all
    refresh: bool = False  # re-fetch item pages even when unchanged
    routes: tuple[str, ...] = ("auto",)  # discovery routes: auto = search, sitemap, listings, rss
    respect_robots: bool = True
    include_uncertain_npvr: bool = False  # count `uncertain` NPVR member gemeenten too
    overrides_path: Path | None = None
    cache_dir: Path | None = None  # gazetteer cache; default: user cache dir
    enrich_workers: int | None = None  # processes for large enrich runs; None = os.cpu_count(), 1 = serial
    enrich_parallel_min: int = 5000  # fewer activities than this: serial (pool start-up would dominate)
