"""The context rules (src/agendakaart/data/context_rules.csv): a test from every row's examples — on each `fires`
example the rule acts (its reason is in the enrichment's reason), on each `not_fires` example it does not; for a
not_kamer row (an exception) the Kamer rule's reason must be absent where it fires and present where it does not;
a not_here, surname, whom, not_area or area_part row (it writes no reason) must be the row that drops a name of the example, or drop
none."""

from __future__ import annotations

import re

import pytest

from agendakaart.enrich.context import KAMER_CONFIDENCE
from agendakaart.enrich.context_rows import address_cut, load_context_rules, location_qualifier
from enrich_helpers import enrich_title

RULES = load_context_rules()
KAMER_REASON = next(r.reason for r in RULES if r.effect == "kamer")
CASES = [(r, text, True) for r in RULES for text in r.fires] + [(r, text, False) for r in RULES for text in r.not_fires]


@pytest.mark.parametrize(
    "rule,text,fires", CASES, ids=[f"{r.id}:{'fires' if f else 'not'}:{t[:40]}" for r, t, f in CASES]
)
def test_rule_row_examples(res, rule, text, fires):
    e = enrich_title(res, text)
    if rule.effect in ("not_here", "surname"):
        assert (rule.id in _not_here_rules_acting(res, text)) == fires
    elif rule.effect == "whom":
        assert (rule.id in _whom_rules_acting(res, text)) == fires
    elif rule.effect == "area_part":
        assert (rule.id in _area_part_rules_acting(text)) == fires
    elif rule.effect == "not_area":
        assert (rule.id in _area_rules_acting(res, text)) == fires
    elif rule.effect == "address":
        assert (rule.id == _address_row(text)) == fires
    elif rule.effect == "qualifier":
        assert (rule.id == getattr(location_qualifier(text), "id", None)) == fires
    elif rule.effect == "skip_mention":
        assert (rule.id in _skip_rows_acting(res, text)) == fires
    elif rule.effect == "area_adjective":
        assert (rule.id in _adjective_rows_acting(res, text)) == fires
    elif rule.effect == "house":
        assert (_house_row(res, text) == rule.id) == fires, e.reason
    elif rule.effect == "not_kamer":
        assert (KAMER_REASON not in e.reason) == fires, e.reason
    else:
        assert (rule.reason in e.reason) == fires, e.reason


def _not_here_rules_acting(res, title: str) -> set[str]:
    """The ids of the rows that drop a name of the title before a place is chosen (not_here and surname rows)."""
    from agendakaart.enrich.location import _not_here_rule
    from agendakaart.enrich.mentions import find_mentions

    texts = {"title": title, "description": "", "location": "", "label": ""}
    found = {_not_here_rule(m, texts, res.gazetteer) for m in find_mentions(title, res.gazetteer, "title")}
    return found - {None}


def _whom_rules_acting(res, title: str) -> set[str]:
    """The ids of the whom rows that take a name of the title as whom, not where."""
    from agendakaart.enrich.location import _whom_rule
    from agendakaart.enrich.mentions import find_mentions

    texts = {"title": title, "description": "", "location": "", "label": ""}
    return {_whom_rule(m, texts, res.gazetteer) for m in find_mentions(title, res.gazetteer, "title")} - {None}


def _area_rules_acting(res, title: str) -> set[str]:
    """The ids of the not_area rows that hold before an area adjective of the title ("Limburgse")."""
    from agendakaart.enrich.context_rows import area_adjective_not_here

    found = {area_adjective_not_here(title, m.start()) for m in _area_adjectives(res, title)}
    return {r.id for r in found if r is not None}


def _skip_rows_acting(res, title: str) -> set[str]:
    """The ids of the skip_mention rows that drop a name of the title while the names are found (the title has
    at least one name)."""
    from agendakaart.enrich.mentions import _raw_hits, _word_before, skip_rule
    from agendakaart.enrich.text import fold

    hits = _raw_hits(fold(title), res.gazetteer)
    assert hits, f"no name in {title!r}"
    found = {skip_rule(title, start, _word_before(title, start)) for start, *_ in hits}
    return {r.id for r in found if r is not None}


def _adjective_rows_acting(res, title: str) -> set[str]:
    """The ids of the area_adjective rows that let an area adjective of the title count as a place."""
    from agendakaart.enrich.context_rows import area_adjective_counts

    found = {area_adjective_counts(title, m.end()) for m in _area_adjectives(res, title)}
    return {r.id for r in found if r is not None}


def _area_adjectives(res, title: str) -> list[re.Match]:
    """The area adjectives of a title ("Zeeuwse": a region or province name ending in -se); at least one."""
    adjectives = [
        m
        for m in re.finditer(r"\b[A-Z]\w+se\b", title)
        if {p.kind for p in res.gazetteer.lookup(m.group())} & {"regio", "provincie"}
    ]
    assert adjectives, f"no area adjective in {title!r}"
    return adjectives


def _area_part_rules_acting(title: str) -> set[str]:
    """The ids of the area_part rows found in the 14 characters before a capitalised word of the title."""
    from agendakaart.enrich.context_rows import area_part_possible, names_area_part

    found = set()
    for m in re.finditer(r"\b[A-Z]\w+", title):
        if area_part_possible(title, max(0, m.start() - 14), m.start()):
            rule = names_area_part(title[max(0, m.start() - 14) : m.start()])
            found |= {rule.id} if rule is not None else set()
    return found


def _house_row(res, title: str) -> str | None:
    """The id of the house row that put the title's Kamer activity in its Kamer (the enrichment's place is that
    row's venue and the Kamer rule acted), or None."""
    from agendakaart.enrich.context import _venue
    from agendakaart.enrich.context_rows import kamer_house

    e = enrich_title(res, title)
    rule = kamer_house(title)
    assert KAMER_REASON in e.reason, f"no Kamer activity: {title!r}"
    return rule.id if rule is not None and e.place == _venue(res.gazetteer, rule.value).name else None


def _address_row(location_text: str) -> str | None:
    """The id of the address row that ends the street part of a location field (None: no address found)."""
    found = address_cut(location_text)
    return found[0].id if found else None


def test_every_effect_is_used_and_every_row_has_both_examples():
    effects = {"kamer", "not_kamer", "subject", "leader", "not_here", "surname", "whom", "not_area", "area_part"}
    effects |= {"address", "qualifier", "house", "area_adjective", "skip_mention", "default_place", "site"}
    assert {r.effect for r in RULES} == effects
    assert all(r.fires and r.not_fires for r in RULES)


def test_not_here_pre_check_is_derived_from_the_rows():
    """The cheap test before the not_here rows is each row's required literal, found from its pattern."""
    from agendakaart.enrich.context_rows import _not_here_rules, required_literal

    table = _not_here_rules()
    assert table.stems == tuple(required_literal(r.pattern) for r in table.rules)
    assert set(table.any_stems) == {"-", "over", "exemplaar", "met", "teun", "nforme"}
    assert required_literal(re.compile(r"(?i)\bbezoek(?:t)?\s+aan")) == "bezoe"  # no k: K matches it too
    assert required_literal(re.compile(r"[a-z]+")) == ""
    for rule, stem in zip(table.rules, table.stems):
        for example in rule.fires:
            assert stem in example.lower(), (rule.id, example)


def test_unknown_condition_or_effect_is_refused(tmp_path, monkeypatch):
    from agendakaart.enrich import context_rows as context

    bad = tmp_path / "context_rules.csv"
    bad.write_text(
        "id,effect,pattern,reason,fires,not_fires,condition\nx,not_here,\\bmet $,r,a,b,als_het_regent\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(context, "data_path", lambda name: bad)
    context.load_context_rules.cache_clear()
    try:
        with pytest.raises(ValueError, match="condition"):
            context.load_context_rules()
    finally:
        context.load_context_rules.cache_clear()


@pytest.mark.parametrize(
    "title,location,gm,country,precision",
    [
        ("Commissiedebat Landbouw- en Visserijraad over de visserij in Urk", None, "GM0518", "NL", "venue"),
        (
            "Commissiedebat Regionale ontwikkeling",
            "Provinciehuis, Assen",
            "GM0106",
            "NL",
            "woonplaats",
        ),  # location wins
        ("Plenair debat over de steun aan Oekraïne", None, "GM0518", "NL", "venue"),
        ("Overleg over militaire steun aan Oekraïne", None, None, None, "none"),
        ("Werkbezoek aan Oekraïne", None, None, "UA", "land"),
        ("Bezoek aan de president van Frankrijk", None, None, "FR", "land"),
        ("Ontvangst van de president van Kenia op Paleis Noordeinde", None, "GM0518", "NL", "venue"),
        ("Ontvangst van de minister van Buitenlandse Zaken van Indonesië", None, None, None, "none"),
    ],
)
def test_activity_defaults(res, title, location, gm, country, precision):
    e = enrich_title(res, title, location=location)
    assert (e.gm_code, e.country, e.precision.value) == (gm, country, precision), e.reason


def test_kamer_default_has_its_own_reason_and_lower_confidence(res):
    e = enrich_title(res, "Tweeminutendebat Visserij")
    assert KAMER_REASON in e.reason and e.confidence <= KAMER_CONFIDENCE
    assert enrich_title(res, "Ministerraad").confidence > KAMER_CONFIDENCE


def test_version_names_the_rules(tmp_path, monkeypatch):
    """ENRICHER_VERSION is a hash of the enrich code and its rule and data files: a changed rule file gives a
    new version, so a stored enrichment says which rules made it."""
    from agendakaart.enrich import engine, regions

    assert engine.ENRICHER_VERSION == engine.rules_version() and engine.ENRICHER_VERSION.startswith("r")
    real = regions.data_path

    def edited(name):
        if name != "context_rules.csv":
            return real(name)
        copy = tmp_path / name
        copy.write_text(real(name).read_text(encoding="utf-8") + "\n", encoding="utf-8")
        return copy

    monkeypatch.setattr(regions, "data_path", edited)
    assert engine.rules_version() != engine.ENRICHER_VERSION


def test_kamer_rule_keeps_out_of_remote_and_non_place_locations(res):
    assert enrich_title(res, "Commissiedebat Digitale Zaken", location="online").precision.value == "none"
    assert enrich_title(res, "Commissiedebat via videoverbinding").precision.value == "none"
    assert enrich_title(res, "Commissiedebat Digitale Zaken").gm_code == "GM0518"


def test_surname_pre_check_is_the_rows_literal_as_written():
    """The surname rows are case-sensitive: their pre-check is their required literal as written ("Van")."""
    from agendakaart.enrich.context_rows import _surname_rules, name_in_surname, required_literal

    assert [literal for _, literal in _surname_rules()] == ["Van", "e"]
    assert required_literal(re.compile(r"[A-Z]\w*\s+Van\s+$"), keep_case=True) == "Van"
    assert required_literal(re.compile(r"(?i)[A-Z]\w*\s+Van\s+$"), keep_case=True) == "van"
    text = "Bezoek aan Museum Boijmans Van Beuningen"
    assert name_in_surname(text, text.index("Beuningen"), lambda c: True).id == "van-achternaam"
    assert name_in_surname(text.replace("Van", "van"), text.index("Beuningen"), lambda c: True) is None
    assert name_in_surname(text, text.index("Beuningen"), lambda c: False) is None  # not_route: a route follows


@pytest.mark.parametrize(
    "location,gm",
    [
        ("Lange Voorhout 34, 2514 EG Den Haag", "GM0518"),  # postcode row: the town after it, not "Voorhout"
        ("Lange Voorhout 34, Den Haag", "GM0518"),  # house-number row
    ],
)
def test_address_rows_take_the_town_after_the_street(res, location, gm):
    assert enrich_title(res, "Overleg", location=location).gm_code == gm


def test_qualifier_rows_join_the_title(res):
    """A location field that only qualifies ("Gld", "(provincie)") says which place of the title is meant."""
    assert enrich_title(res, "Werkbezoek Hengelo", location="Gld").gm_code == "GM1876"  # Hengelo (Bronckhorst)
    assert enrich_title(res, "Werkbezoek Groningen", location="provincie").precision.value == "provincie"


@pytest.mark.parametrize(
    "rows,message",
    [
        ("a,house,^,r,x,y,,Tweede Kamer\nb,house,eerste kamer,r,x,y,,Eerste Kamer\n", "never reached"),
        ("a,house,eerste kamer,r,x,y,,\n", "value"),
        ("a,default_place,ambassade,r,x,y,,\n", "value"),
        ("a,not_kamer,gemeenteraad,r,x,y,,Tweede Kamer\n", "value"),
    ],
)
def test_house_rows_are_checked_at_load(tmp_path, monkeypatch, rows, message):
    """A house row needs its venue (value), a value belongs to house rows only, and no house row may follow the
    default (pattern ^): it would never be reached."""
    from agendakaart.enrich import context_rows as context

    bad = tmp_path / "context_rules.csv"
    bad.write_text("id,effect,pattern,reason,fires,not_fires,condition,value\n" + rows, encoding="utf-8")
    monkeypatch.setattr(context, "data_path", lambda name: bad)
    context.load_context_rules.cache_clear()
    try:
        with pytest.raises(ValueError, match=message):
            context.load_context_rules()
    finally:
        context.load_context_rules.cache_clear()


def test_house_rows_pick_the_kamer(res):
    """Which Kamer is data (house rows): the Eerste Kamer when the text names it, else the default Tweede Kamer."""
    assert enrich_title(res, "Stemmingen in de Eerste Kamer").place.startswith("Eerste Kamer")
    assert enrich_title(res, "Tweeminutendebat Visserij").place.startswith("Tweede Kamer")
    assert enrich_title(res, "Commissiedebat Visserij", description="Met de EERSTE KAMER").place.startswith("Eerste")


@pytest.mark.parametrize(
    "title,precision",
    [
        ("Bezoek aan de Zeeuwse kust", "provincie"),  # before a lower-case noun: the area
        ("Bezoek aan de Zeeuwse Milieufederatie", "none"),  # part of a name
        ("Subsidie Zeeuwse", "none"),  # no word after it
        ("Werkbezoek aan Twentse  textielbedrijven", "regio"),  # any whitespace before the next word
    ],
)
def test_area_adjective_condition_next_word_lowercase(res, title, precision):
    """Condition next_word_lowercase: the adjective counts only when the row's group 1 (the next word's first
    letter) is lower case, for every alphabet (str.islower)."""
    from agendakaart.enrich.context_rows import area_adjective_counts

    assert enrich_title(res, title).precision.value == precision
    end = title.index("se ") + 2 if "se " in title else len(title)
    assert (area_adjective_counts(title, end) is not None) == (precision != "none")
    assert area_adjective_counts("de Zeeuwse ëilanden", len("de Zeeuwse")) is not None
    assert area_adjective_counts("de Zeeuwse Ëilanden", len("de Zeeuwse")) is None


def test_a_condition_that_reads_a_group_needs_one(tmp_path, monkeypatch):
    from agendakaart.enrich import context_rows as context

    bad = tmp_path / "context_rules.csv"
    bad.write_text(
        "id,effect,pattern,reason,fires,not_fires,condition\nx,area_adjective,\\s+\\w,r,a,b,next_word_lowercase\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(context, "data_path", lambda name: bad)
    context.load_context_rules.cache_clear()
    try:
        with pytest.raises(ValueError, match="group 1"):
            context.load_context_rules()
    finally:
        context.load_context_rules.cache_clear()


@pytest.mark.parametrize(
    "title,skipped",
    [
        ("Gesprek met Van Zwolle", True),  # capital "Van" mid-sentence: a surname
        ("Overleg met Van Dijk en Van Zwolle", True),
        ("Fietstocht. Van Zwolle naar Kampen", False),  # the start of a sentence
        ("Van Zwolle naar Kampen", False),
        ("Gesprek met de burgemeester van Zwolle", False),  # lower-case "van"
        ("Gesprek met DeVan Zwolle", False),  # "Van" inside a word is no word before
    ],
)
def test_skip_condition_capitalised_mid_sentence(res, title, skipped):
    """Condition capitalised_mid_sentence: the word before is written with a capital right before the name and
    does not start a sentence."""
    from agendakaart.enrich.mentions import _word_before, find_mentions, skip_rule

    start = title.index("Zwolle")
    assert (getattr(skip_rule(title, start, _word_before(title, start)), "id", None) == "hoofdletter-van") == skipped
    assert any(m.text == "Zwolle" for m in find_mentions(title, res.gazetteer, "title")) != skipped


def test_skip_rows_are_pre_compiled_to_word_sets():
    """A skip_mention row of plain words ({{surname_particle}} included) is a set looked up per name; a row with a
    real regular expression is matched per name (and makes every name ask the rows)."""
    from agendakaart.enrich.context_rows import _plain_words, mention_skip, skip_table
    from agendakaart.enrich.words import word_set

    table = skip_table()
    assert not table.patterned and table.any_word == {"over", "van"} | word_set("surname_particle")
    assert _plain_words("ter|ten|van't") == {"ter", "ten", "van't"} and _plain_words("te[rn]") is None
    assert mention_skip("over", lambda c: True).id == "over-onderwerp"
    assert mention_skip("van", lambda c: False) is None and mention_skip("aan", lambda c: True) is None


def test_skip_rows_keep_to_their_fields(res):
    """The skip_mention rows act in every field but the location field ("over Groningen" there is the place)."""
    from agendakaart.enrich.mentions import find_mentions

    assert not find_mentions("Gesprek over Groningen", res.gazetteer, "title")
    assert [m.text for m in find_mentions("over Groningen", res.gazetteer, "location")] == ["Groningen"]


@pytest.mark.parametrize(
    "title, location, gm, country",
    [
        ("Receptie ter gelegenheid van de nationale feestdag op de ambassade van Frankrijk", None, "GM0518", "NL"),
        ("Nationale feestdag op de Amerikaanse ambassade", None, "GM0518", "NL"),
        ("Receptie op de Franse ambassade in Parijs", None, None, "FR"),  # a place named: that place
        ("Bezoek aan de Nederlandse ambassade in Berlijn", None, None, "DE"),
        ("Gesprek met de ambassadeur van Japan", None, None, None),  # whom: the convention stays
        ("Receptie op de ambassade van Frankrijk", "online", None, None),  # not held there
    ],
)
def test_default_place_rows(res, title, location, gm, country):
    """A foreign embassy with no place named is in Den Haag (default_place row, its own lower confidence); its
    country is whom, not where (whom row ambassade-land)."""
    e = enrich_title(res, title, location=location)
    assert (e.gm_code, e.country) == (gm, country), e.reason
    if gm:
        assert e.confidence <= 0.45 and "ambassades zijn in Den Haag" in e.reason


def test_a_later_whom_row_with_the_same_condition_is_asked(res):
    """Every whom row whose condition applies is tried in file order, not only the first one."""
    from agendakaart.enrich.context_rows import name_is_whom

    rule = name_is_whom(lambda condition: "Receptie op de ambassade van " if condition == "country" else None)
    assert rule is not None and rule.id == "ambassade-land"
    assert name_is_whom(lambda condition: "Werkbezoek aan " if condition == "country" else None) is None


@pytest.mark.parametrize(
    "title, country",
    [
        ("Gesprek met de bondskanselier van Duitsland", "DE"),
        ("Werklunch met de president van Frankrijk", "FR"),
        ("Telefoongesprek met de premier van Polen", None),  # a call: not there
        ("Gesprek met de minister van Buitenlandse Zaken van Duitsland", None),  # a minister, not a leader
        ("Gesprek met de premier van Curaçao", None),  # a country of the Kingdom: often in Den Haag
    ],
)
def test_meeting_with_a_foreign_leader_is_their_country(res, title, country):
    e = enrich_title(res, title)
    assert e.country == country, e.reason
    if country:
        assert e.precision.value == "land"


def test_digital_is_a_committee_name_before_a_capital_noun(res):
    """ "de commissie Digitale Zaken" is a name: the Kamer hearing stays in the Kamer; "Digitale Europese Raad" is
    held online."""
    e = enrich_title(res, "Hoorzitting van de commissie Digitale Zaken in de Tweede Kamer")
    assert e.gm_code == "GM0518", e.reason
    assert enrich_title(res, "Digitale Europese Raad").precision.value == "none"
    assert enrich_title(res, "Raad Buitenlandse Zaken", location="Digitaal").precision.value == "none"


def test_debat_over_at_the_start_is_a_kamer_debate(res):
    e = enrich_title(res, "Debat over de ontwikkelingen in Oekraïne")
    assert e.gm_code == "GM0518" and e.place.startswith("Tweede Kamer"), e.reason
    assert enrich_title(res, "Publiek debat over krimp in Delfzijl").gm_code == "GM1979"


@pytest.mark.parametrize(
    "title, country",
    [
        ("Kennismaking met de Duitse bondskanselier", "DE"),
        ("Bilateraal gesprek met de Britse premier", "GB"),
        ("Bezoek aan de Franse president", "FR"),
        ("Gesprek met de Duitse ambassadeur", None),  # an envoy: whom
        ("Franse kaas en Duitse bondsdag", None),  # an adjective alone is no place
    ],
)
def test_leader_by_nationality_adjective(res, title, country):
    """ "de Franse president": the adjective names the country (country_adjective words, leader rows only)."""
    e = enrich_title(res, title)
    assert e.country == country, e.reason


def test_kamer_debatteert_and_onderraad_and_ministry_buildings(res):
    assert enrich_title(
        res, "Staatssecretaris Van Bruggen debatteert in de Kamer over het gevangeniswezen"
    ).gm_code == ("GM0518")
    assert enrich_title(res, "Raad Veiligheid en Inlichtingen").gm_code == "GM0518"
    assert enrich_title(res, "Nieuwjaarsreceptie van het ministerie in de Hoftoren").gm_code == "GM0518"
    assert enrich_title(res, "Minister debatteert met studenten in Groningen").gm_code == "GM0014"
