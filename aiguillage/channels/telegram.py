"""Rasa's Telegram connector, adapted to Aiguillage.

Referenced from credentials.telegram.yml as `aiguillage.channels.telegram.TelegramInput`; the webhook
stays /webhooks/telegram/webhook. What it changes in Rasa 3.6's connector, and why:

- `api_url`: the Bot API base URL (default https://api.telegram.org), through aiogram's
  `TelegramAPIServer`, the same setting as for a self-hosted Bot API server. Tests point it at a
  local stand-in.
- Buttons are inline keyboards, one button a row unless they are few and short: Rasa puts them all
  on one row, which squeezes the seven « Que cherchez-vous ? » choices out of a phone screen.
- Telegram refuses a button whose callback_data is over 64 bytes, and then drops the whole message.
  Suggestion buttons carry an initiative id (`/ask_details{"suggestion": "…"}`, up to ~90 bytes),
  so long payloads travel as a short key and are expanded when the button comes back.
- `secret_token`: given to setWebhook, and every update must carry it back in its header, so that
  nobody who guesses the webhook URL can speak in a young person's name.
- Button presses are acknowledged (answerCallbackQuery), otherwise the app shows a spinner.
- Telegram's « Démarrer » button sends the command /start, which Rasa would read as the `start`
  intent (open the questionnaire at once): the young person would never see the welcome and its
  privacy notice. /start is read as a greeting instead.
- The HTTP session opened to register the webhook at start-up is closed before Rasa's event loop
  takes over; getMe, asked by Rasa on every update, is asked once.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import re
from collections import OrderedDict
from typing import Any, Awaitable, Callable, Dict, List, Optional

from aiogram import Bot
from aiogram.bot.api import TelegramAPIServer
from aiogram.types import User
from aiogram.utils.exceptions import TelegramAPIError
from rasa.core.channels.channel import UserMessage
from rasa.core.channels.telegram import TelegramInput as RasaTelegramInput
from rasa.core.channels.telegram import TelegramOutput as RasaTelegramOutput
from rasa.shared.exceptions import RasaException
from sanic import Blueprint, response
from sanic.request import Request

logger = logging.getLogger(__name__)

DEFAULT_API_URL = "https://api.telegram.org"
CALLBACK_DATA_MAX_BYTES = 64
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# "/start", "/start@bot_name", "/start <deep-link parameter>"
START_COMMAND = re.compile(r"^/start(?:@\w+)?(?:\s|$)")
GREETING = "/greet"
# « Oui / Non / Je ne sais pas » fit on one row; anything longer gets a row per button.
ONE_ROW_MAX_BUTTONS = 3
ONE_ROW_MAX_TITLE = 16


class ButtonPayloads:
    """Payloads too long for Telegram's callback_data, kept in memory under a short key.

    The key is a hash of the payload, so the same button always gets the same key. After a restart
    the memory is empty: an old button then comes back as its title (see TelegramInput), which the
    NLU reads like typed text.
    """

    PREFIX = "#b:"

    def __init__(self, capacity: int = 20_000) -> None:
        self.capacity = capacity
        self._payloads: OrderedDict[str, str] = OrderedDict()

    def shorten(self, payload: str) -> str:
        if len(payload.encode("utf-8")) <= CALLBACK_DATA_MAX_BYTES:
            return payload
        key = self.PREFIX + hashlib.sha256(payload.encode("utf-8")).hexdigest()[:20]
        self._payloads[key] = payload
        self._payloads.move_to_end(key)
        while len(self._payloads) > self.capacity:
            self._payloads.popitem(last=False)
        return key

    def is_key(self, data: str) -> bool:
        return data.startswith(self.PREFIX)

    def expand(self, data: str) -> Optional[str]:
        """The payload behind `data`; `data` itself when it is not a key; None for a forgotten key."""
        if not self.is_key(data):
            return data
        return self._payloads.get(data)


def keyboard_layout(buttons: List[Dict[str, Any]]) -> str:
    """Rasa's `button_type`: "inline" (one row) or "vertical" (one button a row)."""
    short = len(buttons) <= ONE_ROW_MAX_BUTTONS and all(
        len(str(b.get("title", ""))) <= ONE_ROW_MAX_TITLE for b in buttons
    )
    return "inline" if short else "vertical"


class TelegramOutput(RasaTelegramOutput):
    def __init__(
        self, access_token: Optional[str], api_url: str = DEFAULT_API_URL, secret_token: Optional[str] = None
    ) -> None:
        # Rasa's __init__ cannot pass `server` on to aiogram's Bot, hence the direct call.
        Bot.__init__(self, access_token, server=TelegramAPIServer.from_base(api_url or DEFAULT_API_URL))
        self.secret_token = secret_token
        self.payloads = ButtonPayloads()
        self._me: Optional[User] = None

    async def send_text_with_buttons(
        self,
        recipient_id: str,
        text: str,
        buttons: List[Dict[str, Any]],
        button_type: Optional[str] = None,
        **kwargs: Any,
    ) -> None:
        buttons = [{**b, "payload": self.payloads.shorten(str(b.get("payload", "")))} for b in buttons]
        await super().send_text_with_buttons(
            recipient_id, text, buttons, button_type=button_type or keyboard_layout(buttons), **kwargs
        )

    async def set_webhook(self, url: str, **kwargs: Any) -> bool:
        # aiogram 2.15 predates setWebhook's secret_token (Bot API 6.1): the raw call carries it.
        payload = {"url": url, **kwargs}
        if self.secret_token:
            payload["secret_token"] = self.secret_token
        return await self.request("setWebhook", {k: v for k, v in payload.items() if v is not None})

    async def get_me(self) -> User:
        if self._me is None:
            self._me = await super().get_me()
        return self._me


class TelegramInput(RasaTelegramInput):
    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> TelegramInput:
        if not credentials:
            cls.raise_missing_credentials_exception()
        return cls(
            credentials.get("access_token"),
            credentials.get("verify"),
            credentials.get("webhook_url"),
            api_url=credentials.get("api_url") or DEFAULT_API_URL,
            secret_token=credentials.get("secret_token") or None,
        )

    def __init__(
        self,
        access_token: Optional[str],
        verify: Optional[str],
        webhook_url: Optional[str],
        debug_mode: bool = True,
        api_url: str = DEFAULT_API_URL,
        secret_token: Optional[str] = None,
    ) -> None:
        super().__init__(access_token, verify, webhook_url, debug_mode)
        self.api_url = api_url
        self.secret_token = secret_token
        self._output: Optional[TelegramOutput] = None

    def get_output_channel(self) -> TelegramOutput:
        # One output channel for the process: it holds the long payloads' keys, and Rasa also asks
        # for it from inside its running event loop (trigger_intent), where asyncio.run would fail.
        if self._output is None:
            channel = TelegramOutput(self.access_token, self.api_url, self.secret_token)
            try:
                asyncio.run(self._register_webhook(channel))
            except TelegramAPIError as error:
                raise RasaException(f"Failed to set channel webhook: {error}") from error
            self._output = channel
        return self._output

    async def _register_webhook(self, channel: TelegramOutput) -> None:
        try:
            await channel.set_webhook(self.webhook_url)
        finally:
            # This loop ends with asyncio.run: a session left open here would be reused, dead, later.
            await channel.session.close()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        telegram_webhook = super().blueprint(on_new_message)
        out_channel = self.get_output_channel()

        @telegram_webhook.middleware("request")
        async def check_and_prepare(request: Request) -> Optional[response.HTTPResponse]:
            # Sanic scopes a blueprint's middleware to its routes; the path check is belt and braces.
            if request.method != "POST" or not request.path.rstrip("/").endswith(f"/{self.url_prefix()}/webhook"):
                return None
            if self.secret_token and not hmac.compare_digest(request.headers.get(SECRET_HEADER, ""), self.secret_token):
                logger.warning("Telegram update refused: wrong or missing secret token header.")
                return response.text("forbidden", status=403)
            update = request.json
            message = update.get("message") if isinstance(update, dict) else None
            if isinstance(message, dict) and START_COMMAND.match(str(message.get("text") or "")):
                message["text"] = GREETING
            query = update.get("callback_query") if isinstance(update, dict) else None
            if isinstance(query, dict):
                # Rasa's handler reads this same parsed body next: what is changed here is what it sees.
                query["data"] = self._button_payload(out_channel, query)
                await self._acknowledge(out_channel, query.get("id"))
            return None

        return telegram_webhook

    @staticmethod
    def _button_payload(out_channel: TelegramOutput, query: Dict[str, Any]) -> str:
        data = str(query.get("data") or "")
        payload = out_channel.payloads.expand(data)
        if payload is not None:
            return payload
        keyboard = ((query.get("message") or {}).get("reply_markup") or {}).get("inline_keyboard") or []
        titles = [b.get("text") for row in keyboard for b in row if b.get("callback_data") == data]
        logger.info("Forgotten button key (restart?): the button's title is used as the message.")
        return titles[0] if titles and titles[0] else data

    @staticmethod
    async def _acknowledge(out_channel: TelegramOutput, query_id: Optional[str]) -> None:
        if not query_id:
            return
        try:
            await out_channel.answer_callback_query(query_id)
        except TelegramAPIError as error:  # an expired query must not cost the young person's message
            logger.warning("answerCallbackQuery failed: %s", error)
