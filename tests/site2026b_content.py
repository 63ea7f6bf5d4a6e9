"""Content and ground truth of the second, independent replica of the 2026 platform (tests/site2026b.py).

Written blind to the collector: every text is the replica's own; people and their posts are real bewindspersonen
from data/bewindspersonen.csv, each dated inside the term of the post the item names. The truth (`expect`) is
written by hand per item, as a careful reader of the page would record it: one row per activity, persons as slugs,
the activity's date, title, location as the page states it (a roll-up line: its trailing parentheses; none where
the line has none, never "Diverse locaties"), start time "HH:MM" in Amsterdam time.

Item keys: path (under /actueel/agenda/), title, ministry (slug, name), layout (how date/time/place are shown:
dl | hidden | payload | table | sentence | rollup), fields for the visible page and the payload, `links`
("Hoort bij" person slugs), `related` ("Meer over dit onderwerp" paths), `search` (structured fields of the search
index, absent = not indexed), `sitemap` (in the sitemaps), `published` (sort_date / lastmod instant, UTC).
`expect_no_api`: fields that differ when the search API is not reachable (robots.txt disallows /api/), because
the page itself does not state them.
"""

from __future__ import annotations

MIN = {
    "az": "Ministerie van Algemene Zaken",
    "bz": "Ministerie van Buitenlandse Zaken",
    "def": "Ministerie van Defensie",
    "ezk": "Ministerie van Economische Zaken en Klimaat",
    "ez": "Ministerie van Economische Zaken",
    "fin": "Ministerie van Financiën",
    "bzk": "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties",
    "ienw": "Ministerie van Infrastructuur en Waterstaat",
    "jenv": "Ministerie van Justitie en Veiligheid",
    "lvvn": "Ministerie van Landbouw, Visserij, Voedselzekerheid en Natuur",
    "ocw": "Ministerie van Onderwijs, Cultuur en Wetenschap",
    "szw": "Ministerie van Sociale Zaken en Werkgelegenheid",
    "vws": "Ministerie van Volksgezondheid, Welzijn en Sport",
    "vro": "Ministerie van Volkshuisvesting en Ruimtelijke Ordening",
    "kgg": "Ministerie van Klimaat en Groene Groei",
    "aenm": "Ministerie van Asiel en Migratie",
}


def one(persons, title, location=None, start=None, date=None) -> dict:
    """One expected activity (date None = the path date)."""
    return {"persons": sorted(persons), "title": title, "location_text": location, "start_time": start, "date": date}


SINGLES = [
    {
        "path": "2024/09/12/minister-wiersma-bezoekt-melkveebedrijf",
        "title": "Minister Wiersma bezoekt een melkveebedrijf in Friesland",
        "ministry": "lvvn",
        "layout": "dl",
        "when": "donderdag 12 september 2024, 10.30 uur",
        "where": "Oldeboorn",
        "body": "De minister praat met de boerenfamilie over weidegang, mestregels en de opvolging op het erf.",
        "links": ["femke-wiersma"],
        "payload_keys": "en",
        "search": {
            "location": "Oldeboorn",
            "start": "2024-09-12T08:30:00.000Z",
            "show_time": True,
            "type": "Werkbezoek",
        },
        "published": "2024-09-05T10:12:00Z",
        "expect": [
            one(["femke-wiersma"], "Minister Wiersma bezoekt een melkveebedrijf in Friesland", "Oldeboorn", "10:30")
        ],
    },
    {
        "path": "2024/10/03/opening-oefenterrein-havelte",
        "title": "Opening van een oefenterrein bij de kazerne in Havelte",
        "ministry": "def",
        "layout": "hidden",
        "date_text": "3 oktober 2024",
        "time_text": "14:00 - 16:00",
        "where": "Havelte",
        "body": "Minister Brekelmans opent het vernieuwde oefenterrein en kijkt mee bij een oefening van de genie.",
        "links": [],
        "payload_keys": "nl",
        "search": {"location": "Havelte", "start": "2024-10-03T12:00:00.000Z", "show_time": True, "type": "Opening"},
        "published": "2024-09-26T07:40:00Z",
        "expect": [
            one(["ruben-brekelmans"], "Opening van een oefenterrein bij de kazerne in Havelte", "Havelte", "14:00")
        ],
    },
    {
        "path": "2024/11/18/toespraak-woningbouwcongres",
        "title": "Toespraak op het landelijke woningbouwcongres",
        "ministry": "vro",
        "layout": "payload",
        "payload_keys": "nl",
        "payload_time": "09:15",
        "payload_where": "Jaarbeurs, Utrecht",
        "payload_person": "Mona Keijzer",
        "body": "De minister spreekt bouwers, corporaties en gemeenten toe over het tempo van de woningbouw.",
        "links": [],
        "search": {"location": "Jaarbeurs, Utrecht", "start": "2024-11-18T08:15:00.000Z", "show_time": True},
        "published": "2024-11-11T13:05:00Z",
        "expect": [
            one(["mona-keijzer"], "Toespraak op het landelijke woningbouwcongres", "Jaarbeurs, Utrecht", "09:15")
        ],
    },
    {
        "path": "2024/12/05/minister-veldkamp-ontvangt-ambassadeurs",
        "title": "Minister Veldkamp ontvangt de ambassadeurs van de Benelux-landen",
        "ministry": "bz",
        "layout": "table",
        "date_text": "5 december 2024",
        "time_text": "11.00 uur",
        "where": "Ministerie van Buitenlandse Zaken, Den Haag",
        "body": "Op de agenda staan de samenwerking in de grensregio's en de voorbereiding van de Benelux-top.",
        "links": ["caspar-veldkamp"],
        "payload_keys": "en",
        "search": {"location": "Den Haag", "start": "2024-12-05T10:00:00.000Z", "show_time": True},
        "published": "2024-11-29T09:00:00Z",
        "expect": [
            one(
                ["caspar-veldkamp"],
                "Minister Veldkamp ontvangt de ambassadeurs van de Benelux-landen",
                "Ministerie van Buitenlandse Zaken, Den Haag",
                "11:00",
            )
        ],
    },
    {
        "path": "2025/01/20/gesprek-met-bewoners-in-appingedam",
        "title": "Gesprek met bewoners over versterking en herstel",
        "ministry": "bzk",
        "layout": "sentence",
        "sentence": "Staatssecretaris Van Marum praat op maandag 20 januari met bewoners van wijken waar de versterking "
        "van huizen nog niet klaar is. Hij hoort van hen wat er beter kan.",
        "links": [],
        "payload_keys": "en",
        "search": {"location": "Appingedam", "start": "2025-01-19T23:00:00.000Z", "show_time": False},
        "published": "2025-01-13T15:20:00Z",
        "expect": [one(["eddie-van-marum"], "Gesprek met bewoners over versterking en herstel", "Appingedam", None)],
        "expect_no_api": {"location_text": None},
    },
    {
        "path": "2025/02/14/vertrek-fregat-den-helder",
        "title": "Staatssecretaris Tuinman bij het vertrek van een fregat",
        "ministry": "def",
        "layout": "dl",
        "when": "vrijdag 14 februari 2025, 08.00 uur",
        "where": "Marinehaven Den Helder",
        "body": "Het schip vertrekt voor een missie van vier maanden. De staatssecretaris spreekt de bemanning toe.",
        "links": ["gijs-tuinman"],
        "payload_keys": "nl",
        "search": {"location": "Den Helder", "start": "2025-02-14T07:00:00.000Z", "show_time": True},
        "published": "2025-02-07T11:30:00Z",
        "expect": [
            one(
                ["gijs-tuinman"],
                "Staatssecretaris Tuinman bij het vertrek van een fregat",
                "Marinehaven Den Helder",
                "08:00",
            )
        ],
    },
    {
        "path": "2025/03/10/minister-president-ontvangt-poolse-premier",
        "title": "Minister-president Schoof ontvangt de Poolse premier",
        "ministry": "az",
        "layout": "hidden",
        "date_text": "10 maart 2025",
        "time_text": "12:30",
        "where": "Catshuis, Den Haag",
        "body": "De regeringsleiders spreken over veiligheid in Europa en over de steun aan Oekraïne.",
        "links": ["dick-schoof"],
        "payload_keys": "en",
        "search": {"location": "Den Haag", "start": "2025-03-10T11:30:00.000Z", "show_time": True, "slash": True},
        "published": "2025-03-07T16:45:00Z",
        "expect": [
            one(["dick-schoof"], "Minister-president Schoof ontvangt de Poolse premier", "Catshuis, Den Haag", "12:30")
        ],
    },
    {
        "path": "2025/03/27/minister-bruins-opent-bibliotheek",
        "title": "Minister Bruins opent een vernieuwde bibliotheek",
        "ministry": "ocw",
        "layout": "dl",
        "when": "donderdag 27 maart 2025, 11.00 uur",
        "where": "Leeuwarden",
        "body": "De bibliotheek is verbouwd tot een huis voor lezen, leren en ontmoeten.",
        "links": ["eppo-bruins"],
        "payload_keys": "nl",
        "sitemap": False,  # only the search index has it (the sitemap lags)
        "search": {"location": "Leeuwarden", "start": "2025-03-27T10:00:00.000Z", "show_time": True},
        "published": "2025-03-20T08:10:00Z",
        "expect": [one(["eppo-bruins"], "Minister Bruins opent een vernieuwde bibliotheek", "Leeuwarden", "11:00")],
        "expect_no_api": {"missing": True},  # no route but the search API lists it
    },
    {
        "path": "2025/04/02/heinen-en-keijzer-over-woningbouwafspraken",
        "title": "Ministers Heinen en Keijzer lichten afspraken over woningbouw toe",
        "ministry": "fin",
        "layout": "dl",
        "when": "woensdag 2 april 2025, 15.00 uur",
        "where": "Nieuwspoort, Den Haag",
        "body": "De twee ministers geven een toelichting aan de pers na het overleg met provincies en gemeenten.",
        "links": ["eelco-heinen", "mona-keijzer"],
        "payload_keys": "en",
        "search": {"location": "Den Haag", "start": "2025-04-02T13:00:00.000Z", "show_time": True},
        "published": "2025-03-31T12:00:00Z",
        "expect": [
            one(
                ["eelco-heinen", "mona-keijzer"],
                "Ministers Heinen en Keijzer lichten afspraken over woningbouw toe",
                "Nieuwspoort, Den Haag",
                "15:00",
            )
        ],
    },
    {
        "path": "2025/05/22/werkbezoek-aanmeldcentrum-ter-apel",
        "title": "Werkbezoek aan het aanmeldcentrum",
        "ministry": "aenm",
        "layout": "payload",
        "payload_keys": "en",
        "payload_time": "10:00",
        "payload_where": "Ter Apel",
        "body": "De minister spreekt met medewerkers over de drukte in het centrum en de opvang in de regio.",
        "links": ["marjolein-faber"],
        "search": {"location": "Ter Apel", "start": "2025-05-22T08:00:00.000Z", "show_time": True},
        "published": "2025-05-16T10:00:00Z",
        "expect": [one(["marjolein-faber"], "Werkbezoek aan het aanmeldcentrum", "Ter Apel", "10:00")],
    },
    {
        "path": "2025/06/30/minister-tieman-opent-spoorbrug",
        "title": "Minister Tieman opent de nieuwe spoorbrug",
        "ministry": "ienw",
        "layout": "table",
        "date_text": "30 juni 2025",
        "time_text": "13.30 uur",
        "where": "Zaltbommel",
        "body": "Met de nieuwe brug kunnen meer treinen per uur de rivier over.",
        "links": ["robert-tieman"],
        "payload_keys": "nl",
        # the index still has the slug the page had before its title was edited; the old URL redirects (301)
        "search": {
            "location": "Zaltbommel",
            "start": "2025-06-30T11:30:00.000Z",
            "show_time": True,
            "old_slug": "minister-tieman-opent-brug",
        },
        "published": "2025-06-24T09:30:00Z",
        "expect": [one(["robert-tieman"], "Minister Tieman opent de nieuwe spoorbrug", "Zaltbommel", "13:30")],
    },
    {
        "path": "2025/09/18/minister-rijkaart-bij-veiligheidsberaad",
        "title": "Minister Rijkaart bij het overleg van de veiligheidsregio's",
        "ministry": "bzk",
        "layout": "hidden",
        "date_text": "18 september 2025",
        "where": "Zwolle",
        "body": "De minister bespreekt met de voorzitters van de veiligheidsregio's de voorbereiding op crises.",
        "links": ["frank-rijkaart"],
        "payload_keys": "en",
        "search": {"location": "Zwolle", "start": "2025-09-17T22:00:00.000Z", "show_time": False},
        "published": "2025-09-12T14:00:00Z",
        "expect": [
            one(["frank-rijkaart"], "Minister Rijkaart bij het overleg van de veiligheidsregio's", "Zwolle", None)
        ],
    },
    {
        "path": "2025/10/09/minister-van-weel-ontvangt-baltische-collegas",
        "title": "Minister Van Weel ontvangt zijn Baltische collega's",
        "ministry": "bz",
        "layout": "dl",
        "when": "donderdag 9 oktober 2025, 09.00 uur",
        "where": "Ministerie van Buitenlandse Zaken, Den Haag",
        "body": "De ministers spreken over de veiligheid in het Oostzeegebied.",
        "links": ["david-van-weel"],
        "payload_keys": "nl",
        "search": {"location": "Den Haag", "start": "2025-10-09T07:00:00.000Z", "show_time": True},
        "published": "2025-10-03T08:00:00Z",
        "expect": [
            one(
                ["david-van-weel"],
                "Minister Van Weel ontvangt zijn Baltische collega's",
                "Ministerie van Buitenlandse Zaken, Den Haag",
                "09:00",
            )
        ],
    },
    {
        "path": "2025/10/28/bezoek-aan-penitentiaire-inrichting",
        "title": "Bezoek aan een penitentiaire inrichting",
        "ministry": "jenv",
        "layout": "hidden",
        "date_text": "28 oktober 2025",
        "time_text": "10:00",
        "where": "Vught",
        "body": "De minister spreekt met medewerkers over het tekort aan cellen en de werkdruk.",
        "links": [],  # the name is only in the payload
        "payload_keys": "en",
        "payload_people": [{"fullName": "Foort van Oosten", "role": "minister"}],
        "search": {"location": "Vught", "start": "2025-10-28T09:00:00.000Z", "show_time": True},
        "published": "2025-10-22T10:00:00Z",
        "expect": [one(["foort-van-oosten"], "Bezoek aan een penitentiaire inrichting", "Vught", "10:00")],
    },
    {
        "path": "2025/11/06/bezoek-aan-mbo-school-deventer",
        "title": "Bezoek aan een mbo-school",
        "ministry": "ocw",
        "layout": "sentence",
        "sentence": "Minister Moes bezoekt op donderdag 6 november om 13.30 uur een mbo-school en praat met studenten "
        "over hun stages.",
        "links": [],
        "payload_keys": "en",
        # "Meer over dit onderwerp": another item, whose place and time the payload's related cards also carry
        "related": ["2025/10/28/bezoek-aan-penitentiaire-inrichting"],
        "payload_related": True,
        "search": {"location": "Deventer", "start": "2025-11-06T12:30:00.000Z", "show_time": True},
        "published": "2025-10-31T09:45:00Z",
        "expect": [one(["gouke-moes"], "Bezoek aan een mbo-school", "Deventer", "13:30")],
        "expect_no_api": {"location_text": None},
    },
    {
        "path": "2025/12/01/werkbezoek-rotterdam-zuid",
        "title": "Staatssecretaris Nobel op werkbezoek in Rotterdam-Zuid",
        "ministry": "szw",
        "layout": "payload",
        "payload_keys": "nl",
        "payload_time": "11:00",
        "payload_where": "Rotterdam",
        "body": "Hij bezoekt een wijkcentrum waar nieuwkomers taalles krijgen en aan werk worden geholpen.",
        "links": ["jurgen-nobel"],
        "search": {"location": "Rotterdam", "start": "2025-12-01T10:00:00.000Z", "show_time": True},
        "published": "2025-11-25T13:00:00Z",
        "expect": [
            one(["jurgen-nobel"], "Staatssecretaris Nobel op werkbezoek in Rotterdam-Zuid", "Rotterdam", "11:00")
        ],
    },
    {
        "path": "2026/01/15/minister-hermans-bij-energieconferentie",
        "title": "Minister Hermans spreekt op een energieconferentie",
        "ministry": "kgg",
        "layout": "table",
        "date_text": "15 januari 2026",
        "time_text": "10.00 uur",
        "where": "Groningen",
        "body": "De minister vertelt over de aanleg van warmtenetten en de plannen voor waterstof.",
        "links": ["sophie-hermans"],
        "payload_keys": "en",
        "search": {"location": "Groningen", "start": "2026-01-15T09:00:00.000Z", "show_time": True},
        "published": "2026-01-09T10:30:00Z",
        "expect": [one(["sophie-hermans"], "Minister Hermans spreekt op een energieconferentie", "Groningen", "10:00")],
    },
    {
        "path": "2026/02/05/minister-bruijn-bezoekt-ziekenhuis",
        "title": "Minister Bruijn bezoekt een academisch ziekenhuis",
        "ministry": "vws",
        "layout": "dl",
        "when": "donderdag 5 februari 2026, 14.00 uur",
        "where": "Maastricht",
        "body": "Het ziekenhuis laat zien hoe het de wachttijden voor operaties heeft verkort.",
        "links": ["jan-anthonie-bruijn"],
        "payload_keys": "nl",
        "search": {"location": "Maastricht", "start": "2026-02-05T13:00:00.000Z", "show_time": True},
        "published": "2026-01-30T11:00:00Z",
        "expect": [
            one(["jan-anthonie-bruijn"], "Minister Bruijn bezoekt een academisch ziekenhuis", "Maastricht", "14:00")
        ],
    },
    {
        "path": "2026/03/12/minister-president-jetten-bezoekt-brainport",
        "title": "Minister-president Jetten bezoekt de Brainport-regio",
        "ministry": "az",
        "layout": "hidden",
        "date_text": "12 maart 2026",
        "time_text": "10:00",
        "where": "Eindhoven",
        "body": "Hij spreekt met bedrijven en onderwijsinstellingen over talent en woningen voor werknemers.",
        "links": ["rob-jetten"],
        "payload_keys": "en",
        "search": {"location": "Eindhoven", "start": "2026-03-12T09:00:00.000Z", "show_time": True, "slash": True},
        "published": "2026-03-06T12:15:00Z",
        "expect": [one(["rob-jetten"], "Minister-president Jetten bezoekt de Brainport-regio", "Eindhoven", "10:00")],
    },
    {
        "path": "2026/04/08/minister-herbert-opent-waterstofproject",
        "title": "Minister Herbert opent een waterstofproject",
        "ministry": "ezk",
        "layout": "payload",
        "payload_keys": "en",
        "payload_instant": "2026-04-08T11:00:00.000Z",  # 13:00 in Amsterdam (summer time)
        "payload_where": "Delfzijl",
        "body": "Een fabriek in de haven gaat groene waterstof maken voor de chemische industrie.",
        "links": ["heleen-herbert"],
        "search": {"location": "Delfzijl", "start": "2026-04-08T11:00:00.000Z", "show_time": True},
        "published": "2026-04-01T09:00:00Z",
        "expect": [one(["heleen-herbert"], "Minister Herbert opent een waterstofproject", "Delfzijl", "13:00")],
    },
    {
        "path": "2026/05/20/minister-karremans-bij-opening-knooppunt",
        "title": "Minister Karremans bij de opening van een verbouwd knooppunt",
        "ministry": "ienw",
        "layout": "dl",
        "when": "woensdag 20 mei 2026, 11.30 uur",
        "where": "Knooppunt Hoevelaken",
        "body": "Na jaren van werk zijn de nieuwe verbindingsbogen open voor het verkeer.",
        "links": ["vincent-karremans"],
        "payload_keys": "nl",
        "search": {"location": "Hoevelaken", "start": "2026-05-20T09:30:00.000Z", "show_time": True},
        "published": "2026-05-13T07:50:00Z",
        "expect": [
            one(
                ["vincent-karremans"],
                "Minister Karremans bij de opening van een verbouwd knooppunt",
                "Knooppunt Hoevelaken",
                "11:30",
            )
        ],
    },
    {
        "path": "2026/06/11/minister-yesilgoz-bezoekt-vliegbasis",
        "title": "Minister Yeşilgöz-Zegerius bezoekt een vliegbasis",
        "ministry": "def",
        "layout": "table",
        "date_text": "11 juni 2026",
        "time_text": "09.45 uur",
        "where": "Vliegbasis Leeuwarden",
        "body": "De minister krijgt uitleg over de inzet van de nieuwe jachtvliegtuigen.",
        "links": ["dilan-yesilgoz-zegerius"],
        "related": ["2026/06/12/staatssecretaris-boswijk-bij-mariniers"],
        "payload_keys": "en",
        "search": {"location": "Leeuwarden", "start": "2026-06-11T07:45:00.000Z", "show_time": True},
        "published": "2026-06-05T10:00:00Z",
        "expect": [
            one(
                ["dilan-yesilgoz-zegerius"],
                "Minister Yeşilgöz-Zegerius bezoekt een vliegbasis",
                "Vliegbasis Leeuwarden",
                "09:45",
            )
        ],
    },
    {
        "path": "2026/06/12/staatssecretaris-boswijk-bij-mariniers",
        "title": "Staatssecretaris Boswijk bij de mariniers",
        "ministry": "def",
        "layout": "payload",
        "payload_keys": "en",
        "payload_time": "09:00",
        "payload_where": "Vlissingen",
        "body": "De staatssecretaris bekijkt de nieuwe kazerne die in aanbouw is.",
        "links": ["derk-boswijk"],
        "sitemap": False,  # in no sitemap and no search index: only "Meer over dit onderwerp" links it
        "published": "2026-06-08T10:00:00Z",
        "expect": [one(["derk-boswijk"], "Staatssecretaris Boswijk bij de mariniers", "Vlissingen", "09:00")],
    },
    {
        "path": "2026/07/02/minister-heinen-bij-eurogroep",
        "title": "Minister Heinen neemt deel aan de Eurogroep",
        "ministry": "fin",
        "layout": "sentence",
        "sentence": "Minister Heinen is op donderdag 2 juli om 15.00 uur bij de vergadering van de ministers van "
        "Financiën van de eurolanden.",
        "links": [],
        "payload_keys": "nl",
        "search": {"location": "Brussel, België", "start": "2026-07-02T13:00:00.000Z", "show_time": True},
        "published": "2026-06-26T08:00:00Z",
        "expect": [one(["eelco-heinen"], "Minister Heinen neemt deel aan de Eurogroep", "Brussel, België", "15:00")],
        "expect_no_api": {"location_text": None},
    },
    {
        "path": "2026/09/17/staatssecretaris-bertram-bij-nieuwe-treinverbinding",
        "title": "Staatssecretaris Bertram bij de eerste rit van een nieuwe treinverbinding",
        "ministry": "ienw",
        "layout": "hidden",
        "date_text": "17 september 2026",
        "time_text": "10:30",
        "where": "Station Heerlen",
        "body": "De nieuwe verbinding rijdt elk uur over de grens naar Aken.",
        "links": ["annet-bertram"],
        "payload_keys": "nl",
        "search": {"location": "Heerlen", "start": "2026-09-17T08:30:00.000Z", "show_time": True},
        "published": "2026-09-10T09:00:00Z",
        "expect": [
            one(
                ["annet-bertram"],
                "Staatssecretaris Bertram bij de eerste rit van een nieuwe treinverbinding",
                "Station Heerlen",
                "10:30",
            )
        ],
    },
    {
        "path": "2026/10/01/minister-van-essen-bij-visserijoverleg",
        "title": "Minister Van Essen bij het overleg met vissers",
        "ministry": "lvvn",
        "layout": "dl",
        "when": "donderdag 1 oktober 2026, 13.00 uur",
        "where": "Urk",
        "body": "De minister bespreekt met vissers de nieuwe quota en de toekomst van de kottervloot.",
        "links": ["jaimi-van-essen"],
        "payload_keys": "en",
        "search": {"location": "Urk", "start": "2026-10-01T11:00:00.000Z", "show_time": True},
        "published": "2026-09-25T11:00:00Z",
        "expect": [one(["jaimi-van-essen"], "Minister Van Essen bij het overleg met vissers", "Urk", "13:00")],
    },
    {
        "path": "2026/10/22/minister-sterk-bezoekt-zorginstelling",
        "title": "Minister Sterk bezoekt een zorginstelling voor jongeren",
        "ministry": "vws",
        "layout": "payload",
        "payload_keys": "nl",
        "payload_time": "14:30",
        "payload_where": "Apeldoorn",
        "body": "Jongeren en begeleiders vertellen wat de jeugdzorg voor hen betekent.",
        "links": ["mirjam-sterk"],
        "search": {"location": "Apeldoorn", "start": "2026-10-22T12:30:00.000Z", "show_time": True},
        "published": "2026-10-16T09:00:00Z",
        "expect": [
            one(["mirjam-sterk"], "Minister Sterk bezoekt een zorginstelling voor jongeren", "Apeldoorn", "14:30")
        ],
    },
    {
        "path": "2026/11/12/staatssecretaris-boswijk-bij-veteranenontmoeting",
        "title": "Ontmoeting met veteranen en hun families",
        "ministry": "def",
        "layout": "table",
        "date_text": "12 november 2026",
        "time_text": "11.00 uur",
        "where": "Wageningen",
        "body": "Staatssecretaris Boswijk gaat in gesprek met veteranen over de zorg na hun uitzending.",
        "links": [],
        "payload_keys": "en",
        "search": {"location": "Wageningen", "start": "2026-11-12T10:00:00.000Z", "show_time": True},
        "published": "2026-11-06T08:30:00Z",
        "expect": [one(["derk-boswijk"], "Ontmoeting met veteranen en hun families", "Wageningen", "11:00")],
    },
    {
        "path": "2026/11/25/staatssecretaris-aerdts-over-digitale-overheid",
        "title": "Staatssecretaris Aerdts spreekt over een digitale overheid",
        "ministry": "ezk",
        "layout": "hidden",
        "date_text": "25 november 2026",
        "time_text": "10:00",
        "where": "Utrecht",
        "body": "Zij vertelt ambtenaren hoe de overheid minder afhankelijk wordt van buitenlandse clouddiensten.",
        "links": ["willemijn-aerdts"],
        "payload_keys": "nl",
        # not in the search index yet (the index lags); the sitemaps have it
        "published": "2026-11-20T10:00:00Z",
        "expect": [
            one(["willemijn-aerdts"], "Staatssecretaris Aerdts spreekt over een digitale overheid", "Utrecht", "10:00")
        ],
    },
    {
        "path": "2026/12/15/minister-president-ontvangt-burgemeesters",
        "title": "Minister-president Jetten ontvangt burgemeesters",
        "ministry": "az",
        "layout": "dl",
        "when": "dinsdag 15 december 2026, 16.00 uur",
        "where": "Catshuis, Den Haag",
        "body": "Hij spreekt met burgemeesters van grote en kleine gemeenten over veiligheid in de wijk.",
        "links": ["rob-jetten"],
        "payload_keys": "en",
        "search": {"location": "Den Haag", "start": "2026-12-15T15:00:00.000Z", "show_time": True},
        "published": "2026-12-04T13:00:00Z",
        "expect": [
            one(["rob-jetten"], "Minister-president Jetten ontvangt burgemeesters", "Catshuis, Den Haag", "16:00")
        ],
    },
]


def line(day, persons, type_label, text, place=None, start=None) -> dict:
    """One roll-up bullet "[HH.MM uur: ]Type: text (Place)" and its expected activity."""
    shown = (f"{start.replace(':', '.')} uur: " if start else "") + f"{type_label}: {text}"
    shown += f" ({place})" if place else ""
    return {"day": day, "shown": shown, "expect": one(persons, text, place, start, day)}


SCHOOF, JETTEN = ["dick-schoof"], ["rob-jetten"]
WIERSMA, TUINMAN, HEINEN, BERTRAM = ["femke-wiersma"], ["gijs-tuinman"], ["eelco-heinen"], ["annet-bertram"]
VANWEEL, KEIJZER = ["david-van-weel"], ["mona-keijzer"]

ROLLUPS = [
    {
        "path": "2025/10/06/agenda-minister-president-week-41",
        "title": "Agenda minister-president week 41",
        "ministry": "az",
        "links": [],  # the post alone names the person (Schoof in October 2025)
        "day_style": "h2-ul",
        "days": {
            "2025-10-06": "Maandag 6 oktober",
            "2025-10-07": "Dinsdag 7 oktober",
            "2025-10-10": "Vrijdag 10 oktober",
        },
        "lines": [
            line("2025-10-06", SCHOOF, "Overleg", "wekelijks overleg met de vicepremiers", "Den Haag"),
            line("2025-10-07", SCHOOF, "Werkbezoek", "bezoek aan een scheepswerf", "Harlingen"),
            line("2025-10-07", SCHOOF + ["mona-keijzer"], "Gesprek", "met minister Keijzer over woningbouwafspraken"),
            line("2025-10-10", SCHOOF, "Ministerraad", "wekelijkse vergadering van de ministerraad", "Den Haag"),
            line("2025-10-10", SCHOOF, "Persconferentie", "na afloop van de ministerraad", "Nieuwspoort, Den Haag"),
        ],
        "published": "2025-10-03T15:00:00Z",
    },
    {
        "path": "2025/09/22/agenda-minister-wiersma-week-39",
        "title": "Agenda minister Wiersma week 39",
        "ministry": "lvvn",
        "links": ["femke-wiersma"],
        "day_style": "h3-p",
        "days": {"2025-09-22": "22 september", "2025-09-24": "24 september", "2025-09-26": "26 september"},
        "lines": [
            line("2025-09-22", WIERSMA, "Kamerdebat", "commissiedebat over de visserij", "Tweede Kamer"),
            line("2025-09-24", WIERSMA, "Werkbezoek", "rondgang langs akkerbouwbedrijven", "Zeeuws-Vlaanderen"),
            line("2025-09-24", WIERSMA, "Toespraak", "opening van de landbouwbeurs", "Hardenberg"),
            line("2025-09-26", WIERSMA, "Onderraden en ministeriële overleggen", "overleg over de stikstofaanpak"),
        ],
        "published": "2025-09-19T12:00:00Z",
    },
    {
        "path": "2026/03/30/agenda-minister-president-week-14",
        "title": "Agenda minister-president week 14",
        "ministry": "az",
        "links": [],  # the post alone names the person (Jetten in March 2026)
        "day_style": "strong-ul",
        "days": {"2026-03-30": "Maandag 30 maart", "2026-04-01": "Woensdag 1 april", "2026-04-03": "Vrijdag 3 april"},
        "lines": [
            line("2026-03-30", JETTEN, "Gesprek", "met de commissaris van de Koning in Limburg", "Maastricht"),
            line("2026-04-01", JETTEN, "Werkbezoek", "bezoek aan een oefening van de landmacht", "Oirschot"),
            line("2026-04-01", JETTEN, "Interview", "radio-interview over de plannen van het kabinet"),
            line("2026-04-03", JETTEN, "Ministerraad", "wekelijkse vergadering", "Den Haag"),
        ],
        "published": "2026-03-27T14:00:00Z",
    },
    {
        "path": "2025/11/17/agenda-staatssecretaris-tuinman-week-47",
        "title": "Agenda staatssecretaris Tuinman week 47",
        "ministry": "def",
        "links": [],  # name only in the title
        "day_style": "h2-ul",
        "days": {"2025-11-18": "dinsdag 18 november", "2025-11-20": "donderdag 20 november"},
        "lines": [
            line("2025-11-18", TUINMAN, "Werkbezoek", "bezoek aan het Korps Mariniers", "Doorn"),
            line("2025-11-20", TUINMAN, "Kamerdebat", "begrotingsbehandeling Defensie", "Tweede Kamer"),
            line("2025-11-20", TUINMAN, "Gesprek", "met organisaties van veteranen", "Den Haag"),
        ],
        "published": "2025-11-14T10:00:00Z",
    },
    {
        "path": "2025/03/10/agenda-minister-heinen-week-11",
        "title": "Agenda minister Heinen week 11",
        "ministry": "fin",
        "links": ["eelco-heinen"],
        "day_style": "h2-ul",
        "days": {
            "2025-03-10": "Maandag 10 maart",
            "2025-03-11": "Dinsdag 11 maart",
            "2025-03-13": "Donderdag 13 maart",
        },
        "lines": [
            line(
                "2025-03-10",
                HEINEN,
                "Eurogroep",
                "vergadering van de ministers van Financiën van de eurozone",
                "Brussel",
            ),
            line("2025-03-11", HEINEN, "Ecofin", "vergadering van de Europese ministers van Financiën", "Brussel"),
            line("2025-03-13", HEINEN, "Werkbezoek", "bezoek aan een kantoor van de Belastingdienst", "Apeldoorn"),
        ],
        "published": "2025-03-07T09:00:00Z",
    },
    {
        "path": "2025/11/03/agenda-minister-van-weel-week-45",
        "title": "Agenda minister Van Weel week 45",
        "ministry": "bz",
        "links": [],  # the surname (with "Van") only in the title; Van Weel is minister of BZ in November 2025
        "day_style": "h3-p",
        "days": {
            "2025-11-03": "Maandag 3 november",
            "2025-11-05": "Woensdag 5 november",
            "2025-11-06": "Donderdag 6 november",
        },
        "lines": [
            line("2025-11-03", VANWEEL, "Gesprek", "met de ambassadeur van Oekraïne", "Den Haag", "10:00"),
            line("2025-11-05", VANWEEL, "Raad Buitenlandse Zaken", "vergadering van de Europese ministers", "Brussel"),
            line("2025-11-05", VANWEEL, "Kamerdebat", "debat over de Europese top", "Tweede Kamer", "16:30"),
            line("2025-11-06", VANWEEL, "Werkbezoek", "bezoek aan de ambassade", "Berlijn, Duitsland"),
        ],
        "published": "2025-10-31T12:00:00Z",
    },
    {
        "path": "2026/02/23/agenda-minister-president-week-9",
        "title": "Agenda minister-president week 9",
        "ministry": "az",
        "links": [],  # the first week of the new minister-president: every line falls after the handover (23 Feb)
        "day_style": "h2-ul",
        "days": {"2026-02-24": "Dinsdag 24 februari", "2026-02-26": "Donderdag 26 februari"},
        "lines": [
            line("2026-02-24", JETTEN, "Ministerraad", "eerste vergadering van het nieuwe kabinet", "Den Haag"),
            line("2026-02-26", JETTEN, "Toespraak", "toespraak bij een herdenking", "Amsterdam"),
        ],
        "published": "2026-02-24T08:00:00Z",
    },
    {
        "path": "2025/12/29/agenda-minister-heinen-week-1",
        "title": "Agenda minister Heinen week 1",
        "ministry": "fin",
        "links": ["eelco-heinen"],
        "day_style": "strong-ul",
        "days": {"2025-12-29": "Maandag 29 december", "2026-01-02": "Vrijdag 2 januari"},  # the week spans new year
        "lines": [
            line("2025-12-29", HEINEN, "Werkbezoek", "bezoek aan de douane in de haven", "Rotterdam"),
            line("2026-01-02", HEINEN, "Gesprek", "nieuwjaarsoverleg met de top van de Belastingdienst", "Utrecht"),
        ],
        "published": "2025-12-22T09:00:00Z",
    },
    {
        "path": "2025/05/12/agenda-minister-keijzer-week-20",
        "title": "Agenda minister Keijzer week 20",
        "ministry": "vro",
        "links": ["mona-keijzer"],
        "day_style": "h2-ul",
        "payload_style": "structured",  # the payload holds the week as data (days -> items), not the text
        "days": {"2025-05-12": "Maandag 12 mei", "2025-05-14": "Woensdag 14 mei"},
        "lines": [
            line("2025-05-12", KEIJZER, "Werkbezoek", "bezoek aan een nieuwbouwwijk", "Almere"),
            line("2025-05-14", KEIJZER, "Toespraak", "opening van een woningbouwbeurs", "Utrecht"),
            line("2025-05-14", KEIJZER, "Onderraden en ministeriële overleggen", "overleg over de woningmarkt"),
        ],
        "published": "2025-05-09T10:00:00Z",
    },
    {
        "path": "2026/08/31/agenda-staatssecretaris-week-36",
        "title": "Agenda staatssecretaris week 36",
        "ministry": "ienw",
        "links": ["annet-bertram"],  # the post alone is ambiguous; "Hoort bij" names her
        "day_style": "h3-p",
        "days": {
            "2026-08-31": "Maandag 31 augustus",
            "2026-09-02": "Woensdag 2 september",
            "2026-09-04": "Vrijdag 4 september",
        },
        "lines": [
            line("2026-08-31", BERTRAM, "Werkbezoek", "bezoek aan het spooremplacement", "Amersfoort"),
            line("2026-09-02", BERTRAM, "Kamerdebat", "commissiedebat over het spoor", "Tweede Kamer"),
            line("2026-09-04", BERTRAM, "Gesprek", "met organisaties van reizigers", "Utrecht"),
        ],
        "published": "2026-09-23T08:00:00Z",  # published three weeks after the week (SITE.md: publication lags)
    },
]

for _r in ROLLUPS:
    _r["layout"] = "rollup"
    _r["search"] = {"location": "Diverse locaties", "start": None, "show_time": False, "type": "Weekagenda"}
    _r["expect"] = [ln["expect"] for ln in _r["lines"]]

ITEMS = {it["path"]: it for it in SINGLES + ROLLUPS}

# The change between runs: one item edited (place, text, lastmod, sort_date), one removed (410, gone from the
# search index and the sitemaps).
EDITED = "2026/10/01/minister-van-essen-bij-visserijoverleg"
EDIT = {
    "where": "Harlingen",
    "body": "Het overleg is verplaatst naar de visafslag in Harlingen. De minister bespreekt de nieuwe quota.",
    "search": {"location": "Harlingen", "start": "2026-10-01T11:00:00.000Z", "show_time": True},
    "published": "2026-09-29T16:00:00Z",
}
EDITED_EXPECT = one(["jaimi-van-essen"], "Minister Van Essen bij het overleg met vissers", "Harlingen", "13:00")
REMOVED = "2026/10/22/minister-sterk-bezoekt-zorginstelling"
# and one roll-up line moved to another place (the page's sort_date and lastmod change with it)
ROLLUP_EDITED = "2025/03/10/agenda-minister-heinen-week-11"
ROLLUP_EDIT = line("2025-03-13", HEINEN, "Werkbezoek", "bezoek aan een kantoor van de Belastingdienst", "Zwolle")
ROLLUP_EDIT_PUBLISHED = "2025-03-12T17:00:00Z"


def truth(api: bool) -> list[dict]:
    """Every expected activity: {path, ordinal, date, persons, title, location_text, start_time}, in page order."""
    rows = []
    for path, item in ITEMS.items():
        no_api = item.get("expect_no_api", {})
        if not api and no_api.get("missing"):
            continue
        for n, exp in enumerate(item["expect"]):
            row = {**exp, "path": path, "ordinal": n, "date": exp["date"] or "-".join(path.split("/")[:3])}
            if not api:
                row.update({k: v for k, v in no_api.items() if k != "missing"})
            rows.append(row)
    return rows
