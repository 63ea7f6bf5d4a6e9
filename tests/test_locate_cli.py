"""`agendakaart locate`: the JSON-lines contract, both input forms, bad lines, hostile text."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from agendakaart.cli import main

FIELDS = {
    "id",
    "place",
    "gm_code",
    "gemeente",
    "province",
    "country",
    "lat",
    "lon",
    "precision",
    "is_den_haag",
    "is_abroad",
    "npvr_region",
    "activity_type",
    "confidence",
    "reason",
    "override",
}


def locate(lines: list[str]) -> list[dict]:
    result = CliRunner().invoke(main, ["locate"], input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines()]


def test_both_input_forms():
    out = locate(
        [
            json.dumps({"id": "r1", "text": "Werkbezoek: opening van de sluis (Terneuzen)"}),
            json.dumps(
                {
                    "id": "r2",
                    "title": "Debat over de Voorjaarsnota",
                    "description": None,
                    "location_text": None,
                    "type_label": "Kamerdebat",
                }
            ),
            json.dumps({"id": 3, "text": "Gesprek: met de burgemeester van Loppersum"}),
            json.dumps({"id": "r4", "text": "Informele Raad Buitenlandse Zaken (Kopenhagen, Denemarken)"}),
        ]
    )
    assert [o["id"] for o in out] == ["r1", "r2", 3, "r4"]
    assert all(set(o) == FIELDS for o in out)
    assert (out[0]["gm_code"], out[0]["npvr_region"], out[0]["activity_type"]) == (
        "GM0715",
        "Zeeuws-Vlaanderen",
        "werkbezoek",
    )
    assert (out[1]["gm_code"], out[1]["is_den_haag"], out[1]["activity_type"]) == ("GM0518", True, "parlement")
    assert (out[2]["gm_code"], out[2]["activity_type"]) == ("GM1979", "gesprek")
    assert (out[3]["country"], out[3]["is_abroad"], out[3]["activity_type"]) == ("DK", True, "vergadering")


def test_bad_lines_answer_with_error_and_never_crash():
    out = locate(
        [
            "not json",
            "[1, 2]",
            '{"id": "x", "title": {"a": 1}}',
            '"just a string"',
            '{"id": "y"}',
            json.dumps({"id": "z", "text": None}),
        ]
    )
    assert len(out) == 6
    assert out[0]["precision"] == "none" and "error" in out[0] and out[0]["id"] is None
    assert "error" in out[1] and "error" in out[3]
    assert out[2]["id"] == "x" and out[2]["precision"] == "none"
    assert out[4]["id"] == "y" and out[4]["precision"] == "none" and out[4]["reason"]
    assert out[5]["id"] == "z" and out[5]["precision"] == "none"


@pytest.mark.parametrize(
    "title",
    [
        "",
        "🚆 " * 200,
        "<script>alert('x')</script><img onerror=x>",
        "Ж" * 5000,
        "Werkbezoek " * 10_000,
        "\u202e\u200bLeiden\u200b",
    ],
)
def test_hostile_text(title):
    out = locate([json.dumps({"id": "h", "title": title, "description": title})])
    assert len(out) == 1 and out[0]["id"] == "h" and out[0]["reason"]
    assert out[0]["is_den_haag"] is False


def test_one_output_line_per_input_line_in_order():
    lines = [
        json.dumps({"id": f"n{i}", "text": t})
        for i, t in enumerate(
            ["Ministerraad", "Verlof", "Werkbezoek aan Twente", "Interview met NOS", "Toespraak (Maastricht)"] * 20
        )
    ]
    out = locate(lines)
    assert [o["id"] for o in out] == [f"n{i}" for i in range(100)]
    assert [o["precision"] for o in out[:5]] == ["venue", "none", "regio", "none", "woonplaats"]


def test_text_with_separate_fields():
    out = locate(
        [
            json.dumps({"id": 1, "text": "Werkbezoek aan een boerderij", "location_text": "Epe"}),
            json.dumps({"id": 2, "text": "Gesprek: met boeren (Epe)", "type_label": "Overleg"}),
        ]
    )
    assert (out[0]["gm_code"], out[0]["activity_type"]) == ("GM0232", "werkbezoek")
    assert (out[1]["gm_code"], out[1]["activity_type"]) == ("GM0232", "vergadering")


def test_locate_answers_each_line_from_a_pipe_without_waiting_for_the_end():
    """A caller that writes one line and waits for its answer is not left hanging (no read-ahead on pipes)."""
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    exe = shutil.which("agendakaart") or str(Path(sys.executable).with_name("agendakaart"))
    proc = subprocess.Popen([exe, "locate"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        answers = []
        for i, text in enumerate(["Werkbezoek aan Emmen", "Ministerraad"]):
            proc.stdin.write(json.dumps({"id": i, "text": text}) + "\n")
            proc.stdin.flush()
            answers.append(json.loads(proc.stdout.readline()))
        assert [a["gm_code"] for a in answers] == ["GM0114", "GM0518"]
    finally:
        proc.stdin.close()
        proc.wait(timeout=30)
