"""Option values that would do harm or make no sense are refused before any work (issue 13)."""

from __future__ import annotations

import difflib
from datetime import date
from pathlib import Path

from agendakaart.errors import OptionError

MAX_RATE = 5.0  # requests per second without --allow-fast: politeness towards rijksoverheid.nl


def is_loopback(base_url: str) -> bool:
    """http://127.0.0.1:8000 or http://localhost:8000: a replica on this machine (no one else's site)."""
    from urllib.parse import urlsplit

    return (urlsplit(base_url).hostname or "") in ("127.0.0.1", "localhost", "::1")


def check_rate(rate: float, allow_fast: bool = False, base_url: str = "") -> float:
    """--rate must be > 0 and at most MAX_RATE, unless the user explicitly allows faster, or the site is a replica
    on this machine (127.0.0.1)."""
    if not rate > 0 or rate != rate or rate == float("inf"):
        raise OptionError(
            f"--rate {rate:g} kan niet: geef een aantal verzoeken per seconde groter dan 0 "
            f"(standaard 1, hoogstens {MAX_RATE:g})"
        )
    if rate > MAX_RATE and not allow_fast and not is_loopback(base_url):
        raise OptionError(
            f"--rate {rate:g} is sneller dan {MAX_RATE:g} verzoeken per seconde: dat belast de site; "
            f"alleen voor een eigen replica kan het met --allow-fast"
        )
    return rate


def check_period(since: date | None, until: date | None) -> None:
    if since and until and since > until:
        raise OptionError(f"--since {since.isoformat()} ligt na --until {until.isoformat()}: draai ze om")


def check_persons(persons: tuple[str, ...], db_path: Path | None) -> None:
    """Every slug in --persons must be known (bundled list or an earlier collect); unknown ones are named."""
    if not persons:
        return
    from agendakaart.pipeline.status import known_person_slugs

    known = known_person_slugs(db_path)
    unknown = [p for p in persons if p not in known]
    if not unknown:
        return
    hints = []
    for slug in unknown:
        close = difflib.get_close_matches(slug, sorted(known), n=1)
        hints.append(f"'{slug}'" + (f" (bedoelt u {close[0]}?)" if close else ""))
    raise OptionError(
        f"onbekende bewindsperso{'on' if len(unknown) == 1 else 'nen'} in --persons: "
        f"{', '.join(hints)}; gebruik de naam uit de URL op rijksoverheid.nl, bijv. dick-schoof"
    )


def check_base_url(base_url: str) -> str:
    """--base-url must be an http(s) address with a host: 'https://www.rijksoverheid.nl', 'http://127.0.0.1:8000'."""
    from urllib.parse import urlsplit

    parts = urlsplit(base_url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise OptionError(
            f"--base-url '{base_url}' is geen webadres: geef bijvoorbeeld https://www.rijksoverheid.nl "
            f"of http://127.0.0.1:8000"
        )
    return base_url.strip()
