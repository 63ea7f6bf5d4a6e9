"""Kernen (villages, hamlets, city districts) that `places_extra.csv` adds to the gazetteer, their other names in
`aliases.csv`, and the points of every places_extra row (inside its gemeente's CBS 2026 polygon)."""

from __future__ import annotations

import csv

import pytest

from agendakaart.enrich.boundaries import load_boundaries
from agendakaart.enrich.regions import data_path
from enrich_helpers import run_text


def _extra_rows() -> list[dict[str, str]]:
    lines = [ln for ln in data_path("places_extra.csv").read_text(encoding="utf-8").splitlines() if ln[:1] != "#"]
    return list(csv.DictReader(lines))


# a sample of the kernen added province by province (issue 12, villages round), each with its CBS 2026 gemeente
@pytest.mark.parametrize(
    "kern,gm",
    [
        ("Kortgene", "GM1695"),
        ("'s-Gravenpolder", "GM0654"),
        ("Sint-Annaland", "GM0716"),
        ("Hansweert", "GM0703"),
        ("Neeritter", "GM1640"),
        ("Bemelen", "GM1903"),
        ("Paarlo", "GM1669"),
        ("Rosmalen", "GM0796"),
        ("Kaatsheuvel", "GM0809"),
        ("Zevenbergen", "GM1709"),
        ("Vlijmen", "GM0797"),
        ("Vierlingsbeek", "GM1982"),
        ("Malden", "GM0252"),
        ("Wamel", "GM0668"),
        ("Asperen", "GM1960"),
        ("Wichmond", "GM1876"),
        ("Lemelerveld", "GM0148"),
        ("Diepenveen", "GM0150"),
        ("Slagharen", "GM0160"),
        ("Rouveen", "GM0180"),
        ("Bovensmilde", "GM1731"),
        ("Nijeveen", "GM0119"),
        ("Eelderwolde", "GM1730"),
        ("Kimswerd", "GM1900"),
        ("Lioessens", "GM1970"),
        ("Nij Beets", "GM0086"),
        ("Dongjum", "GM1949"),
        ("Noordlaren", "GM0014"),
        ("Tolbert", "GM1969"),
        ("Kropswolde", "GM1952"),
        ("Kockengen", "GM1904"),
        ("Lexmond", "GM1961"),
        ("Kamerik", "GM0632"),
        ("Wervershoof", "GM0420"),
        ("Bovenkarspel", "GM0532"),
        ("Wormerveer", "GM0479"),
        ("Santpoort-Noord", "GM0453"),
        ("Lekkerkerk", "GM1931"),
        ("Oude-Tonge", "GM1924"),
        ("Hazerswoude-Dorp", "GM0484"),
        ("Moordrecht", "GM1892"),
    ],
)
def test_added_kern_is_placed_in_its_gemeente(res, kern, gm):
    e = run_text(res, f"Werkbezoek aan {kern}")
    assert (e.gm_code, e.precision.value) == (gm, "woonplaats")


@pytest.mark.parametrize(
    "text,gm",
    [
        ("Werkbezoek aan Grouw", "GM0080"),  # Dutch name of Grou
        ("Werkbezoek aan Berlikum", "GM1949"),  # Dutch name of Berltsum
        ("Werkbezoek aan Sint Nyk", "GM1940"),  # Frisian name of Sint Nicolaasga
        ("Werkbezoek aan Oudwoude", "GM1970"),  # Dutch name of Aldwâld
        ("Gesprek met het college van de voormalige gemeente Bernisse", "GM1930"),  # merged into Nissewaard (2015)
        ("Werkbezoek aan Arcen en Velden", "GM0983"),  # merged into Venlo (2010)
    ],
)
def test_other_names_and_former_gemeenten(res, text, gm):
    assert run_text(res, text).gm_code == gm


def test_word_like_village_needs_capital_and_context(res):
    # "Baard" (Leeuwarden) and "Linden" (Land van Cuijk) are also words: named as a place they count, as words not
    assert run_text(res, "Werkbezoek aan Baard").gm_code == "GM0080"
    assert run_text(res, "Werkbezoek aan Linden").gm_code == "GM1982"
    assert run_text(res, "Gesprek over baard en linden in het park").gm_code is None


def test_every_extra_point_lies_inside_its_gemeente():
    b = load_boundaries(2026)
    rows = _extra_rows()
    assert len(rows) > 800  # 816 rows after the villages round
    outside = [
        (r["name"], r["gm_code"], b.gemeente_at(float(r["lat"]), float(r["lon"])))
        for r in rows
        if b.gemeente_at(float(r["lat"]), float(r["lon"])) != r["gm_code"]
    ]
    assert outside == []


def test_no_kern_listed_twice_in_one_gemeente():
    keys = [(r["name"], r["gm_code"]) for r in _extra_rows()]
    assert sorted(k for k in set(keys) if keys.count(k) > 1) == []
