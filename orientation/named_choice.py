"""Which suggestion shown a message names: « pourquoi le CEJ », « pk la mission locale », « détails de l'E2C ».
« pourquoi le 2 » is read by position (`ordinal_choice`, below); `named_choice` reads the name, or part
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


# --------------------------------------------------------------------------- by position

_ORDINALS = {
    "premier": 1,
    "premiere": 1,
    "1er": 1,
    "1ere": 1,
    "deuxieme": 2,
    "second": 2,
    "seconde": 2,
    "2e": 2,
    "2eme": 2,
    "troisieme": 3,
    "3e": 3,
    "3eme": 3,
    "quatrieme": 4,
    "4e": 4,
    "4eme": 4,
    "cinquieme": 5,
    "5e": 5,
    "5eme": 5,
    "derniere": -1,
    "dernier": -1,
}


_UNITS = frozenset({"euro", "euros", "eur", "an", "ans", "km", "h", "heure", "heures", "mois", "jours", "jour"})


def asked_position(text: str) -> Optional[int]:
    """The position « la 2e », « le premier », « la 3 » names (-1 for « la dernière »), or None."""
    words = normalize(text.replace("€", " euro ")).split()
    for index, word in enumerate(words):
        position = _ORDINALS.get(word)
        following = words[index + 1] if index + 1 < len(words) else ""
        # « le permis à 1 euro », « 2 ans », « 3 km »: an amount, not a position in the list (play-test E e11).
        if position is None and word.isdigit() and len(word) == 1 and following not in _UNITS:
            position = int(word)
        if position is not None and position != 0:
            return position
    return None


def ordinal_choice(text: str, shown: Sequence[str]) -> Optional[str]:
    """Which shown suggestion « la 2e », « le premier », « la dernière » or « la 3 » points at."""
    position = asked_position(text)
    if position is not None and shown and -1 <= position <= len(shown):
        return shown[position - 1] if position > 0 else shown[-1]
    return None


def follow_up_problem(shown: Sequence[str], was_shown: bool, text: str) -> Optional[str]:
    """Why « détails de la 2 » cannot be answered, in one kind sentence (None when it can)."""
    if not was_shown:
        return "Je ne vous ai encore rien proposé. Dites-moi ce que vous cherchez et je regarde."
    if not shown:
        return (
            "Je n'ai trouvé aucune action recensée pour vous : les contacts donnés plus haut "
            "(France services, réseaux) restent les bons."
        )
    position = asked_position(text)
    if position is not None and position > len(shown):
        count = "qu'une action" if len(shown) == 1 else f"que {len(shown)} actions"
        return f"Je ne vous ai proposé {count}. Écrivez « détails de la 1 » pour la première."
    return None
