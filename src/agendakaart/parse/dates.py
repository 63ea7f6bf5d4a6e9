"""Dutch dates and times as the agenda pages write them: "dinsdag 21 mei 2024", "05-07-2024", "10.00 uur"."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

MONTH_NAMES = (
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
    "november", "december",
)  # fmt: skip
MONTHS = {
    "januari": 1,
    "jan": 1,
    "februari": 2,
    "feb": 2,
    "maart": 3,
    "mrt": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "augustus": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
_WEEKDAY_RE = r"(?:ma|di|wo|do|vr|za|zo|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)\.?"
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))

_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_NUMERIC = re.compile(r"(?<![\d.:-])(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?!\d)")
_WORDS = re.compile(
    rf"(?<![\w])(?:{_WEEKDAY_RE},?\s+)?(\d{{1,2}})(?:e)?\s+({_MONTH_RE})\.?(?:\s+(\d{{4}}))?(?![\w])", re.I
)
# a line that is only a day heading: "Dinsdag 21 mei", "21 mei 2024:", "Maandag 30 december"
_HEADING = re.compile(
    rf"^\s*(?:{_WEEKDAY_RE},?\s+)?(\d{{1,2}})(?:e)?\s+({_MONTH_RE})\.?(?:\s+(\d{{4}}))?\s*[:.]?\s*$", re.I
)
_TIME = r"([01]?\d|2[0-3])(?:[.:]([0-5]\d))"
_RANGE = re.compile(
    rf"(?<![\d.:])(?:van\s+)?{_TIME}(?:\s*uur)?\s*(?:-|–|—|tot(?:\s+en\s+met)?|t/m)\s*{_TIME}(?![\d.:]?\d)(?:\s*uur)?",
    re.I,
)
_SINGLE = re.compile(rf"(?<![\d.:])(?:om\s+|vanaf\s+)?{_TIME}(?![.:]?\d)(?:\s*(?:uur|u)\b)?", re.I)
_HOUR_ONLY = re.compile(r"(?<![\d.:])(?:om\s+)?([01]?\d|2[0-3])\s*uur\b", re.I)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def year_for(month: int, ref: date) -> int:
    """Year of a yearless day near `ref`: a week that spans new year rolls over.

    >>> year_for(1, date(2024, 12, 30))
    2025
    """
    if month - ref.month > 6:
        return ref.year - 1
    if ref.month - month > 6:
        return ref.year + 1
    return ref.year


def parse_date(text: str | None, ref: date | None = None) -> date | None:
    """First date in Dutch or ISO text; a yearless date takes its year from `ref`.

    >>> parse_date("dinsdag 21 mei 2024"), parse_date("05-07-2024"), parse_date("5 juli", date(2024, 7, 1))
    (datetime.date(2024, 5, 21), datetime.date(2024, 7, 5), datetime.date(2024, 7, 5))
    """
    if not text:
        return None
    found: list[tuple[int, date]] = []
    if m := _ISO.search(text):
        if d := _safe_date(int(m[1]), int(m[2]), int(m[3])):
            found.append((m.start(), d))
    if m := _NUMERIC.search(text):
        if d := _safe_date(int(m[3]), int(m[2]), int(m[1])):
            found.append((m.start(), d))
    if m := _WORDS.search(text):
        month = MONTHS[m[2].lower()]
        year = int(m[3]) if m[3] else (year_for(month, ref) if ref else None)
        if year and (d := _safe_date(year, month, int(m[1]))):
            found.append((m.start(), d))
    return min(found)[1] if found else None


_NUM_HEADING = re.compile(
    rf"^\s*(?:{_WEEKDAY_RE},?\s+)?(\d{{1,2}})[-/.](\d{{1,2}})(?:[-/.](\d{{4}}))?\s*[:.]?\s*$", re.I
)


def parse_day_heading(text: str, ref: date) -> date | None:
    """A line that is nothing but a day heading -> its date (year from `ref`), else None.

    >>> parse_day_heading("Dinsdag 21 mei", date(2024, 5, 20)), parse_day_heading("Werkbezoek 21 mei", date(2024, 5, 20))
    (datetime.date(2024, 5, 21), None)
    >>> parse_day_heading("di 21-05-2024", date(2024, 5, 20))
    datetime.date(2024, 5, 21)
    """
    m = _HEADING.match(text.strip())
    if not m:
        n = _NUM_HEADING.match(text.strip())
        if not n:
            return None
        month = int(n[2])
        year = int(n[3]) if n[3] else year_for(month, ref) if 1 <= month <= 12 else ref.year
        return _safe_date(year, month, int(n[1]))
    month = MONTHS[m[2].lower()]
    year = int(m[3]) if m[3] else year_for(month, ref)
    return _safe_date(year, month, int(m[1]))


_DAY_PREFIX = re.compile(
    rf"^\s*(?:{_WEEKDAY_RE},?\s+)?(\d{{1,2}})(?:e)?\s+({_MONTH_RE})\.?(?:\s+(\d{{4}}))?\s*(?::|\s[-–—]|\|)\s*(\S.*)$",
    re.I,
)

# "Maandag 18 november Werkbezoek: x" (a bold day run into its line): a weekday, then a capital or a time
_DAY_PREFIX_SPACE = re.compile(
    rf"^\s*{_WEEKDAY_RE},?\s+(\d{{1,2}})(?:e)?\s+({_MONTH_RE})\.?(?:\s+(\d{{4}}))?\s+((?-i:[A-Z0-9])\S*.*)$", re.I
)


def day_prefix(text: str, ref: date) -> tuple[date, str] | None:
    """A line led by its day: "Maandag 9 maart: Werkbezoek: x" -> (date(…, 3, 9), "Werkbezoek: x"), else None.

    >>> day_prefix("Maandag 9 maart: Gesprek: met X", date(2026, 3, 9)), day_prefix("9 maart is er overleg", date(2026, 3, 9))
    ((datetime.date(2026, 3, 9), 'Gesprek: met X'), None)
    >>> day_prefix("Maandag 9 maart Werkbezoek: x", date(2026, 3, 9))
    (datetime.date(2026, 3, 9), 'Werkbezoek: x')
    """
    m = _DAY_PREFIX.match(text) or _DAY_PREFIX_SPACE.match(text)
    if not m:
        return None
    month = MONTHS[m[2].lower()]
    day = _safe_date(int(m[3]) if m[3] else year_for(month, ref), month, int(m[1]))
    return (day, m[4].strip()) if day else None


def _hhmm(hour: str, minute: str | None) -> str:
    return f"{int(hour):02d}:{int(minute or 0):02d}"


def parse_times(text: str | None) -> tuple[str | None, str | None]:
    """Start and end time in a Dutch text, "HH:MM" strings.

    >>> parse_times("van 10.00 tot 11.30 uur"), parse_times("10:00"), parse_times("om 9 uur")
    (('10:00', '11:30'), ('10:00', None), ('09:00', None))
    """
    if not text:
        return None, None
    text = _strip_dates(text)
    if m := _RANGE.search(text):
        return _hhmm(m[1], m[2]), _hhmm(m[3], m[4])
    if m := _SINGLE.search(text):
        return _hhmm(m[1], m[2]), None
    if m := _HOUR_ONLY.search(text):
        return _hhmm(m[1], None), None
    return None, None


def _strip_dates(text: str) -> str:
    """Blank out numeric dates so "05.07.2024" is never read as a time."""
    text = _ISO.sub(" ", text)
    return _NUMERIC.sub(" ", text)


def parse_iso_datetime(value: str | int | float | None) -> tuple[date | None, str | None]:
    """ISO date or instant -> (date, "HH:MM" or None); local time as written, a UTC instant (Z, +00:00, epoch
    milliseconds) in Amsterdam time.

    >>> parse_iso_datetime("2024-07-05T10:00:00+02:00"), parse_iso_datetime("2026-03-10T09:00:00.000Z")
    ((datetime.date(2024, 7, 5), '10:00'), (datetime.date(2026, 3, 10), '10:00'))
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 1e11:
        value = datetime.fromtimestamp(value / 1000, timezone.utc).isoformat()
    if not value or not isinstance(value, str):
        return None, None
    value = value.strip()
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return parse_date(value), None
    if "T" not in value and " " not in value:
        return dt.date(), None
    if dt.utcoffset() == timedelta(0):
        dt = amsterdam_time(dt)
    return dt.date(), f"{dt.hour:02d}:{dt.minute:02d}"


def amsterdam_time(moment: datetime) -> datetime:
    """A UTC instant -> Amsterdam wall-clock time (CEST from the last Sunday of March to that of October, 01:00 UTC).

    >>> amsterdam_time(datetime(2026, 7, 1, 8, 0, tzinfo=timezone.utc)).hour
    10
    """

    def switch(month: int) -> datetime:
        last = date(moment.year, month, 31)
        day = last - timedelta(days=(last.weekday() + 1) % 7)
        return datetime(day.year, day.month, day.day, 1, tzinfo=timezone.utc)

    summer = switch(3) <= moment < switch(10)
    return (moment + timedelta(hours=2 if summer else 1)).replace(tzinfo=None)


_PATH_DATE = re.compile(r"/(\d{4})/(\d{2})/(\d{2})/[^/?#]+/?(?:[?#]|$)")


def date_from_path(url: str) -> date | None:
    """Date in an agenda item URL path.

    >>> date_from_path("https://x/actueel/agenda/2024/07/05/ministerraad")
    datetime.date(2024, 7, 5)
    """
    m = _PATH_DATE.search(url)
    return _safe_date(int(m[1]), int(m[2]), int(m[3])) if m else None
