"""The boundaries in the map's payload (no browser): slimmed topology, region members and inhabitants, the compact
gemeente and country columns."""

from __future__ import annotations

import json

from agendakaart.enrich.boundaries import GEMEENTE_FILES, geo_text, load_boundaries, npvr_inwoners
from agendakaart.outputs.map import map_payload
from agendakaart.outputs.map_geo import geo_payload, slim_topology
from agendakaart.outputs.regions import npvr_members
from agendakaart.store import open_db
from agendakaart.store.queries import load_persons, load_rows
from synthetic import populate


def test_slim_topology_keeps_every_shape_and_is_small():
    original = json.loads(geo_text(GEMEENTE_FILES[2026]))
    slim = slim_topology(geo_text(GEMEENTE_FILES[2026]))
    geoms = slim["objects"]["a"]["geometries"]
    assert len(geoms) == 342 == len(slim["names"]) and set(geoms[0]) == {"type", "id", "arcs"}
    assert len(slim["arcs"]) == len(original["arcs"]) - 14  # the arcs no gemeente uses are dropped
    assert len(json.dumps(slim, separators=(",", ":"))) < 80_000


def test_geo_payload_regions_and_population():
    regions = sorted(npvr_members())
    geo = geo_payload(regions)
    b = load_boundaries()
    assert geo["nl"] == sum(b.inwoners.values()) and len(geo["pv"]["objects"]["a"]["geometries"]) == 12
    for j, r in enumerate(regions):
        assert sorted(geo["codes"][k] for k in geo["rm"][j]) == sorted(b.npvr_members[r])
        assert geo["rinw"][j] == npvr_inwoners(b)[r]
    assert sum(len(x) for x in geo["ru"]) == 7
    assert geo_payload(regions, include_uncertain=True)["rinw"] > geo["rinw"]


def test_gemeente_and_country_per_activity():
    conn = open_db(":memory:")
    populate(conn, n=300, seed=8)
    rows = load_rows(conn)
    regions = sorted(npvr_members())
    data = map_payload(rows, load_persons(conn), [], regions, None, geo_payload(regions))
    geo, p = data["geo"], data["a"]["p"]
    exceptions = dict((i, g) for i, g in geo["gx"])
    for i, r in enumerate(rows):
        g = exceptions.get(i, geo["pg"][p[i]] if p[i] >= 0 else -1)
        assert (geo["codes"][g] if g >= 0 else None) == r["gm_code"], r
    abroad = {i for i, r in enumerate(rows) if r["is_abroad"]}
    assert {i for i, _ in geo["co"]} == abroad and abroad
    assert {data["s"][s] for _, s in geo["co"]} <= {"België", "LU", "Verenigde Staten"}
