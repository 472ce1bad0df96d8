"""Finds which glossary term a question is about ("c koi un aci ?", "ça veut dire quoi RQTH")."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Dict, List, Optional, Sequence, Tuple

from knowledge.models import GlossaryTerm
from knowledge.text import normalize

# Words around the term in a question: removed before comparing the rest with the variants.
_QUESTION_WORDS = re.compile(
    r"\b(?:c est|cest|c|ces|qu est ce que|qu est ce qu|quest ce que|kesako|koi|quoi|ca veut dire|ca veut di|"
    r"veut dire|c koi|ckoi|definition|signifie|un|une|le|la|les|l|des|du|de|d|sa|ca|svp|stp|exactement|"
    r"explique|expliquez|moi|c quoi|qui|que|est|vous|tu|peux|pouvez|m|me|dire)\b"
)


@lru_cache(maxsize=4)
def _index(terms: Tuple[GlossaryTerm, ...]) -> Dict[str, GlossaryTerm]:
    index: Dict[str, GlossaryTerm] = {}
    for term in terms:
        for form in (term.terme, term.nom_complet or "", term.id.replace("-", " "), *term.variantes):
            key = normalize(form)
            if key:
                index.setdefault(key, term)
    return index


def find_term(question: str, terms: Sequence[GlossaryTerm], hint: Optional[str] = None) -> Optional[GlossaryTerm]:
    """The term asked about: the NLU's `terme` entity first, then the longest known form in the text."""
    index = _index(tuple(terms))
    for candidate in (hint, question):
        if not candidate:
            continue
        text = normalize(candidate)
        if text in index:
            return index[text]
        stripped = " ".join(_QUESTION_WORDS.sub(" ", text).split())
        if stripped in index:
            return index[stripped]
        best: Optional[Tuple[int, GlossaryTerm]] = None
        for key, term in index.items():
            if len(key) < 3:
                continue  # "ai", "ei" hide inside "j ai", "c est": short acronyms only match alone
            if re.search(rf"(?<![a-z0-9]){re.escape(key)}(?![a-z0-9])", text) and (best is None or len(key) > best[0]):
                best = (len(key), term)
        if best:
            return best[1]
    return None


def _spans(text: str, key: str) -> List[Tuple[int, int]]:
    return [m.span() for m in re.finditer(rf"(?<![a-z0-9]){re.escape(key)}(?![a-z0-9])", text)]


def terms_in(text: str, terms: Sequence[GlossaryTerm], limit: int = 3) -> Tuple[GlossaryTerm, ...]:
    """Every term a message names, in the order written (« Cap emploi ou la mission locale ? » → both): the
    longest form wins where two overlap, a term counts once, and at most `limit` (a long story names many)."""
    norm = normalize(text or "")
    found: List[Tuple[int, int, GlossaryTerm]] = []
    for key, term in sorted(_index(tuple(terms)).items(), key=lambda item: -len(item[0])):
        if len(key) < 3:
            continue  # as in find_term: "ai", "ei" hide inside "j ai"
        for start, end in _spans(norm, key):
            if all(end <= s or start >= e for s, e, _ in found):
                found.append((start, end, term))
    ordered: List[GlossaryTerm] = []
    for _, _, term in sorted(found, key=lambda f: f[0]):
        if term not in ordered:
            ordered.append(term)
    return tuple(ordered[:limit])


# « c'est quoi X », « ça veut dire quoi X », « qu'est-ce que X », « définition de X »: only these ask what a
# word means. « tu as quoi pour le logement ? » or « pourquoi le 1 ? » are other questions (play-test D: both
# were answered « Je ne connais pas encore ce mot »).
_DEFINITION_QUESTION = re.compile(
    r"\b(?:c est|cest|c|ces|ca) (?:quoi|koi)\b|\bckoi\b|\bveut (?:dire|di)\b|\bqu ?est ce (?:que|qu|qui)\b"
    r"|\bsignifie\b|\bdefinition\b|\bkesako\b|\bexpliqu\w*\b"
)


def definitions_asked(text: str, terms: Sequence[GlossaryTerm]) -> Tuple[GlossaryTerm, ...]:
    """The terms a message asks the meaning of in so many words (« 17 et jsuis a grenoble. cest quoi le cej au
    fait ? » → the CEJ), sentence by sentence: an answer given in the same message names no term asked about."""
    found: List[GlossaryTerm] = []
    for sentence in re.split(r"[.?!;\n]+", text or ""):
        if _DEFINITION_QUESTION.search(normalize(sentence)):
            found += [term for term in terms_in(sentence, terms) if term not in found]
    return tuple(found)


# A word or two alone (« zorglub ? », « un aci ») asks what it means, unless it is another question word.
_OTHER_QUESTION = re.compile(r"\b(?:pourquoi|pk|pq|pkoi|comment|quand|combien|ou)\b")
_SHORT_QUESTION_WORDS = 3


def is_definition_question(text: str) -> bool:
    norm = normalize(text or "")
    if _DEFINITION_QUESTION.search(norm):
        return True
    return len(norm.split()) <= _SHORT_QUESTION_WORDS and not _OTHER_QUESTION.search(norm)


# The term a question of the form is about: « c quoi ? » typed while it is asked means this term.
QUESTION_TERMS: Dict[str, str] = {"qpv": "qpv", "rqth": "rqth", "permis": "permis-de-conduire"}


def question_term(requested_slot: Optional[str], terms: Sequence[GlossaryTerm]) -> Optional[GlossaryTerm]:
    wanted = QUESTION_TERMS.get(requested_slot or "")
    return next((term for term in terms if term.id == wanted), None) if wanted else None


def definition_text(term: GlossaryTerm, terms_by_id: Optional[Dict[str, GlossaryTerm]] = None) -> str:
    # « Plateforme de mobilité (Plateforme de mobilité) » : the full name only when it says more; a full name that
    # begins with the term is said alone (play-test G: « Logement social (Logement social (HLM)) »).
    full = term.nom_complet if term.nom_complet and term.nom_complet.casefold() != term.terme.casefold() else None
    if full and normalize(full).startswith(normalize(term.terme)):
        name = full
    else:
        name = f"{term.terme} ({full})" if full else term.terme
    text = f"{name} : {term.definition}"
    if term.remplace_par:
        year = f" en {term.remplace_par.annee}" if term.remplace_par.annee else ""
        text += f"\nÀ savoir : remplacé par « {term.remplace_par.terme} »{year}."
    return text
