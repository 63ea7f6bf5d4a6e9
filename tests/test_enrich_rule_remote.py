"""Remote activities (telephone, video, webex) take no place from the text.

Tests by rule (moved from the per-round modules test_enrich_holdout*.py, assertions unchanged)."""

from __future__ import annotations

import pytest

from agendakaart.enrich.engine import split_text_line
from enrich_helpers import enrich_title as run
from enrich_helpers import run_text


def test_remote_activity_has_no_place(res):
    e = run(res, "Telefoongesprek met de burgemeester van Rotterdam")
    assert e.precision.value == "none" and "op afstand" in e.reason
    assert run(res, "Digitaal overleg met de gedeputeerden van Limburg").precision.value == "none"
    assert run(res, "Opening van het Digitale Innovatiecentrum in Assen").gm_code == "GM0106"
    assert run(res, "Telefonisch overleg", location="Utrecht").gm_code == "GM0344"


def test_webex_is_no_place(res):
    assert "geen plaats" in run(res, "Overleg", location="Webex").reason
