"""Negated mentions in normalised text: « jcherche un appart pas un apprentissage », « jsuis pas en foyer »,
« jveux pas créer de boîte jveux du btp ». What follows a negation, up to the end of its clause, is what
the person does NOT say about themselves; a category found there must not be set, the affirmed one wins.

Used by the readers of categorical facts (need, housing, trade). The yes/no readers (permis, véhicule,
handicap, diploma) read negations themselves: for them « pas de permis » IS the answer.

A pattern that starts with the negation word itself (« pas de logement », « sans domicile », « je sais
pas quoi faire ») is an affirmed statement: only a match starting inside the negated object is dropped.
"""

from __future__ import annotations

import re
from typing import List, Optional, Tuple

# The negation words people type (« pa », « po » in SMS), « jamais », and « ni » (« ni foyer ni rue »).
_NEGATION = re.compile(r"\b(?:pas|pa|po|jamais|ni)\b(?= )")
# « pas que le bus », « pas seulement », « pas trop »: not a negation of what follows.
_NOT_A_NEGATION = frozenset({"que", "qu", "seulement", "juste", "forcement", "trop", "tres", "mal", "grand"})
# Words that open a new clause: the negation stops there (« jveux pas X jveux Y », « pas X mais Y »).
_CLAUSE_OPENERS = frozenset(
    {
        "mais",
        "plutot",
        "et",
        "ou",
        "moi",
        "je",
        "j",
        "il",
        "elle",
        "on",
        "g",
        "jai",
        "car",
        "parce",
        "donc",
        "sinon",
        "alors",
        "par",
        "juste",
        "seulement",
        "plus",
        "prefere",
        "preferer",
        "cherche",
        "veux",
        "voudrais",
    }
)
# « jveux », « jsuis », « jcherche »: j + a verb glued together opens a clause too.
_GLUED_J = re.compile(r"j[bcdfghklmnpqrstvwxz]\w+")
# « je trouve pas de boulot », « j'ai pas de logement », « j'arrive pas à trouver un appart »: a lack or a
# failure, which IS the need. Only a negation after these verbs is not a refusal of what follows.
_LACKING_VERBS = frozenset(
    {
        "ai",
        "jai",
        "g",
        "a",
        "as",
        "avons",
        "ont",
        "avais",
        "eu",
        "ya",
        "trouve",
        "trouves",
        "jtrouve",
        "trouvons",
        "arrive",
        "jarrive",
        "arrives",
        "reussi",
        "reussis",
        "jreussi",
        "reussit",
        "sais",
        "jsais",
        "sait",
        "peux",
        "jpeux",
        "peut",
        "connais",
        "jconnais",
        "obtenu",
        "trouver",
        "avoir",
    }
)
# How far a negation reaches: « pas de formation en cuisine » (4 words), not the rest of a long message.
_MAX_OBJECT_WORDS = 5


def _opens_clause(word: str) -> bool:
    return word in _CLAUSE_OPENERS or _GLUED_J.fullmatch(word) is not None


def negated_spans(text: str) -> List[Tuple[int, int]]:
    """Character spans of `text` (already normalised) that follow a negation and belong to its clause."""
    spans = []
    for negation in _NEGATION.finditer(text):
        before = [w for w in text[: negation.start()].split() if w not in ("n", "ne")][-1:]
        if before and before[0].rstrip(",.") in _LACKING_VERBS:
            continue
        start = negation.end() + 1
        end = start
        count = 0
        for word in re.finditer(r"\S+", text[start:]):
            token = word.group(0)
            bare = token.rstrip(",.")
            if count == 0 and bare in _NOT_A_NEGATION:
                break
            if _opens_clause(bare) or count >= _MAX_OBJECT_WORDS:
                break
            end = start + word.start() + len(bare)
            count += 1  # noqa: SIM113 (counted only for words kept)
            if bare != token:  # a comma or full stop closes the clause
                break
        if end > start:
            spans.append((start, end))
    return spans + _disliked_before(text)


# A dislike said after what it is about, closing its clause: « la vente jaime pas, plutot la logistique », « la vente
# c'est pas pour moi » (play-test round C). Only when nothing follows in the clause: « jaime pas rester seul » is no
# verdict on what came before.
_DISLIKE_AFTER = re.compile(
    r"\b(?:j aime pas|jaime pas|j aime vraiment pas|jaime vraiment pas|j aime pas trop|jaime pas trop|"
    r"j aime pas du tout|jaime pas du tout|c est pas pour moi|cest pas pour moi|c pas pour moi|"
    r"ca me plait pas|ca me dit rien|ca m interesse pas|ca minteresse pas|c est pas mon truc|cest pas mon truc|"
    r"j en veux pas|jen veux pas|non merci)"
    r"(?=\s*(?:$|[,.;!]|(?:plutot|mais|moi|je|j|jprefere|prefere|par contre)\b))"
)


def _disliked_before(text: str) -> List[Tuple[int, int]]:
    """Spans of the words a post-posed dislike is about: back to its clause's start, at most a few words."""
    spans = []
    for dislike in _DISLIKE_AFTER.finditer(text):
        words = list(re.finditer(r"\S+", text[: dislike.start()]))
        start = dislike.start()
        for word in reversed(words[-_MAX_OBJECT_WORDS:]):
            token = word.group(0)
            if token[-1] in ",.;!" or _opens_clause(token):
                break
            start = word.start()
        if start < dislike.start():
            spans.append((start, dislike.start()))
    return spans


def is_negated(text: str, position: int) -> bool:
    return any(start <= position < end for start, end in negated_spans(text))


def affirmed_search(pattern: str, text: str) -> Optional[re.Match[str]]:
    """The first match of `pattern` in `text` (normalised) that does not start inside a negated span."""
    spans = negated_spans(text)
    for match in re.finditer(pattern, text):
        if not any(start <= match.start() < end for start, end in spans):
            return match
    return None


def negated_search(pattern: str, text: str) -> Optional[re.Match[str]]:
    """The first match of `pattern` that starts inside a negated span (« pas en foyer »)."""
    spans = negated_spans(text)
    for match in re.finditer(pattern, text):
        if any(start <= match.start() < end for start, end in spans):
            return match
    return None
