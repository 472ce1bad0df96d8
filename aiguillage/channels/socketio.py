"""Rasa's socket.io channel, restricted to the web sites allowed to embed the chat.

Rasa builds its socket.io server with ``cors_allowed_origins=[]``, which turns the Origin check off: any
web page could then open a socket to the bot from a visitor's browser. This subclass keeps everything
else of Rasa's channel (events, session persistence, the python-socketio 5.9.0 behaviour where
``enter_room`` is synchronous) and only sets the list of accepted origins on the server it builds.

Allowed origins come from AIGUILLAGE_CORS_ORIGINS (comma-separated, e.g.
``https://www.mission-locale.fr,https://mission-locale.fr``); ``*`` explicitly allows every origin.
Requests without an Origin header (not from a browser) are not affected: the check protects visitors'
browsers, not the server.
"""

from __future__ import annotations

import logging
import os
from typing import Any, Awaitable, Callable, List, Union

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput as RasaSocketIOInput
from sanic import Blueprint

logger = logging.getLogger(__name__)

ORIGINS_ENV = "AIGUILLAGE_CORS_ORIGINS"
DEFAULT_ORIGINS = "http://localhost:8080,http://127.0.0.1:8080"


def allowed_origins(raw: Union[str, None] = None) -> Union[str, List[str]]:
    """The origins from the environment, normalised the way browsers send them (no trailing slash)."""
    if raw is None:
        raw = os.environ.get(ORIGINS_ENV, "")
    origins = [origin.strip().rstrip("/") for origin in raw.split(",") if origin.strip()]
    if not origins:
        origins = DEFAULT_ORIGINS.split(",")
    if "*" in origins:
        return "*"
    return origins


class SocketIOInput(RasaSocketIOInput):
    """Rasa's ``socketio`` channel (same name, same options), accepting only the configured origins."""

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        socketio_webhook = super().blueprint(on_new_message)
        origins = allowed_origins()
        # Rasa's server is built inside blueprint(); setting the engine.io attribute afterwards is read
        # on every request, and an empty list (Rasa's value) would mean "no check at all".
        assert self.sio is not None
        self.sio.eio.cors_allowed_origins = origins
        logger.info("socket.io: origines autorisées : %s", origins if origins == "*" else ", ".join(origins))
        return socketio_webhook
