"""Rasa's socket.io server only accepts the web sites listed in AIGUILLAGE_CORS_ORIGINS."""

from __future__ import annotations

import asyncio
import json
import urllib.error
import urllib.request
import uuid

import pytest
import websockets

from aiguillage.channels.socketio import DEFAULT_ORIGINS, SocketIOInput, allowed_origins

FOREIGN = "https://site-pirate.example"


def test_origins_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("AIGUILLAGE_CORS_ORIGINS", " https://www.ml.fr/ , https://ml.fr ,")
    assert allowed_origins() == ["https://www.ml.fr", "https://ml.fr"]
    monkeypatch.setenv("AIGUILLAGE_CORS_ORIGINS", "")
    assert allowed_origins() == DEFAULT_ORIGINS.split(",")
    monkeypatch.delenv("AIGUILLAGE_CORS_ORIGINS")
    assert allowed_origins() == ["http://localhost:8080", "http://127.0.0.1:8080"]
    assert allowed_origins("https://a.fr,*") == "*"


def test_channel_keeps_rasa_options_and_sets_origins(monkeypatch):
    monkeypatch.setenv("AIGUILLAGE_CORS_ORIGINS", "https://www.ml.fr")
    channel = SocketIOInput.from_credentials(
        {"user_message_evt": "user_uttered", "bot_message_evt": "bot_uttered", "session_persistence": True}
    )
    assert channel.name() == "socketio"  # the actions check this name to send cards
    assert channel.session_persistence is True

    async def ignore(_message):
        return None

    channel.blueprint(ignore)
    assert channel.sio.eio.cors_allowed_origins == ["https://www.ml.fr"]


def polling_handshake(url: str, origin: str) -> int:
    request = urllib.request.Request(f"{url}/socket.io/?EIO=4&transport=polling", headers={"Origin": origin})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.e2e
def test_polling_handshake_checks_the_origin(stack, web_port):
    assert polling_handshake(stack.url, FOREIGN) == 400
    assert polling_handshake(stack.url, f"http://127.0.0.1:{web_port}") == 200


async def socketio_websocket(url: str, origin: str):
    """A raw Engine.IO 4 websocket, as the browser opens it (no client library between us and the check)."""
    uri = url.replace("http://", "ws://", 1) + "/socket.io/?EIO=4&transport=websocket"
    return await websockets.connect(uri, origin=origin, open_timeout=10)


async def next_event(ws) -> list:
    """The next socket.io event (answering Engine.IO pings on the way)."""
    while True:
        packet = await asyncio.wait_for(ws.recv(), 60)
        if packet == "2":
            await ws.send("3")
        elif packet.startswith("42"):
            return json.loads(packet[2:])


async def emit(ws, event: str, data: dict) -> None:
    await ws.send("42" + json.dumps([event, data]))


@pytest.mark.e2e
async def test_foreign_origin_is_refused(stack):
    with pytest.raises(websockets.exceptions.InvalidStatusCode) as refused:
        await socketio_websocket(stack.url, FOREIGN)
    assert refused.value.status_code == 400


@pytest.mark.e2e
async def test_allowed_origin_connects_and_talks(stack, web_port):
    session_id = uuid.uuid4().hex
    ws = await socketio_websocket(stack.url, f"http://127.0.0.1:{web_port}")
    try:
        assert (await ws.recv()).startswith("0")  # Engine.IO open
        await ws.send("40")
        assert (await asyncio.wait_for(ws.recv(), 10)).startswith("40")  # socket.io connected
        await emit(ws, "session_request", {"session_id": session_id})
        assert await next_event(ws) == ["session_confirm", session_id]
        await emit(ws, "user_uttered", {"message": "/greet", "session_id": session_id})
        event, message = await next_event(ws)
        assert event == "bot_uttered" and "Aiguillage" in message["text"]
    finally:
        await ws.close()
