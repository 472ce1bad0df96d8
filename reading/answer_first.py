"""An answer to the question asked wins over an NLU intent that would leave the questionnaire.

Live testers answering « Quel est votre diplôme ? » with « j'ai arrêté en première » were told « D'accord, on
s'arrête là » : the model had learnt « arrêter » from « stop ». A commune typed at the commune question (« La
Souterraine ») was read as another intent the same way. When a form question is asked and the message's NLU
intent would end or leave the questionnaire, the message is read with the parsers (reading/facts.py); if they
find a fact of the profile, the message is information (intent `inform`). Outside the questionnaire, only
« stop » and « au revoir » are re-read this way, and a greeting that states the need (other facts alone still
get the welcome and its notice).
Pure and unit-tested; aiguillage/rasa/answer_first.py applies it to Rasa's NLU result.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping, Optional, Pattern, Sequence, Tuple

import yaml

from knowledge.profile import MESSAGE_SLOTS
from knowledge.text import normalize
from reading.facts import read_facts

# Intents that would leave, end or sidetrack the questionnaire. Yes/no, « je ne sais pas », « je préfère ne
# pas répondre » and questions (« c'est quoi ? ») are not here: they are the person's own way to answer.
# « les tarterets » at the QPV question was taken for « détails de la 3 » (play-test D): questions about a list are
# only the person's when no question of the form is pending with an answer in the message.
LEAVING_INTENTS = frozenset(
    {
        "stop",
        "goodbye",
        "out_of_scope",
        "nlu_fallback",
        "chitchat",
        "greet",
        "thank",
        "ask_details",
        "ask_why_suggestion",
    }
)

# The profile facts a message can carry. Any of them, read while a question is asked, makes the message
# information, not a goodbye: play-testers typed « j'ai arrêté en première » at the need question too, and
# « bellevue » (a quartier) at the QPV question was taken for « au revoir ».
PROFILE_FACTS = frozenset(MESSAGE_SLOTS) - {"commune", "departement"}


LIST_QUESTION_INTENTS = frozenset({"ask_details", "ask_why_suggestion"})

# Outside the questionnaire: the intents that would end the conversation (one fact is enough to re-read
# them), and those that would answer « je ne sais pas répondre à ça », re-read only when the message states a
# situation — two facts or more: a 3,000-character story ending « 20 ans, Grenoble, formation » was taken
# for out of scope and lost, while « il fait beau à Nice ? » (one place) must stay small talk.
ENDING_INTENTS = frozenset({"stop", "goodbye"})
OFF_TOPIC_INTENTS = frozenset({"out_of_scope", "nlu_fallback"})
# A greeting that states the need (« bonjour jai besoin d'un logement ») is information: the welcome would ask
# the need with its buttons although it was just said (play-test D). With other facts only (« bonjour j'ai
# 19 ans ») the welcome and its notice still come first: the need is what they ask.
GREETING = "greet"


def answers_asked_question(
    text: str,
    requested_slot: Optional[str],
    intent: Optional[str],
    entities: Sequence[Mapping[str, Any]] = (),
    known: Optional[Mapping[str, Any]] = None,
) -> bool:
    """Whether a message the NLU took for `intent` is in fact an answer to the question asked."""
    leaving = LEAVING_INTENTS if requested_slot else ENDING_INTENTS | OFF_TOPIC_INTENTS | {GREETING}
    if intent not in leaving or not text or text.startswith("/"):
        return False
    facts = read_facts(text=text, entities=entities, intent="inform", requested_slot=requested_slot, known=known)
    if not requested_slot and intent == GREETING:
        return facts.slots.get("besoin") is not None
    found = [name for name in PROFILE_FACTS if facts.slots.get(name) is not None]
    if not requested_slot and intent in OFF_TOPIC_INTENTS:
        return len(set(found) - {"commune_candidates"}) >= 2
    if intent in LIST_QUESTION_INTENTS:
        # « détails de la 2 » would read as a quartier's name: a name alone counts when the official list of QPV
        # knows it (« les tarterets ») or the QPV is said with it (« Mermoz, c'est un QPV »).
        return bool(set(found) - {"quartier"})
    return bool(found)


# --------------------------------------------------------------------------- a question is never a goodbye

QUESTIONS_FILE = Path(__file__).resolve().parents[1] / "knowledge" / "data" / "lexicon" / "questions.yaml"
# Intents that close the conversation: a question read as one of them is re-read as out of scope, which the
# rules answer with what the bot knows (after the list) or « je ne sais pas répondre » — never a goodbye.
# « non » (deny) closes only after the list; elsewhere it answers a question or opens the questionnaire.
# « stop » is not re-read: « on peut arrêter ? » asks to stop, and stopping must always work.
GOODBYE_INTENTS = frozenset({"goodbye", "thank"})
GOODBYE_AFTER_LIST = GOODBYE_INTENTS | {"deny"}
QUESTION_INTENT = "out_of_scope"


@lru_cache(maxsize=1)
def _question_cues() -> Tuple[str, Tuple[Pattern[str], ...]]:
    data = yaml.safe_load(QUESTIONS_FILE.read_text(encoding="utf-8"))
    return str(data["question_mark"]), tuple(re.compile(cue) for cue in data["cues"])


def is_question(text: str) -> bool:
    mark, cues = _question_cues()
    norm = normalize(text or "")
    return mark in (text or "") or any(cue.search(norm) for cue in cues)


def question_not_goodbye(text: str, intent: Optional[str], after_list: bool) -> bool:
    """Whether a message the NLU took for a goodbye (`intent`) is a question (play-test D: « t'as pas un truc
    en guadeloupe ? » closed the conversation). `after_list`: the suggestions were shown and no form is open."""
    intents = GOODBYE_AFTER_LIST if after_list else GOODBYE_INTENTS
    if intent not in intents or not text or text.startswith("/"):
        return False
    return is_question(text)


# The intent a wish about the list has (bot/rules/after_suggestions.yml): it narrows the list to a trade.
REFINE_INTENT = "refine_suggestions"


def wishes_a_trade(text: str, requested_slot: Optional[str], intent: Optional[str]) -> bool:
    """Outside the questionnaire, an off-topic message that names a trade (« Il est intéressé par le
    numérique, vous avez quelque chose ? ») is a wish about the list: the trade was stored (actions/
    extract_profile.py reads it from any message) but the person was told « Pardon, je n'ai pas compris »."""
    from reading.conversation_cues import sector_wished

    if requested_slot or intent not in OFF_TOPIC_INTENTS or not text or text.startswith("/"):
        return False
    return sector_wished(text) is not None  # « jai droit a une aide pour la creche ? » asks, wishes nothing


# --------------------------------------------------------------------------- a thank-you, a false alarm

# « ok merci jvais voir la mission locale » got the definition of mission locale (play-test E): a thank-you that
# names a term is a thank-you, unless it asks something (« merci, c'est quoi le CEJ ? »).
_THANKS = re.compile(r"\b(?:merci|mercii+|mrc|mci|thanks|thank you|thx)\b")
THANK_INTENT = "thank"
_RE_READ_AS_THANKS = frozenset({"nlu_fallback", "out_of_scope", "ask_definition", "chitchat"})


def thanks_not_question(text: str, intent: Optional[str]) -> bool:
    """Whether a message the NLU took for `intent` is a thank-you (that happens to name a term)."""
    from reading.glossary import is_definition_question  # reading.glossary is light; imported where used

    if intent not in _RE_READ_AS_THANKS or not text or text.startswith("/"):
        return False
    norm = normalize(text)
    return bool(_THANKS.search(norm)) and not is_question(text) and not is_definition_question(text)


# After a safety message the bot says « Si je me suis trompé, écrivez « non ça va » et on continue. » (domain.yml
# utter_urgence_inquietude): those words, and their usual variants, resume the questionnaire (intent `start`, as
# the « Reprendre » button) — not « non » to the list, which said goodbye (play-test E).
_FALSE_ALARM = re.compile(
    r"(?:(?:non|nan|nn|mais non|non non)\s+)?(?:ca va|ca va bien|c est bon|tout va bien|je vais bien|jvais bien|"
    r"pas de souci|pas de soucis|t inquiete|vous inquietez pas|fausse alerte|je rigolais|c etait pour rire)"
    r"(?:\s+(?:merci|je vous assure|promis|t inquiete|on continue|continuons))*"
)
START_INTENT = "start"


def false_alarm(text: str) -> bool:
    """« non ça va », « non c'est bon », « je vais bien »: the person says the safety message was not for them."""
    return _FALSE_ALARM.fullmatch(normalize(text or "").replace(",", " ").replace(".", " ").strip()) is not None


# --------------------------------------------------------------------------- restart, privacy, a trade: misfires

# Play-test G: « oui, Bellevue, je l'ai dit au début » → start_over (everything erased); « faire garder mon fils »
# → ask_privacy; « jai droit a une aide pour la creche ? » → a sector. The NLU can misfire on such words again
# after any retraining: these guards read the words themselves (reading/conversation_cues.py).
DEFINITION_INTENT = "ask_definition"


def _carries_a_fact(
    text: str, requested_slot: Optional[str], entities: Sequence[Mapping[str, Any]], known: Optional[Mapping[str, Any]]
) -> bool:
    from reading.conversation_cues import without_reproach

    facts = read_facts(
        text=without_reproach(text), entities=entities, intent="inform", requested_slot=requested_slot, known=known
    )
    return any(facts.slots.get(name) is not None for name in PROFILE_FACTS - {"commune_candidates"})


def misread_control(
    text: str,
    intent: Optional[str],
    requested_slot: Optional[str],
    entities: Sequence[Mapping[str, Any]] = (),
    known: Optional[Mapping[str, Any]] = None,
) -> Optional[str]:
    """The intent a message should have when the NLU's `intent` misfired on ordinary words, else None.
    A restart needs an explicit request; the privacy answer, a message about the person's data; a wish about the
    list, a wish (not a question about rights). Misread, the message is information when it answers the question
    asked (its fact is kept), else a question (answered with what the bot knows, or one honest sentence).
    During the questionnaire a definition asked along with an answer (« 17, grenoble. c'est quoi le CEJ ? ») is
    information too: the answer is kept and the definition said before the next question (actions/)."""
    from reading.conversation_cues import about_own_data, asks_rather_than_wishes, explicit_restart, reproach_misread

    if not text or text.startswith("/"):
        return None
    if intent == DEFINITION_INTENT:
        return "inform" if requested_slot and _carries_a_fact(text, requested_slot, entities, known) else None
    misread = (
        reproach_misread(text, intent)  # « je te l'ai deja dit la duchere » printed the fiche (play-test H h10)
        or (intent == "start_over" and not explicit_restart(text))
        or (intent == "ask_privacy" and not about_own_data(text))
        or (intent == REFINE_INTENT and asks_rather_than_wishes(text))
    )
    if not misread:
        return None
    if requested_slot and _carries_a_fact(text, requested_slot, entities, known):
        return "inform"
    return QUESTION_INTENT
