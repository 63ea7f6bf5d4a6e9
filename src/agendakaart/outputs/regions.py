"""NPVR membership per region (`npvr_members`), from data/npvr_regions.csv.

The region outlines drawn on the map and the figure are the CBS boundaries of the member gemeenten
(enrich/boundaries.py); the former approximate hulls around GeoNames places are gone.
"""

from __future__ import annotations

import csv
from importlib import resources


def npvr_members(include_uncertain: bool = False) -> dict[str, list[str]]:
    """region name -> its gemeente codes, from data/npvr_regions.csv (established rows, plus uncertain if asked)."""
    text = resources.files("agendakaart.data").joinpath("npvr_regions.csv").read_text(encoding="utf-8")
    out: dict[str, list[str]] = {}
    for row in csv.DictReader(text.splitlines()):
        if row["confidence"] == "established" or include_uncertain:
            out.setdefault(row["region"], []).append(row["gm_code"])
    return out
