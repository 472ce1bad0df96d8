"""Which suggestion shown a message names: « pourquoi le CEJ », « pk la mission locale », « détails de l'E2C ».
« pourquoi le 2 » is read by position (orientation/formatting.py `ordinal_choice`); this reads the name, or part
of it, without accents or case, with a typo or two (play-test round C: « pourquoi le CEJ » was not understood)."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from knowledge.text import normalize

# « pourquoi », « pk », « pq », « pkoi », « prk »: a why-question.
_WHY = re.compile(r"^\W*(?:mais |et |ok |ah |euh )?(?:pourquoi|pourkoi|pk|pq|pkoi|prk|pkq|why)\b")
# Words that name nothing: the question itself, articles, « cette action », « vous me proposez ».
_NOT_A_NAME_WORDS = (
    "pourquoi pourkoi pk pq pkoi prk pkq why c est cest quoi ca sa le la les l un une de du des d au aux a en et "
    "ou pour me m vous tu te t moi ce cet cette celle celui ci action actions structure proposition "
    "propose proposez proposes proposee conseille conseillez detail details plus sur dire dites info infos "
    "ok mais ah euh alors donc svp stp merci je j il elle y dans avec qui que quel quelle"
)
_NOT_A_NAME = frozenset(_NOT_A_NAME_WORDS.split())
_TYPO_RATIO = 0.8  # « misison » is « mission »; shorter words must be exact (« cej », « e2c »)
_TYPO_MIN_LETTERS = 5


def asks_why(text: str) -> bool:
    return bool(_WHY.match(normalize(text or "")))


def _words(text: str) -> List[str]:
    return [w for w in re.findall(r"[a-z0-9]+", normalize(text)) if w not in _NOT_A_NAME]


def _name_words(names: Iterable[str]) -> List[str]:
    """A suggestion's words, and the initials of each name (« Contrat d'engagement jeune » also « cej »)."""
    found: List[str] = []
    for name in names:
        words = _words(name)
        found += words
        long_words = [w for w in words if len(w) > 2 or w.isdigit()]
        if len(long_words) >= 2:
            found.append("".join(w[0] for w in long_words))
    return found


def _matches(word: str, candidates: Sequence[str]) -> bool:
    if word in candidates:
        return True
    if len(word) < _TYPO_MIN_LETTERS:
        return False
    return any(
        (len(c) >= _TYPO_MIN_LETTERS and SequenceMatcher(None, word, c).ratio() >= _TYPO_RATIO) or c.startswith(word)
        for c in candidates
    )


def _covered(asked: Sequence[str], name: str) -> float:
    """The share of one name's words that the message says (« mission locale » covers all of « Mission locale »,
    two thirds of « Mission locale de Marseille »)."""
    words = _words(name)
    return (
        sum(1 for w in words if _matches(w, asked) or any(_matches(a, [w]) for a in asked)) / len(words) if words else 0
    )


def named_choice(text: str, names: Mapping[str, Sequence[str]]) -> Optional[str]:
    """The key of `names` ({id: names of that suggestion}) the message names, or None when it names none, or
    several as closely (« pourquoi la mission locale » when two shown are named « Mission locale »). A remark in
    another sentence (« Pourquoi le CEJ ? J'ai 27 ans », play-test G) does not hide the name: when the whole
    message names none, its first sentence is read alone."""
    found = _named_in(text, names)
    if found is None:
        first = re.split(r"[?.!;\n]", text or "", maxsplit=1)[0]
        if first.strip() and first.strip() != (text or "").strip():
            found = _named_in(first, names)
    return found


def _named_in(text: str, names: Mapping[str, Sequence[str]]) -> Optional[str]:
    asked = _words(text)
    if not asked:
        return None
    scores: Dict[str, Tuple[int, float]] = {}
    for key, key_names in names.items():
        words = _name_words(key_names)
        hits = sum(1 for word in asked if _matches(word, words))
        if hits * 2 >= len(asked) and hits:  # at least half the words said are this suggestion's
            # More words said first; on a tie, the name the message says most fully.
            scores[key] = (hits, max(_covered(asked, name) for name in key_names))
    if not scores:
        return None
    best = max(scores.values())
    winners = [key for key, score in scores.items() if score == best]
    return winners[0] if len(winners) == 1 else None
