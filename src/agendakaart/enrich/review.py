"""Review helpers: group unresolved activities by text, most frequent first, and draft an overrides file."""

from __future__ import annotations

import json
from collections import defaultdict

from agendakaart.enrich.text import fold


def group_for_review(rows) -> list[dict]:
    """Rows (id, title, location_text, precision, reason, …) -> groups of the same folded text, biggest first."""
    groups: dict[str, dict] = defaultdict(lambda: {"rows": []})
    for row in rows:
        text = " ".join(filter(None, (row["title"], f"({row['location_text']})" if row["location_text"] else None)))
        g = groups[" ".join(fold(text).split())]
        g["rows"].append(row)
        g.setdefault("text", text)
        g.setdefault("precision", row["precision"])
        g.setdefault("reason", row["reason"] or "")
    return sorted(groups.values(), key=lambda g: (-len(g["rows"]), g["text"]))


def _toml_str(value: str) -> str:
    """A TOML basic string: JSON string escaping is valid TOML ("a\\"b")."""
    return json.dumps(value, ensure_ascii=False)


def overrides_template(groups: list[dict]) -> str:
    """A TOML overrides file with one commented-out entry per group, ready to edit."""
    lines = [
        "# agendakaart overrides (correcties) — haal bij een item de # weg voor de regels van [[override]] tot",
        "# en met type, vul place en/of type in (een leeg veld telt niet mee), en draai dan:",
        "#   agendakaart enrich --overrides DIT_BESTAND",
        "# kiezen met één van: id = \"activiteit-id\", url = \"pagina-URL\", pattern = \"tekst\" (of \"/regex/\")",
        "# invullen: place = \"Leiden\" | \"GM0546\", lat/lon = getallen, type = werkbezoek|evenement|gesprek|"
        "toespraak|vergadering|parlement|media|overig",
        "",
    ]
    for g in groups:
        first = g["rows"][0]
        lines.append(f"# {len(g['rows'])}x: {g['text'][:100]}  [{g['precision']}: {g['reason'][:80]}]")
        lines.append("# [[override]]")
        if len(g["rows"]) > 1 and first["title"]:
            lines.append(f"# pattern = {_toml_str(first['title'][:80])}")
        else:
            lines.append(f"# id = {_toml_str(first['id'])}")
        lines.append("# place = \"\"")
        lines.append("# type = \"\"")
        lines.append("")
    return "\n".join(lines) + "\n"
