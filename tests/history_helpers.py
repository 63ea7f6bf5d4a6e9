"""A small hand-made crawl sequence for the history and transparency tests: pages stored through the same store
functions the collector uses (save_agenda_page, replace_activities, signals.mark_removed)."""

from __future__ import annotations

from datetime import date

from agendakaart.models import Activity, AgendaKind, AgendaPage, activity_id
from agendakaart.store import transaction
from agendakaart.store.activities import replace_activities, save_agenda_page

BASE = "https://www.rijksoverheid.nl/actueel/agenda"
ROLLUP = f"{BASE}/2024/05/20/weekoverzicht"
VISIT = f"{BASE}/2024/05/21/werkbezoek-zwolle"
TALK = f"{BASE}/2024/05/22/gesprek-emmen"
GONE = f"{BASE}/2024/05/23/bezoek-venlo"
PERSON = "mark-rutte"
MINISTRY = "Algemene Zaken"


def act(
    url: str,
    day: date,
    ordinal: int,
    title: str,
    start: str | None = None,
    place: str | None = None,
    persons: tuple[str, ...] = (PERSON,),
) -> Activity:
    return Activity(
        id=activity_id(url, day, ordinal, title),
        page_url=url,
        persons=persons,
        date=day,
        title=title,
        start_time=start,
        location_text=place,
        ministry=MINISTRY,
        ordinal=ordinal,
    )


def store_page(conn, url: str, day: date, acts: list[Activity], kind: AgendaKind = AgendaKind.SINGLE) -> None:
    page = AgendaPage(
        url=url, persons=(PERSON,), title=acts[0].title if acts else "leeg", page_date=day, ministry=MINISTRY, kind=kind
    )
    with transaction(conn):
        save_agenda_page(conn, page)
        replace_activities(conn, url, acts)


MAY = {d: date(2024, 5, d) for d in range(19, 32)}


def crawl_one(conn) -> dict[str, Activity]:
    """The first crawl: a roll-up of three lines and three single pages."""
    lines = [
        act(ROLLUP, MAY[20], 0, "Ministerraad", "10:00", "Den Haag"),
        act(ROLLUP, MAY[21], 1, "Gesprek met de burgemeester van Zwolle", "14:00"),
        act(ROLLUP, MAY[22], 2, "Bezoek aan de haven van Terneuzen", "09:00"),
    ]
    store_page(conn, ROLLUP, MAY[20], lines, AgendaKind.ROLLUP)
    visit = act(VISIT, MAY[21], 0, "Werkbezoek aan Zwolle", "11:00", "Zwolle")
    talk = act(TALK, MAY[22], 0, "Gesprek met de VNG over woningbouw", "15:00", "Emmen")
    gone = act(GONE, MAY[23], 0, "Bezoek aan Venlo", "13:00", "Venlo")
    for a in (visit, talk, gone):
        store_page(conn, a.page_url, a.date, [a])
    return {"line0": lines[0], "line1": lines[1], "line2": lines[2], "visit": visit, "talk": talk, "gone": gone}


def crawl_two(conn, first: dict[str, Activity]) -> dict[str, Activity]:
    """The second crawl: line 1 edited (text and time: a new id), line 2 vanished, the talk cancelled in its
    title, the visit unchanged; the Venlo page is removed from the site (marked by the caller)."""
    line1 = act(ROLLUP, MAY[21], 1, "Gesprek met de burgemeester en wethouders van Zwolle", "15:30")
    store_page(conn, ROLLUP, MAY[20], [first["line0"], line1], AgendaKind.ROLLUP)
    store_page(conn, VISIT, MAY[21], [first["visit"]])
    talk = act(TALK, MAY[22], 0, "Gesprek met de VNG over woningbouw (geannuleerd)", "15:00", "Emmen")
    store_page(conn, TALK, MAY[22], [talk])
    return {"line1": line1, "talk": talk}
