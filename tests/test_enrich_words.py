"""The word roles of the place rules (src/agendakaart/data/context_words.csv): every role the code asks for has
words, each role acts in an example (one test per role), and the remote pre-check is derived from the words."""

from __future__ import annotations

from pathlib import Path

import pytest

from agendakaart.enrich import engine, location, mentions
from agendakaart.enrich.words import alternation, literal_stems, word_values, words
from enrich_helpers import enrich_title

ROLES = (
    "location_not_place",
    "digital",
    "remote",
    "remote_adjective",
    "remote_noun",
    "preparation",
    "envoy",
    "office",
    "subject_noun",
    "org_head",
    "compass",
    "place_prep",
    "visit_prep",
    "surname_particle",
    "name_particle",
    "location_word",
    "person_title",
    "province_abbr",
    "vague_location",
    "location_plural",
    "kind_qualifier",
    "postal_word",
    "envoy_portfolio",
    "envoy_prep",
    "origin_prep",
    "visit_word",
    "visit_verb",
    "travel_word",
    "route_word",
    "publisher_word",
    "province_city",
    "article",
    "area_adjective_ending",
    "mention_prep",
    "person_prep",
    "weak_prep",
    "route_from",
    "site_prep",
    "country_where_prep",
    "gemeente_word",
    "lead_place_prep",
    "place_name_prefix",
    "verb_article",
    "implied_visit",
    "surname_place",
    "country_adjective",
)


@pytest.mark.parametrize("role", ROLES)
def test_every_role_has_words(role):
    assert words(role) and alternation(role)


def test_unknown_role_is_an_error():
    with pytest.raises(KeyError):
        words("no_such_role")


# (role, title, location field, gemeente code or None): the role's words at work
@pytest.mark.parametrize(
    "role,title,location_text,gm",
    [
        ("location_not_place", "Overleg met de gedeputeerden", "online", None),
        ("digital", "Digitaal overleg Europese Raad", None, None),
        ("remote", "Telefoongesprek met de burgemeester van Rotterdam", None, None),
        ("remote_adjective", "Online overleg met de burgemeester van Emmen", None, None),
        ("preparation", "Voorbereiding ministerraad", None, None),
        ("envoy", "Gesprek met de premier van Japan", None, None),
        ("office", "Kennismaking met de gedeputeerde van Zeeland", None, None),
        ("subject_noun", "Gesprek over de situatie in Gaza", None, None),
        ("org_head", "Overleg met het Waterschap Limburg", None, None),
        ("province_abbr", "Werkbezoek Beek (L)", None, "GM0888"),
        ("location_word", "Werkbezoek aan een school. Locatie: Emmen", None, "GM0114"),
        ("person_title", "Gesprek met burgemeester Van Veldhoven", None, None),
        ("surname_place", "Gesprek met Jan de Vries", None, None),
        ("surname_place", "Gesprek in Vries", None, "GM1730"),
    ],
)
def test_role_acts(res, role, title, location_text, gm):
    e = enrich_title(res, title, location=location_text)
    assert e.gm_code == gm and (gm or e.precision.value in ("none", "land", "provincie")), e.reason


def test_remote_pre_check_is_derived_from_the_words():
    stems = literal_stems("remote", "remote_adjective")
    assert location._REMOTE_STEMS == stems
    for word in words("remote") + words("remote_adjective"):
        assert any(stem in word.lower() for stem in stems), word
    assert all(not set(stem) & set("isk") for stem in stems)
    assert location._remote("Videogesprek met de burgemeester") and not location._remote("Werkbezoek aan Leiden")


def test_code_tables_are_the_data():
    assert mentions._ABBR_PROVINCE == word_values("province_abbr") and mentions._ABBR_PROVINCE["l"] == "Limburg"
    assert "naar" in mentions.PLACE_PREPS and "opening" in mentions.VISIT_PREPS


def test_every_role_in_the_file_is_one_the_code_uses():
    from agendakaart.enrich.words import _table

    assert set(_table()) == set(ROLES)
    paths = [Path(m.__file__) for m in (location, mentions, engine)] + [
        Path(location.__file__).with_name("activity.py")
    ]
    code = "".join(p.read_text(encoding="utf-8") for p in paths)
    from agendakaart.enrich.regions import data_path

    rules = data_path("context_rules.csv").read_text(encoding="utf-8")  # {{role}} in a rule's pattern
    assert all(f'"{role}"' in code or f"{{{{{role}}}}}" in rules for role in ROLES)


def test_area_adjective_ending_selects_the_adjective_grammar(res):
    """A region or province name with an ending of role area_adjective_ending is an adjective: it counts only as
    the area_adjective rows of context_rules.csv allow (before a lower-case word)."""
    assert mentions._ADJECTIVE_ENDINGS == words("area_adjective_ending")
    assert enrich_title(res, "Overleg Brabantse Ontwikkelings Maatschappij").precision.value == "none"
    assert enrich_title(res, "Werkbezoek Brabantse dorpen").precision.value == "provincie"


# (role, title, place or None, precision): the small roles of the place choice at work
@pytest.mark.parametrize(
    "role,title,place,precision",
    [
        ("mention_prep", "Werkbezoek gemeente Uden", "Maashorst", "gemeente"),  # "gemeente" kept as the prep
        ("gemeente_word", "Werkbezoek gemeente Uden", "Maashorst", "gemeente"),  # the gemeente, not the town
        ("gemeente_word", "Werkbezoek Uden", "Uden", "woonplaats"),
        ("person_prep", "Gesprek met staatssecretaris van Marum", None, "none"),  # a person, not the village
        ("route_from", "Fietstocht van Assen naar Groningen", "Assen", "woonplaats"),  # the route's start
        ("site_prep", "Werkbezoek aan Zuyd Hogeschool in Sittard", "Zuyd Hogeschool, Sittard", "venue"),
        ("country_where_prep", "Gesprek met de minister in Duitsland", "Duitsland", "land"),  # where
        ("country_where_prep", "Gesprek met de minister van Duitsland", None, "none"),  # whom
    ],
)
def test_small_role_acts(res, role, title, place, precision):
    assert words(role)
    e = enrich_title(res, title)
    assert (e.place, e.precision.value) == (place, precision), e.reason


def test_weak_prep_gives_no_confidence_bonus(res):
    """ "van" (weak_prep) does not make a name a place: no bonus, as "in" gives one."""
    from agendakaart.enrich.location import resolve_location

    weak = resolve_location(title="Afscheid van Leiden", gaz=res.gazetteer)
    strong = resolve_location(title="Afscheid in Leiden", gaz=res.gazetteer)
    assert "van" in words("weak_prep") and weak.confidence < strong.confidence


@pytest.mark.parametrize(
    "line,keeps",
    [
        ("Bezoek aan Vlieland: rondleiding", True),  # lead_place_prep "aan" before a capital
        ("Bezoek aan 's-Hertogenbosch: rondleiding", True),  # place_name_prefix "'s-"
        ("Werkbezoek: rondleiding", False),
    ],
)
def test_lead_that_names_a_place_stays_in_the_title(res, line, keeps):
    label, title, _ = engine.split_text_line(line, res.rules)
    assert label == line.split(":")[0] and (title == line) == keeps


def test_verb_article_between_a_visiting_verb_and_the_name():
    """ "bezoekt de Eemshaven": a visiting verb, an article of role verb_article, then the name."""
    assert location._VISIT_VERB_BEFORE.search("Minister bezoekt de ")
    assert location._VISIT_VERB_BEFORE.search("Minister bezoekt ")
    assert not location._VISIT_VERB_BEFORE.search("Minister bezoekt een ")
