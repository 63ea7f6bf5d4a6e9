"""Shared fixtures: an in-memory store and a temporary database path."""

from __future__ import annotations

import pytest

from agendakaart.store import open_db


@pytest.fixture
def store():
    conn = open_db(":memory:")
    yield conn
    conn.close()


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "test.db"


@pytest.fixture(scope="session")
def res():
    """Gazetteer and rules, loaded once for the whole test session (they are read-only)."""
    from agendakaart.enrich.engine import load_resources
    from agendakaart.settings import Settings

    return load_resources(Settings())
