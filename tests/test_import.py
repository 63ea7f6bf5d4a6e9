"""File import: CSV (; or , with BOM), JSON list, JSONL and ICS; bad rows become Problems naming the line."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from agendakaart.cli import main
from agendakaart.sources.files import import_file
from agendakaart.store import open_db
from agendakaart.store.problems import open_problems

FIXTURES = Path(__file__).parent / "fixtures" / "import"


def _rows(conn, source):
    rows = conn.execute(
        "SELECT date, start_time, end_time, persons, title, location_text, type_label FROM activities "
        "WHERE source = ? ORDER BY date, title",
        (source,),
    )
    return [(r[0], r[1], r[2], json.loads(r[3]), r[4], r[5], r[6]) for r in rows]


def test_csv_semicolon_bom_with_bad_rows(store):
    result = import_file(FIXTURES / "woo.csv", store)
    assert result["source"] == "import:woo" and result["rows"] == 6 and result["activities"] == 4
    assert result["problem_reasons"] == [
        "regel 4: datum 'xx' onleesbaar",
        "regel 5: titel ontbreekt",
        "regel 6: tijd '25.99' onleesbaar; geïmporteerd zonder begintijd",
    ]
    assert _rows(store, "import:woo") == [
        ("2024-05-21", None, None, ["eelco-heinen", "sophie-hermans"], "Gesprek met VNO-NCW", "Den Haag", "Gesprek"),
        ("2024-05-21", "10:00", None, ["eelco-heinen"], "Werkbezoek aan de haven", "Rotterdam", "Werkbezoek"),
        ("2024-05-24", None, None, ["eelco-heinen"], "Tekst met ; puntkomma", "Zwolle", None),
        ("2024-05-24", None, None, ["jan-modaal"], "Toespraak op congres", "Utrecht", "Toespraak"),
    ]
    assert sorted(p.reason for p in open_problems(store)) == sorted(result["problem_reasons"])


def test_reimport_is_idempotent_and_replaces(store, tmp_path):
    first = import_file(FIXTURES / "woo.csv", store)
    again = import_file(FIXTURES / "woo.csv", store)
    assert (again["activities_new"], again["activities_updated"], again["activities_deleted"]) == (0, 0, 0)
    shorter = tmp_path / "woo.csv"
    shorter.write_text("date,title,persons\n2024-05-21,Werkbezoek aan de haven,eelco-heinen\n", encoding="utf-8")
    third = import_file(shorter, store)
    assert third["activities_deleted"] == first["activities"] - 1 and third["activities_new"] == 0
    assert store.execute("SELECT COUNT(*) FROM activities").fetchone()[0] == 1


def test_jsonl_keeps_markup_as_text_and_names_bad_lines(store):
    result = import_file(FIXTURES / "lijst.jsonl", store, name="lijst")
    assert result["problem_reasons"] == ["regel 3: regel is geen JSON", "regel 4: datum ontbreekt"]
    assert _rows(store, "import:lijst") == [
        ("2024-06-01", "14:00", "15:30", ["rob-jetten"], "Bezoek <script>alert(1)</script>", None, None),
        ("2024-06-01", None, None, ["sophie-hermans"], "Opening windpark", "Eemshaven", None),
    ]


def test_json_list_with_dutch_keys_and_unknown_person(store, tmp_path):
    path = tmp_path / "hand.json"
    path.write_text(
        json.dumps(
            [
                {
                    "datum": "dinsdag 21 mei 2024",
                    "titel": "Werkbezoek",
                    "personen": "Rob Jetten|Iemand Onbekend",
                    "locatie": "Assen",
                },
                {"datum": "2024-05-22", "titel": ""},
                "geen object",
            ],
            indent=1,
        ),
        encoding="utf-8",
    )
    result = import_file(path, store)
    lines = path.read_text(encoding="utf-8").splitlines()
    second = next(i for i, ln in enumerate(lines, 1) if ln.strip() == "{" and i > 2)
    third = next(i for i, ln in enumerate(lines, 1) if "geen object" in ln)
    assert result["problem_reasons"] == [f"regel {second}: titel ontbreekt", f"regel {third}: geen object"]
    assert _rows(store, "import:hand") == [
        ("2024-05-21", None, None, ["iemand-onbekend", "rob-jetten"], "Werkbezoek", "Assen", None)
    ]
    assert store.execute("SELECT name FROM persons WHERE slug = 'iemand-onbekend'").fetchone()[0] == "Iemand Onbekend"


def test_ics_events(store):
    result = import_file(FIXTURES / "agenda.ics", store)
    assert result["problem_reasons"] == ["regel 17: datum ontbreekt"]  # the event's BEGIN:VEVENT line
    assert _rows(store, "import:agenda") == [
        ("2024-06-03", "09:00", "10:30", ["rob-jetten"], "Werkbezoek aan Twente", "Enschede", None),
        ("2024-06-04", None, None, [], "Ministerraad", None, None),
    ]


def test_import_and_status_commands(tmp_path):
    db = tmp_path / "cli.db"
    runner = CliRunner()
    result = runner.invoke(main, ["import", str(FIXTURES / "woo.csv"), "--db", str(db), "--name", "woo-2024"])
    assert result.exit_code == 0, result.output
    conn = open_db(db)
    assert conn.execute("SELECT COUNT(*) FROM activities WHERE source = 'import:woo-2024'").fetchone()[0] == 4
    conn.close()
    status = runner.invoke(main, ["status", "--db", str(db)])
    assert status.exit_code == 0 and "open problemen: 3" in status.output and "regel 4" in status.output
