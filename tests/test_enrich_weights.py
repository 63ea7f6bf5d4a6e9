"""The weights and thresholds of the place choice (src/agendakaart/data/enrich_weights.csv): every row has its
meaning, every kind a place can have is weighed, values keep the type they are written in, and a missing key is
an error, not a silent zero."""

from __future__ import annotations

import csv

import pytest

from agendakaart.enrich import location
from agendakaart.enrich.regions import data_path
from agendakaart.enrich.weights import WEIGHTS_FILE, weight, weights


def _rows() -> list[dict]:
    with open(data_path(WEIGHTS_FILE), encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(ln for ln in fh if ln.strip() and not ln.startswith("#")))


def test_every_row_has_its_meaning():
    rows = _rows()
    assert rows
    assert all(row["meaning"].strip() for row in rows)
    assert len({(row["table"], row["key"]) for row in rows}) == len(rows)


@pytest.mark.parametrize("table", ["kind_score", "specific", "prefer"])
def test_every_kind_is_weighed(table):
    assert set(location.PRECISION) <= set(weights(table))


def test_every_field_is_scored():
    assert set(location._SOURCE) <= set(weights("field_score"))


def test_type_confidences_order():
    """A type from the label is surer than one from the text, and both than none (engine: a lead above none names
    a type)."""
    conf = weights("type_conf")
    assert conf["label"] > conf["text"] > conf["none"]


def test_values_keep_their_written_type():
    assert weight("field_score", "location") == 100.0 and isinstance(weight("field_score", "location"), float)
    assert weight("kind_score", "institution") == -35 and isinstance(weight("kind_score", "institution"), int)
    assert weight("conf", "several") == 0.7


def test_unknown_table_or_key_is_an_error():
    with pytest.raises(KeyError):
        weights("no_such_table")
    with pytest.raises(KeyError):
        weight("threshold", "no_such_key")


def test_a_place_in_the_location_field_beats_one_in_the_title(res):
    found = location.resolve_location(title="Werkbezoek aan Leiden", location_text="Delft", gaz=res.gazetteer)
    assert found.place.name == "Delft"
    assert found.confidence == weights("field_conf")["location"]


def test_type_order_is_the_decision(res):
    """The activity type's decision order is data (table type_order): by default the earliest of two tier-1 phrases
    decides; an order that puts the longest first makes the longer phrase decide."""
    from agendakaart.enrich.activity import ORDER_KEYS, _decide, _matches, order_key

    assert set(weights("type_order")) == set(ORDER_KEYS)
    matches = _matches("Gesprek en werkbezoek aan de fabriek", res.rules)
    assert _decide(matches)[2].type == "gesprek"
    longest_first = order_key({"longest": 1, "tier": 2, "earliest": 3, "whole_word": 4})
    assert _decide(matches, longest_first)[2].type == "werkbezoek"
    assert order_key(weights("type_order"))((-1, 5, False, -3)) == (-1, 5, False, -3)


@pytest.mark.parametrize("order", [{"tier": 1, "soonest": 2}, {"tier": 1, "earliest": 3}, {}])
def test_type_order_with_an_unknown_key_or_a_gap_is_an_error(order):
    from agendakaart.enrich.activity import order_key

    with pytest.raises(ValueError, match="type_order"):
        order_key(order)


def test_word_count_thresholds_are_the_data(res):
    """The word counts of the lead rules are thresholds: a Haagse institution in the title's lead, a person's name
    after a title, a roll-up line's type label."""
    from agendakaart.enrich import engine, mentions

    assert location._LEAD_WORDS == weight("threshold", "title_lead_words") == 2
    assert mentions._NAME_WORDS == weight("threshold", "person_name_words")
    assert engine._ROLLUP_LEAD_WORDS == weight("threshold", "rollup_lead_words")
    assert engine.split_text_line("Werkbezoek: rondleiding", res.rules)[0] == "Werkbezoek"
    long_lead = "Werkbezoek aan de oude haven van de stad: rondleiding"  # 8 words before the colon
    assert engine.split_text_line(long_lead, res.rules)[0] is None
