"""The complete official list of woonplaatsen (CBS "Woonplaatsen in Nederland", CSV export), an optional
download that fills the gazetteer's gaps: names with their gemeente code, placed at the gemeente's point.

parse_official_woonplaatsen('"Woonplaatsen";"Code_3"\\n"Zeerijp";"GM1979"\\n') -> [("Zeerijp", "GM1979")]
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from agendakaart.errors import GazetteerError

OFFICIAL_FILE = "woonplaatsen_official.csv"
_GM = re.compile(r"^\s*(?:GM)?\s*(\d{1,4})\s*$", re.I)


def official_path(cache_dir: Path) -> Path:
    return Path(cache_dir) / OFFICIAL_FILE


def _gm(value: str) -> str | None:
    """ "GM0014" / "14" / " 0014 " -> "GM0014"; anything else -> None."""
    match = _GM.match(value or "")
    return f"GM{int(match.group(1)):04d}" if match else None


def _columns(header: list[str], rows: list[list[str]]) -> tuple[int, int]:
    """(name column, gemeente-code column): by header words, else by what the values look like."""

    def share(col: int, test) -> float:
        values = [r[col] for r in rows[:200] if col < len(r) and r[col].strip()]
        return sum(1 for v in values if test(v)) / len(values) if values else 0.0

    codes = [share(i, lambda v: bool(re.fullmatch(r"\s*GM\d{4}\s*", v))) for i in range(len(header))]
    gm_col = max(range(len(header)), key=lambda i: codes[i])
    if codes[gm_col] < 0.8:
        named = [i for i, h in enumerate(header) if "gemeentecode" in h.lower().replace(" ", "")]
        if not named:
            raise GazetteerError("no column of gemeente codes (GMxxxx) found")
        gm_col = named[0]
    words = [i for i, h in enumerate(header) if "woonplaats" in h.lower() and "code" not in h.lower()]
    texty = [
        i
        for i in range(len(header))
        if i != gm_col
        and header[i].lower() not in ("id", "")
        and share(i, lambda v: bool(re.search(r"[A-Za-z]{2}", v)) and not re.fullmatch(r"\s*[A-Z]{2}\d+\s*", v)) > 0.9
    ]
    if not (words or texty):
        raise GazetteerError("no column of woonplaats names found")
    return (words or texty)[0], gm_col


def parse_official_woonplaatsen(text: str) -> list[tuple[str, str]]:
    """CSV text (';' or ',' separated, with a header) -> [(woonplaats, GMxxxx)], de-duplicated, in order."""
    text = text.lstrip("\ufeff")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    rows = [r for r in csv.reader(io.StringIO(text), dialect) if any(c.strip() for c in r)]
    if len(rows) < 2:
        raise GazetteerError("the list holds no rows")
    name_col, gm_col = _columns(rows[0], rows[1:])
    out: list[tuple[str, str]] = []
    seen = set()
    for row in rows[1:]:
        if max(name_col, gm_col) >= len(row):
            continue
        name, gm = " ".join(row[name_col].split()), _gm(row[gm_col])
        if name and gm and (name, gm) not in seen and len(name) <= 80:
            seen.add((name, gm))
            out.append((name, gm))
    if not out:
        raise GazetteerError("no woonplaats with a gemeente code in the list")
    return out


def save_official(pairs: list[tuple[str, str]], cache_dir: Path) -> Path:
    """Write the normalised list (name,gm_code) where the gazetteer build looks for it."""
    from agendakaart.safe_output import atomic_open

    path = official_path(cache_dir)
    with atomic_open(path, encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["name", "gm_code"])
        writer.writerows(pairs)
    return path


def load_official(cache_dir: Path | None) -> list[tuple[str, str]]:
    """The saved list, or [] when none was fetched."""
    if cache_dir is None or not official_path(cache_dir).exists():
        return []
    with open(official_path(cache_dir), encoding="utf-8", newline="") as fh:
        return [(r["name"], r["gm_code"]) for r in csv.DictReader(fh)]
