"""aiguillage.rasa.console: in `make shell`, Ctrl-C at a question with buttons ends the conversation."""

from __future__ import annotations

import asyncio
from typing import Optional

import pytest
from rasa.cli import utils as cli_utils
from rasa.core.channels import console as rasa_console

from aiguillage.rasa import console


class Question:
    """What questionary's select() gives Rasa: ask_async() → the chosen line, or None on Ctrl-C."""

    def __init__(self, answer: Optional[str]) -> None:
        self.answer = answer

    async def ask_async(self) -> Optional[str]:
        return self.answer


def ask(answer: Optional[str]) -> Optional[str]:
    return asyncio.new_event_loop().run_until_complete(console.payload_from_button_question(Question(answer)))


def test_a_chosen_button_gives_its_payload():
    assert ask('1: Trouver un emploi (/inform{"besoin": "emploi"})') == '/inform{"besoin": "emploi"}'
    assert ask("2: Non (/deny)") == "/deny"


def test_typing_ones_own_message_is_still_offered():
    assert ask(cli_utils.FREE_TEXT_INPUT_PROMPT) == cli_utils.FREE_TEXT_INPUT_PROMPT


def test_ctrl_c_at_a_button_question_ends_the_console_loop(monkeypatch):
    monkeypatch.setattr(cli_utils, "payload_from_button_question", cli_utils.payload_from_button_question)
    with pytest.raises(AttributeError):  # Rasa's own: the traceback conseillers saw
        asyncio.new_event_loop().run_until_complete(cli_utils.payload_from_button_question(Question(None)))

    monkeypatch.setattr(console, "_installed", False)
    console.install()
    buttons = {"text": "Avez-vous le permis ?", "buttons": [{"title": "Oui", "payload": "/affirm"}]}
    monkeypatch.setattr(rasa_console, "_print_bot_output", lambda message, is_latest_message=False: Question(None))
    assert asyncio.new_event_loop().run_until_complete(rasa_console._get_user_input(buttons)) is None
