"""Security of the HTTP API end to end on the real servers: token and CORS.

* The HTTP API refuses a missing or wrong token; CORS admits only the configured origin.

One of test_robustness_1…4, run in that order on one stack (the order and its logs: tests/support/robustness.py).
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import uuid
from typing import Any, Dict, Optional, Tuple

import pytest

from tests.support.dialogue import say_ok
from tests.support.stack import LOCAL_WEB_ORIGIN as ALLOWED_ORIGIN

pytestmark = pytest.mark.e2e


# ------------------------------------------------------------------------------------------- security


def status_of(
    method: str, url: str, headers: Optional[Dict[str, str]] = None, body: Any = None
) -> Tuple[int, Dict[str, str]]:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(
        url, data=data, method=method, headers={"Content-Type": "application/json", **(headers or {})}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


def test_the_http_api_refuses_a_missing_or_wrong_token(bot):
    sender = f"api-{uuid.uuid4().hex[:8]}"
    say_ok(bot, sender, "bonjour")
    tracker = f"{bot.url}/conversations/{sender}/tracker"
    assert status_of("GET", tracker)[0] == 401
    assert status_of("GET", f"{tracker}?token=")[0] == 401
    assert status_of("GET", f"{tracker}?token=wrong-{bot.token}")[0] == 401
    assert status_of("GET", f"{tracker}?token={bot.token[:-1]}")[0] == 401
    assert status_of("GET", tracker, headers={"Authorization": f"Bearer {bot.token}"})[0] == 401
    assert status_of("PUT", f"{tracker}/events", body=[])[0] == 401
    assert status_of("POST", f"{bot.url}/conversations/{sender}/trigger_intent", body={"name": "greet"})[0] == 401
    assert status_of("GET", f"{tracker}?token={bot.token}")[0] == 200


def test_cors_admits_only_the_configured_origin(bot):
    webhook = f"{bot.url}/webhooks/rest/webhook"
    preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
    status, headers = status_of("OPTIONS", webhook, headers={"Origin": ALLOWED_ORIGIN, **preflight})
    assert status < 400 and headers.get("Access-Control-Allow-Origin") == ALLOWED_ORIGIN, (status, headers)
    for origin in ["https://evil.example", "http://localhost:8081", "http://localhost:8080.evil.example", "null"]:
        status, headers = status_of("OPTIONS", webhook, headers={"Origin": origin, **preflight})
        assert headers.get("Access-Control-Allow-Origin") not in (origin, "*"), (origin, headers)
        status, headers = status_of(
            "POST", webhook, headers={"Origin": origin}, body={"sender": "cors", "message": "bonjour"}
        )
        assert headers.get("Access-Control-Allow-Origin") not in (origin, "*"), (origin, headers)
