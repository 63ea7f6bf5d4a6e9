"""The context rules (src/agendakaart/data/context_rules.csv): a test from every row's examples — on each `fires`
example the rule acts (its reason is in the enrichment's reason), on each `not_fires` example it does not; for a
not_kamer row (an exception) the Kamer rule's reason must be absent where it fires and present where it does not;
a not_here, surname, whom, not_area or area_part row (it writes no reason) must be the row that drops a name of the example, or drop
none."""

from __future__ import annotations

import re

import pytest

from agendakaart.enrich.context import KAMER_CONFIDENCE, address_cut, load_context_rules, location_qualifier
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
    from agendakaart.enrich.context import area_adjective_not_here

    adjectives = [
        m
        for m in re.finditer(r"\b[A-Z]\w+se\b", title)
        if {p.kind for p in res.gazetteer.lookup(m.group())} & {"regio", "provincie"}
    ]
    assert adjectives, f"no area adjective in {title!r}"
    found = {area_adjective_not_here(title, m.start()) for m in adjectives}
    return {r.id for r in found if r is not None}


def _area_part_rules_acting(title: str) -> set[str]:
    """The ids of the area_part rows found in the 14 characters before a capitalised word of the title."""
    from agendakaart.enrich.context import area_part_possible, names_area_part

    found = set()
    for m in re.finditer(r"\b[A-Z]\w+", title):
        if area_part_possible(title, max(0, m.start() - 14), m.start()):
            rule = names_area_part(title[max(0, m.start() - 14) : m.start()])
            found |= {rule.id} if rule is not None else set()
    return found


def _address_row(location_text: str) -> str | None:
    """The id of the address row that ends the street part of a location field (None: no address found)."""
    found = address_cut(location_text)
    return found[0].id if found else None


def test_every_effect_is_used_and_every_row_has_both_examples():
    effects = {"kamer", "not_kamer", "subject", "leader", "not_here", "surname", "whom", "not_area", "area_part"}
    effects |= {"address", "qualifier", "site"}
    assert {r.effect for r in RULES} == effects
    assert all(r.fires and r.not_fires for r in RULES)


def test_not_here_pre_check_is_derived_from_the_rows():
    """The cheap test before the not_here rows is each row's required literal, found from its pattern."""
    from agendakaart.enrich.context import _not_here_rules, required_literal

    table = _not_here_rules()
    assert table.stems == tuple(required_literal(r.pattern) for r in table.rules)
    assert set(table.any_stems) == {"-", "over", "exemplaar", "met", "teun", "nforme"}
    assert required_literal(re.compile(r"(?i)\bbezoek(?:t)?\s+aan")) == "bezoe"  # no k: K matches it too
    assert required_literal(re.compile(r"[a-z]+")) == ""
    for rule, stem in zip(table.rules, table.stems):
        for example in rule.fires:
            assert stem in example.lower(), (rule.id, example)


def test_unknown_condition_or_effect_is_refused(tmp_path, monkeypatch):
    from agendakaart.enrich import context, regions

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
    from agendakaart.enrich.context import _surname_rules, name_in_surname, required_literal

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
