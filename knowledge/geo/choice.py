"""What to do with the communes a message may name: take one, offer homonyms, or ask to confirm.

Only an exact, unique name (or postal code, INSEE code, arrondissement) is taken without asking; a
typo, a short form (« ivry ») or a small exact commune with a bigger near miss (« fougere »: Fougeré or
Fougères?) is offered for a one-tap confirmation; homonyms (« saint denis ») are offered as a list, and a
département or région said next (« 93 », « la réunion », « dans la drôme ») picks one of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Sequence, Tuple

from knowledge.geo.index import _geo, _population, get_commune
from knowledge.geo.lexicon import words
from knowledge.geo.names import _ARRONDISSEMENT_WORDS, _tokens
from knowledge.geo.records import Candidate, Commune
from knowledge.geo.resolution import _qualifier, _satisfies, resolve_commune
from knowledge.geo.text import find_communes_in_text, locution_end

# Scores at or above this are exact readings: exact name, name without its article, codes, arrondissements.
EXACT = 0.97
# Below this a reading is too far-fetched to even offer.
OFFER = 0.5
MAX_OFFERED = 5
MAX_TO_CONFIRM = 3
# Homonyms are offered unless the others together hold less than this share of their people: one person in
# a hundred or fewer would mean them (La Rochelle (17), 80,000, and La Rochelle (70), 40). The commune taken
# is said back, so that guess is seen and corrected (Montreuil: 1.2 %, Valence: 8 % are still offered).
HOMONYM_MIN_SHARE = 0.01
_FILLERS = words("leading_fillers") | words("qualifier_glue")
# « le malzieu ville jlai dit », « jte dis le malzieu ville », « les sables d'olonne je te l'ai dit »: the answer said
# again, around the name (play-test F). Matched on normalised words.
_SAID = (
    r"(?:je|j) (?:(?:te|vous|t) )?(?:l )?(?:ai )?(?:deja )?(?:dit|dis|ecrit)|jl ?ai (?:deja )?(?:dit|ecrit)"
    r"|jlai (?:deja )?(?:dit|ecrit)|jte (?:l |lai )?(?:ai )?(?:dit|dis)|jtai (?:deja )?dit"
    r"|jvous (?:l )?(?:ai )?(?:dit|dis)"
    r"|jdis|je repete|jrepete|comme (?:je|j) (?:(?:te|vous) )?(?:l )?ai dit"
)
_SAID_LEAD = re.compile(rf"^(?:(?:ben|bah|ba|beh|euh|bon|mais|bref|ok) )*(?:{_SAID}) ")
_SAID_TAIL = re.compile(rf" (?:{_SAID})(?: (?:deja|dsl|mdr|lol|frere|wesh|hein))*$")


def without_said_again(text: str) -> str:
    """The answer without « jlai dit », « jte dis » around it; ``text`` itself when nothing is around it."""
    folded = " ".join(_tokens(text))
    core = _SAID_TAIL.sub("", _SAID_LEAD.sub("", folded))
    return core if core != folded and core else text


_RANK_TOKEN = re.compile(r"\d{1,2}e")


def _misspelt_city_with_rank(text: str) -> list:
    """« marseile 13eme »: the name without its arrondissement's rank, typos allowed as for a name alone; the rank
    is put back by the caller (reading/commune_cues.with_arrondissement), so the 13e is not lost (play-test F)."""
    tokens = [t for t in _tokens(text) if t not in _ARRONDISSEMENT_WORDS]
    if len(tokens) < 2 or not _RANK_TOKEN.fullmatch(tokens[-1]):
        return []
    cities = {c.arrondissement_de for c in _geo().communes if c.arrondissement_de}  # Paris, Lyon, Marseille
    return [c for c in resolve_commune(" ".join(tokens[:-1])) if c.commune.code_insee in cities]


def _only_locutions(text: str) -> bool:
    """« a pied », « jsuis a velo » answering the commune question: a way of moving, no place."""
    tokens = _tokens(text)
    i, found = 0, False
    while i < len(tokens):
        end = locution_end(tokens, i)
        if end is None:
            if tokens[i] not in _FILLERS:
                return False
            i += 1
            continue
        i, found = end, True
    return found


@dataclass(frozen=True)
class Choice:
    """``commune``: taken as said. ``candidates``: to offer (several: « laquelle ? »; one: « c'est bien
    ça ? »). ``departement``: a département given without a commune (« 26 » while the commune is asked)."""

    commune: Optional[Commune] = None
    candidates: Tuple[Commune, ...] = ()
    departement: Optional[str] = None

    @property
    def empty(self) -> bool:
        return self.commune is None and not self.candidates and self.departement is None


def _by_population(communes: Sequence[Commune]) -> Tuple[Commune, ...]:
    unique = {c.code_insee: c for c in communes}
    return tuple(sorted(unique.values(), key=lambda c: (-_population(c), c.code_insee)))


def choose(candidates: Sequence[Candidate]) -> Choice:
    """The decision for ranked candidates (from resolve_commune or find_communes_in_text)."""
    candidates = [c for c in candidates if c.score >= OFFER]
    if not candidates:
        return Choice()
    exact = _by_population([c.commune for c in candidates if c.score >= EXACT])
    if exact:
        biggest = _population(exact[0])
        bigger = _by_population([c.commune for c in candidates if c.score < EXACT and _population(c.commune) > biggest])
        others = sum(_population(c) for c in exact[1:])
        if not bigger and (len(exact) == 1 or others < HOMONYM_MIN_SHARE * (biggest + others)):
            return Choice(commune=exact[0])
        return Choice(candidates=(bigger + exact)[:MAX_OFFERED])
    best = max(c.score for c in candidates)
    top = _by_population([c.commune for c in candidates if best - c.score < 1e-9])
    return Choice(candidates=top[:MAX_TO_CONFIRM])


def _strip_fillers(tokens: Sequence[str]) -> list:
    tokens = list(tokens)
    while tokens and tokens[0] in _FILLERS:
        tokens.pop(0)
    return tokens


def departement_only(text: str) -> Optional[str]:
    """The département code when ``text`` names only a département (« 26 », « la drôme », « (93) »,
    « à la réunion »), not a commune of that département (« Paris » is a commune of Paris)."""
    tokens = _strip_fillers(_tokens(text))
    if not tokens:
        return None
    key = "".join(tokens)
    if key.isdigit() and len(key) not in (2, 3):
        return None
    qualifier = _geo().place_qualifiers.get(key)
    if qualifier is None or qualifier[0] != "departement":
        return None
    same_name = [c.commune for c in resolve_commune(" ".join(tokens)) if c.score >= EXACT and c.reason != "postal-code"]
    if any(c.departement == qualifier[1] for c in same_name):
        return None
    return qualifier[1]


def narrow(codes: Sequence[str], text: str) -> Optional[Choice]:
    """Among communes already offered, the one(s) ``text`` points to, or None when it names none of them.

    « 974 », « la réunion », « dans la drôme », « celle de l'essonne », « 93200 », or the name with its
    département again (« saint denis 93 »)."""
    offered = [c for c in (get_commune(code) for code in codes or ()) if c is not None]
    if not offered:
        return None
    tokens = _strip_fillers(_tokens(text))
    qualifier = _qualifier(_geo(), tokens) if tokens else None
    if qualifier is None and tokens and "".join(tokens).isdigit() and len("".join(tokens)) == 3:
        qualifier = ("departement", "".join(tokens))
    if qualifier is not None:
        inside = [c for c in offered if _satisfies(c, qualifier)]
    else:
        named = {c.commune.code_insee for c in resolve_commune(text) if c.score >= EXACT}
        inside = [c for c in offered if c.code_insee in named]
    if len(inside) == 1:
        return Choice(commune=inside[0])
    if 1 < len(inside) < len(offered):
        return Choice(candidates=_by_population(inside))
    return None


def read_answer(text: str, offered: Sequence[str] = (), departement: Optional[str] = None) -> Choice:
    """An answer to the commune question: a pick among the communes offered, a département alone, or
    a commune (within the département already given, when there is one)."""
    if offered:
        picked = narrow(offered, text)
        if picked is not None:
            return picked
    text = without_said_again(text)
    if _only_locutions(text):
        return Choice()
    only = departement_only(text)
    if only:
        return Choice(departement=only)
    # The whole answer as a place first; else a place within it (« cp 26000 », « marseille 15 eme
    # arrondissement », « euh je crois que c'est Rennes »).
    candidates = resolve_commune(text) or find_communes_in_text(text) or _misspelt_city_with_rank(text)
    if departement:
        inside = [c for c in candidates if c.commune.departement == departement]
        candidates = inside or candidates
    return choose(candidates)
