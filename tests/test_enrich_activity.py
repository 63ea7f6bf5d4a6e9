"""Activity types: site labels first, then the words of the text; rules come from the data file."""

from __future__ import annotations

import pytest

from agendakaart.enrich.activity import classify_activity, load_rules
from agendakaart.models import ActivityType


@pytest.fixture(scope="module")
def rules():
    return load_rules()


@pytest.mark.parametrize(
    "label,text,expected",
    [
        ("Werkbezoek", "opening van een fabriek", "werkbezoek"),
        ("Kamerdebat", "Debat over de Voorjaarsnota", "parlement"),
        ("Gesprek", "Toespraak tijdens lunch", "gesprek"),
        ("Onderraden en ministeriële overleggen", "Raad voor Veiligheid", "vergadering"),
        ("Overig", "Reis naar New York", "overig"),
        (None, "Werkbezoek aan Zeeuws-Vlaanderen", "werkbezoek"),
        (None, "Bezoek aan Ter Apel", "werkbezoek"),
        (None, "Gesprek met de burgemeester van Loppersum", "gesprek"),
        (None, "Keukentafelgesprek met boeren", "gesprek"),
        (None, "Minister Heinen is aanwezig bij de opening van het station", "evenement"),
        (None, "Toespraak bij de opening van het congres", "toespraak"),
        (None, "Opening van het congres met toespraak door de minister", "toespraak"),
        (None, "Ministerraad", "vergadering"),
        (None, "Europese Raad (Brussel)", "vergadering"),
        (None, "Informele Raad Buitenlandse Zaken (Kopenhagen)", "vergadering"),
        (None, "Commissiedebat Jeugd", "parlement"),
        (None, "Mondelinge vragenuur", "parlement"),
        (None, "Interview met NOS Radio 1 Journaal", "media"),
        (None, "Persconferentie na de ministerraad", "media"),
        (None, "Podcastopname", "media"),
        (None, "Voorbereiding Europese Raad", "overig"),
        (None, "Bewindspersonenoverleg", "vergadering"),
        (None, "Staatssecretaris bij de Landbouwdag", "evenement"),
        (None, "Iets zonder typewoord", "overig"),
    ],
)
def test_types(rules, label, text, expected):
    kind, confidence, reason = classify_activity(text, label, rules)
    assert kind == expected, reason
    assert kind in {t.value for t in ActivityType}
    assert 0 < confidence <= 1 and reason


def test_label_beats_text_and_says_so(rules):
    kind, confidence, reason = classify_activity("Interview met de krant", "Werkbezoek", rules)
    assert kind == "werkbezoek" and confidence == 0.95 and "typelabel" in reason
    kind, confidence, reason = classify_activity("Interview met de krant", None, rules)
    assert kind == "media" and confidence < 0.95 and '"Interview"' in reason


def test_unknown_label_falls_back_to_text(rules):
    assert classify_activity("Werkbezoek aan Leiden", "Agenda-item", rules)[0] == "werkbezoek"


def test_bad_rules_file_names_the_line(tmp_path):
    path = tmp_path / "rules.csv"
    path.write_text("pattern,type,tier\nwerkbezoek,werkbezoek,1\nborrel,feest,1\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 3"):
        load_rules(path)


def test_rules_file_types_are_all_known(rules):
    assert {r.type for r in rules.rules} == {t.value for t in ActivityType}
