"""CBS boundaries in the package: counts, NPVR unions (not hulls), point-in-gemeente, population."""

from __future__ import annotations

import csv
from importlib import resources

import pytest
from shapely.geometry import Point, Polygon

from agendakaart.enrich.boundaries import gemeente_file, load_boundaries, npvr_inwoners


@pytest.fixture(scope="module")
def b():
    return load_boundaries()


def test_counts_and_validity(b):
    assert len(b.gemeenten) == 342 and len(b.provinces) == 12
    assert all(c.startswith("GM") and len(c) == 6 for c in b.gemeenten)
    assert sorted(b.provinces) == [f"PV{n}" for n in range(20, 32)]
    assert all(s.is_valid and s.geom_type in ("Polygon", "MultiPolygon") for s in b.gemeenten.values())
    assert b.gemeente_names["GM0518"] == "'s-Gravenhage" and b.province_names["PV21"] == "Fryslân"
    # the provinces cover the gemeenten: total areas agree within 0.5%
    gm_area = sum(s.area for s in b.gemeenten.values())
    assert abs(gm_area - sum(s.area for s in b.provinces.values())) / gm_area < 0.005


def test_population(b):
    assert set(b.inwoners) == set(b.gemeenten)
    assert sum(b.inwoners.values()) == 17_942_942
    assert b.inwoners["GM0363"] == 931_298


@pytest.mark.parametrize(
    "lat, lon, gm",
    [
        (52.08, 4.30, "GM0518"),  # Den Haag
        (50.85, 5.69, "GM0935"),  # Maastricht
        (52.37, 4.90, "GM0363"),  # Amsterdam
        (51.92, 4.48, "GM0599"),  # Rotterdam
        (52.09, 5.12, "GM0344"),  # Utrecht
        (52.96, 5.92, "GM0074"),  # Heerenveen
        (52.50, 3.50, None),  # Noordzee
        (50.85, 4.35, None),  # Brussel
    ],
)
def test_point_in_gemeente(b, lat, lon, gm):
    assert b.gemeente_at(lat, lon) == gm
    assert b.gemeenten_at([lat, 52.08], [lon, 4.30]) == [gm, "GM0518"]


def test_npvr_regions_are_unions_of_their_gemeenten(b):
    text = resources.files("agendakaart.data").joinpath("npvr_regions.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    assert len(b.npvr) == 11
    for region, shape in b.npvr.items():
        members = [r["gm_code"] for r in rows if r["region"] == region and r["confidence"] == "established"]
        assert sorted(b.npvr_members[region]) == sorted(members)
        assert shape.area == pytest.approx(sum(b.gemeenten[c].area for c in members), rel=1e-6)
        for c in members:
            assert shape.contains(b.gemeenten[c].representative_point())
    uncertain = {r["gm_code"] for r in rows if r["confidence"] == "uncertain"}
    assert uncertain and all(
        not b.npvr[r].contains(b.gemeenten[c].representative_point()) for r in b.npvr for c in uncertain
    )


def test_region_population_and_vintage(b):
    inw = npvr_inwoners(b)
    assert inw["Zuidoost-Friesland"] == sum(b.inwoners[c] for c in ("GM0074", "GM0085", "GM0086", "GM0090", "GM0098"))
    assert npvr_inwoners(b, include_uncertain=True)["Noord-Limburg"] > inw["Noord-Limburg"]
    assert gemeente_file(2024) == "gemeente_2025.topojson" and gemeente_file(2031) == "gemeente_2026.topojson"
    assert b.province_of("GM0074") == "PV21"
