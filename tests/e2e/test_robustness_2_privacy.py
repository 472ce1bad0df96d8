"""Privacy end to end on the real servers: logs, « effacer mes données », expired sessions.

* Sensitive answers never reach the logs; « effacer mes données » leaves nothing in the
  SQLite file; a conversation idle for longer than a session starts again without its slots.

One of test_robustness_1…4, run in that order on one stack (the order and its logs: tests/support/robustness.py).
"""

from __future__ import annotations

import json
import sqlite3
import time
import uuid
from typing import List, Tuple

import pytest

from tests.support.dialogue import Person, reach_suggestions, reply_texts, say_ok
from tests.support.robustness import log_text
from tests.support.stack import BotStack, http_json

pytestmark = pytest.mark.e2e


# ------------------------------------------------------------------------------------------- privacy

# (« je dors à la rue » is a danger: the safety layer answers it and masks it, tests/e2e/test_safety.py.)
SENSITIVE = [
    "j'ai la rqth",
    "je suis hébergée chez une copine",
    "je sors de prison",
    "j'ai fait de la prison",
    "je suis sous bracelet électronique",
]


def test_sensitive_answers_never_reach_the_logs(bot):
    sender = f"sensible-{uuid.uuid4().hex[:8]}"
    say_ok(bot, sender, "bonjour")
    replies = say_ok(bot, sender, "je cherche un logement, " + SENSITIVE[1])
    for message in SENSITIVE[2:]:
        replies = say_ok(bot, sender, message)
    replies = say_ok(bot, sender, SENSITIVE[0])
    slots = bot.slots(sender)
    assert slots["logement"] == "heberge-tiers" and slots["rqth"] is True and slots["handicap"] is True
    reach_suggestions(bot, sender, Person(besoin="je cherche un logement"), replies)
    time.sleep(0.5)  # let both servers flush their logs
    for name in ("rasa", "actions"):
        log = log_text(bot, name).lower()
        for phrase in SENSITIVE + ["dors a la rue", "sans-domicile", "prison", "bracelet"]:
            for form in {phrase.lower(), json.dumps(phrase)[1:-1].lower()}:
                assert form not in log, f"« {phrase} » dans {name}.log"
        assert bot.token not in log, f"le jeton de l'API est dans {name}.log"


def stored_rows(bot: BotStack, sender: str) -> List[Tuple[str, str]]:
    with sqlite3.connect(bot.workdir / "tracker.db") as connection:
        return connection.execute("SELECT type_name, data FROM events WHERE sender_id = ?", (sender,)).fetchall()


def in_database_file(bot: BotStack, text: str) -> bool:
    data = (bot.workdir / "tracker.db").read_bytes()
    return text.encode() in data or json.dumps(text)[1:-1].encode() in data


def test_erase_my_data_leaves_nothing_in_the_database(bot):
    sender = f"effacer-{uuid.uuid4().hex[:8]}"
    # Phrases no other test sends: the whole file is searched.
    said = [
        "bonjour",
        "je cherche un emploi dans la logistique",
        "j'ai 23 ans",
        "j'habite à Vaulx-en-Velin",
        "je dors chez un pote depuis avril",
    ]
    for message in said:
        say_ok(bot, sender, message)
    assert bot.slots(sender)["commune"] == "Vaulx-en-Velin"
    assert any("dors chez un pote" in data for _, data in stored_rows(bot, sender))
    replies = say_ok(bot, sender, "effacer mes données")
    assert any("effacé" in t for t in reply_texts(replies)), reply_texts(replies)
    assert stored_rows(bot, sender) == []
    # (« effacer mes données » itself is not searched: the welcome message of every conversation says it.)
    for message in said[1:]:
        assert not in_database_file(bot, message), f"« {message} » est encore dans tracker.db"
    # The person can start again; the new conversation knows nothing of the old one.
    say_ok(bot, sender, "bonjour")
    slots = bot.slots(sender)
    assert slots["commune"] is None and slots["age"] is None and slots["logement"] is None


def test_an_expired_session_starts_again_without_slots(bot):
    """domain.yml: 60 minutes, nothing carried over. The previous session is written with timestamps two
    hours old (the API's « replace events »), then the person writes again."""
    sender = f"session-{uuid.uuid4().hex[:8]}"
    old = time.time() - 2 * 3600
    events = [
        {"event": "action", "name": "action_session_start", "timestamp": old},
        {"event": "session_started", "timestamp": old + 0.01},
        {"event": "action", "name": "action_listen", "timestamp": old + 0.02},
        {
            "event": "user",
            "text": "j'ai 19 ans, j'habite à Fougères et je dors dans ma voiture",
            "timestamp": old + 0.03,
            "parse_data": {"intent": {"name": "inform", "confidence": 1.0}, "entities": []},
        },
        *[
            {"event": "slot", "name": name, "value": value, "timestamp": old + 0.04}
            for name, value in {
                "age": 19.0,
                "commune": "Fougères",
                "code_insee": "35115",
                "logement": "sans-domicile",
            }.items()
        ],
        {"event": "action", "name": "action_listen", "timestamp": old + 0.05},
    ]
    http_json("PUT", f"{bot.url}/conversations/{sender}/tracker/events?token={bot.token}", events)
    assert bot.slots(sender)["commune"] == "Fougères"
    say_ok(bot, sender, "bonjour")
    tracker = bot.tracker(sender)
    slots = tracker["slots"]
    assert slots["age"] is None and slots["commune"] is None and slots["logement"] is None
    assert [e["event"] for e in tracker["events"]].count("session_started") == 1
    # And the expired session is gone from the database, as the bot tells people (utter_privacy).
    assert not in_database_file(bot, "dors dans ma voiture")
