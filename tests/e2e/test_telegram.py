"""Telegram channel, end to end: the real Rasa server with aiguillage.channels.telegram, pointed at a
local stand-in of the Telegram Bot API that records every call, receiving genuine Telegram updates.

The stand-in is strict where Telegram is: unknown token → 401, callback_data over 64 bytes or empty
text → 400 (Telegram then drops the whole message, which is what the connector must avoid).
"""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import count
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional

import pytest

from aiguillage.channels.telegram import CALLBACK_DATA_MAX_BYTES, START_COMMAND, ButtonPayloads, keyboard_layout
from tests.support.stack import ROOT, BotStack, free_port, model_dir, texts

TOKEN = "123456789:AAE-test-token-not-a-real-one"
BOT_NAME = "aiguillage_test_bot"
SECRET = "secret-de-test_42"
CHAT_ID = 70001  # a private chat: Telegram uses the user's id as the chat id


class FakeTelegramAPI:
    """Answers like api.telegram.org/bot<token>/<method>, with {"ok": ..., "result": ...}."""

    def __init__(self) -> None:
        self.calls: List[Dict[str, Any]] = []
        self._lock = threading.Lock()
        self._message_ids = count(1)
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                api._handle(self)

            do_GET = do_POST  # noqa: N815

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> FakeTelegramAPI:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def sent(self, method: str) -> List[Dict[str, Any]]:
        with self._lock:
            return [call["params"] for call in self.calls if call["method"] == method]

    @staticmethod
    def _params(handler: BaseHTTPRequestHandler) -> Dict[str, Any]:
        body = handler.rfile.read(int(handler.headers.get("Content-Length") or 0)).decode()
        kind = handler.headers.get("Content-Type", "")
        if "json" in kind:
            params = json.loads(body or "{}")
        else:  # aiogram posts form fields, with objects such as reply_markup as JSON strings
            params = dict(urllib.parse.parse_qsl(body, keep_blank_values=True))
            query = urllib.parse.urlsplit(handler.path).query
            params.update(urllib.parse.parse_qsl(query, keep_blank_values=True))
        if isinstance(params.get("reply_markup"), str):
            params["reply_markup"] = json.loads(params["reply_markup"])
        return params

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        parts = urllib.parse.urlsplit(handler.path).path.strip("/").split("/")
        params = self._params(handler)
        if len(parts) != 2 or parts[0] != f"bot{TOKEN}":
            return self._reply(handler, 401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
        method = parts[1]
        with self._lock:
            self.calls.append({"method": method, "params": params})
        status, payload = self._answer(method, params)
        self._reply(handler, status, payload)

    def _answer(self, method: str, params: Dict[str, Any]) -> tuple:
        bot_user = {"id": int(TOKEN.split(":")[0]), "is_bot": True, "first_name": "Aiguillage", "username": BOT_NAME}
        if method == "getMe":
            return 200, {
                "ok": True,
                "result": {
                    **bot_user,
                    "can_join_groups": True,
                    "can_read_all_group_messages": False,
                    "supports_inline_queries": False,
                },
            }
        if method in ("setWebhook", "deleteWebhook", "answerCallbackQuery", "sendChatAction"):
            return 200, {"ok": True, "result": True}
        if method == "sendMessage":
            text = str(params.get("text") or "")
            if not text.strip():
                return 400, {"ok": False, "error_code": 400, "description": "Bad Request: message text is empty"}
            if len(text) > 4096:
                return 400, {"ok": False, "error_code": 400, "description": "Bad Request: message is too long"}
            markup = params.get("reply_markup") or {}
            for row in markup.get("inline_keyboard", []):
                for button in row:
                    data = button.get("callback_data", "")
                    if not 1 <= len(data.encode()) <= CALLBACK_DATA_MAX_BYTES:
                        return 400, {"ok": False, "error_code": 400, "description": "Bad Request: BUTTON_DATA_INVALID"}
            message = {
                "message_id": next(self._message_ids),
                "from": bot_user,
                "date": int(time.time()),
                "chat": {"id": int(params["chat_id"]), "first_name": "Inès", "type": "private"},
                "text": text,
            }
            if markup:
                message["reply_markup"] = markup
            params["_message"] = message
            return 200, {"ok": True, "result": message}
        return 404, {"ok": False, "error_code": 404, "description": "Not Found: method not found"}

    @staticmethod
    def _reply(handler: BaseHTTPRequestHandler, status: int, payload: Dict[str, Any]) -> None:
        body = json.dumps(payload).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)


# ---------------------------------------------------------------- unit tests of the connector's pieces


def test_short_payloads_travel_unchanged_long_ones_as_a_key() -> None:
    payloads = ButtonPayloads()
    short = '/inform{"besoin": "emploi"}'
    long = '/ask_details{"suggestion": "perigueux-agir-abcd-conduite-accompagnee-parrainage-seniors"}'
    assert payloads.shorten(short) == short
    key = payloads.shorten(long)
    assert len(key.encode()) <= CALLBACK_DATA_MAX_BYTES and not key.startswith("/")
    assert payloads.shorten(long) == key  # the same button, the same key
    assert payloads.expand(key) == long
    assert payloads.expand(short) == short
    assert ButtonPayloads().expand(key) is None  # forgotten after a restart


def test_payload_memory_is_bounded() -> None:
    payloads = ButtonPayloads(capacity=2)
    keys = [payloads.shorten("/ask_details" + "x" * 60 + str(i)) for i in range(3)]
    assert payloads.expand(keys[0]) is None and payloads.expand(keys[2]) is not None


def test_start_command_pattern() -> None:
    assert all(START_COMMAND.match(t) for t in ("/start", "/start@aiguillage_bot", "/start campagne-2024"))
    assert not any(START_COMMAND.match(t) for t in ("/start_over", "/startx", "start", "je /start"))


def test_keyboard_layout() -> None:
    assert keyboard_layout([{"title": "Oui"}, {"title": "Non"}]) == "inline"
    assert (
        keyboard_layout([{"title": t} for t in ("Un emploi", "Une formation", "L'apprentissage", "Un logement")])
        == "vertical"
    )
    assert keyboard_layout([{"title": "Je préfère ne pas répondre"}]) == "vertical"


def test_credentials_file_uses_only_environment_variables() -> None:
    text = (ROOT / "credentials.telegram.yml").read_text()
    assert "aiguillage.channels.telegram.TelegramInput:" in text
    for key, var in (
        ("access_token", "TELEGRAM_TOKEN"),
        ("verify", "TELEGRAM_BOT_NAME"),
        ("webhook_url", "TELEGRAM_WEBHOOK_URL"),
        ("api_url", "TELEGRAM_API_URL"),
    ):
        assert f"{key}: ${{{var}}}" in text


# ---------------------------------------------------------------- end to end


def merged_credentials(directory: Path) -> Path:
    """What scripts/run.sh writes to var/credentials.yml when TELEGRAM_TOKEN is set."""
    path = directory / "credentials.yml"
    path.write_text((ROOT / "credentials.yml").read_text() + "\n" + (ROOT / "credentials.telegram.yml").read_text())
    return path


@pytest.fixture(scope="module")
def telegram(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Dict[str, Any]]:
    if not any(model_dir().glob("*.tar.gz")):
        pytest.skip(f"no trained model in {model_dir()}")
    workdir = tmp_path_factory.mktemp("telegram")
    with FakeTelegramAPI() as api:
        env = {
            "TELEGRAM_TOKEN": TOKEN,
            "TELEGRAM_BOT_NAME": BOT_NAME,
            "TELEGRAM_API_URL": api.url,
            "TELEGRAM_WEBHOOK_URL": "https://aiguillage.example.org/webhooks/telegram/webhook",
            "TELEGRAM_SECRET_TOKEN": SECRET,
        }
        with BotStack(workdir=workdir, credentials=merged_credentials(workdir), env=env) as stack:
            yield {"api": api, "bot": stack}


class Conversation:
    def __init__(self, api: FakeTelegramAPI, bot: BotStack, chat_id: int) -> None:
        self.api, self.bot, self.chat_id = api, bot, chat_id
        self.update_ids = count(500_000)
        self.user = {"id": chat_id, "is_bot": False, "first_name": "Inès", "language_code": "fr"}

    def post(self, update: Dict[str, Any], secret: Optional[str] = SECRET) -> List[Dict[str, Any]]:
        """Posts one update as Telegram would, and returns the messages the bot sent in reply."""
        before = len(self.api.sent("sendMessage"))
        headers = {"Content-Type": "application/json"}
        if secret is not None:
            headers["X-Telegram-Bot-Api-Secret-Token"] = secret
        request = urllib.request.Request(
            f"{self.bot.url}/webhooks/telegram/webhook",
            method="POST",
            data=json.dumps(update).encode(),
            headers=headers,
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            assert response.read() == b"success"
        return [m for m in self.api.sent("sendMessage")[before:] if int(m["chat_id"]) == self.chat_id]

    def say(self, text: str) -> List[Dict[str, Any]]:
        return self.post(
            {
                "update_id": next(self.update_ids),
                "message": {
                    "message_id": next(self.update_ids),
                    "from": self.user,
                    "date": int(time.time()),
                    "chat": {"id": self.chat_id, "first_name": "Inès", "type": "private"},
                    "text": text,
                },
            }
        )

    def click(self, replies: List[Dict[str, Any]], title: str) -> List[Dict[str, Any]]:
        """Presses the first button titled `title` on one of `replies`."""
        for reply in replies:
            for row in (reply.get("reply_markup") or {}).get("inline_keyboard", []):
                for button in row:
                    if button["text"] == title:
                        return self.press(reply, button)
        raise AssertionError(f"no button « {title} » in {[r['text'] for r in replies]}")

    def press(self, reply: Dict[str, Any], button: Dict[str, Any]) -> List[Dict[str, Any]]:
        """A button press as the Telegram app reports it: the message it was under, and its data."""
        query_id = str(next(self.update_ids))
        sent = self.post(
            {
                "update_id": next(self.update_ids),
                "callback_query": {
                    "id": query_id,
                    "from": self.user,
                    "message": reply["_message"],
                    "chat_instance": "-5123456789",
                    "data": button["callback_data"],
                },
            }
        )
        answered = [c.get("callback_query_id") for c in self.api.sent("answerCallbackQuery")]
        assert query_id in answered, "the press must be acknowledged (no spinner left)"
        return sent


def buttons(replies: List[Dict[str, Any]]) -> List[str]:
    return [b["text"] for r in replies for row in (r.get("reply_markup") or {}).get("inline_keyboard", []) for b in row]


def text_of(replies: List[Dict[str, Any]]) -> str:
    return "\n".join(r["text"] for r in replies)


@pytest.mark.e2e
def test_webhook_is_registered_on_the_configured_api_with_the_secret(telegram: Dict[str, Any]) -> None:
    hooks = telegram["api"].sent("setWebhook")
    assert hooks and hooks[-1]["url"] == "https://aiguillage.example.org/webhooks/telegram/webhook"
    assert hooks[-1]["secret_token"] == SECRET


@pytest.mark.e2e
def test_welcome_buttons_and_a_button_press(telegram: Dict[str, Any]) -> None:
    chat = Conversation(telegram["api"], telegram["bot"], CHAT_ID)
    welcome = chat.say("Bonjour")
    assert "Bonjour ! Je suis Aiguillage" in text_of(welcome)
    keyboards = [r["reply_markup"]["inline_keyboard"] for r in welcome if r.get("reply_markup")]
    assert keyboards, "the welcome's buttons must come as an inline keyboard"
    assert {"Trouver un emploi", "Me former", "Un logement", "Je ne sais pas encore"} <= set(buttons(welcome))
    assert all(len(row) == 1 for row in keyboards[0]), "seven choices: one a row, readable on a phone"

    after = chat.click(welcome, "Trouver un emploi")
    assert "Quel âge avez-vous ?" in text_of(after)
    assert telegram["bot"].slots(str(CHAT_ID))["besoin"] == "emploi"


@pytest.mark.e2e
def test_start_command_shows_the_welcome_and_privacy_notice(telegram: Dict[str, Any]) -> None:
    chat = Conversation(telegram["api"], telegram["bot"], CHAT_ID + 3)
    first = chat.say("/start")  # what Telegram sends when the young person presses « Démarrer »
    assert "Bonjour ! Je suis Aiguillage" in text_of(first)
    assert "effacer mes données" in text_of(first)
    assert "Trouver un emploi" in buttons(first)


@pytest.mark.e2e
def test_suggestion_buttons_fit_telegram_and_still_work(telegram: Dict[str, Any]) -> None:
    chat = Conversation(telegram["api"], telegram["bot"], CHAT_ID + 1)
    chat.say("Bonjour")
    replies = chat.say("Je cherche un emploi, j'ai 19 ans et j'habite à Fougères")
    # With a car: Rennes' actions, 45 km away, whose long ids need keys, are within reach.
    for answer in (
        "non",
        "oui",
        "oui",
        "chez mes parents",
        "non",
        "pas de diplôme",
    ):  # QPV, permis, véhicule, logement, handicap, diplôme
        if "Plus de détails" in buttons(replies):
            break
        replies = chat.say(answer)
    assert "Plus de détails" in buttons(replies), text_of(replies)
    # The stand-in refuses callback_data over 64 bytes, as Telegram does: had one been too long, the
    # suggestion would be missing. Initiative ids make « Pourquoi ? » payloads longer, hence the keys.
    keyed = [
        (r, b)
        for r in replies
        for row in (r.get("reply_markup") or {}).get("inline_keyboard", [])
        for b in row
        if b["callback_data"].startswith(ButtonPayloads.PREFIX)
    ]
    assert keyed, "these suggestions' payloads exceed 64 bytes: they must travel as keys"
    # The last suggestion's « Plus de détails », so that a key leading to the first one would show.
    reply, button = [(r, b) for r, b in keyed if b["text"] == "Plus de détails"][-1]
    details = text_of(chat.press(reply, button))
    name = details.splitlines()[0]
    assert name and name in reply["text"], (reply["text"], details)


@pytest.mark.e2e
def test_update_without_the_secret_is_refused(telegram: Dict[str, Any]) -> None:
    chat = Conversation(telegram["api"], telegram["bot"], CHAT_ID + 2)
    before = len(telegram["api"].sent("sendMessage"))
    with pytest.raises(urllib.error.HTTPError) as refused:
        chat.post(
            {
                "update_id": 1,
                "message": {
                    "message_id": 1,
                    "from": chat.user,
                    "date": int(time.time()),
                    "chat": {"id": chat.chat_id, "type": "private"},
                    "text": "Bonjour",
                },
            },
            secret="wrong",
        )
    assert refused.value.code == 403
    assert len(telegram["api"].sent("sendMessage")) == before
    # The secret guards the Telegram webhook only: the REST channel (scenarios, tests) still answers.
    assert "Bonjour ! Je suis Aiguillage" in texts(telegram["bot"].say("rest-user", "Bonjour"))
