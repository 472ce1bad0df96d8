"""Bounds and checks what people send, before Rasa works on it.

Every channel: a message longer than MAX_MESSAGE_CHARS is bounded to that length before the NLU reads
it. Rasa runs the NLU of all conversations on one thread, and its time grows with the length: a
10,000-character message would stall everyone for seconds. What is kept is the head and the tail of the
message (knowledge.text.bounded): a long story that ends « 20 ans, Grenoble, formation » keeps its facts.
The parsers (reading/facts.py) read more of it, up to reading.facts.MAX_TEXT_CHARS, passed on in the
message's metadata (« full_text »): a fact said mid-story (« sans diplôme ») is not lost. Request bodies are
limited to MAX_BODY_BYTES (Sanic answers 413).

The REST webhook: Rasa 3.6's REST channel (rasa/core/channels/rest.py) trusts the body. Without
« sender » every caller shares one conversation named "default" (one person would see another's
answers); a « message » that is not a text fails deep in the processor, which logs the message at
ERROR level and answers an empty list; a body that is not a JSON object is a 500. `install()` makes
RestInput's two readers check the body, so that these are answered 400 with a French explanation:

* the body is a JSON object; « sender » is a non-empty text (or a number) of at most 255 characters,
  the size of the tracker store's sender_id column;
* « message » is a text (an empty text is a message: the bot answers that it did not understand).

Every channel, first of all: aiguillage.rasa.safety_layer looks at the whole message for danger (it may turn it
into the `safety_alert` intent, with its words masked) before anything else reads it.

Installed by `python -m aiguillage.servers.rasa_server`. Channels that override these readers are unaffected.
"""

from __future__ import annotations

import os
from typing import Any, Dict, Optional

from aiguillage.rasa import safety_layer, typed_buttons

MAX_SENDER_CHARS = 255
# What the NLU reads (its time grows with every token); the parsers read more (reading/facts.py MAX_TEXT_CHARS).
MAX_MESSAGE_CHARS = 1_000
MAX_BODY_BYTES = 1_000_000

_installed = False
_original_handle_message = None


def _bad_request(text: str) -> Exception:
    from sanic.exceptions import InvalidUsage

    return InvalidUsage(text)


def _body(request: Any) -> Dict[str, Any]:
    body = request.json  # Sanic answers 400 itself when the body is not JSON
    if not isinstance(body, dict):
        raise _bad_request('Le corps de la requête doit être un objet JSON : {"sender": "…", "message": "…"}.')
    return body


async def extract_sender(self: Any, request: Any) -> Optional[str]:
    sender = _body(request).get("sender")
    if isinstance(sender, bool) or not isinstance(sender, (str, int)) or not str(sender).strip():
        raise _bad_request("« sender » manquant : l'identifiant de la conversation est obligatoire (un texte).")
    sender = str(sender)
    if len(sender) > MAX_SENDER_CHARS:
        raise _bad_request(f"« sender » trop long (au plus {MAX_SENDER_CHARS} caractères).")
    return sender


def extract_message(self: Any, request: Any) -> Optional[str]:
    message = _body(request).get("message")
    if not isinstance(message, str):
        raise _bad_request("« message » manquant : le message doit être un texte.")
    return message


async def handle_bounded_message(self: Any, message: Any) -> Any:
    """`MessageProcessor.handle_message`, after the safety layer, on at most MAX_MESSAGE_CHARS characters of
    text (its head and tail)."""
    # A typed button title is the button (aiguillage/rasa/typed_buttons.py); the bot's own words are never an alarm.
    if isinstance(message.text, str) and not getattr(message, "parse_data", None):
        payload = typed_buttons.payload_for(message.text)
        if payload is not None:
            message.text = payload
    # Safety first, on the whole message: a danger said in the last line of a long message is not cut away.
    if not (isinstance(message.text, str) and typed_buttons.is_own_title(message.text)):
        safety_layer.screen(message)
    if isinstance(message.text, str):
        from knowledge.text import emoji_meaning, without_smileys

        # « 👍 » was read as « goodbye » by the model, which ended the questionnaire: a message made only of
        # 👍 / 👎 / 🤷 / 🙋 reaches the NLU as the words it means, whatever the model learnt. The parsers still get
        # the emoji itself (the text they read, FULL_TEXT): a thumbs-up is « oui » to the permis question, but
        # too light to record a handicap (reading/facts.py SENSITIVE_YES_NO).
        meaning = emoji_meaning(message.text)
        if meaning is None and without_smileys(message.text) != message.text:
            meaning = without_smileys(message.text)  # « coucou 😊 » → « coucou »: the model never saw the smiley
        if meaning is not None:
            from reading.facts import FULL_TEXT

            metadata = getattr(message, "metadata", None) or {}
            message.metadata = {**metadata, FULL_TEXT: message.text}
            message.text = meaning
    if isinstance(message.text, str) and len(message.text) > MAX_MESSAGE_CHARS:
        from knowledge.text import bounded
        from reading.facts import FULL_TEXT, MAX_TEXT_CHARS

        metadata = getattr(message, "metadata", None) or {}
        message.metadata = {**metadata, FULL_TEXT: bounded(message.text, MAX_TEXT_CHARS)}
        message.text = bounded(message.text, MAX_MESSAGE_CHARS)
    return await _original_handle_message(self, message)


def install() -> None:
    """Before Rasa creates its Sanic app (Sanic reads SANIC_* variables when it does)."""
    global _installed, _original_handle_message
    if _installed:
        return
    from rasa.core.channels.rest import RestInput
    from rasa.core.processor import MessageProcessor

    os.environ.setdefault("SANIC_REQUEST_MAX_SIZE", str(MAX_BODY_BYTES))
    RestInput._extract_sender = extract_sender
    RestInput._extract_message = extract_message
    _original_handle_message = MessageProcessor.handle_message
    MessageProcessor.handle_message = handle_bounded_message
    _installed = True
