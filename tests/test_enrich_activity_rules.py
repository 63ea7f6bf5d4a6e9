"""The activity type rules (src/agendakaart/data/activity_rules.csv): a test from every row's examples — on each
`fires` title the row's phrase is the one that decides (the title gets the row's type and the reason names the
phrase), on each `not_fires` title it is not (another row decides, or none); and every row has at least one example
of each, a row without one being named by its line.

A row whose phrase repeats another row's exactly, once folded ("jbz raad" and "jbz-raad"), is the same rule: the
earlier row's match is this row's phrase too."""

from __future__ import annotations

import pytest

from agendakaart.enrich.activity import classify_activity, deciding_match, load_rules, rule_rows
from agendakaart.enrich.text import clean_text, fold

RULES = load_rules()


def _examples(cell: str | None) -> tuple[str, ...]:
    """A fires/not_fires cell -> its titles ("a|b" -> ("a", "b")); an empty or missing cell -> ()."""
    return tuple(t.strip() for t in (cell or "").split("|") if t.strip())


def _cases(path=None) -> list[tuple[int, str, str, str, bool]]:
    """(line, pattern, type, title, fires) for every example of every row."""
    out = []
    for line, row in rule_rows(path):
        for fires, column in ((True, "fires"), (False, "not_fires")):
            out += [(line, row["pattern"], row["type"], t, fires) for t in _examples(row.get(column))]
    return out


def _missing(path=None) -> list[str]:
    """A message per row without a fires or a not_fires example, naming its line."""
    out = []
    for line, row in rule_rows(path):
        for column in ("fires", "not_fires"):
            if not _examples(row.get(column)):
                out.append(f"activity_rules.csv line {line}: {row['pattern']!r} has no {column} example")
    return out


CASES = _cases()


@pytest.mark.parametrize(
    "line,pattern,kind,title,fires",
    CASES,
    ids=[f"L{ln}:{p}:{'fires' if f else 'not'}:{t[:40]}" for ln, p, _, t, f in CASES],
)
def test_rule_row_examples(line, pattern, kind, title, fires):
    own = [r for r in RULES.rules if r.line == line]  # the row's phrase (one or two folded spellings)
    assert own, f"line {line}: {pattern!r} loaded no rule"
    body = clean_text(title, 4000)
    hit = deciding_match(body, RULES)
    decided = f"line {hit[2].line}: {hit[2].pattern!r} -> {hit[2].type}" if hit else "no phrase"
    if not fires:
        assert not (hit and hit[2] in own), f"{pattern!r} decides {title!r}"
        return
    assert hit and hit[2] in own, f"{title!r}: decided by {decided}, not by {pattern!r}"
    got, _, reason = classify_activity(title, None, RULES)
    span = body[hit[0] : hit[1]]
    assert got == kind and hit[2].pattern in fold(span)
    assert reason == f'tekst "{span}" -> {kind}'


def test_every_row_has_both_examples():
    missing = _missing()
    assert not missing, "\n".join(missing)


def test_a_row_without_examples_is_named_by_its_line(tmp_path):
    path = tmp_path / "rules.csv"
    path.write_text(
        "# comment\npattern,type,tier,fires,not_fires\nwerkbezoek*,werkbezoek,1,Werkbezoek aan Leiden,Toespraak\n"
        "borrel*,evenement,1,,\nlunch*,evenement,1,Lunch,\n",
        encoding="utf-8",
    )
    assert _missing(path) == [
        "activity_rules.csv line 4: 'borrel*' has no fires example",
        "activity_rules.csv line 4: 'borrel*' has no not_fires example",
        "activity_rules.csv line 5: 'lunch*' has no not_fires example",
    ]
    assert [r.line for r in load_rules(path).rules] == [3, 4, 5]
    # a row appended without the example columns loads, and is named
    path.write_text("pattern,type,tier,fires,not_fires\nborrel*,evenement,1\n", encoding="utf-8")
    assert _missing(path)[0] == "activity_rules.csv line 2: 'borrel*' has no fires example"


def test_examples_are_not_read_by_the_enricher(tmp_path):
    bare = tmp_path / "bare.csv"
    lines = ["pattern,type,tier"] + [f"{row['pattern']},{row['type']},{row['tier']}" for _, row in rule_rows()]
    bare.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert load_rules(bare).rules == RULES.rules
