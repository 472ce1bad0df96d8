"""An answer to the question asked wins over an NLU intent that would leave the questionnaire.

Live testers answering « Quel est votre diplôme ? » with « j'ai arrêté en première » were told « D'accord, on
s'arrête là » : the model had learnt « arrêter » from « stop ». A commune typed at the commune question (« La
Souterraine ») was read as another intent the same way. When a form question is asked and the message's NLU
intent would end or leave the questionnaire, the message is read with the parsers that own the asked fact
(reading/facts.py); if they find that fact, the message is an answer (intent `inform`).
Pure and unit-tested; aiguillage/rasa/answer_first.py applies it to Rasa's NLU result.
"""

from __future__ import annotations

from typing import Any, Mapping, Optional, Sequence

from reading.facts import read_facts

# Intents that would leave, end or sidetrack the questionnaire. Yes/no, « je ne sais pas », « je préfère ne
# pas répondre » and questions (« c'est quoi ? ») are not here: they are the person's own way to answer.
LEAVING_INTENTS = frozenset({"stop", "goodbye", "out_of_scope", "nlu_fallback", "chitchat", "greet", "thank"})

# Facts that answer each question when the parsers read them (the default is the question's own slot).
_ANSWERING = {
    "commune": frozenset({"code_insee", "commune_candidates"}),
    "diplome": frozenset({"diplome", "scolarite"}),
    "handicap": frozenset({"handicap"}),
}


def answers_asked_question(
    text: str,
    requested_slot: Optional[str],
    intent: Optional[str],
    entities: Sequence[Mapping[str, Any]] = (),
    known: Optional[Mapping[str, Any]] = None,
) -> bool:
    """Whether a message the NLU took for `intent` is in fact an answer to the question asked."""
    if not requested_slot or intent not in LEAVING_INTENTS or not text or text.startswith("/"):
        return False
    facts = read_facts(text=text, entities=entities, intent="inform", requested_slot=requested_slot, known=known)
    wanted = _ANSWERING.get(requested_slot, frozenset({requested_slot}))
    return any(facts.slots.get(name) is not None for name in wanted)
