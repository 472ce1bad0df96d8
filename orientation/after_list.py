"""A question after the list that neither changes a fact nor asks for details (issue 14 item 6, play-test D).

The bot cannot answer everything, but it must never resend the same list as if it had answered. This module
decides what it can say: the glossary entries of the terms the question names (« Cap emploi ou la mission
locale ? » → both, which say whom each serves: one mechanism for every term, no per-message code), why a
suggestion is there (« pourquoi ? » with or without its number), or else an honest sentence with the next
steps. The sentences are in orientation/wording.py. Pure, used by actions/after_list.py and action_recommend.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Sequence, Tuple

from knowledge.models import GlossaryTerm
from knowledge.text import normalize
from orientation.formatting import asked_position, ordinal_choice
from orientation.named_choice import asks_why
from reading.glossary import terms_in
from reading.need import parse_besoin

# « et pour le logement ? », « tu as quoi pour le permis » — a need asked for by its noun (reading/need.py reads it).
_FOR_NEED = re.compile(r"\bpour (?:le |la |l |un |une |du |des )?(\w+)")
# Housing needed at once (play-test D d05: « c'est urgent mon pote va me virer »): the 115 comes first.
_URGENT = re.compile(
    r"\b(?:urgent|urgence|ce soir|cette nuit|va me virer|vont me virer|me met dehors|mettre dehors|a la rue)\b"
)


@dataclass(frozen=True)
class AfterListPlan:
    terms: Tuple[GlossaryTerm, ...] = ()  # entries to give, in the order the question names them
    why: Optional[str] = None  # the suggestion whose reasons to give
    ask_which: bool = False  # « pourquoi ? » among several: ask which, with buttons
    besoin: Optional[str] = None  # a need asked for (« et pour le logement ? »): the list is made again for it
    urgent: bool = False  # said to be urgent


def asked_need(text: str) -> Optional[str]:
    """The need « et pour le logement tu as quoi ? » asks for, or None."""
    for noun in _FOR_NEED.findall(normalize(text or "")):
        besoin = parse_besoin(noun, expecting=True)
        if besoin is not None:
            return besoin
    return None


def plan_after_list(text: str, shown: Sequence[str], terms: Sequence[GlossaryTerm]) -> AfterListPlan:
    """What to answer to `text` after a list whose local suggestions are `shown` (ids, in order)."""
    urgent = bool(_URGENT.search(normalize(text or "")))
    if not asks_why(text):
        besoin = asked_need(text)
        if besoin is not None:
            return AfterListPlan(besoin=besoin, urgent=urgent)
    if asks_why(text) and shown:
        chosen = ordinal_choice(text, shown)
        if chosen is not None:
            return AfterListPlan(why=chosen)
        if asked_position(text) is None:
            return AfterListPlan(why=shown[0]) if len(shown) == 1 else AfterListPlan(ask_which=True)
    return AfterListPlan(terms=terms_in(text, terms))
