"""One exception tree: every known failure is an AgendakaartError; the CLI turns these into clean messages."""


class AgendakaartError(Exception):
    """Base of every error agendakaart raises on purpose."""


class FetchError(AgendakaartError):
    """A page could not be fetched (network, HTTP status, robots.txt, size cap)."""


class RobotsDisallowed(FetchError):
    """robots.txt forbids this URL for our User-Agent."""


class NothingFound(FetchError):
    """A collect run whose routes together found no agenda item: `lines` says per route what was tried."""

    def __init__(
        self, message: str, lines: list[str] | None = None, counts: dict | None = None, unreachable: bool = False
    ):
        super().__init__(message)
        self.lines = lines or []
        self.counts = counts or {}
        self.unreachable = unreachable  # not one answer from the site (network, DNS, robots.txt unreachable)
        self.outside_window = 0  # items the routes did find, all outside --since/--until


class ParseError(AgendakaartError):
    """A page or file row could not be turned into model objects (missing title/date, bad markup)."""


class ImportFileError(ParseError):
    """A row of an imported CSV/JSON/ICS file is bad; `line` names it."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(f"regel {line}: {message}" if line is not None else message)
        self.line = line


class GazetteerError(AgendakaartError):
    """The place index could not be built or loaded."""


class OverridesError(AgendakaartError):
    """The user's overrides file is malformed; `line` names where."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(f"regel {line}: {message}" if line is not None else message)
        self.line = line


class StoreError(AgendakaartError):
    """The SQLite database is unusable (wrong schema version, locked, corrupt)."""


class OutputError(AgendakaartError):
    """An output file cannot or may not be written (it is the database, someone else's file, disk full, ...)."""


class LockedError(AgendakaartError):
    """Another process is collecting into the same database."""


class OptionError(AgendakaartError):
    """An option value that would do harm or makes no sense (rate 0, since after until, unknown person)."""
