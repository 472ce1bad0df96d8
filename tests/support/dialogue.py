"""Plays the person's side of a conversation: recognises the bot's question in its reply and answers it,
until the bot shows its suggestions. Shared by the end-to-end tests and benchmarks/load_test.py.

The pure part (recognising questions, judging a reply) is also used by the asyncio load test; `post`,
`say_ok` and `reach_suggestions` drive a BotStack over REST for the end-to-end tests.
"""

from __future__ import annotations

import re
import urllib.error
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Tuple

from tests.support.stack import BotStack, http_json

# The bot's questions (domain.yml utter_ask_*, action_ask_commune), recognised by a phrase of each.
QUESTIONS = (
    ("besoin", "Que cherchez-vous"),
    ("besoin", "Que cherche la personne"),  # asked of a conseiller (slot interlocuteur)
    ("age", "Quel âge avez-vous"),
    ("age", "Quel âge a la personne"),
    ("age", "votre âge"),
    ("commune", "Dans quelle commune"),
    ("commune", "Plusieurs communes correspondent"),
    ("commune", "Je ne trouve pas cette commune"),
    ("qpv", "quartier prioritaire"),
    ("permis", "permis de conduire"),
    ("vehicule", "moyen de transport"),
    ("logement", "Où habitez-vous"),
    ("logement", "Où la personne habite"),
    ("diplome", "diplôme le plus élevé"),
    ("handicap", "handicap ou un problème de santé"),
    ("rqth", "(RQTH) ?"),
)
SUGGESTIONS_MARK = "Que voulez-vous faire maintenant"
TECHNICAL_PROBLEM_MARK = "problème technique"
# A reply is French when it has some of the commonest French words (the bot never answers in another language).
_FRENCH = re.compile(
    r"\b(?:vous|votre|vos|je|j'|pas|de|des|du|la|le|les|un|une|et|en|à|pour|avec|est|sur|ou|où|"
    r"quel|quelle|avez|êtes|pouvez|merci|bonjour|oui|non|d'accord)\b",
    re.IGNORECASE,
)


@dataclass
class Person:
    """Who the simulated person is: their answer to each question."""

    besoin: str = "je cherche un emploi"
    age: str = "19 ans"
    commune: str = "Fougères"
    qpv: str = "non"
    permis: str = "non"
    vehicule: str = "non"
    logement: str = "chez mes parents"
    diplome: str = "pas de diplôme"
    handicap: str = "non"
    rqth: str = "non"

    def answer(self, question: Optional[str]) -> str:
        # Outside the questionnaire, stating the need (re)opens it.
        return getattr(self, question) if question else self.besoin


def reply_texts(replies: List[Dict[str, Any]]) -> List[str]:
    return [r["text"] for r in replies if r.get("text")]


def question_asked(replies: List[Dict[str, Any]]) -> Optional[str]:
    """The slot the bot's last question is about, or None."""
    for text in reversed(reply_texts(replies)):
        for slot, phrase in QUESTIONS:
            if phrase in text:
                return slot
    return None


def shows_suggestions(replies: List[Dict[str, Any]]) -> bool:
    """The list is shown — or, already shown and unchanged, pointed to (orientation/refine.py)."""
    from orientation.refine import UNCHANGED_TEXT, UPDATED_SAME_TEXT

    return any(
        SUGGESTIONS_MARK in text or UNCHANGED_TEXT in text or UPDATED_SAME_TEXT in text for text in reply_texts(replies)
    )


def is_french(text: str) -> bool:
    return bool(_FRENCH.search(text))


def _english_answers() -> set:
    """The safety layer's English answers (a message in English is answered in English, on purpose)."""
    from reading.safety.answer import ENGLISH_KINDS, SafetyAnswer
    from reading.safety.evaluation import render, responses

    texts = responses()
    english = SafetyAnswer(ENGLISH_KINDS, language="en")
    return {
        render(texts[name]).strip() for name in (*english.responses, english.closing_response, "utter_english_help")
    }


def reply_problems(replies: Any) -> List[str]:
    """What is wrong with one answer of the bot: empty, not French (but for the English answers to English),
    an action failure, raw markup."""
    english = _english_answers()
    if not isinstance(replies, list) or not replies:
        return ["réponse vide"]
    problems = []
    for reply in replies:
        text = (reply.get("text") or "").strip()
        if not text and not reply.get("buttons") and not reply.get("custom"):
            problems.append(f"message vide : {reply!r}")
        elif text and not is_french(text) and text not in english:
            problems.append(f"pas en français : {text[:120]!r}")
        if TECHNICAL_PROBLEM_MARK in text:
            problems.append("une action a échoué (message « problème technique »)")
        if "<script" in text.lower():
            problems.append(f"balise recopiée : {text[:120]!r}")
    return problems


# ------------------------------------------------------------------ driving a BotStack over REST


def post(bot: BotStack, sender: str, message: Any, timeout: float = 60) -> Tuple[int, Any]:
    """The REST webhook, returning (status, body) instead of raising on an HTTP error."""
    try:
        return 200, http_json(
            "POST", f"{bot.url}/webhooks/rest/webhook", {"sender": sender, "message": message}, timeout=timeout
        )
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def say_ok(bot: BotStack, sender: str, message: Any) -> List[Dict[str, Any]]:
    status, replies = post(bot, sender, message)
    assert status == 200, (message, status, replies)
    assert not reply_problems(replies), (message, reply_problems(replies), replies)
    return replies


def reach_suggestions(
    bot: BotStack, sender: str, person: Person, last: Optional[List[Dict[str, Any]]] = None, max_turns: int = 16
) -> List[Dict[str, Any]]:
    """Answers the bot's questions until it shows suggestions; fails if it never does."""
    replies = last or []
    for _ in range(max_turns):
        if shows_suggestions(replies):
            return replies
        replies = say_ok(bot, sender, person.answer(question_asked(replies)))
    raise AssertionError(
        f"{sender}: pas de suggestions après {max_turns} réponses ; dernier message : {reply_texts(replies)[-1:]}"
    )
