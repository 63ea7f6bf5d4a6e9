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
