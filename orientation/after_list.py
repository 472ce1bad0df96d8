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
from reading.glossary import terms_in

# « pourquoi ? », « pk le 2 », « pourquoi celle-là » — the question word opening a clause.
_WHY = re.compile(r"(?:^|[.?!,;] ?)(?:mais |et )?(?:pourquoi|pourquoa|pk|pq|pkoi|pourquoi ca)\b")


@dataclass(frozen=True)
class AfterListPlan:
    terms: Tuple[GlossaryTerm, ...] = ()  # entries to give, in the order the question names them
    why: Optional[str] = None  # the suggestion whose reasons to give
    ask_which: bool = False  # « pourquoi ? » among several: ask which, with buttons


def asks_why(text: str) -> bool:
    return bool(_WHY.search(normalize(text or "")))


def plan_after_list(text: str, shown: Sequence[str], terms: Sequence[GlossaryTerm]) -> AfterListPlan:
    """What to answer to `text` after a list whose local suggestions are `shown` (ids, in order)."""
    if asks_why(text) and shown:
        chosen = ordinal_choice(text, shown)
        if chosen is not None:
            return AfterListPlan(why=chosen)
        if asked_position(text) is None:
            return AfterListPlan(why=shown[0]) if len(shown) == 1 else AfterListPlan(ask_which=True)
    return AfterListPlan(terms=terms_in(text, terms))
