"""Gemeente -> NPVR region, Den Haag and abroad flags; the NPVR table read from data/npvr_regions.csv."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

DEN_HAAG = "GM0518"


@dataclass(frozen=True)
class NpvrTable:
    """gm_code -> region name, split by the confidence of the membership."""

    established: dict[str, str]
    uncertain: dict[str, str]
    names: dict[str, str]  # gm_code -> gemeente name as the table writes it

    def region_for(self, gm_code: str | None, include_uncertain: bool = False) -> str | None:
        """ "GM0153" -> "Twente"; an uncertain member only with include_uncertain; None elsewhere."""
        if not gm_code:
            return None
        region = self.established.get(gm_code)
        if region is None and include_uncertain:
            region = self.uncertain.get(gm_code)
        return region

    def members(self, region: str, include_uncertain: bool = False) -> set[str]:
        """Region name -> its gemeente codes."""
        codes = {gm for gm, r in self.established.items() if r == region}
        if include_uncertain:
            codes |= {gm for gm, r in self.uncertain.items() if r == region}
        return codes

    @property
    def regions(self) -> list[str]:
        return sorted(set(self.established.values()) | set(self.uncertain.values()))


def data_path(name: str) -> Path:
    """A file in the package's data folder."""
    return Path(str(resources.files("agendakaart") / "data" / name))


def load_npvr(path: Path | None = None) -> NpvrTable:
    """npvr_regions.csv -> NpvrTable (rows with confidence other than established count as uncertain)."""
    established: dict[str, str] = {}
    uncertain: dict[str, str] = {}
    names: dict[str, str] = {}
    with open(path or data_path("npvr_regions.csv"), encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            gm = row["gm_code"].strip()
            names[gm] = row["gemeente"].strip()
            target = established if row["confidence"].strip() == "established" else uncertain
            target[gm] = row["region"].strip()
    return NpvrTable(established, uncertain, names)


def is_den_haag(gm_code: str | None) -> bool:
    """ "GM0518" -> True."""
    return gm_code == DEN_HAAG


def is_abroad(country: str | None) -> bool:
    """ "BE" -> True, "NL" -> False, None -> False."""
    return bool(country) and country != "NL"
