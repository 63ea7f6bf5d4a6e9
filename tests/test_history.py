"""Activity versions: an edit is one change (not delete + add), a vanished line is kept, a cancellation is read from
the text, a re-store of the same activities records nothing."""

from __future__ import annotations

from agendakaart.enrich.status import GEANNULEERD, GEPLAND, UITGESTELD, entry_status, load_rules
from agendakaart.store.history import changes_by_activity, pair_activities, root_id, root_ids, vanished, versions
from history_helpers import ROLLUP, TALK, VISIT, crawl_one, crawl_two, store_page


def test_edit_cancel_and_vanish_give_the_right_versions(store):
    first = crawl_one(store)
    assert versions(store) == []  # a first sight is no change
    second = crawl_two(store, first)
    got = versions(store)
    assert [(v["change"], v["page_url"]) for v in got] == [
        ("gewijzigd", ROLLUP),
        ("verdwenen", ROLLUP),
        ("gewijzigd", TALK),
    ]
    edit, gone, cancel = got
    assert edit["fields"] == ["title", "start_time"]
    assert edit["old"] == {"title": "Gesprek met de burgemeester van Zwolle", "start_time": "14:00"}
    assert edit["new"] == {"title": "Gesprek met de burgemeester en wethouders van Zwolle", "start_time": "15:30"}
    assert (edit["old_id"], edit["activity_id"]) == (first["line1"].id, second["line1"].id)
    assert edit["root_id"] == first["line1"].id
    assert gone["activity_id"] == first["line2"].id and gone["old"]["title"] == "Bezoek aan de haven van Terneuzen"
    assert gone["old"]["persons"] == ["mark-rutte"]
    assert cancel["fields"] == ["title"] and entry_status(cancel["new"]["title"]) == GEANNULEERD
    assert entry_status(cancel["old"]["title"]) == GEPLAND
    assert [v["activity_id"] for v in vanished(store)] == [first["line2"].id]
    assert root_ids(store) == {second["line1"].id: first["line1"].id, second["talk"].id: first["talk"].id}
    assert set(changes_by_activity(store)) == {second["line1"].id, second["talk"].id}


def test_first_sight_is_kept_through_edits(store):
    from agendakaart.pipeline.transparency import first_sight, load_entries

    first = crawl_one(store)
    store.execute("UPDATE activities SET first_seen = '2024-05-01T08:00:00+00:00'")
    second = crawl_two(store, first)
    assert first_sight(store)[second["line1"].id] == "2024-05-01T08:00:00+00:00"  # not the day of the edit
    entry = next(e for e in load_entries(store) if e["id"] == second["line1"].id)
    assert (entry["first_seen"], entry["first_seen_days"], entry["first_seen_class"]) == (
        "2024-05-01T08:00:00+00:00",
        -20,
        "vooraf",
    )
    gone = next(e for e in load_entries(store) if e["status"] == "verdwenen")
    assert gone["first_seen"] == "2024-05-01T08:00:00+00:00"


def test_restoring_the_same_activities_records_nothing(store):
    first = crawl_one(store)
    store_page(store, VISIT, first["visit"].date, [first["visit"]])
    assert versions(store) == []


def test_a_second_edit_keeps_the_root(store):
    from history_helpers import MAY, act

    first = crawl_one(store)
    second = crawl_two(store, first)
    third = act(ROLLUP, MAY[21], 1, "Overleg met het college van Zwolle", "15:30")
    store_page(store, ROLLUP, MAY[20], [first["line0"], third])
    assert root_id(store, third.id) == first["line1"].id
    assert [v["activity_id"] for v in versions(store, third.id)] == [second["line1"].id, third.id]


def test_a_vanished_line_that_comes_back_is_no_longer_vanished(store):
    first = crawl_one(store)
    crawl_two(store, first)
    store_page(store, ROLLUP, first["line0"].date, [first["line0"], first["line1"], first["line2"]])
    assert vanished(store) == []


def test_pairing_prefers_same_title_then_same_ordinal():
    old = {
        "a": {"date": "2024-05-20", "title": "A", "ordinal": 0},
        "b": {"date": "2024-05-20", "title": "B", "ordinal": 1},
        "c": {"date": "2024-05-21", "title": "C", "ordinal": 2},
    }
    # a line inserted at the top: A and B move down one (new ids), C's text changes at its new ordinal
    new = [
        ("n", {"date": "2024-05-20", "title": "Nieuw", "ordinal": 0}),
        ("a2", {"date": "2024-05-20", "title": "A", "ordinal": 1}),
        ("b2", {"date": "2024-05-20", "title": "B", "ordinal": 2}),
        ("c2", {"date": "2024-05-21", "title": "C (vervalt)", "ordinal": 3}),
    ]
    pairs, left = pair_activities(old, new)
    assert pairs == {"a2": "a", "b2": "b", "c2": "c"}  # C: the only line of its date on both sides
    assert left == []
    two_new = new + [("d", {"date": "2024-05-21", "title": "D", "ordinal": 4})]
    pairs, left = pair_activities(old, two_new)
    assert "c2" not in pairs and left == ["c"]  # two new lines on C's date: no guess, C vanished


def test_every_cancellation_example_is_recognised():
    for rule in load_rules():
        assert entry_status(rule.example) == rule.status, rule.example
    assert entry_status("Werkbezoek aan Groningen uitgesteld") == UITGESTELD
    for text in ("Gesprek over vervallen panden", "Werkbezoek aan Zwolle", "Ministerraad", "Dessert geserveerd"):
        assert entry_status(text) == GEPLAND, text
