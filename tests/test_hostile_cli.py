"""Hostile invocations (issue 13): each must end with a non-zero exit code, exactly one Dutch line on stderr and no
traceback, and leave the database and earlier outputs byte-identical (or still valid)."""

from __future__ import annotations

import errno
import hashlib
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from agendakaart.cli import main
from agendakaart.store import open_db
from agendakaart.store.migrations import known_version
from synthetic import populate

# words that show an English (or raw Python) message slipped through
_ENGLISH = (
    "Error",
    "error:",
    "Invalid",
    "No such",
    "Traceback",
    "Exception",
    "does not exist",
    "is not a",
    "Usage:",
    "Try '",
    "cannot",
    "unable",
    "Permission denied",
    "No space",
)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def invoke(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def assert_one_dutch_line(result, *fragments: str, code: int | None = None) -> str:
    """Non-zero exit, one 'fout: ...' line on stderr and nothing else there, no traceback, no English."""
    assert result.exit_code != 0, result.output
    if code is not None:
        assert result.exit_code == code, result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert line.startswith("fout: "), line
    for word in _ENGLISH:
        assert word not in line, f"{word!r} in {line!r}"
    for fragment in fragments:
        assert fragment in line, f"{fragment!r} not in {line!r}"
    return line


def no_temp_files(folder: Path) -> bool:
    return not [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "agenda.db"
    conn = open_db(path)
    populate(conn, n=60, seed=5)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


# ---- outputs never overwrite data they did not make ------------------------------------------------------------

OUTPUT_COMMANDS = {
    "export-csv": ["export", "--format", "csv", "--out"],
    "export-jsonl": ["export", "--format", "jsonl", "--out"],
    "export-geojson": ["export", "--format", "geojson", "--out"],
    "map": ["map", "--out"],
    "report": ["report", "--out"],
    "report-md": ["report", "--format", "md", "--out"],
    "review": ["review", "--out"],
}


@pytest.mark.parametrize("name", list(OUTPUT_COMMANDS))
@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
def test_output_onto_the_database_is_refused(db, name, suffix):
    conn = sqlite3.connect(db)  # keep -wal/-shm present
    conn.execute("PRAGMA journal_mode=WAL")
    before = sha(db)
    target = Path(f"{db}{suffix}")
    target.touch()
    result = invoke(*OUTPUT_COMMANDS[name], target, "--db", db, "--force")
    conn.close()
    assert_one_dutch_line(result, "is de database")
    assert sha(db) == before
    open_db(db, check=True).close()


@pytest.mark.parametrize("name", list(OUTPUT_COMMANDS))
def test_someone_elses_file_is_kept_unless_force(db, tmp_path, name):
    other = tmp_path / "notities.txt"
    other.write_text("mijn eigen aantekeningen\n", encoding="utf-8")
    before = sha(other)
    result = invoke(*OUTPUT_COMMANDS[name], other, "--db", db)
    assert_one_dutch_line(result, "--force")
    assert sha(other) == before
    forced = invoke(*OUTPUT_COMMANDS[name], other, "--db", db, "--force")
    assert forced.exit_code == 0, forced.output
    assert sha(other) != before
    assert no_temp_files(tmp_path)


@pytest.mark.parametrize("name", list(OUTPUT_COMMANDS))
def test_an_earlier_output_is_replaced_without_force(db, tmp_path, name):
    out = tmp_path / f"uit-{name}"
    for _ in range(2):
        result = invoke(*OUTPUT_COMMANDS[name], out, "--db", db)
        assert result.exit_code == 0, result.output
    assert out.stat().st_size > 0 and no_temp_files(tmp_path)


def test_output_of_another_command_is_not_an_earlier_output(db, tmp_path):
    out = tmp_path / "kaart.html"
    assert invoke("report", "--out", out, "--db", db).exit_code == 0
    before = sha(out)
    assert_one_dutch_line(invoke("map", "--out", out, "--db", db), "geen eerdere uitvoer")
    assert sha(out) == before


def test_export_onto_another_sqlite_file_is_refused(db, tmp_path):
    other = tmp_path / "x.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    before = sha(other)
    assert_one_dutch_line(invoke("export", "--format", "csv", "--out", other, "--db", db), "SQLite")
    assert sha(other) == before


def test_a_filled_in_review_template_is_the_users_work(db, tmp_path):
    template = tmp_path / "correcties.toml"
    assert invoke("review", "--db", db, "--out", template).exit_code == 0
    filled = template.read_text(encoding="utf-8").replace("# [[override]]", "[[override]]", 1)
    template.write_text(filled, encoding="utf-8")
    before = sha(template)
    assert_one_dutch_line(invoke("review", "--db", db, "--out", template), "--force")
    assert sha(template) == before


def test_output_into_a_directory_path_is_refused(db, tmp_path):
    assert_one_dutch_line(invoke("export", "--format", "csv", "--out", tmp_path, "--db", db))


# ---- the file system says no -----------------------------------------------------------------------------------


def test_disk_full_while_writing_leaves_old_output_and_no_temp_file(db, tmp_path, monkeypatch):
    out = tmp_path / "a.csv"
    assert invoke("export", "--format", "csv", "--out", out, "--db", db).exit_code == 0
    before = sha(out)
    real_fsync = os.fsync

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    assert_one_dutch_line(invoke("export", "--format", "csv", "--out", out, "--db", db), "schijf is vol")
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert sha(out) == before and no_temp_files(tmp_path)


def test_no_permission_for_the_output_folder(db, tmp_path, monkeypatch):
    import tempfile

    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    assert_one_dutch_line(invoke("map", "--out", tmp_path / "k.html", "--db", db), "geen toestemming")
    assert not (tmp_path / "k.html").exists()


@pytest.fixture
def mounted(tmp_path):
    """mount(options) -> a fresh tmpfs folder with those options (root only; skipped where mounting is refused)."""
    points = []

    def mount(options: str) -> Path:
        point = tmp_path / f"mnt{len(points)}"
        point.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)], capture_output=True)
        if done.returncode != 0:
            pytest.skip("tmpfs mounten kan hier niet (geen root of geen rechten)")
        points.append(point)
        return point

    yield mount
    for point in points:
        subprocess.run(["umount", "-l", str(point)], capture_output=True)


def test_output_on_a_full_tmpfs(db, mounted):
    full = mounted("size=64k")
    filler = full / "vulling"
    with open(filler, "wb") as fh:
        try:
            fh.write(b"x" * (1 << 20))
        except OSError:
            pass
    assert_one_dutch_line(invoke("map", "--out", full / "kaart.html", "--db", db), "schijf is vol")
    assert not (full / "kaart.html").exists() and no_temp_files(full)


def test_database_on_a_full_tmpfs_stays_valid(tmp_path, mounted):
    full = mounted("size=600k")
    path = full / "agenda.db"
    conn = open_db(path)
    populate(conn, n=40, seed=2)
    conn.close()
    with open(full / "vulling", "wb") as fh:
        try:
            fh.write(b"x" * (4 << 20))
        except OSError:
            pass
    big = tmp_path / "groot.csv"
    rows = ["datum;titel;bewindspersoon"] + [
        f"2025-03-{1 + i % 28:02d};Werkbezoek nummer {i} " + "x" * 400 + ";Dick Schoof" for i in range(3000)
    ]
    big.write_text("\n".join(rows), encoding="utf-8")
    result = invoke("import", big, "--db", path)
    assert_one_dutch_line(result, "vol")
    (full / "vulling").unlink()
    check = open_db(path, check=True)
    assert check.execute("SELECT COUNT(*) FROM activities").fetchone()[0] == 40
    check.close()


def test_read_only_folder_for_outputs(db, mounted):
    ro = mounted("ro,size=64k")
    assert_one_dutch_line(invoke("export", "--format", "jsonl", "--out", ro / "a.jsonl", "--db", db), "alleen-lezen")


def test_read_only_database_can_be_read(db, mounted, tmp_path):
    ro_src = mounted("size=4m")
    copy = ro_src / "agenda.db"
    copy.write_bytes(db.read_bytes())
    subprocess.run(["mount", "-o", "remount,ro", str(ro_src)], check=True)
    before = sha(copy)
    result = invoke("export", "--format", "csv", "--out", tmp_path / "uit.csv", "--db", copy)
    assert result.exit_code == 0, result.output
    assert_one_dutch_line(invoke("enrich", "--db", copy))
    assert sha(copy) == before


# ---- databases that are not what they seem -------------------------------------------------------------------

READERS = [
    ["status"],
    ["map", "--out", "k.html"],
    ["report", "--out", "r.html"],
    ["export", "--format", "csv", "--out", "a.csv"],
    ["review"],
]
WRITERS = [["enrich"], ["import", "IMPORT"], ["collect", "--base-url", "http://127.0.0.1:9"]]


def _run_on(args: list[str], db: Path, tmp_path: Path):
    csv_file = tmp_path / "in.csv"
    csv_file.write_text("datum,titel\n2025-01-02,Werkbezoek Leiden\n", encoding="utf-8")
    args = [str(csv_file) if a == "IMPORT" else str(tmp_path / a) if a.endswith((".html", ".csv")) else a for a in args]
    return invoke(*args, "--db", db)


@pytest.mark.parametrize("args", READERS + WRITERS, ids=lambda a: a[0])
def test_file_that_is_not_a_database(tmp_path, args):
    bad = tmp_path / "geen.db"
    bad.write_bytes(b"Dit is een tekstbestand, geen database.\n" * 50)
    before = sha(bad)
    assert_one_dutch_line(_run_on(args, bad, tmp_path), "geen database")
    assert sha(bad) == before


@pytest.mark.parametrize("args", READERS + WRITERS, ids=lambda a: a[0])
def test_database_of_a_newer_agendakaart(db, tmp_path, args):
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO schema_migrations VALUES (?, 'van de toekomst', '2030-01-01')", (known_version() + 7,))
    conn.commit()
    conn.close()
    before = sha(db)
    line = assert_one_dutch_line(_run_on(args, db, tmp_path), f"schemaversie {known_version() + 7}")
    assert f"versie {known_version()}" in line
    assert sha(db) == before


@pytest.mark.parametrize("args", WRITERS, ids=lambda a: a[0])
def test_database_of_another_program(tmp_path, args):
    other = tmp_path / "ander.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE klanten (naam TEXT)")
    conn.execute("INSERT INTO klanten VALUES ('Jansen')")
    conn.commit()
    conn.close()
    before = sha(other)
    assert_one_dutch_line(_run_on(args, other, tmp_path), "ander programma")
    assert sha(other) == before


def _damage(path: Path) -> None:
    """Overwrite the middle pages (not the header) with garbage: a damaged b-tree."""
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big") or 65536
    for start in range(2 * page, len(data) - page, 2 * page):
        data[start : start + page] = bytes((i * 37) % 251 for i in range(page))
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("args", WRITERS, ids=lambda a: a[0])
def test_damaged_database_is_not_written(db, tmp_path, args):
    _damage(db)
    before = sha(db)
    assert_one_dutch_line(_run_on(args, db, tmp_path))
    assert sha(db) == before


@pytest.mark.parametrize("args", READERS + [["enrich"]], ids=lambda a: a[0])
def test_missing_database_is_named_and_not_created(tmp_path, args):
    missing = tmp_path / "nergens.db"
    assert_one_dutch_line(_run_on(args, missing, tmp_path), "bestaat niet")
    assert not missing.exists()


@pytest.mark.parametrize("command", ["collect", "run"])
def test_database_in_a_missing_folder(tmp_path, command):
    """The folder is named (not the lock file beside the database), and nothing is made."""
    folder = tmp_path / "geen" / "map"
    extra = ["--out", tmp_path / "uit"] if command == "run" else []
    line = assert_one_dutch_line(invoke(command, "--db", folder / "a.db", *extra), "bestaat niet")
    assert f"map {folder} bestaat niet" in line and ".lock" not in line
    assert not (tmp_path / "geen").exists()


# ---- demo writes only into its own folder ----------------------------------------------------------------------


def test_demo_refuses_a_folder_holding_a_database(db, tmp_path):
    folder = tmp_path / "werk"
    folder.mkdir()
    real = folder / "agendakaart.db"
    real.write_bytes(db.read_bytes())
    before = sha(real)
    assert_one_dutch_line(invoke("demo", "--out", folder), "niet door `agendakaart demo` gemaakt")
    assert sha(real) == before
    assert {p.name for p in folder.iterdir()} <= {"agendakaart.db", "agendakaart.db-wal", "agendakaart.db-shm"}


def test_demo_refuses_a_folder_with_other_files(tmp_path):
    folder = tmp_path / "documenten"
    folder.mkdir()
    (folder / "brief.txt").write_text("tekst", encoding="utf-8")
    assert_one_dutch_line(invoke("demo", "--out", folder))
    assert sorted(p.name for p in folder.iterdir()) == ["brief.txt"]


def test_demo_refuses_its_own_folder_once_it_holds_real_data(tmp_path):
    from agendakaart.pipeline.run import DEMO_MARKER

    folder = tmp_path / "demo"
    folder.mkdir()
    (folder / DEMO_MARKER).write_text("", encoding="utf-8")
    conn = open_db(folder / "agendakaart.db")
    conn.execute(
        "INSERT INTO runs (kind, started_at, settings) VALUES ('collect', '2025-01-01', "
        "'{\"base_url\": \"https://www.rijksoverheid.nl\"}')"
    )
    conn.close()
    before = sha(folder / "agendakaart.db")
    assert_one_dutch_line(invoke("demo", "--out", folder), "echte site")
    assert sha(folder / "agendakaart.db") == before


def test_demo_into_a_file(tmp_path):
    f = tmp_path / "bestand"
    f.write_text("x", encoding="utf-8")
    assert_one_dutch_line(invoke("demo", "--out", f), "geen map")
    assert f.read_text(encoding="utf-8") == "x"


# ---- collect: options and one at a time ------------------------------------------------------------------------


@pytest.mark.parametrize("rate", ["0", "-1", "nan", "100", "inf", "abc"])
def test_bad_rate(tmp_path, rate):
    path = tmp_path / "a.db"
    result = invoke("collect", "--db", path, "--rate", rate)
    assert_one_dutch_line(result, "--rate")
    assert not path.exists()


def test_fast_rate_needs_the_explicit_flag(tmp_path, monkeypatch):
    seen = {}

    def fake_collect(settings, conn, progress=None, rss=False):
        seen["rate"] = settings.rate
        return {}, []

    monkeypatch.setattr("agendakaart.pipeline.collect.collect_report", fake_collect)
    remote = "https://www.rijksoverheid.nl"
    assert_one_dutch_line(
        invoke("collect", "--db", tmp_path / "a.db", "--rate", "20", "--base-url", remote), "--allow-fast"
    )
    result = invoke("collect", "--db", tmp_path / "a.db", "--rate", "20", "--allow-fast", "--base-url", remote)
    assert result.exit_code == 0, result.output
    assert seen["rate"] == 20
    local = invoke("collect", "--db", tmp_path / "a.db", "--rate", "200", "--base-url", "http://127.0.0.1:9")
    assert local.exit_code == 0 and seen["rate"] == 200  # a replica on this machine may be fast


def test_since_after_until(tmp_path):
    result = invoke("collect", "--db", tmp_path / "a.db", "--since", "2025-06-01", "--until", "2025-01-01")
    assert_one_dutch_line(result, "2025-06-01", "2025-01-01")


def test_bad_date(tmp_path):
    assert_one_dutch_line(invoke("collect", "--db", tmp_path / "a.db", "--since", "1 maart"), "JJJJ-MM-DD")


def test_unknown_person_is_named(tmp_path):
    result = invoke("collect", "--db", tmp_path / "a.db", "--persons", "dick-schoof,dik-schoof,niemand-bekend")
    line = assert_one_dutch_line(result, "dik-schoof", "niemand-bekend")
    assert "'dick-schoof'" not in line and "bedoelt u dick-schoof" in line


def test_two_collects_at_once(db, tmp_path):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
        import sys, time
        from pathlib import Path
        from agendakaart.pipeline.lock import collect_lock
        with collect_lock(Path({str(db)!r})):
            print("vast", flush=True)
            time.sleep(60)
    """),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "vast"
        before = sha(db)
        result = invoke("collect", "--db", db, "--base-url", "http://127.0.0.1:9")
        assert_one_dutch_line(result, "er loopt al een collect", f"pid {holder.pid}")
        assert sha(db) == before
    finally:
        holder.kill()
        holder.wait()


def test_lock_is_released_after_a_crash(db):
    """kill -9 of a collect frees the database: flock goes with the process."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
        import time
        from pathlib import Path
        from agendakaart.pipeline.lock import collect_lock
        with collect_lock(Path({str(db)!r})):
            print("vast", flush=True)
            time.sleep(60)
    """),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "vast"
    holder.kill()
    holder.wait()
    from agendakaart.pipeline.lock import collect_lock

    with collect_lock(db):
        pass


# ---- the error tree itself -------------------------------------------------------------------------------------


def test_unexpected_failure_is_one_line_and_debug_shows_the_traceback(db, tmp_path, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("iets onverwachts")

    monkeypatch.setattr("agendakaart.pipeline.outputs.build_report", boom)
    out = tmp_path / "r.html"
    line = assert_one_dutch_line(invoke("report", "--db", db, "--out", out), "--debug")
    assert "iets onverwachts" in line
    debug = CliRunner().invoke(main, ["report", "--db", str(db), "--out", str(out), "--debug"])
    assert debug.exit_code == 1 and "Traceback" in debug.stderr and "RuntimeError" in debug.stderr


def test_unknown_option_and_command_in_dutch():
    assert_one_dutch_line(invoke("export", "--formaat", "csv"), "onbekende optie")
    assert_one_dutch_line(invoke("kaartje"), "onbekend commando")
    assert_one_dutch_line(invoke("export", "--format", "xls", "--out", "a"), "--format")


# ---- input files -----------------------------------------------------------------------------------------------


def test_malformed_overrides_name_every_line_and_change_nothing(db, tmp_path):
    bad = tmp_path / "correcties.csv"
    bad.write_text("id;place;type\na;Nergenshuizen;\nb;;feest\n", encoding="utf-8")
    before = sha(db)
    line = assert_one_dutch_line(invoke("enrich", "--db", db, "--overrides", bad), "2 fouten", "regel 2", "regel 3")
    assert "Nergenshuizen" in line and "feest" in line
    assert sha(db) == before


def test_overrides_that_are_not_text(db, tmp_path):
    bad = tmp_path / "correcties.toml"
    bad.write_bytes(b"\xff\xfe\x00\x00 binair \x9c")
    assert_one_dutch_line(invoke("enrich", "--db", db, "--overrides", bad), "correctiebestand")


def test_import_of_a_csv_with_mixed_line_endings_keeps_the_good_rows(tmp_path):
    path = tmp_path / "agenda.csv"
    path.write_bytes(
        b"datum;titel;starttijd\r\n2025-02-01;Een;10:00\n2025-02-02;Twee;33:00\r2025-02-03;Drie;\r\nkapot;Vier;\n"
    )
    db = tmp_path / "a.db"
    result = invoke("import", path, "--db", db)
    assert result.exit_code == 0, result.output
    assert "3 activiteiten uit 4 regels" in result.stdout
    assert "regel 3: tijd '33:00' onleesbaar" in result.stderr and "regel 5: datum 'kapot'" in result.stderr


def test_import_of_a_file_that_is_no_agenda(tmp_path):
    path = tmp_path / "foto.ics"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    db = tmp_path / "a.db"
    assert_one_dutch_line(invoke("import", path, "--db", db), "ICS")
    conn = open_db(db, check=True)
    assert conn.execute("SELECT COUNT(*) FROM activities").fetchone()[0] == 0
    conn.close()


def test_import_of_a_missing_file(tmp_path):
    assert_one_dutch_line(invoke("import", tmp_path / "nergens.csv", "--db", tmp_path / "a.db"), "bestaat niet")


# ---- Dutch for everything a person reads -----------------------------------------------------------------------


def _all_commands(group, prefix=()):
    import click

    for name, command in group.commands.items():
        yield prefix + (name,), command
        if isinstance(command, click.Group):
            yield from _all_commands(command, prefix + (name,))


@pytest.mark.parametrize("path", [p for p, _c in _all_commands(main)], ids=" ".join)
def test_help_is_dutch(path):
    result = invoke(*path, "--help")
    assert result.exit_code == 0
    for english in (
        "Usage:",
        "Options:",
        "Commands:",
        "Show this message",
        "[default:",
        "[required]",
        " TEXT",
        " FLOAT",
        " INTEGER",
        "[OPTIONS]",
    ):
        assert english not in result.output, (english, result.output)
    for english in (" the ", "Only ", "Write ", "Requests per", "File to", "Folder for", " of every "):
        assert english not in result.output, (english, result.output)


def test_log_lines_are_dutch_without_module_names():
    import logging

    from agendakaart.cli import _DutchFormatter

    record = logging.LogRecord(
        "agendakaart.pipeline.collect", logging.WARNING, __file__, 1, "pagina %s mislukt", ("x",), None
    )
    assert _DutchFormatter(with_names=False).format(record) == "waarschuwing: pagina x mislukt"


def test_status_is_a_table(db):
    result = invoke("status", "--db", db)
    assert result.exit_code == 0
    assert "{" not in result.output and "activiteiten" in result.output
    assert any(line.strip().startswith("waarvan verrijkt") for line in result.output.splitlines())


def test_unreachable_site(tmp_path, monkeypatch):
    import socket

    from agendakaart.sources.http import Fetcher

    monkeypatch.setattr(Fetcher, "_backoff", lambda self, *a: 0.0)  # retries without waiting
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{s.getsockname()[1]}"
    db = tmp_path / "a.db"
    assert_one_dutch_line(invoke("collect", "--db", db, "--base-url", closed), "niet bereikbaar", closed)


def test_import_of_the_database_itself(db):
    before = sha(db)
    assert_one_dutch_line(invoke("import", db, "--db", db), "de database zelf")
    assert sha(db) == before


def test_a_map_of_an_older_agendakaart_is_an_earlier_output(db, tmp_path):
    out = tmp_path / "kaart.html"
    assert invoke("map", "--db", db, "--out", out).exit_code == 0
    from agendakaart.safe_output import MAP_SIGNATURE

    out.write_text(out.read_text(encoding="utf-8").replace(MAP_SIGNATURE, ""), encoding="utf-8")
    assert invoke("map", "--db", db, "--out", out).exit_code == 0


@pytest.mark.parametrize("args", READERS, ids=lambda a: a[0])
def test_damaged_database_for_reading_commands(db, tmp_path, args):
    _damage(db)
    before = sha(db)
    assert_one_dutch_line(_run_on(args, db, tmp_path), "beschadigd")
    assert sha(db) == before


def test_output_onto_a_device_is_refused(db):
    assert_one_dutch_line(
        invoke("export", "--format", "csv", "--out", "/dev/null", "--db", db, "--force"), "geen gewoon bestand"
    )
    assert Path("/dev/null").is_char_device()


@pytest.mark.parametrize("url", ["foo", "", "ftp://example.org", "https://"])
def test_base_url_that_is_no_web_address(tmp_path, url):
    path = tmp_path / "a.db"
    assert_one_dutch_line(invoke("collect", "--db", path, "--base-url", url), "--base-url")
    assert_one_dutch_line(invoke("doctor", "--base-url", url), "--base-url")
    assert not path.exists()
