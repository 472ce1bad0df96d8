"""Action server faults end to end on the real servers: down, frozen, then back.

* Faults, last (they stop and freeze the action server): the person is told kindly, in French, and
  pointed to the mission locale; when the server is back, the same conversation reaches its suggestions.

One of test_robustness_1…4, run in that order on one stack (the order and its logs: tests/support/robustness.py).
"""

from __future__ import annotations

import os
import signal
import time
import uuid

import pytest

from aiguillage.rasa.resilience import DEFAULT_TIMEOUT as ACTION_TIMEOUT
from tests.support.dialogue import (
    TECHNICAL_PROBLEM_MARK,
    Person,
    is_french,
    question_asked,
    reach_suggestions,
    reply_texts,
    say_ok,
)
from tests.support.stack import BotStack, http_json

pytestmark = pytest.mark.e2e


# ------------------------------------------------------------------------------------------- faults (last)


def say(bot: BotStack, sender: str, message: str):
    return http_json("POST", f"{bot.url}/webhooks/rest/webhook", {"sender": sender, "message": message}, timeout=60)


def assert_kind_apology(replies) -> None:
    texts = reply_texts(replies)
    apologies = [t for t in texts if TECHNICAL_PROBLEM_MARK in t]
    assert len(apologies) == 1, texts  # once per message, however many actions failed
    assert "mission locale" in apologies[0] and "Réessayez" in apologies[0]
    assert all(is_french(t) for t in texts)


def test_action_server_down_then_back(bot):
    sender = f"panne-{uuid.uuid4().hex[:8]}"
    say_ok(bot, sender, "bonjour")
    replies = say_ok(bot, sender, "je cherche un emploi")
    assert question_asked(replies) == "age"

    bot.services["actions"].stop()
    started = time.monotonic()
    assert_kind_apology(say(bot, sender, "j'ai 19 ans"))
    assert time.monotonic() - started < ACTION_TIMEOUT, "a refused connection is answered at once"
    assert_kind_apology(say(bot, sender, "j'ai 19 ans"))  # still down: still kind, still answered

    bot.start_actions()  # same port: Rasa's endpoint is unchanged
    replies = say_ok(bot, sender, "j'ai 19 ans")
    assert bot.slots(sender)["age"] == 19
    reach_suggestions(bot, sender, Person(), replies)
    rasa_log = (bot.workdir / "rasa.log").read_text(errors="replace")
    assert "Serveur d'actions indisponible" in rasa_log and "Traceback" not in rasa_log


def test_action_server_frozen_then_back(bot):
    """A hung server (SIGSTOP: connections accepted, never answered) is the « slow » case."""
    sender = f"lent-{uuid.uuid4().hex[:8]}"
    say_ok(bot, sender, "bonjour")
    say_ok(bot, sender, "je cherche une formation")
    actions = bot.services["actions"].process
    os.killpg(actions.pid, signal.SIGSTOP)
    try:
        started = time.monotonic()
        assert_kind_apology(say(bot, sender, "j'ai 22 ans"))
        elapsed = time.monotonic() - started
        # One timeout, not one per action: the other calls of the same message fail at once.
        assert elapsed < 2 * ACTION_TIMEOUT + 1, f"answered after {elapsed:.1f} s"
    finally:
        os.killpg(actions.pid, signal.SIGCONT)
    replies = say_ok(bot, sender, "j'ai 22 ans")
    assert bot.slots(sender)["age"] == 22
    reach_suggestions(bot, sender, Person(besoin="je cherche une formation"), replies)


def test_a_new_conversation_while_the_action_server_is_down(bot):
    sender = f"panne-debut-{uuid.uuid4().hex[:8]}"
    bot.services["actions"].stop()
    try:
        replies = say(bot, sender, "bonjour, je cherche du travail, j'ai 20 ans")
        assert_kind_apology(replies)
    finally:
        bot.start_actions()
    reach_suggestions(bot, sender, Person())
