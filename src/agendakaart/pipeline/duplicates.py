"""Count an activity once when a weekly roll-up lists it and it also has its own item page.

Called inside the transaction that stores a page, in whichever order the two pages arrive: a roll-up drops its
lines that match a stored item activity; an item page drops the stored roll-up lines it matches, and gives back
lines it no longer matches. The pairs (with both pages) are kept in `activity_duplicates`; ids never change.
"""

from __future__ import annotations

import sqlite3

from agendakaart.models import Activity, AgendaKind, AgendaPage
from agendakaart.parse.duplicates import pair_duplicates
from agendakaart.store import activities as act_store


def rollup_without_duplicates(
    conn: sqlite3.Connection, page: AgendaPage, acts: list[Activity]
) -> tuple[list[Activity], list]:
    """A roll-up's activities -> (those to store, pairs to record after storing); single pages pass as they are."""
    if page.kind != AgendaKind.ROLLUP:
        return acts, []
    act_store.forget_duplicates(conn, line_page_url=page.url)
    items = act_store.activities_of_kind(conn, AgendaKind.SINGLE.value, {a.date for a in acts}, page.url)
    pairs = pair_duplicates(acts, items)
    dropped = {line.id for line, _item, _s in pairs}
    return [a for a in acts if a.id not in dropped], pairs


def settle_duplicates(conn: sqlite3.Connection, page: AgendaPage, acts: list[Activity], pairs: list) -> int:
    """After a page's activities are stored: record a roll-up's pairs, or pair an item page with the stored roll-up
    lines (earlier pairs of this page re-checked; a broken pair gives its line back) -> lines now merged."""
    if page.kind == AgendaKind.SINGLE:
        previous = act_store.lines_merged_into(conn, page.url)
        act_store.forget_duplicates(conn, kept_page_url=page.url)
        lines = act_store.activities_of_kind(conn, AgendaKind.ROLLUP.value, {a.date for a in acts}, page.url)
        pairs = pair_duplicates(lines + previous, acts)
        paired = {line.id for line, _item, _s in pairs}
        act_store.restore_lines(conn, [line for line in previous if line.id not in paired])
    for line, item, score in pairs:
        act_store.save_duplicate(conn, line, item, score)
    return len(pairs)
