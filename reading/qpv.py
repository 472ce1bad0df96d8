"""« j'habite dans un quartier prioritaire », « je vis dans une cité QPV »: the answer to the QPV question,
said in any message (a long first message included), so that it is not asked again (play-test round C).
A quartier's own name is read by knowledge/geo/quartiers.py; these words are never taken for one."""

from __future__ import annotations

import re
from typing import Optional

from knowledge.negation import negated_search
from knowledge.text import normalize

# « quartier prioritaire », « QPV », « quartier politique de la ville », « zone prioritaire », « ZUS ».
_QPV = (
    r"\b(?:qpv|zus|quartiers? (?:prioritaires?|politique de la ville|de la politique de la ville|sensibles?)"
    r"|zones? (?:prioritaires?|urbaines? sensibles?)|politique de la ville)\b"
)
# « je suis pas dans un quartier prioritaire », « pas en QPV », « j'habite pas en qpv ».
# « je sais pas si c'est un QPV », « c'est quoi un QPV »: a doubt or a question, no answer.
_DOUBT = re.compile(r"\b(?:sais pas|sait pas|jsp|jsais pas|pas sur|pas sure|peut etre|ptet|quoi|si c est|si cest)\b")
_DENIED = re.compile(r"\b(?:pas|pa|jamais)\b(?: \w+){0,4} (?:" + _QPV[2:-2] + r")\b")


_NOT_KNOWING = re.compile(r"\b(?:sais pas|sait pas|jsp|jsais pas|chais pas|pas sur|pas sure|aucune idee)\b")


def mentions_qpv(text: str) -> bool:
    """Whether the words « QPV », « quartier prioritaire »… are in the message (said, denied or doubted)."""
    return bool(re.search(_QPV, normalize(text or "")))


def doubts_qpv(text: str) -> bool:
    """« jsais pas si c'est un QPV »: the person does not know (the question is then not asked again)."""
    t = normalize(text or "")
    return bool(re.search(_QPV, t) and _NOT_KNOWING.search(t))


def parse_qpv(text: str) -> Optional[bool]:
    """True when the message says the person lives in a QPV, False when it says not, else None."""
    t = normalize(text or "")
    if not re.search(_QPV, t):
        return None
    if _DOUBT.search(t) or "?" in t:
        return None
    return not (_DENIED.search(t) or negated_search(_QPV, t))
