"""Whether a quartier named by the person is a quartier prioritaire (QPV), from the official list
(knowledge/data/geo/qpv.tsv, ANCT 2024, built by build_qpv_data.py).

Only a match says « oui »: a name missing from the list is no « non » (« la Paillade » lies inside the QPV
« Mosson », « l'Alma » inside « Nouveau Roubaix »), so the question stays asked. A name matches a QPV of the
person's commune (an arrondissement counts as its city) when every distinctive word said is in the QPV's name
(« le mirail » → « Grand Mirail », « franc moisin » → « Franc Moisin - Cosmonautes - … »), accents and case
aside; the commune's own name is no distinctive word (« Lille Sud » → « Secteur Sud »)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, FrozenSet, List, Optional, Tuple

from knowledge.geo.index import DATA_DIR, _geo, _read_tsv
from knowledge.geo.lexicon import words
from knowledge.geo.names import _tokens
from knowledge.lazy import Lazy

# Words that name no quartier in particular, and words that count only as a whole name (knowledge/data/lexicon).
_NOISE = words("qpv_noise_words")
_GENERIC = words("qpv_generic_words")


@dataclass(frozen=True)
class Qpv:
    code: str
    nom: str
    communes: Tuple[str, ...]


def _words(name: str, ignored: FrozenSet[str] = frozenset()) -> FrozenSet[str]:
    return frozenset(t for t in _tokens(name) if t not in _NOISE and t not in ignored)


def _in_name(word: str, named: FrozenSet[str]) -> bool:
    """« dor » typed for « d'Or », « lalma » for « l'Alma »: an elided article stuck to the word still matches."""
    return word in named or (len(word) > 2 and word[0] in "dl" and word[1:] in named)


class _Table:
    def __init__(self) -> None:
        self.by_commune: Dict[str, List[Qpv]] = {}
        for code, nom, communes in _read_tsv("qpv"):
            qpv = Qpv(code, nom, tuple(communes.split(",")))
            for insee in qpv.communes:
                self.by_commune.setdefault(insee, []).append(qpv)


_TABLE: Lazy[_Table] = Lazy(_Table)
SOURCE = DATA_DIR / "qpv.tsv"


def _quartier_words() -> FrozenSet[str]:
    return frozenset(
        word
        for qpvs in _TABLE.get().by_commune.values()
        for qpv in qpvs
        for word in _words(qpv.nom, _GENERIC)
        if len(word) >= 4 and word.isalpha()
    )


_QUARTIER_WORDS: Lazy[FrozenSet[str]] = Lazy(_quartier_words)


def is_quartier_word(word: str) -> bool:
    """Whether a word is distinctive in some official QPV's name, anywhere in France (« tonkin », « canet »): the
    safety layer reads « jsuis au tonkin » as a place, not a state (play-test F)."""
    return word in _QUARTIER_WORDS.get()


def qpvs_of(code_insee: str) -> List[Qpv]:
    """The QPV of a commune (of its city for an arrondissement)."""
    commune = _geo().by_code.get(code_insee)
    city = commune.arrondissement_de if commune is not None and commune.arrondissement_de else code_insee
    return list(_TABLE.get().by_commune.get(city, ()))


def official_qpv(quartier: str, code_insee: Optional[str]) -> Optional[Qpv]:
    """The QPV of the person's commune that the quartier named is (or lies in by name), else None."""
    if not quartier or not code_insee:
        return None
    commune = _geo().by_code.get(code_insee)
    city_words: FrozenSet[str] = frozenset()
    if commune is not None:
        city = _geo().by_code.get(commune.arrondissement_de or "") or commune
        city_words = frozenset(_tokens(city.nom))
    said = _words(quartier, city_words)
    if not said:
        return None
    best: Optional[Qpv] = None
    for qpv in qpvs_of(code_insee):
        named = _words(qpv.nom, city_words)
        if said == named:
            return qpv  # the whole name: « Secteur Sud » for « Lille Sud »
        if best is None and said - _GENERIC and all(_in_name(word, named) for word in said):
            best = qpv
    return best


def qpv_sharing_a_word(name: str, code_insee: str) -> Optional[Qpv]:
    """The QPV of a commune whose name shares a distinctive word with `name`, when `official_qpv` finds none: a
    record's « Saint-Nicolas-Pavement » is the QPV « Pavement - Charité - Mortier - Murat » of Laval. Only one
    such QPV counts (two would leave the quartier undecided)."""
    said = {word for word in _words(name, _GENERIC) if len(word) >= 4 and word.isalpha()}
    found = [qpv for qpv in qpvs_of(code_insee) if said & _words(qpv.nom, _GENERIC)]
    return found[0] if len(found) == 1 else None


def distinctive_words(name: str, code_insee: Optional[str]) -> FrozenSet[str]:
    """The words of a quartier's name that could tell it from another of the town: not the town's own name, no
    generic word (« nord », « centre »), at least three letters (« la Noé »)."""
    commune = _geo().by_code.get(code_insee or "")
    city_words: FrozenSet[str] = frozenset()
    if commune is not None:
        city = _geo().by_code.get(commune.arrondissement_de or "") or commune
        city_words = frozenset(_tokens(city.nom))
    return frozenset(w for w in _words(name, city_words | _GENERIC) if len(w) >= 3 and w.isalpha())
