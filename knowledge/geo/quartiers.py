"""Quartiers named in what people type: « quartier de la Villeneuve », « la cité des 4000 », « j'habite
aux Minguettes à Vénissieux », or a short answer to « Dans quel quartier ? » (« le blosne »).

There is no table of quartiers here: the name is kept as typed (trimmed), for the matcher and the
conseiller; whether it is a quartier prioritaire is asked, not guessed."""

from __future__ import annotations

import re
from typing import Optional

from knowledge.geo.lexicon import words
from knowledge.geo.names import _fold

_NEVER_UNASKED = words("never_unasked")
_FUNCTION_WORDS = words("function_words")
_MAX_WORDS = 5
# « quartier prioritaire », « cité QPV » say what kind of quartier, not its name (reading/qpv.py reads them).
_KIND_WORDS = frozenset({"prioritaire", "prioritaires", "qpv", "zus", "politique", "sensible", "sensibles"})
_ARTICLES = frozenset({"le", "la", "les", "l", "de", "du", "des", "d"})
# Leading words of an answer that are not the name: « jsuis à la », « j'habite dans le quartier du ».
# « je vous ai dit le mirail », « c'est la Villeneuve »: said again, or the name introduced.
_SAID = r"(?:(?:je|j)\s+(?:vous\s+|te\s+)?(?:l\s+)?ai\s+dit\s+|jvous\s+ai\s+dit\s+|jai\s+dit\s+|c\s+est\s+|cest\s+)?"
# A conseiller answers for the person: « il habite à l'Alma », « elle est à la Villeneuve ».
_LEAD = re.compile(
    rf"\s*{_SAID}(?:(?:je|j|moi|il|elle|on)\s+)?(?:(?:suis|jsuis|chui|chuis|est|habite|jhabite|vis|vit|jvis|reste)\b)?\s*"
    r"(?:(?:a|au|aux|dans|sur|en|vers)\b)?\s*(?:(?:les|le|la|l)\s+)?(?:quartiers?\s+)?(?:(?:de|du|des|d)\s+)?(?:(?:les|la|l)\s+)?"
)
_LEADING_ARTICLES = re.compile(r"\s*(?:(?:de|du|des|d)\s+)?(?:(?:les|le|la|l)\s+)?")
# « quartier X », « cité X », or « aux/au/à la X » right after « j'habite » and before « à <commune> ».
_NAMED = re.compile(
    r"\b(?P<kind>quartiers?|cites?)\s+(?P<name>[a-z0-9][a-z0-9 ]{1,40}?)(?=\s+(?:a|sur|de|et|mais|je|j|jai|g)\s|\s*$)"
)
_LIVE_IN = re.compile(
    r"\b(?:habite|jhabite|vis|jvis|suis|jsuis)\s+(?:aux|au|a la|a l|dans le quartier(?: des| du| de la| de)?)\s+"
    r"(?P<name>[a-z0-9][a-z0-9 ]{1,30}?)\s+(?:a|sur)\s+[a-z]"
)


# Punctuation and quotes around a quartier's name, taken off both ends (a set of characters, not a word).
_EDGE_PUNCTUATION = '()[]{}.,;:!?"« » '


def _clean(text: str) -> str:
    """Lowercase, accent-less, non-alphanumerics as spaces, and the SAME LENGTH as ``text``, so that
    a span found here is the span of the name as typed (« Duchère », not « duchere »)."""
    out = []
    for char in text:
        folded = _fold(char)
        out.append(folded if len(folded) == 1 and (folded.isascii() and folded.isalnum()) else " ")
    return "".join(out)


def _is_a_name(name: str) -> bool:
    # Words apart from hyphens and apostrophes too: « Frais-Vallon » is two words, both letters.
    tokens = re.findall(r"[a-z0-9]+", _fold(name).lower())
    if not 0 < len(tokens) <= _MAX_WORDS or not any(t.isalpha() for t in tokens):
        return False
    return not any(
        t in _NEVER_UNASKED or t in _FUNCTION_WORDS or t in _KIND_WORDS for t in tokens if t not in _ARTICLES
    )


def _as_typed(text: str, clean: str, start: int, end: int) -> str:
    """The name as typed, without a leading « de la », « des », « l' »."""
    lead = _LEADING_ARTICLES.match(clean, start)
    if lead and lead.end() < end:
        start = lead.end()
    return _as_written(text[start:end])


def _as_written(name: str) -> str:
    """Spaces tidied, the apostrophe kept (« l'Alma », not « l Alma »: the conseiller reads this name)."""
    return " ".join(name.replace("’", "'").split())[:60]


def quartier_in_text(text: str) -> Optional[str]:
    """A quartier named with a cue in a sentence, or None."""
    clean = _clean(text)
    match = _NAMED.search(clean)
    if match:
        start, end = match.span("name")
        if match.group("kind").startswith("cite"):
            start = match.start("kind")  # « la cité des 4000 » is the name
            name = " ".join(text[start:end].split())[:60]
        else:
            name = _as_typed(text, clean, start, end)
        return name if _is_a_name(name) else None
    match = _LIVE_IN.search(clean)
    if match:
        name = _as_typed(text, clean, *match.span("name"))
        return name if _is_a_name(name) else None
    return None


def quartier_answer(text: str) -> Optional[str]:
    """The name in a short answer to the quartier question, or None when it is no name (« rien »,
    « jcrois pas », « non »)."""
    named = quartier_in_text(text)
    if named:
        return named
    clean = _clean(text)
    lead = _LEAD.match(clean, len(clean) - len(clean.lstrip()))
    start = lead.end() if lead and lead.end() < len(clean.rstrip()) else 0
    if set(clean[:start].split()) <= {"les", "le", "la", "l"}:
        start = 0  # « la Villeneuve » answered alone: the article is part of the name
    name = _as_written(text[start:]).strip(_EDGE_PUNCTUATION)
    return name if _is_a_name(name) else None
