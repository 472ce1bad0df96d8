"""`rasa shell` (make shell) for conseillers: Ctrl-C at a question with buttons ends the conversation.

In Rasa 3.6, Ctrl-C at a free-text prompt ends `rasa shell` cleanly, but at a question with buttons
questionary returns None and `rasa.cli.utils.payload_from_button_question` fails on it: a traceback,
then a terminal that hangs with the server still running. Here None goes through, as at a free-text
prompt, and the console loop stops. Installed by `python -m aiguillage.servers.rasa_server shell`.
Checked against Rasa 3.6.21 (rasa/cli/utils.py, rasa/core/channels/console.py).
"""

from __future__ import annotations

from typing import Any, Optional

_installed = False


async def payload_from_button_question(button_question: Any) -> Optional[str]:
    """Rasa's function, except that a cancelled question (None) is returned as None."""
    from rasa.cli.utils import FREE_TEXT_INPUT_PROMPT

    response = await button_question.ask_async()
    if response is None or response == FREE_TEXT_INPUT_PROMPT:
        return response
    return response[response.rfind("(") + 1 : response.rfind(")")]  # the payload: « 1: Oui (/affirm) »


def install() -> None:
    global _installed
    if _installed:
        return
    from rasa.cli import utils

    utils.payload_from_button_question = payload_from_button_question
    _installed = True
