"""Overrides: TOML and CSV, matching by id / URL / text pattern, applied last; malformed files name the line."""

from __future__ import annotations

import pytest

from agendakaart.enrich.engine import enrich_fields
from agendakaart.enrich.overrides import apply_overrides, load_overrides
from agendakaart.errors import OverridesError
from agendakaart.models import ActivityType, Precision
from agendakaart.settings import Settings


def _enriched(res, title, activity_id="a1"):
    return enrich_fields(
        title=title, gazetteer=res.gazetteer, rules=res.rules, settings=Settings(), activity_id=activity_id
    )


TOML = '''
# corrections
[[override]]
id = "a1"
place = "Leiden"

[[override]]
url = "https://www.rijksoverheid.nl/actueel/agenda/2025/01/02/x"
place = "GM1979"
type = "werkbezoek"

[[override]]
pattern = "keukentafel"
lat = 53.1
lon = 6.5
note = "bij de familie thuis"

[[override]]
pattern = "/^Overleg\\\\b/"
type = "gesprek"
'''


def test_toml_overrides_apply_by_id_url_pattern(res, tmp_path):
    path = tmp_path / "overrides.toml"
    path.write_text(TOML, encoding="utf-8")
    overrides = load_overrides(path, res.gazetteer)
    assert [o.line for o in overrides] == [3, 7, 12, 18]
    e = apply_overrides(
        _enriched(res, "Gesprek"), overrides, page_url=None, text="Gesprek", gaz=res.gazetteer, include_uncertain=False
    )
    assert (e.gm_code, e.precision, e.override, e.confidence) == ("GM0546", Precision.WOONPLAATS, True, 1.0)
    assert "correctie regel 3" in e.reason
    e = apply_overrides(
        _enriched(res, "Gesprek", "a2"),
        overrides,
        page_url="https://www.rijksoverheid.nl/actueel/agenda/2025/01/02/x/",
        text="Gesprek",
        gaz=res.gazetteer,
        include_uncertain=False,
    )
    assert (e.gm_code, e.activity_type, e.npvr_region) == (
        "GM1979",
        ActivityType.WERKBEZOEK,
        "Noord- en Oost-Groningen",
    )
    e = apply_overrides(
        _enriched(res, "Keukentafelgesprek", "a3"),
        overrides,
        page_url=None,
        text="Keukentafelgesprek in Loppersum",
        gaz=res.gazetteer,
        include_uncertain=False,
    )
    assert (e.lat, e.lon, e.override) == (53.1, 6.5, True) and "familie" in e.reason
    # the point's gemeente comes from the CBS polygons: 53.1 N 6.5 E lies in Tynaarlo (Drenthe)
    assert (e.gm_code, e.gemeente, e.province, e.country) == ("GM1730", "Tynaarlo", "Drenthe", "NL")
    e = apply_overrides(
        _enriched(res, "Overleg met de VNG", "a4"),
        overrides,
        page_url=None,
        text="Overleg met de VNG",
        gaz=res.gazetteer,
        include_uncertain=False,
    )
    assert e.activity_type == ActivityType.GESPREK and e.precision == Precision.NONE and e.override


def test_no_match_changes_nothing(res, tmp_path):
    path = tmp_path / "o.toml"
    path.write_text(TOML, encoding="utf-8")
    before = _enriched(res, "Werkbezoek aan Venlo", "zz")
    after = apply_overrides(
        before,
        load_overrides(path, res.gazetteer),
        page_url="https://x/y",
        text="Werkbezoek aan Venlo",
        gaz=res.gazetteer,
        include_uncertain=False,
    )
    assert after == before and not after.override


def test_csv_overrides(res, tmp_path):
    path = tmp_path / "o.csv"
    path.write_text("id,pattern,place,type\na9,,Den Bosch,\n,Ministerraad,,overig\n", encoding="utf-8")
    overrides = load_overrides(path, res.gazetteer)
    assert [(o.match, o.line) for o in overrides] == [("id", 2), ("pattern", 3)]
    e = apply_overrides(
        _enriched(res, "Ministerraad", "a9"),
        overrides,
        page_url=None,
        text="Ministerraad",
        gaz=res.gazetteer,
        include_uncertain=False,
    )
    assert e.gm_code == "GM0796" and e.activity_type == ActivityType.OVERIG


@pytest.mark.parametrize(
    "text,line,message",
    [
        ('[[override]]\nid = "a"\nplace = "Atlantis"\n', 1, "niet in de plaatsenlijst"),
        ('[[override]]\nid = "a"\ntype = "overig"\n\n[[override]]\nplace = "Leiden"\n', 5, "exactly one of"),
        ('[[override]]\nid = "a"\ntype = "feest"\n', 1, "type"),
        ('[[override]]\nid = "a"\nlat = 52.0\n', 1, "lat en lon"),
        ('[[override]]\nid = "a"\ncolour = "red"\n', 1, "unknown key"),
        ('[[override]]\npattern = "/([/"\ntype = "overig"\n', 1, "reguliere expressie"),
        ('[[override]]\nid = "a"\n', 1, "vul place"),
        ('[[override]]\nid = "a"\nplace = "Leiden"\nplace = "Delft"\n', 4, "TOML"),
        ('title = "x"\n', 1, "top-level"),
    ],
)
def test_malformed_names_the_line(res, tmp_path, text, line, message):
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(OverridesError, match=message) as info:
        load_overrides(path, res.gazetteer)
    assert info.value.line == line
    assert f"regel {line}" in str(info.value)


def test_malformed_csv(res, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("id,place\na,Leiden\nb,Nergenshuizen\n", encoding="utf-8")
    with pytest.raises(OverridesError) as info:
        load_overrides(path, res.gazetteer)
    assert info.value.line == 3
    path.write_text("ident,place\na,Leiden\n", encoding="utf-8")
    with pytest.raises(OverridesError, match="header"):
        load_overrides(path, res.gazetteer)


def test_lat_lon_override_takes_gemeente_from_polygons(res, tmp_path):
    """A point in Heerenveen named 'Leiden' is in Heerenveen (and its NPVR region); a point at sea has no gemeente."""
    path = tmp_path / "o.toml"
    path.write_text(
        '[[override]]\nid = "p1"\nplace = "Leiden"\nlat = 52.96\nlon = 5.92\n\n'
        '[[override]]\nid = "p2"\nlat = 52.5\nlon = 3.5\n',
        encoding="utf-8",
    )
    overrides = load_overrides(path, res.gazetteer)
    e = apply_overrides(
        _enriched(res, "Gesprek", "p1"),
        overrides,
        page_url=None,
        text="Gesprek",
        gaz=res.gazetteer,
        include_uncertain=False,
    )
    assert (e.gm_code, e.province, e.npvr_region, e.lat) == ("GM0074", "Fryslân", "Zuidoost-Friesland", 52.96)
    e = apply_overrides(
        _enriched(res, "Gesprek", "p2"),
        overrides,
        page_url=None,
        text="Gesprek",
        gaz=res.gazetteer,
        include_uncertain=False,
    )
    assert (e.gm_code, e.npvr_region, e.lat, e.lon) == (None, None, 52.5, 3.5)


def test_review_template_filled_in_as_it_says(res, tmp_path):
    """Uncomment one entry of the template `review` writes, fill in only the place: that is a valid file."""
    from agendakaart.enrich.review import overrides_template

    groups = [
        {"rows": [{"id": "act-1", "title": "Bezoek"}], "text": "Bezoek", "precision": "none", "reason": ""},
        {
            "rows": [{"id": "a", "title": "Overleg met het veld"}, {"id": "b", "title": "Overleg met het veld"}],
            "text": "Overleg met het veld",
            "precision": "none",
            "reason": "",
        },
    ]
    lines = overrides_template(groups).splitlines()
    start = lines.index("# [[override]]")
    for i in range(start, start + 4):
        lines[i] = lines[i][2:]
    lines[start + 2] = 'place = "Leiden"'
    path = tmp_path / "correcties.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    [o] = load_overrides(path, res.gazetteer)
    assert o.match == "id" and o.value == "act-1" and o.place.name == "Leiden" and o.type is None


def test_csv_with_semicolons_dutch_headers_and_decimal_comma(res, tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes("\ufeffid;plaats;lat;lon;soort\r\na;;52,16;4,49;\r\nb;Leiden;;;werkbezoek\r\n".encode())
    first, second = load_overrides(path, res.gazetteer)
    assert (first.place.lat, first.place.lon) == (52.16, 4.49)
    assert second.place.name == "Leiden" and second.type == "werkbezoek"


def test_every_error_at_once_with_its_line(res, tmp_path):
    path = tmp_path / "fouten.csv"
    path.write_text(
        "id;place;type\na;Leiden;\nb;Nergenshuizen;\nc;;feest\nd;Delft;gesprek\n;;overig\n", encoding="utf-8"
    )
    with pytest.raises(OverridesError) as info:
        load_overrides(path, res.gazetteer)
    text = str(info.value)
    assert text.startswith("3 fouten") and info.value.line == 3
    assert "regel 3:" in text and "regel 4:" in text and "regel 6:" in text and "regel 5" not in text
