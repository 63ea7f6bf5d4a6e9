"""Every CLI command has help text and answers --help."""

import click
import pytest
from click.testing import CliRunner

from agendakaart.cli import main


def _commands(group: click.Group, prefix=()):
    for name, command in group.commands.items():
        yield prefix + (name,), command
        if isinstance(command, click.Group):
            yield from _commands(command, prefix + (name,))


@pytest.mark.parametrize(
    "path,command", list(_commands(main)), ids=lambda v: " ".join(v) if isinstance(v, tuple) else ""
)
def test_command_has_help(path, command):
    assert (command.help or "").strip(), f"{' '.join(path)} has no help text"
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0, result.output


def test_known_error_is_a_clean_message(tmp_path):
    bad = tmp_path / "not-a-db.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    result = CliRunner().invoke(
        main, ["run", "--db", str(bad), "--base-url", "http://127.0.0.1:9", "--out", str(tmp_path)]
    )
    assert result.exit_code == 1
    assert result.output.startswith("fout:")
