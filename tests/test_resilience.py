"""aiguillage.rasa.resilience on Rasa's real RemoteAction, against small local stand-ins of the action server
(refusing, hanging, failing, rejecting). The end-to-end version is tests/e2e/test_faults.py."""

from __future__ import annotations

import asyncio
import logging
import socket
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from aiohttp import web
from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from aiguillage.rasa import resilience

ROOT = Path(__file__).resolve().parents[1]
resilience.install()


@pytest.fixture(scope="module")
def domain():
    return Domain.load(ROOT / "domain.yml")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def tracker(domain, text="j'ai 19 ans", sender="alice") -> DialogueStateTracker:
    t = DialogueStateTracker(sender, domain.slots)
    t.update(ActionExecuted("action_listen"))
    t.update(UserUttered(text, {"name": "inform", "confidence": 1.0}, message_id=f"{sender}-first"))
    return t


async def run(domain, url, t):
    channel = CollectingOutputChannel()
    action = RemoteAction("action_extract_profile", EndpointConfig(url))
    try:
        return channel, await action.run(channel, TemplatedNaturalLanguageGenerator(domain.responses), t, domain), None
    except Exception as error:  # noqa: BLE001 - the test looks at which one
        return channel, None, error


class StandIn:
    """A tiny action server answering with `handler`."""

    def __init__(self, handler):
        self.app = web.Application()
        self.app.router.add_post("/webhook", handler)
        self.port = free_port()

    async def __aenter__(self):
        self.runner = web.AppRunner(self.app)
        await self.runner.setup()
        await web.TCPSite(self.runner, "127.0.0.1", self.port).start()
        return f"http://127.0.0.1:{self.port}/webhook"

    async def __aexit__(self, *exc):
        await self.runner.cleanup()


async def test_a_refused_connection_gets_one_kind_message_per_user_message(domain):
    url = f"http://127.0.0.1:{free_port()}/webhook"  # nobody listens
    t = tracker(domain)
    channel, events, error = await run(domain, url, t)
    assert isinstance(error, resilience.ActionServerUnavailable) and events is None
    assert len(channel.messages) == 1
    text = channel.messages[0]["text"]
    assert text == domain.responses[resilience.APOLOGY_RESPONSE][0]["text"]
    assert "mission locale" in text
    # Another action of the same message: no second apology, no second wait.
    channel, _, error = await run(domain, url, t)
    assert isinstance(error, resilience.ActionServerUnavailable) and channel.messages == []
    # The next message tries the server again.
    t.update(UserUttered("j'ai 20 ans", {"name": "inform", "confidence": 1.0}, message_id="second"))
    channel, _, error = await run(domain, url, t)
    assert isinstance(error, resilience.ActionServerUnavailable) and len(channel.messages) == 1


async def test_a_hung_server_is_given_up_after_the_timeout(domain, monkeypatch):
    monkeypatch.setenv(resilience.TIMEOUT_ENV, "0.5")

    async def hang(request):
        await asyncio.sleep(30)
        return web.json_response({})

    async with StandIn(hang) as url:
        started = time.monotonic()
        channel, _, error = await run(domain, url, tracker(domain, sender="bob"))
    assert isinstance(error, resilience.ActionServerUnavailable)
    assert time.monotonic() - started < 3
    assert "problème technique" in channel.messages[0]["text"]


@pytest.mark.parametrize("status, body", [(500, "Internal Server Error"), (502, "Bad Gateway"), (200, "not json")])
async def test_a_failing_or_garbled_answer_is_a_fault_too(domain, status, body):
    async def fail(request):
        return web.Response(status=status, text=body, content_type="application/json")

    async with StandIn(fail) as url:
        channel, _, error = await run(domain, url, tracker(domain, sender=f"carol-{status}-{body}"))
    assert isinstance(error, resilience.ActionServerUnavailable)
    assert len(channel.messages) == 1


async def test_a_rejection_and_a_success_pass_through(domain):
    async def reject(request):
        return web.json_response({"action_name": "action_extract_profile", "error": "non"}, status=400)

    async def succeed(request):
        return web.json_response(
            {"events": [{"event": "slot", "name": "age", "value": 19}], "responses": [{"text": "D'accord."}]}
        )

    async with StandIn(reject) as url:
        channel, _, error = await run(domain, url, tracker(domain, sender="dan"))
    assert isinstance(error, ActionExecutionRejection) and channel.messages == []
    async with StandIn(succeed) as url:
        channel, events, error = await run(domain, url, tracker(domain, sender="erin"))
    assert error is None and SlotSet("age", 19) in events and channel.messages == []


def test_rasa_logs_one_line_not_a_traceback(caplog):
    logger = logging.getLogger("rasa.core.processor")
    try:
        raise resilience.ActionServerUnavailable("action « x » non exécutée")
    except resilience.ActionServerUnavailable:
        logger.exception("Encountered an exception while running action 'x'.")
    record = caplog.records[-1]
    assert record.exc_info is None and "Traceback" not in caplog.text


@pytest.mark.parametrize(
    "last_action, response",
    [
        ("action_restart", "utter_restart_done"),
        ("action_back", "utter_back_done"),
        ("action_listen", resilience.FALLBACK_RESPONSE),
    ],
)
async def test_a_message_left_unanswered_gets_the_domain_s_answer(domain, monkeypatch, last_action, response):
    async def rasa_loop(self, output_channel, t):  # Rasa's loop ran the action and said nothing
        t.update(ActionExecuted(last_action))

    monkeypatch.setattr(resilience, "_original_loop", rasa_loop)
    t, channel = tracker(domain, sender=f"dave-{last_action}"), CollectingOutputChannel()
    processor = SimpleNamespace(nlg=TemplatedNaturalLanguageGenerator(domain.responses))
    await resilience.loop_that_always_answers(processor, channel, t)
    assert [m["text"] for m in channel.messages] == [domain.responses[response][0]["text"]]
    assert isinstance(t.events[-1], BotUttered) and t.events[-1].text == channel.messages[0]["text"]
