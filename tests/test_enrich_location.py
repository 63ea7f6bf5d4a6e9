"""Location resolution: each rule of DESIGN.md "Where", the hard cases of issue 4, and bad input."""

from __future__ import annotations

import pytest

from agendakaart.enrich.engine import split_text_line
from agendakaart.models import Precision
from agendakaart.settings import Settings
from enrich_helpers import enrich_title as run


# (title, location_text, description, expected gm_code, expected precision)
CASES = [
    ("Werkbezoek aan Zeeuws-Vlaanderen", None, None, None, "regio"),
    ("Werkbezoek aan Leiden", None, None, "GM0546", "woonplaats"),
    ("Gesprek met de burgemeester van Loppersum", None, None, "GM1979", "woonplaats"),
    ("Minister Heinen is aanwezig bij de opening van het nieuwe station", "Zwolle", None, "GM0193", "woonplaats"),
    ("Overleg", "Den Haag", None, "GM0518", "woonplaats"),
    ("Overleg", "'s-Gravenhage", None, "GM0518", "woonplaats"),
    ("Commissiedebat Herstel Groningen", None, None, "GM0518", "venue"),
    ("Kamerdebat over de begroting", "Tweede Kamer", None, "GM0518", "venue"),
    ("Ministerraad", None, None, "GM0518", "venue"),
    ("Bezoek aan Ter Apel", None, None, "GM1950", "woonplaats"),
    ("Bezoek aan het aanmeldcentrum Ter Apel", None, None, "GM1950", "venue"),
    ("Werkbezoek Bergen (L)", None, None, "GM0893", "woonplaats"),
    ("Werkbezoek Bergen (NH)", None, None, "GM0373", "woonplaats"),
    ("Werkbezoek aan Bergen", None, None, "GM0373", "woonplaats"),
    ("Werkbezoek aan Hengelo en Zutphen", None, None, "GM1876", "woonplaats"),
    ("Werkbezoek aan Hengelo", None, None, "GM0164", "woonplaats"),
    ("Werkbezoek aan Enschede (Twente)", None, None, "GM0153", "woonplaats"),
    ("Zeerijp: gesprek met bewoners en de burgemeester van Loppersum", None, None, "GM1979", "woonplaats"),
    ("Gesprek met de gemeente Uden", None, None, "GM1991", "gemeente"),
    ("Bezoek aan Best", None, None, "GM0753", "woonplaats"),
    ("Best practices delen met gemeenten", None, None, None, "none"),
    ("Gesprek met minister Van Weel", None, None, None, "none"),
    ("Gesprek met burgemeester Van Essen", None, None, None, "none"),
    ("Interview met NOS Radio 1 Journaal", None, None, None, "none"),
    ("Interview met Omroep Brabant", None, None, None, "none"),
    ("Werkbezoek", "Diverse locaties", None, None, "none"),
    ("Overleg met de provincie", "online", None, None, "none"),
    ("Digitaal overleg Europese Raad", None, None, None, "none"),
    ("Voorbereiding Europese Raad", None, None, None, "none"),
    ("Gesprek met CJIB", None, None, "GM0080", "venue"),
    ("Studiebezoek aan DUO", None, None, "GM0014", "venue"),
    ("In duo met de staatssecretaris", None, None, None, "none"),
    ("Werkbezoek", None, "De minister bezoekt een boerderij in Epe.", "GM0232", "woonplaats"),
    ("Opening", "Gemeente Tilburg", None, "GM0855", "gemeente"),
    ("Werkbezoek Noordoost-Fryslân", None, None, None, "regio"),
    ("Werkbezoek Zeeland", None, None, None, "provincie"),
    ("Gesprek met de provincie Groningen", None, None, None, "provincie"),
    ("Minister bezoekt woningbouwproject", "Lange Voorhout 34, 2514 EG Den Haag", None, "GM0518", "woonplaats"),
    ("Bezoek", "Stationsplein 1, Utrecht", None, "GM0344", "woonplaats"),
    ("Bezoek", "Catshuis, Den Haag", None, "GM0518", "venue"),
    ("Gesprek met staatssecretaris van Marum over Groningen", None, None, None, "none"),
    ("Minister Van Veldhoven opent een fabriek in Veldhoven", None, None, "GM0861", "woonplaats"),
    ("Staatssecretaris ontvangt de minister van Aruba", None, None, None, "none"),
    ("Werkbezoek in het Westland", None, None, "GM1783", "gemeente"),
    ("Werkbezoek aan de Achterhoek", None, None, None, "regio"),
    ("Gesprek met de directie van Havenbedrijf Rotterdam", None, None, None, "none"),
    ("Werkbezoek aan Havenbedrijf Rotterdam", None, None, "GM0599", "venue"),
    ("Bezoek aan een boerderij in Beek (L)", None, None, "GM0888", "woonplaats"),
    ("Werkbezoek Valkenburg (ZH)", None, None, "GM0537", "woonplaats"),
    ("Werkbezoek Hengelo Gld", None, None, "GM1876", "woonplaats"),
    ("Werkbezoek: waterstofproject in de Eemshaven", "Groningen", None, "GM1966", "venue"),
    ("Gesprek met zorgverleners", None, "Minister X spreekt met hen.\nBron: Ministerie van Defensie", None, "none"),
    ("Gesprek met het ministerie van VWS", None, None, None, "none"),
    ("Persgesprek op het Ministerie van Justitie en Veiligheid", None, None, "GM0518", "venue"),
    ("Ontvangst", "Ministerie van SZW", None, "GM0518", "venue"),
    ("Overleg met de Europese Commissie", None, None, None, "none"),
    ("Opening Nieuwe Sluis Terneuzen", None, None, "GM0715", "woonplaats"),
    ("Werkbezoek Ede en Wageningen", None, None, "GM0228", "woonplaats"),
    ("Gesprek met Guusje ter Horst", None, None, None, "none"),
    ("Gesprek met Van Zwolle", None, None, None, "none"),
    ("Gesprek met de burgemeester van Zwolle", None, None, "GM0193", "woonplaats"),
]


@pytest.mark.parametrize("title,location,description,gm,precision", CASES)
def test_hard_cases(res, title, location, description, gm, precision):
    e = run(res, title, location=location, description=description)
    assert (e.gm_code, e.precision.value) == (gm, precision), e.reason
    assert e.reason
    if precision == "none":
        assert e.lat is None and not e.is_den_haag and e.place is None


@pytest.mark.parametrize(
    "title,location,country",
    [
        ("Europese Raad", "Brussel", "BE"),
        ("Informele Raad Buitenlandse Zaken (Kopenhagen, Denemarken)", None, "DK"),
        ("Bezoek aan Kiev", None, "UA"),
        ("Reis naar Straatsburg", None, "FR"),
        ("Werkbezoek aan Bergen, Noorwegen", None, "NO"),
        ("Klimaatconferentie", "Belém, Brazilië", "BR"),
    ],
)
def test_abroad(res, title, location, country):
    e = run(res, title, location=location)
    assert e.country == country and e.is_abroad and e.gm_code is None and e.npvr_region is None
    assert e.precision == Precision.WOONPLAATS


def test_region_and_flags(res):
    e = run(res, "Werkbezoek Twente")
    assert (e.npvr_region, e.precision, e.gm_code, e.province) == ("Twente", Precision.REGIO, None, "Overijssel")
    e = run(res, "Werkbezoek aan Venray")
    assert e.npvr_region == "Noord-Limburg" and not e.is_den_haag and not e.is_abroad and e.country == "NL"
    e = run(res, "Overleg", location="Den Haag")
    assert e.is_den_haag and e.npvr_region is None


def test_uncertain_npvr_only_behind_setting(res):
    e = run(res, "Werkbezoek aan Harlingen")
    assert e.gm_code == "GM0072" and e.npvr_region is None
    e = run(res, "Werkbezoek aan Harlingen", settings=Settings(include_uncertain_npvr=True))
    assert e.npvr_region == "Noord-Friesland (Noard-Fryslân)"


@pytest.mark.parametrize(
    "title",
    [
        "",
        "   ",
        "!!!",
        "🚆🚆🚆",
        "<script>alert(1)</script>",
        "Путин " * 50,
        "x" * 100_000,
        "Leiden " * 20_000,
        "\x00\x01\x02",
        "&amp;&lt;&gt;",
    ],
)
def test_bad_input_never_crashes(res, title):
    e = run(res, title, description=title, location=title[:1000])
    assert e.reason
    assert e.precision in set(Precision)


def test_no_evidence_is_never_den_haag(res):
    for title in ["Gesprek", "Overleg", "Werkbezoek", "Interview", "Bewindspersonenoverleg", "Lunch", "Verlof"]:
        e = run(res, title)
        assert e.precision == Precision.NONE and not e.is_den_haag and e.gm_code is None, title


def test_markup_is_text(res):
    e = run(res, "<b>Werkbezoek</b> aan <i>Leiden</i> &amp; omgeving")
    assert e.gm_code == "GM0546"


def test_soft_hyphens_and_zero_width_marks_are_no_character(res):
    """Text pasted from a web page may carry invisible marks inside a name: they do not split it."""
    assert run(res, "Werkbezoek aan Em\u00admen").gm_code == "GM0114"
    assert run(res, "Werkbezoek", location="\ufeffTer\u00a0Apel\u200b").gm_code == "GM1950"
    e = run(
        res,
        "Bezoek aan Zeeland",
        description="Ge\u00adsprek\u200c met de ge\u00addeputeerde in Mid\u00addel\u00adburg.",
    )
    assert e.gm_code == "GM0687"


def test_split_text_line():
    assert split_text_line("Werkbezoek: opening van de sluis (Terneuzen)") == (
        "Werkbezoek",
        "opening van de sluis",
        "Terneuzen",
    )
    assert split_text_line("Onderraden en ministeriële overleggen: Raad Defensie") == (
        "Onderraden en ministeriële overleggen",
        "Raad Defensie",
        None,
    )
    assert split_text_line("Ministerraad") == (None, "Ministerraad", None)
    assert split_text_line("Gesprek met de werkgevers: een toelichting op het plan van aanpak van de regering") == (
        "Gesprek met de werkgevers",
        "een toelichting op het plan van aanpak van de regering",
        None,
    )
    # a lead with a name in it stays in the title: the line as a page gives it ("Werkbezoek Pieterburen: …")
    assert split_text_line("Werkbezoek Pieterburen: zeehondencentrum en kwelderherstel") == (
        "Werkbezoek Pieterburen",
        "Werkbezoek Pieterburen: zeehondencentrum en kwelderherstel",
        None,
    )


def test_a_lead_naming_a_place_places_the_text_line(res):
    """locate's {"id", "text"} form: "Werkbezoek <plaats>: <onderwerp>" is placed as the title form is."""
    from enrich_helpers import run_text

    for text, gm in [
        ("Werkbezoek Pieterburen: zeehondencentrum en kwelderherstel", "GM1966"),
        ("Werkbezoek Vaals: grensoverschrijdende zorg", "GM0981"),
        ("Wurkbesite oan Drachten: gearkomste mei ûndernimmers", "GM0090"),
    ]:
        assert run_text(res, text).gm_code == gm, text


def test_split_keeps_a_lead_that_is_no_type(res):
    assert split_text_line("Groningen: werkbezoek aan de Eemshaven", res.rules) == (
        None,
        "Groningen: werkbezoek aan de Eemshaven",
        None,
    )
    assert split_text_line("Kamerdebat: begroting (Tweede Kamer)", res.rules) == (
        "Kamerdebat",
        "begroting",
        "Tweede Kamer",
    )
