"""The conseillers' scenario files are well-formed, and the runner's matching and verdicts are right
(against a fake bot: no server needed)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest
import yaml

from aiguillage.cli import scenarios as command
from aiguillage.scenarios import (
    Expectations,
    ScenarioError,
    contains,
    expectation_checks,
    find_button,
    format_replies,
    load_scenario,
    parse_scenario,
    play,
    report,
    scenario_files,
    slot_matches,
    summary,
)

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = scenario_files([ROOT / "scenarios"])

WELCOME = [
    {"recipient_id": "x", "text": "Bonjour ! Je suis Aiguillage, l’assistant automatique de la mission locale."},
    {
        "recipient_id": "x",
        "text": "Je vais vous poser quelques questions.",
        "buttons": [
            {"title": "Trouver un emploi", "payload": '/inform{"besoin": "emploi"}'},
            {"title": "Me former", "payload": '/inform{"besoin": "formation"}'},
            {"title": "Je ne sais pas encore", "payload": '/inform{"besoin": "ne-sait-pas"}'},
        ],
    },
]
SUGGESTIONS = [
    {"text": "Voici des structures près de Fougères :"},
    {
        "text": "1. Mission locale du Pays de Fougères",
        "buttons": [
            {"title": "Plus de détails", "payload": '/ask_details{"suggestion": "a"}'},
            {"title": "Pourquoi ?", "payload": '/ask_why_suggestion{"suggestion": "a"}'},
        ],
    },
    {
        "text": "2. Auto-école sociale",
        "buttons": [
            {"title": "Plus de détails", "payload": '/ask_details{"suggestion": "b"}'},
            {"title": "Pourquoi ?", "payload": '/ask_why_suggestion{"suggestion": "b"}'},
        ],
    },
]


# ------------------------------------------------------------------ the shipped scenario files


def test_there_are_at_least_ten_scenarios() -> None:
    assert len(SCENARIOS) >= 10


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.name for p in SCENARIOS])
def test_scenario_file_is_well_formed(path: Path) -> None:
    scenario = load_scenario(path)
    assert scenario.description, "a description tells the next conseiller what the scenario is about"
    assert scenario.expected.present or scenario.expected.absent or scenario.expected.slots


def test_scenario_names_are_unique() -> None:
    names = [load_scenario(p).name for p in SCENARIOS]
    assert len(names) == len(set(names))


def test_expected_slots_exist_in_the_domain() -> None:
    domain_slots = set(yaml.safe_load((ROOT / "domain.yml").read_text())["slots"])
    for path in SCENARIOS:
        unknown = set(load_scenario(path).expected.slots) - domain_slots
        assert not unknown, f"{path.name}: {unknown}"


def test_readme_example_is_a_valid_scenario() -> None:
    text = (ROOT / "scenarios" / "README.md").read_text()
    example = text.split("```yaml", 1)[1].split("```", 1)[0]
    parse_scenario(yaml.safe_load(example))


# ------------------------------------------------------------------ format errors, in French


@pytest.mark.parametrize(
    "data, message",
    [
        ([], "nom"),
        ({"messages": ["Bonjour"], "attendu": {"suggestions_contiennent": ["x"]}}, "nom"),
        ({"nom": "x", "messages": [], "attendu": {"suggestions_contiennent": ["x"]}}, "messages"),
        ({"nom": "x", "messages": ["Bonjour"]}, "rien n'est vérifié"),
        (
            {"nom": "x", "messages": [{"bouton": "Oui"}], "attendu": {"suggestions_contiennent": ["x"]}},
            "premier message",
        ),
        (
            {
                "nom": "x",
                "messages": ["a", {"texte": "b", "bouton": "c"}],
                "attendu": {"suggestions_contiennent": ["x"]},
            },
            "un seul",
        ),
        (
            {"nom": "x", "messages": ["a", {"text": "b"}], "attendu": {"suggestions_contiennent": ["x"]}},
            "clé inconnue « text »",
        ),
        ({"nom": "x", "messages": ["a"], "attendu": {"suggestion_contiennent": ["x"]}}, "clé inconnue"),
        ({"nom": "x", "messages": ["a"], "attendu": {"suggestions_contiennent": [{"a": 1}]}}, "texte à chercher"),
        (
            {"nom": "x", "messages": ["a", {"bouton": 0}], "attendu": {"suggestions_contiennent": ["x"]}},
            "à partir de 1",
        ),
        ({"nom": "x", "message": ["a"]}, "clé inconnue « message »"),
    ],
)
def test_malformed_scenarios_are_explained(data: Any, message: str) -> None:
    with pytest.raises(ScenarioError, match=message):
        parse_scenario(data)


def test_unreadable_yaml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "casse.yaml"
    path.write_text("nom: x\nmessages:\n  - Bonjour\n attendu: [\n")
    with pytest.raises(ScenarioError, match=r"casse.yaml : YAML illisible \(ligne \d+\)"):
        load_scenario(path)


def test_messages_forms() -> None:
    scenario = parse_scenario(
        {
            "nom": "x",
            "messages": [
                "Bonjour",
                {"bouton": "Trouver un emploi", "reponse_contient": "âge"},
                {"bouton": 2},
                {"texte": "19 ans", "reponse_contient": ["commune", 35300]},
                35300,
            ],
            "attendu": {"suggestions_absentes": 115},
        }
    )
    steps = scenario.steps
    assert steps[0].text == "Bonjour" and steps[1].button == "Trouver un emploi" and steps[1].reply_contains == ("âge",)
    assert steps[2].button == 2 and steps[3].reply_contains == ("commune", "35300") and steps[4].text == "35300"
    assert scenario.expected.absent == ("115",)


# ------------------------------------------------------------------ matching


def test_contains_ignores_case_apostrophes_and_spaces_not_accents() -> None:
    assert contains("l’assistant  automatique", "L'ASSISTANT automatique")
    assert contains("Mission\u00a0locale", "mission locale")
    assert not contains("Fougères", "Fougeres")


def test_find_button_by_title_part_or_number() -> None:
    assert find_button(WELCOME, "Trouver un emploi")["payload"] == '/inform{"besoin": "emploi"}'
    assert find_button(WELCOME, "trouver un EMPLOI")["title"] == "Trouver un emploi"
    assert find_button(WELCOME, "former")["title"] == "Me former"
    assert find_button(WELCOME, 3)["title"] == "Je ne sais pas encore"
    assert find_button(SUGGESTIONS, "Plus de détails")["payload"].endswith('"a"}')  # the first one
    assert find_button(SUGGESTIONS, 3)["payload"] == '/ask_details{"suggestion": "b"}'


@pytest.mark.parametrize(
    "choice, message",
    [
        ("Un logement", "aucun bouton « Un logement ». Boutons affichés : « Trouver un emploi »"),
        ("e", "plusieurs boutons"),
        (4, r"pas de bouton \[4\]"),
    ],
)
def test_find_button_failures(choice: Any, message: str) -> None:
    with pytest.raises(ScenarioError, match=message):
        find_button(WELCOME, choice)


def test_find_button_without_buttons() -> None:
    with pytest.raises(ScenarioError, match="aucun bouton"):
        find_button([{"text": "Quel âge avez-vous ?"}], "Oui")


@pytest.mark.parametrize(
    "expected, actual, ok",
    [
        (19, 19.0, True),
        (19, 20.0, False),
        ("non", False, True),
        ("oui", True, True),
        (False, False, True),
        ("non", None, False),
        (None, None, True),
        ("vide", None, True),
        (None, "emploi", False),
        ("Emploi", "emploi", True),
        ("sans-domicile", "heberge-tiers", False),
        ("35113", "35113", True),
        (35113, "35113", True),
        (["rqth", "handicap"], ["handicap", "rqth"], True),
        (["handicap"], [], False),
        ([], None, False),
        ("oui", "oui", True),
        (True, 1.0, False),
    ],
)
def test_slot_matches(expected: Any, actual: Any, ok: bool) -> None:
    assert slot_matches(expected, actual) is ok


def test_expectations_against_the_last_replies() -> None:
    checks = expectation_checks(
        Expectations(
            slots={"permis": "non", "age": 19}, present=("Mission locale", "Auto-école"), absent=("115", "Pourquoi")
        ),
        SUGGESTIONS,
        {"permis": False, "age": 20.0},
    )
    assert [c.ok for c in checks] == [True, False, True, True, True, False]  # button titles are read too
    assert "valeur trouvée : 20" in checks[1].line() and checks[1].line().startswith("  ✘")
    assert checks[0].line().startswith("  ✔")


def test_slots_without_token_are_a_warning_not_a_failure() -> None:
    checks = expectation_checks(Expectations(slots={"age": 19}), SUGGESTIONS, None)
    assert [c.ok for c in checks] == [None] and checks[0].line().startswith("  ⚠")


def test_unknown_slot_fails() -> None:
    checks = expectation_checks(Expectations(slots={"ville": "Rennes"}), [], {"commune": "Rennes"})
    assert checks[0].ok is False and "n'existe pas" in checks[0].detail


# ------------------------------------------------------------------ playing against a fake bot


class FakeBot:
    """Answers from a script, one list of replies a message, and records what it was sent."""

    def __init__(self, answers: Dict[str, List[Dict[str, Any]]], slots: Optional[Dict[str, Any]] = None) -> None:
        self.answers, self._slots, self.received = answers, slots, []

    def send(self, sender: str, message: str) -> List[Dict[str, Any]]:
        self.received.append((sender, message))
        return self.answers.get(message, [{"text": "Pardon, je n'ai pas compris."}])

    def slots(self, sender: str) -> Optional[Dict[str, Any]]:
        return self._slots


def scenario(**expected: Any) -> Any:
    return parse_scenario(
        {
            "nom": "Essai",
            "description": "Un essai.",
            "messages": [
                {"texte": "Bonjour", "reponse_contient": "Aiguillage"},
                {"bouton": "Trouver un emploi"},
            ],
            "attendu": expected,
        }
    )


def test_play_sends_button_payloads_and_passes() -> None:
    bot = FakeBot({"Bonjour": WELCOME, '/inform{"besoin": "emploi"}': SUGGESTIONS}, {"besoin": "emploi"})
    result = play(scenario(slots={"besoin": "emploi"}, suggestions_contiennent=["Mission locale"]), bot)
    assert result.passed, "\n".join(result.lines)
    assert [m for _, m in bot.received] == ["Bonjour", '/inform{"besoin": "emploi"}']
    assert len({s for s, _ in bot.received}) == 1 and bot.received[0][0].startswith("scenario-")
    text = report(result)
    assert "Vous : Bonjour" in text and "Vous : [Trouver un emploi]" in text
    assert "Aiguillage : Bonjour ! Je suis Aiguillage" in text
    assert "[1] Trouver un emploi   [2] Me former   [3] Je ne sais pas encore" in text
    assert "✔ la réponse contient « Aiguillage »" in text and text.rstrip().endswith("→ ✔ réussi")


def test_play_fails_on_a_missing_suggestion() -> None:
    bot = FakeBot({"Bonjour": WELCOME, '/inform{"besoin": "emploi"}': SUGGESTIONS})
    result = play(scenario(suggestions_contiennent=["115"]), bot)
    assert not result.passed and "✘ les dernières réponses contiennent « 115 » — absent" in report(result)


def test_play_stops_when_the_button_is_not_there() -> None:
    bot = FakeBot({"Bonjour": [{"text": "Bonjour !"}]})
    result = play(scenario(suggestions_contiennent=["x"]), bot)
    assert not result.passed and "message n° 2" in (result.error or "")
    assert len(bot.received) == 1


def test_each_play_is_a_fresh_conversation() -> None:
    bot = FakeBot({"Bonjour": WELCOME, '/inform{"besoin": "emploi"}': SUGGESTIONS})
    play(scenario(suggestions_contiennent=["Mission"]), bot)
    play(scenario(suggestions_contiennent=["Mission"]), bot)
    assert len({sender for sender, _ in bot.received}) == 2


def test_transcript_numbers_buttons_across_the_turn() -> None:
    lines = format_replies(SUGGESTIONS)
    assert any("[1] Plus de détails" in line and "[2] Pourquoi ?" in line for line in lines)
    assert any("[3] Plus de détails" in line for line in lines)
    assert format_replies([]) == ["Aiguillage : (pas de réponse)"]


def test_summary_agrees_in_french() -> None:
    assert summary(9, 1) == "10 scénarios, 9 réussis, 1 échoué"
    assert summary(1, 0) == "1 scénario, 1 réussi, 0 échoué"
    assert summary(0, 2) == "2 scénarios, 0 réussi, 2 échoués"


# ------------------------------------------------------------------ the command


def test_command_exit_codes_and_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    good = tmp_path / "a.yaml"
    good.write_text(
        yaml.safe_dump(
            {"nom": "Bon", "messages": ["Bonjour"], "attendu": {"suggestions_contiennent": ["Aiguillage"]}},
            allow_unicode=True,
        )
    )
    bad = tmp_path / "b.yaml"
    bad.write_text(
        yaml.safe_dump(
            {"nom": "Mauvais", "messages": ["Bonjour"], "attendu": {"suggestions_absentes": ["Aiguillage"]}},
            allow_unicode=True,
        )
    )
    fake = FakeBot({"Bonjour": WELCOME})
    monkeypatch.setattr(command, "HttpBot", lambda url, token: fake)
    from aiguillage.cli import main

    assert main(["scenarios", str(good)]) == 0
    assert main(["scenarios", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert out.rstrip().endswith("2 scénarios, 1 réussi, 1 échoué")


def test_command_reports_an_unreachable_bot(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from aiguillage.cli import main
    from tests.support.stack import free_port

    path = tmp_path / "a.yaml"
    path.write_text(
        yaml.safe_dump({"nom": "x", "messages": ["Bonjour"], "attendu": {"suggestions_contiennent": ["x"]}})
    )
    assert main(["scenarios", str(path), "--url", f"http://127.0.0.1:{free_port()}"]) == 2
    assert "impossible de joindre le bot" in capsys.readouterr().err
