"""Finds which glossary term a question is about ("c koi un aci ?", "ça veut dire quoi RQTH")."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Dict, Optional, Sequence, Tuple

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


# The term a question of the form is about: « c quoi ? » typed while it is asked means this term.
QUESTION_TERMS: Dict[str, str] = {"qpv": "qpv", "rqth": "rqth", "permis": "permis-de-conduire"}


def question_term(requested_slot: Optional[str], terms: Sequence[GlossaryTerm]) -> Optional[GlossaryTerm]:
    wanted = QUESTION_TERMS.get(requested_slot or "")
    return next((term for term in terms if term.id == wanted), None) if wanted else None


def definition_text(term: GlossaryTerm, terms_by_id: Optional[Dict[str, GlossaryTerm]] = None) -> str:
    # « Plateforme de mobilité (Plateforme de mobilité) » : the full name only when it says more
    full = term.nom_complet if term.nom_complet and term.nom_complet.casefold() != term.terme.casefold() else None
    name = f"{term.terme} ({full})" if full else term.terme
    text = f"{name} : {term.definition}"
    if term.remplace_par:
        year = f" en {term.remplace_par.annee}" if term.remplace_par.annee else ""
        text += f"\nÀ savoir : remplacé par « {term.remplace_par.terme} »{year}."
    return text
