"""Precise subjects a person names beside (or instead of) their need — a school stage to find, a child to have
looked after, rent or money they cannot meet, no health cover or no doctor (play-tests F and G: g12, f15, g03,
f17, g13, g11). The profile's need stays one of the seven (knowledge/profile.py BESOINS); these subjects are the
`sujets` fact (knowledge/profile.py SUJETS), read in any message and never asked. They open the network cards
made for them (knowledge/data/networks.yaml, trigger key `sujet`).

Health, money and family are sensitive: the words are never logged (actions/profile_slots.py SENSITIVE_SLOTS).
Only the person's own situation counts: « c'est quoi une mutuelle ? » asks, it does not say one is missing.
"""

from __future__ import annotations

import re
from typing import Any, Dict, FrozenSet, Iterable, List, Optional

from knowledge.text import normalize

_CHILD = r"(?:fils|fille|enfant|enfants|bebe|petit|petite|gamin|gamine|gosse|gosses|ptit|pitchoun|loulou)"
_NO = r"(?:pas|plus|aucun|aucune|sans)"
_MY = r"(?:mon |ma |mes |un |une |le |la |l |les )?"
# The person's own search (« quelqu'un qui a été aidé pour trouver un stage » is someone else's).
_MY_SEARCH = (
    r"(?:(?:je|j|il|elle) (?:dois|doit|cherche|recherche|veux|voudrais)|jdois|jcherche|jveux"
    r"|(?:il )?(?:me|lui) faut|faut que (?:je|j)|besoin d)"
)
_STAGE = r"(?:stage|pfmp|periode de formation en (?:milieu professionnel|entreprise))"
_CANNOT = r"(?:arrive|arrives|jarrive|narrive|parviens|peux|peut|reussis) (?:plus |pas |meme pas |jamais )?(?:a )?"
_BROKE = r"(?:a sec|fauche|fauchee|sans (?:un )?(?:rond|sou|argent|thunes?)|dans la dech)"
_COVER = r"(?:mutuelle|complementaire sante|complementaire|medecin|medecin traitant|carte vitale|secu|securite sociale)"
_PATTERNS = (
    # A stage the school asks for (PFMP of a CAP or bac pro, a stage d'observation): the pupil's, said as a
    # search; « je suis en stage » is a status, not a need.
    (
        "stage-scolaire",
        re.compile(
            r"\bstage (?:de |d |en )?(?:3e|3eme|troisieme|seconde|2nde|observation|decouverte)\b"
            rf"|\b{_MY_SEARCH} (?:trouver |faire )?{_MY}{_STAGE}\b"
            r"|\bstage (?:de|d) \d+ (?:semaines?|jours?|mois)\b|\bpfmp\b|^(?:un |mon |le )?stage$"
        ),
    ),
    # A child to have looked after. Not the trade (« assistante maternelle », « un job de garde d'enfants »),
    # which is what some of them look for.
    (
        "garde-enfant",
        re.compile(
            rf"\bfaire garder {_MY}{_CHILD}\b|\b(?:garder|garde (?:de|d|pour)) (?:mon|ma|mes|nos|notre) {_CHILD}\b"
            rf"|\b{_NO} (?:de |d )?(?:mode de garde|solution de garde|nounou|nourrice|creche|garde)\b"
            r"|\b(?:place|aide|aides|inscription) (?:en |a la |pour la |pour une |dans une )?creche\b"
            r"|\b(?:mode|solution|moyen) de garde\b"
            # « jai un ptit de 2 ans et personne pour le garder » (the lead's own test, session 7)
            r"|\b(?:personne|pas de solution|rien|nulle part|personne d autre) pour (?:le|la|les|l) "
            r"(?:garder|faire garder)\b"
            r"|\bqui (?:peut|pourrait|pour) (?:le|la|les) garder\b"
        ),
    ),
    (
        "difficultes-argent",
        re.compile(
            rf"\b{_CANNOT}payer {_MY}(?:loyer|factures?|edf|electricite)\b"
            rf"|\b(?:comment|de quoi) payer {_MY}(?:loyer|factures?)\b"
            r"|\b(?:loyers? impayes?|impayes? de loyer|retard de loyer|dettes? de loyer|expulsion|expulse|expulsee)\b"
            rf"|\b(?:suis|jsuis|chui|chuis|je suis) {_BROKE}\b"
            r"|\b(?:plus|pas|aucun) (?:un )?(?:rond|sou|centime|euro)\b|\bplus (?:d|de) (?:argent|thunes?|sous)\b"
            r"|\b(?:rien|plus rien) (?:a manger|pour manger|dans le frigo)\b"
        ),
    ),
    (
        "acces-sante",
        re.compile(
            rf"\b{_NO} (?:de |d )?{_COVER}\b"
            r"|\b(?:trouver|cherche\w*|besoin d) (?:un |une )?(?:mutuelle|complementaire sante|medecin)\b"
            r"|\bcomplementaire sante solidaire\b|\bc2s\b|\bcmu\b"
        ),
    ),
)
# A question about the word, not the person's situation: « c'est quoi une mutuelle », « ça sert à quoi la C2S ».
_ASKING = re.compile(r"\b(?:c est quoi|cest quoi|ca veut dire|qu est ce que|ca sert a quoi|definition)\b")


def parse_sujets(text: str) -> FrozenSet[str]:
    """The subjects (knowledge/profile.py SUJETS ids) a message says the person faces; empty when none."""
    t = normalize(text or "")
    if not t or t.startswith("/") or _ASKING.search(t):
        return frozenset()
    return frozenset(sujet for sujet, pattern in _PATTERNS if pattern.search(t))


# Said back once, when first read (play-test G: the child and the rent were « lost » in silence). The answer is a
# card of the list (knowledge/data/networks.yaml); no promise here: after a list, whether a new one is given is
# the after-list flow's (actions/recommend.py gives one when the cards change).
_NOTED = {
    "stage-scolaire": "votre stage à trouver pour l'école",
    "garde-enfant": "faire garder votre enfant",
    "difficultes-argent": "vos difficultés d'argent",
    "acces-sante": "la mutuelle ou le médecin",
}


def sujets_note(new: FrozenSet[str]) -> str:
    """« C'est noté : faire garder votre enfant. » for the subjects read for the first time."""
    said = " et ".join(_NOTED[sujet] for sujet in sorted(new))
    return f"C'est noté : {said}."


def read_sujets(text: str, known: Optional[Iterable[str]], slots: Dict[str, Any], notes: List[str]) -> None:
    """Adds the subjects a message says to those known before (`slots["sujets"]`), said back once when new."""
    before = set(known or ())
    new = parse_sujets(text) - before
    if new:
        slots["sujets"] = sorted(before | new)
        notes.append(sujets_note(new))
