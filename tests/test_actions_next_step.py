"""Suggestions end with a place to go (the hosting mission locale or how to find one); the fiche is plain text
in every channel and, in the web chat, a « fiche » message the widget can print and download."""

from typing import Any, Dict, Optional

import pytest
from rasa_sdk import Tracker

from actions.recommend import ActionRecommend, ActionSummary
from knowledge.deployment import DEPLOYMENT_ENV, current_deployment
from orientation.next_step import FIND_MISSION_LOCALE
from tests.conftest import run_action, sdk_tracker
from tests.test_deployment import filled_example

SLOTS = {
    "age": 20.0,
    "commune": "Sedan",
    "code_insee": "08409",
    "departement": "08",
    "besoin": "emploi",
    "permis": False,
}


def tracker(channel: Optional[str] = None, slots: Optional[Dict[str, Any]] = None) -> Tracker:
    return sdk_tracker(slots or SLOTS, intent="request_summary", channel=channel)


def run(action, t):
    return run_action(action, t)[0]


@pytest.fixture
def hosted(tmp_path, monkeypatch):
    monkeypatch.setenv(DEPLOYMENT_ENV, str(filled_example(tmp_path)))
    current_deployment.cache_clear()
    yield
    current_deployment.cache_clear()


@pytest.fixture
def not_hosted(monkeypatch):
    monkeypatch.delenv(DEPLOYMENT_ENV, raising=False)
    current_deployment.cache_clear()
    yield
    current_deployment.cache_clear()


def test_suggestions_end_with_the_hosting_mission_locale(hosted):
    messages = run(ActionRecommend(), tracker())
    closing = messages[-2]["text"]  # then « Que voulez-vous faire maintenant ? »
    assert closing.startswith("Votre mission locale : Mission locale d'essai des Ardennes")
    assert "Siège de Sedan" in closing and "03 24 11 22 33" in closing


def test_without_a_deployment_the_bot_says_how_to_find_one(not_hosted):
    closing = run(ActionRecommend(), tracker())[-2]["text"]
    assert closing.startswith(FIND_MISSION_LOCALE)
    assert "Mission locale d'essai" not in closing


def test_fiche_is_text_in_rest_and_a_fiche_message_in_the_web_chat(hosted):
    rest = run(ActionSummary(), tracker("rest"))
    assert len(rest) == 1 and rest[0]["text"].startswith("Fiche de liaison Aiguillage — ")
    assert "À l'attention de : Mission locale d'essai des Ardennes, Siège de Sedan" in rest[0]["text"]
    web = run(ActionSummary(), tracker("socketio"))
    data = web[0]["custom"]["data"]
    assert data["type"] == "fiche" and data["texte"] == rest[0]["text"]
    assert data["titre"] == rest[0]["text"].splitlines()[0]
    assert data["nom_fichier"].startswith("fiche-de-liaison-")
