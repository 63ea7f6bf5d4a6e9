"""Activity types (data/activity_rules.csv): phrases and words that decide the type.

Tests by rule (moved from the per-round modules test_enrich_holdout*.py, assertions unchanged)."""

from __future__ import annotations

import pytest

from agendakaart.enrich.engine import split_text_line
from enrich_helpers import enrich_title as run
from enrich_helpers import run_text


def test_video_call_is_gesprek(res):
    assert run(res, "Videoverbinding met de Amerikaanse ambassadeur").activity_type.value == "gesprek"


@pytest.mark.parametrize(
    "text,kind",
    [
        ("Minister Bruins neemt het advies van de Onderwijsraad in ontvangst", "evenement"),
        ("Persmoment na de ministerraad", "media"),
        ("Staatssecretaris Tielen neemt deel aan een rondetafelgesprek over jeugdzorg", "gesprek"),
        ("Afscheid van de commissaris van de Koning", "evenement"),
        ("Nota-overleg Klimaat", "parlement"),
    ],
)
def test_type_phrases_ceremonies_press_and_parliament(res, text, kind):
    assert run(res, text).activity_type.value == kind


@pytest.mark.parametrize(
    "title,label,expected",
    [
        ("Werkbezoek over de opening voor vakantievluchten", None, "werkbezoek"),  # "vakantie" only as a word
        ("Vakantie", None, "overig"),
        ("Zomervakantie", None, "overig"),
        ("NAVO-ministersbijeenkomst", None, "vergadering"),
    ],
)
def test_type_words_leave_and_meetings(res, title, label, expected):
    assert run(res, title, label=label).activity_type.value == expected


@pytest.mark.parametrize(
    "title,label,expected",
    [
        ("Catshuissessie", None, "vergadering"),
        ("Koninkrijksconferentie", None, "vergadering"),
        ("Minister Sjoerdsma bij de WTO-ministersconferentie", None, "vergadering"),
        ("Meeting with business leaders", None, "gesprek"),
        ("Bevrijdingsfestival Zeeland in Vlissingen", None, "evenement"),
        ("Nederlands-Belgische regeringstop in Antwerpen", None, "evenement"),
    ],
)
def test_type_words_councils_summits_and_festivals(res, title, label, expected):
    assert run(res, title, label=label).activity_type.value == expected


@pytest.mark.parametrize(
    "title,expected",
    [
        ("Klimaattop COP30 in Belém", "evenement"),
        ("Staatsbanket in het Koninklijk Paleis", "evenement"),
        ("Carnavalsontvangst in het gemeentehuis", "evenement"),
        ("Rondvaart door de haven", "werkbezoek"),
        ("Bellen met de premier van Polen", "gesprek"),
        ("Online sessie met jongeren", "gesprek"),
        ("NAVO-bijeenkomst van ministers van Defensie in Brussel", "vergadering"),
        ("Informele bijeenkomst EU-defensieministers in Nicosia", "vergadering"),
        ("Wereld Economisch Forum in Davos", "evenement"),
        ("Vertrek naar Washington", "overig"),
    ],
)
def test_type_words_events_and_receptions(res, title, expected):
    assert run(res, title).activity_type.value == expected


@pytest.mark.parametrize("title", ["Kerstconcert voor veteranen", "Concert ter ere van de Koning"])
def test_concert_is_an_event(res, title):
    assert run(res, title).activity_type.value == "evenement"


@pytest.mark.parametrize(
    "title, kind",
    [
        ("Minister Letschert houdt de jaarlijkse onderwijslezing in Tilburg", "toespraak"),
        ("Dinerspeech bij het staatsbanket", "toespraak"),
        ("Minister verzorgt het slotwoord van het congres over jeugdzorg", "toespraak"),
        ("Staatssecretaris geeft een vraaggesprek aan een vakblad", "media"),
        ("Ontbijtsessie met ondernemers uit de regio", "gesprek"),
        ("Koffie met boeren in Drenthe", "gesprek"),
        ("Minister neemt een kijkje bij een zorgboerderij in Ruinen", "werkbezoek"),
        ("Staatssecretaris gaat langs bij de brandweer in Assen", "werkbezoek"),
        ("Site visit datacenter Middenmeer", "werkbezoek"),
        ("Regiotour Achterhoek", "werkbezoek"),
        ("Vlucht naar Canberra", "overig"),
        ("Minister viert het 100-jarig bestaan van een zuivelfabriek", "evenement"),
    ],
)
def test_holdout8_type_words(res, title, kind):
    """Type words of holdout8's before-score misses (lezing and speech compounds, vraaggesprek, a visit by a
    look or a stop, a flight, an anniversary): each decides its type."""
    assert run(res, title).activity_type.value == kind


def test_media_as_a_label_decides(res):
    assert run(res, "gesprek met regionale journalisten", label="Media").activity_type.value == "media"


# holdout7: compounds and constructions that decide the type (activity_rules.csv, the rows after "bezoek aan de
# nationale dodenherdenking*"); each with a line where it acts and one where another word decides
@pytest.mark.parametrize(
    "title,location,expected",
    [
        ("Wedstrijdbezoek FC Groningen in de Euroborg", None, "evenement"),
        ("Werkbezoek aan de Euroborg over veiligheid rond wedstrijden", None, "werkbezoek"),
        ("Landbouwbeurs Grüne Woche", "Berlijn", "evenement"),
        ("Bezoek aan de vakbeurs voor de maritieme sector", None, "werkbezoek"),  # the earlier visit word decides
        ("Toespraak op de vakbeurs", None, "toespraak"),
        ("Bijwonen van de Wereldbank-jaarvergadering in Washington", None, "vergadering"),
        ("Toespraak bij de jaarvergadering van de KNVB", None, "toespraak"),
        ("Algemene ledenvergadering van de VNG", None, "vergadering"),
        ("Persgesprek na afloop van de Europese Raad", "Brussel", "media"),
        ("Europese Raad, daarna persgesprek", "Brussel", "vergadering"),  # the earlier tier-2 word decides
        ("Overleg met de vaste commissie voor Buitenlandse Zaken", None, "parlement"),
        ("Overleg met de commissie van de gemeenteraad", None, "vergadering"),
        ("Vertrek naar Brussel voor de Europese Raad", None, "overig"),
        ("Europese Raad in Brussel", None, "vergadering"),
        ("Terugreis uit Washington na de NAVO-top", None, "overig"),
        ("Handelsmissie: reis naar India met bedrijven", None, "werkbezoek"),  # a trade mission, not a travel item
        ("Toespraak over de reis naar de maan", None, "toespraak"),  # the earlier tier-2 word decides
        ("Wijkwandeling door Malburgen", None, "werkbezoek"),
        ("Wijkschouw in Hillesluis met de burgemeester", None, "werkbezoek"),
        ("Toespraak na de wijkwandeling", None, "toespraak"),
        ("Regeling van werkzaamheden", None, "parlement"),
        ("Masterclass voor jonge ondernemers", None, "evenement"),
        ("Bezoek aan de thuiswedstrijd van Heracles", None, "evenement"),
        ("Bezoek aan Heracles over veiligheid bij wedstrijden", None, "werkbezoek"),
        ("Sportwedstrijd voor Invictus-deelnemers", None, "evenement"),
        ("Netwerkevenement voor startups", None, "evenement"),
        ("Perslunch met parlementair journalisten", None, "media"),
    ],
)
def test_type_rows_holdout7(res, title, location, expected):
    e = run(res, title, location=location)
    assert e.activity_type.value == expected, e.reason


# where: a Kamercommissie met is the Tweede Kamer; an informal EU council is not at the Council's seat in Brussel
@pytest.mark.parametrize(
    "title,location,gm,country",
    [
        ("Overleg met de vaste commissie voor Buitenlandse Zaken", None, "GM0518", "NL"),
        ("Gesprek met de Kamercommissie Landbouw over de mestregels in Twente", None, "GM0518", "NL"),
        ("Informele Raad Buitenlandse Zaken (Gymnich)", None, None, None),
        ("Informele Raad Buitenlandse Zaken (Gymnich)", "Nicosia, Cyprus", None, "CY"),
        ("Informele Milieuraad in Kopenhagen", None, None, "DK"),
        ("Raad Buitenlandse Zaken", None, None, "BE"),
    ],
)
def test_kamer_commissie_and_informal_council(res, title, location, gm, country):
    e = run(res, title, location=location)
    assert (e.gm_code, e.country) == (gm, country), e.reason


@pytest.mark.parametrize(
    "title, kind",
    [
        ("Minister Herbert bij VDL Nedcar in Born", "werkbezoek"),  # a company of the knowledge files
        ("Minister Brekelmans bij GKN Fokker in Hoogeveen", "werkbezoek"),
        ("Minister Letschert bij de Radboud Universiteit Nijmegen", "werkbezoek"),  # a university
        ("Minister Sterk bij Nationale Sportweek", "evenement"),  # "bij" alone keeps its fallback
        ("Minister Karremans bij de TT op het TT Circuit Assen", "evenement"),  # an event implies its own type
    ],
)
def test_bij_a_known_site_is_a_visit(res, title, kind):
    """ "Minister X bij <naam>": the knowledge files' type column says what a visit there is (werkbezoek for
    companies, universities, hospitals, bases, ports, prisons, azc's and government sites)."""
    assert run(res, title).activity_type.value == kind
