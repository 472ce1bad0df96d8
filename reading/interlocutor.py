"""Who is typing: the young person, or a conseiller typing for them (« il a 19 ans », « mon jeune »).

A conseiller who types in the third person must be asked about « la personne que vous accompagnez »,
not addressed as the young person (play-test round C). Read from any message and kept for the
conversation (slot `interlocuteur`); only explicit cues count, so a young person speaking of their mother
(« ma mère a une voiture ») or asking « elle est où la mission locale » stays « vous ».
"""

from __future__ import annotations

import re
from typing import Optional

from knowledge.text import normalize

CONSEILLER, JEUNE = "conseiller", "jeune"

# The conseiller says who they are, or whom they type for.
_SAYS_CONSEILLER = re.compile(
    r"\b(?:je suis|jsuis|chui|suis) (?:une? )?"
    r"(?:conseill(?:er|ere)|educat(?:eur|rice)|referente?|travailleu(?:r|se) social)"
    r"|\b(?:mon|ma) (?:jeune|beneficiaire)\b"
    r"|\b(?:je teste|jteste|je fais le test|je remplis|je reponds|je cherche|je demande) pour (?:un|une|le|la|mon|ma) "
    r"(?:jeune|personne|beneficiaire)\b"
    r"|\bla personne (?:que|qu) (?:j accompagne|je suis|j aide|je recois)\b"
    r"|\b(?:les|des) jeunes que (?:j accompagne|je suis|je recois)\b"
    # « C'est pour une jeune, pas pour moi » (play-test E e20); not « pas pour moi » alone (« ce métier c'est pas
    # pour moi » is the young person)
    r"|\b(?:c est|cest|c) pour (?:une?|le|la|mon|ma) (?:jeune|personne|beneficiaire|ado)\b"
)
# A profile fact said of « il » / « elle »: age, housing, licence, vehicle, handicap, schooling, need. Only such
# facts, so that « il y a », « elle est où », « il faut » stay first person.
_THIRD_PERSON_FACT = re.compile(
    r"\b(?:il|elle) (?:n )?(?:"
    r"a (?:\d{2}|dix|seize|dix sept|dix huit|dix neuf|vingt)\w* ans"
    r"|(?:a|aura|avait) (?:pas |jamais )?(?:le |son |un |une |de |d )?"
    r"(?:permis|voiture|vehicule|scooter|rqth|handicap|diplome|cap|bep|bac)\b"
    r"|(?:habite|vit|loge|dort|reside|vient|cherche|veut|voudrait|souhaite|aimerait)\b"
    r"|est (?:pas )?(?:en foyer|en fjt|chez|heberge|sans (?:logement|domicile|diplome)|a la rue|scolarise|inscrit|"
    r"sorti|"
    r"en situation de handicap|reconnu|en (?:terminale|seconde|premiere|cap|bac|formation))"
    r")"
    r"|\bchez ses parents\b|\bdans son (?:logement|appart|appartement)\b"
)
# The person says it is for themselves: « c'est pour moi », « je suis le jeune ».
_SAYS_JEUNE = re.compile(r"\b(?:c est|cest|c) pour moi\b|\bje suis (?:le|la) jeune\b|\bpour moi meme\b")


def interlocutor(text: str) -> Optional[str]:
    """« conseiller » when the message is typed for someone else, « jeune » when the person says it is for
    themselves, else None (nothing said: the slot keeps its value)."""
    t = normalize(text or "")
    if not t:
        return None
    if _SAYS_JEUNE.search(t):
        return JEUNE
    if _SAYS_CONSEILLER.search(t) or _THIRD_PERSON_FACT.search(t):
        return CONSEILLER
    return None
