"""Import keeps every good row of any file a spreadsheet (or agendakaart itself) writes (issue 13 item 6)."""

from __future__ import annotations

import json

import pytest

from agendakaart.pipeline.outputs import export
from agendakaart.sources.files import import_file
from agendakaart.store import open_db
from synthetic import populate


def _titles(conn, source):
    return [r[0] for r in conn.execute("SELECT title FROM activities WHERE source = ? ORDER BY date, title", (source,))]


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_csv_any_line_ending_and_a_newline_inside_quotes(store, tmp_path, ending):
    lines = [
        "datum,titel,beschrijving",
        "2025-01-02,Werkbezoek Leiden,kort",
        '2025-01-03,Gesprek,"twee' + ending + 'regels"',
        "xx,Kapot,",
        "2025-01-04,Toespraak,",
    ]
    path = tmp_path / "a.csv"
    path.write_bytes(ending.join(lines).encode())
    result = import_file(path, store)
    assert result["activities"] == 3 and result["problem_reasons"] == ["regel 5: datum 'xx' onleesbaar"]
    desc = store.execute("SELECT description FROM activities WHERE title = 'Gesprek'").fetchone()[0]
    assert desc.splitlines() == ["twee", "regels"]


def test_csv_mixed_line_endings_keep_every_row(store, tmp_path):
    path = tmp_path / "gemengd.csv"
    path.write_bytes(b"datum;titel\r\n2025-02-01;Een\n2025-02-02;Twee\r2025-02-03;Drie\r\nnee;Vier\n2025-02-05;Vijf")
    result = import_file(path, store)
    assert _titles(store, "import:gemengd") == ["Een", "Twee", "Drie", "Vijf"]
    assert result["problem_reasons"] == ["regel 5: datum 'nee' onleesbaar"]


def test_tab_separated_utf16_as_excel_unicode_text(store, tmp_path):
    path = tmp_path / "excel.txt"
    path.write_bytes("datum\ttitel\tlocatie\r\n2025-03-01\tBezoek aan Den Bosch\t's-Hertogenbosch\r\n".encode("utf-16"))
    assert import_file(path, store)["activities"] == 1
    assert store.execute("SELECT location_text FROM activities").fetchone()[0] == "'s-Hertogenbosch"


def test_cp1252_bytes_and_bom(store, tmp_path):
    path = tmp_path / "win.csv"
    path.write_bytes("datum;titel\r\n2025-03-02;Opening café € 5\r\n".encode("cp1252"))
    import_file(path, store)
    assert _titles(store, "import:win") == ["Opening café € 5"]


def test_a_huge_quoted_field_is_no_error(store, tmp_path):
    path = tmp_path / "groot.csv"
    big = "lang " * 200_000
    path.write_text(f'datum,titel,beschrijving\n2025-04-01,Groot,"{big}"\n2025-04-02,Klein,x\n', encoding="utf-8")
    result = import_file(path, store)
    assert result["activities"] == 2 and not result["problem_reasons"]
    assert len(store.execute("SELECT description FROM activities WHERE title='Groot'").fetchone()[0]) == len(
        big.strip()
    )


def test_a_bad_time_drops_the_field_not_the_row(store, tmp_path):
    path = tmp_path / "tijd.csv"
    path.write_text("datum,titel,starttijd,eindtijd\n2025-05-01,Bezoek,10:00,99:99\n", encoding="utf-8")
    result = import_file(path, store)
    assert result["activities"] == 1
    assert tuple(store.execute("SELECT start_time, end_time FROM activities").fetchone()) == ("10:00", None)
    assert result["problem_reasons"] == ["regel 2: eindtijd '99:99' onleesbaar; geïmporteerd zonder eindtijd"]


@pytest.mark.parametrize("fmt,sep", [("jsonl", ","), ("csv", ","), ("csv", ";")])
def test_every_line_of_our_own_export_comes_back(tmp_path, fmt, sep):
    src = open_db(tmp_path / "bron.db")
    populate(src, n=150, seed=9)
    odd = "Titel met\u2028regelscheiding, \x85NEL, \x0bVT, \x0cFF en =formule"
    src.execute("UPDATE activities SET title = ? WHERE rowid = 3", (odd,))
    src.execute("UPDATE activities SET title = '+31 nummer', description = '-min' WHERE rowid = 4")
    out = tmp_path / f"export.{fmt}"
    written = export(src, out, fmt=fmt, sep=sep)
    want = sorted(r[0] for r in src.execute("SELECT title FROM activities"))
    src.close()
    dst = open_db(":memory:")
    result = import_file(out, dst, name="terug")
    assert result["problem_reasons"] == [] and result["activities"] == written == len(want)
    assert sorted(_titles(dst, "import:terug")) == want


def test_json_list_broken_halfway_keeps_the_rows_before(store, tmp_path):
    path = tmp_path / "half.json"
    path.write_text(
        '[\n{"datum": "2025-06-01", "titel": "Een"},\n{"datum": "2025-06-02", "titel": "Twee"},\n'
        '{"datum": "2025-06-03", "titel": \n',
        encoding="utf-8",
    )
    result = import_file(path, store)
    assert _titles(store, "import:half") == ["Een", "Twee"]
    assert len(result["problem_reasons"]) == 1 and result["problem_reasons"][0].startswith("regel 4: JSON onleesbaar")


ICS = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//agendakaart tests//NL\r
BEGIN:VEVENT\r
UID:z@agendakaart.invalid\r
DTSTART:20240603T080000Z\r
DTEND:20240603T093000Z\r
SUMMARY:Zomer in UTC\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:w@agendakaart.invalid\r
DTSTART:20240115T233000Z\r
SUMMARY:Winter over middernacht\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:ny@agendakaart.invalid\r
DTSTART;TZID=America/New_York:20240910T090000\r
SUMMARY:New York\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:f@agendakaart.invalid\r
DTSTART:20240910T090000\r
SUMMARY:Zwevend\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_ics_time_zones_become_amsterdam_time(store, tmp_path):
    path = tmp_path / "tz.ics"
    path.write_text(ICS, encoding="utf-8", newline="")
    import_file(path, store)
    got = {r[0]: (r[1], r[2], r[3]) for r in store.execute("SELECT title, date, start_time, end_time FROM activities")}
    assert got["Zomer in UTC"] == ("2024-06-03", "10:00", "11:30")  # CEST = UTC+2
    assert got["Winter over middernacht"] == ("2024-01-16", "00:30", None)  # CET = UTC+1: the next day
    assert got["New York"] == ("2024-09-10", "15:00", None)
    assert got["Zwevend"] == ("2024-09-10", "09:00", None)  # no zone: as written


def test_importing_an_export_into_its_own_database_changes_nothing_of_the_collected_data(tmp_path):
    from agendakaart.outputs.filters import Filters

    import hashlib

    conn = open_db(tmp_path / "eigen.db")
    populate(conn, n=120, seed=4)
    for (old,) in conn.execute("SELECT id FROM activities").fetchall():  # ids as collect makes them
        new = hashlib.sha256(old.encode()).hexdigest()[:16]
        conn.execute("UPDATE activities SET id = ? WHERE id = ?", (new, old))
        conn.execute("UPDATE enrichments SET activity_id = ? WHERE activity_id = ?", (new, old))
    before = conn.execute("SELECT * FROM activities ORDER BY id").fetchall()
    out = tmp_path / "deel.jsonl"
    written = export(conn, out, fmt="jsonl", flt=Filters(types=("werkbezoek",)))
    result = import_file(out, conn, name="deel")
    assert 0 < written < len(before)
    assert result["activities_elsewhere"] == written and result["activities_new"] == 0
    assert [tuple(r) for r in conn.execute("SELECT * FROM activities ORDER BY id")] == [tuple(r) for r in before]
    conn.close()


def test_a_large_import_is_written_in_batches(store, tmp_path, monkeypatch):
    import agendakaart.sources.files as files

    monkeypatch.setattr(files, "BATCH", 7)
    path = tmp_path / "veel.csv"
    path.write_text(
        "datum,titel\n" + "".join(f"2025-01-{1 + i % 28:02d},Overleg {i % 40}\n" for i in range(100)), encoding="utf-8"
    )
    first = import_file(path, store)
    assert first["activities"] == first["activities_new"] == 100
    assert store.execute("SELECT COUNT(DISTINCT id) FROM activities").fetchone()[0] == 100
    path.write_text(
        "datum,titel\n" + "".join(f"2025-01-{1 + i % 28:02d},Overleg {i % 40}\n" for i in range(60)), encoding="utf-8"
    )
    again = import_file(path, store)
    assert (again["activities_new"], again["activities_updated"], again["activities_deleted"]) == (0, 0, 40)


def test_an_empty_or_useless_file_does_not_wipe_an_earlier_import(store, tmp_path):
    from agendakaart.errors import ImportFileError

    path = tmp_path / "agenda.csv"
    path.write_text("datum,titel\n2025-01-02,Een\n2025-01-03,Twee\n", encoding="utf-8")
    import_file(path, store)
    for text in ("", "datum,titel\nxx,Kapot\n", "naam;adres\nJansen;Dorpsstraat 1\n"):
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ImportFileError):
            import_file(path, store)
        assert _titles(store, "import:agenda") == ["Een", "Twee"]


def test_a_csv_without_date_or_title_column_says_so(store, tmp_path):
    from agendakaart.errors import ImportFileError

    path = tmp_path / "adressen.csv"
    path.write_text("naam;adres\nJansen;Dorpsstraat 1\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="geen kolom datum en titel"):
        import_file(path, store)
    assert store.execute("SELECT COUNT(*) FROM activities").fetchone()[0] == 0
