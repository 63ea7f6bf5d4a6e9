"""Writing output files without ever losing data: the one place every command writes a file through.

Two rules (issue 13):
- **Refuse** an output path that is the database in use (or its -wal/-shm/-journal file), and an existing file that
  is not an earlier output of the same kind, unless the user says `--force`. An earlier output is recognised by its
  own signature (no record is kept elsewhere, so a read-only database and a copied output folder work the same):
  map: `<meta name="generator" content="agendakaart-kaart">`; report: its `<title>`/first heading; CSV: the export
  header row; JSONL: a first line with exactly the export fields; GeoJSON: a FeatureCollection with the
  `agendakaart` member; review template: its first line, and only while no line is uncommented (a filled-in
  template is the user's work). An empty file holds nothing to lose.
- **Write atomically**: into a temporary file in the same folder, flushed and synced, then `os.replace`; on any
  failure (disk full, no permission, an interrupt) the temporary file is removed and the old file is untouched.
"""

from __future__ import annotations

import errno
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from agendakaart.errors import OutputError

KINDS = ("kaart", "rapport", "rapport-md", "csv", "jsonl", "geojson", "sjabloon", "figuur", "feed", "transparantie")
MAP_SIGNATURE = '<meta name="generator" content="agendakaart-kaart">'
REPORT_SIGNATURE = "<title>Rapport agendakaart</title>"
REPORT_MD_SIGNATURE = "# Waar gaat het kabinet naartoe? — rapport"
TEMPLATE_SIGNATURE = "# agendakaart overrides"
_HEAD = 8192


def _export_fields() -> tuple[str, ...]:
    from agendakaart.store.queries import EXPORT_FIELDS

    return EXPORT_FIELDS


def _head(path: Path, size: int = _HEAD) -> str:
    with open(path, "rb") as fh:
        return fh.read(size).decode("utf-8", errors="replace").lstrip("\ufeff")


def _tail(path: Path, size: int = 400) -> str:
    with open(path, "rb") as fh:
        fh.seek(0, os.SEEK_END)
        fh.seek(max(0, fh.tell() - size))
        return fh.read().decode("utf-8", errors="replace")


def _older_map(path: Path) -> bool:
    """A kaart.html of an agendakaart before the generator tag: its own script is the last one in the file."""
    return 'id="kaart-data"' in _head(path, 1 << 16) or "window.__kaart" in _tail(path, 1 << 16)


def _is_csv(path: Path) -> bool:
    first = _head(path).splitlines()[:1]
    fields = _export_fields()
    return bool(first) and first[0] in (",".join(fields), ";".join(fields), "\t".join(fields))


def _is_jsonl(path: Path) -> bool:
    first = _head(path, 1 << 20).split("\n", 1)[0]
    try:
        obj = json.loads(first)
    except ValueError:
        return False
    return isinstance(obj, dict) and tuple(obj) == _export_fields()


def _is_geojson(path: Path) -> bool:
    head = _head(path, 64).replace(" ", "")
    return head.startswith('{"type":"FeatureCollection"') and '"agendakaart": {"left_out"' in _tail(path)


def _is_template(path: Path) -> bool:
    text = path.read_text(encoding="utf-8", errors="replace")
    lines = text.splitlines()
    return (
        bool(lines)
        and lines[0].startswith(TEMPLATE_SIGNATURE)
        and all(not ln.strip() or ln.lstrip().startswith("#") for ln in lines)
    )


_RECOGNISERS: dict[str, Callable[[Path], bool]] = {
    "kaart": lambda p: MAP_SIGNATURE in _head(p) or _older_map(p),
    "rapport": lambda p: REPORT_SIGNATURE in _head(p, 1024),
    "rapport-md": lambda p: _head(p, 256).startswith(REPORT_MD_SIGNATURE),
    "figuur": lambda p: "agendakaart" in _head(p, 1 << 16) or "agendakaart" in _tail(p, 1 << 14),
    "feed": lambda p: "agendakaart" in _head(p, 1 << 14),
    "transparantie": lambda p: _head(p, 4096).startswith(
        ("groep", "\ufeffgroep", "id", "bewindspersoon", "ministerie", "maand")
    ),
    "csv": _is_csv,
    "jsonl": _is_jsonl,
    "geojson": _is_geojson,
    "sjabloon": _is_template,
}


def is_earlier_output(path: Path, kind: str) -> bool:
    """Does the existing file at `path` carry the signature of an output of this kind (or hold nothing at all)?"""
    if path.stat().st_size == 0:
        return True
    return _RECOGNISERS[kind](path)


def database_files(db_path: Path | None) -> set[Path]:
    """The database and the files SQLite keeps beside it, resolved."""
    if db_path is None or str(db_path) == ":memory:":
        return set()
    base = Path(db_path).resolve()
    return {base, *(base.with_name(base.name + s) for s in ("-wal", "-shm", "-journal", ".lock"))}


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def check_output(out: Path, kind: str, *, db_path: Path | None = None, force: bool = False) -> None:
    """Raise OutputError when writing `out` could destroy data this command did not make (see module docstring)."""
    out = Path(out)
    target = out.resolve()
    for f in database_files(db_path):
        if target == f or _same_file(target, f) or f in target.parents:
            raise OutputError(f"{out} is de database (of hoort erbij): kies een ander uitvoerbestand met --out")
    if target.is_dir():
        raise OutputError(f"{out} is een map: geef een bestandsnaam met --out")
    if target.exists() and not target.is_file():
        raise OutputError(f"{out} is geen gewoon bestand (een apparaat of pipe): geef een bestandsnaam met --out")
    if not target.exists() or force:
        return
    if _looks_like_sqlite(target):
        raise OutputError(f"{out} is een SQLite-database: kies een ander uitvoerbestand met --out")
    try:
        ours = is_earlier_output(target, kind)
    except OSError as exc:
        raise OutputError(os_error_text(exc, out, "lezen")) from exc
    if not ours:
        raise OutputError(
            f"{out} bestaat al en is geen eerdere uitvoer van dit commando: kies een ander "
            f"bestand met --out, of overschrijf het met --force"
        )


def _looks_like_sqlite(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def os_error_text(exc: OSError, path: Path | str, doing: str = "schrijven") -> str:
    """An OSError -> one Dutch line: what happened to which path, and what to do."""
    code = exc.errno
    if code == errno.ENOSPC or code == errno.EDQUOT:
        return f"{doing} van {path} mislukt: de schijf is vol. Maak ruimte vrij of kies een andere map."
    if code in (errno.EACCES, errno.EPERM):
        return f"{doing} van {path} mislukt: geen toestemming. Kies een map waarin u mag schrijven."
    if code == errno.EROFS:
        return f"{doing} van {path} mislukt: de map is alleen-lezen. Kies een andere map."
    if code == errno.ENOENT:
        return f"{path} bestaat niet. Controleer de naam en de map."
    if code == errno.EISDIR:
        return f"{path} is een map, geen bestand. Geef een bestandsnaam."
    if code == errno.ENOTDIR:
        return f"{doing} van {path} mislukt: een deel van het pad is geen map. Controleer het pad."
    reason = _REASONS.get(code or 0)
    if reason:
        return f"{doing} van {path} mislukt: {reason}"
    return f"{doing} van {path} mislukt (foutcode {code}). Controleer de map en probeer het opnieuw."


_REASONS = {
    errno.EEXIST: "een deel van het pad is een bestand, geen map. Controleer het pad.",
    errno.ENAMETOOLONG: "de naam is te lang. Kies een kortere naam.",
    errno.EIO: "lees- of schrijffout op de schijf. Controleer de schijf en probeer het opnieuw.",
    errno.EMFILE: "te veel open bestanden. Sluit andere programma's en probeer het opnieuw.",
    errno.ELOOP: "te veel symbolische koppelingen in het pad. Controleer het pad.",
    errno.EINVAL: "ongeldige bestandsnaam. Kies een andere naam.",
    errno.EBUSY: "het bestand is in gebruik. Sluit het en probeer het opnieuw.",
    errno.ETXTBSY: "het bestand is in gebruik. Sluit het en probeer het opnieuw.",
    errno.EFBIG: "het bestand wordt te groot voor deze schijf. Kies een andere map.",
}


@contextmanager
def atomic_open(
    out: Path, *, encoding: str = "utf-8", newline: str | None = "\n", binary: bool = False
) -> Iterator[IO]:
    """`with atomic_open(path) as fh: fh.write(...)`: the file appears whole, or not at all (old file kept).

    Errors of the file system become OutputError with a Dutch line; no temporary file is ever left behind.
    """
    out = Path(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    except OSError as exc:
        raise OutputError(os_error_text(exc, out)) from exc
    tmp = Path(tmp_name)
    try:
        mode = "wb" if binary else "w"
        kwargs = {} if binary else {"encoding": encoding, "newline": newline}
        with os.fdopen(fd, mode, **kwargs) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        _keep_mode(out, tmp)
        os.replace(tmp, out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(os_error_text(exc, out)) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _keep_mode(out: Path, tmp: Path) -> None:
    """The new file gets the old one's permissions, or the usual ones (mkstemp makes it 0600)."""
    try:
        mode = out.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(tmp, mode)


def write_text_atomic(out: Path, text: str, *, encoding: str = "utf-8") -> Path:
    """Write `text` to `out` atomically (see atomic_open)."""
    with atomic_open(out, encoding=encoding) as fh:
        fh.write(text)
    return Path(out)
