"""Who is typing: the young person, or a conseiller typing for them (« il a 19 ans », « mon jeune »).

A conseiller who types in the third person must be asked about « la personne que vous accompagnez »,
not addressed as the young person (play-test round C). Read from any message and kept for the
conversation (slot `interlocuteur`); only explicit cues count, so a young person speaking of their mother
(« ma mère a une voiture ») or asking « elle est où la mission locale » stays « vous ».
"""

from __future__ import annotations

import re
from typing import Any, Dict, Iterable, Optional

from knowledge.sectors import read_sector
from knowledge.text import normalize

CONSEILLER, JEUNE = "conseiller", "jeune"

# The jobs of those who type for a young person; « conseillère de vente » is a young person's own trade.
_PROFESSION = (
    r"(?:conseill(?:ere|er)\b(?! (?:de |en )?(?:vente|clientele|client|commercial\w*|beaute|voyages?)\b)"
    r"|educat(?:eur|rice)|referente?|travailleu(?:r|se) social)"
)
_I_AM = r"\b(?:je suis|jsuis|chui|suis) (?:une? )?"
# The conseiller says who they are, or whom they type for.
_SAYS_CONSEILLER = re.compile(
    _I_AM + _PROFESSION + r"|\b(?:mon|ma) (?:jeune|beneficiaire)\b"
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
# A professional named anywhere in the message (« conseiller à la mission locale du Cotentin. », « assistante sociale
# au CCAS »), not the young person's own conseiller (« ma conseillère ») nor a wished trade (« devenir éducatrice »).
_PROFESSIONAL = re.compile(
    r"(?<!\bma )(?<!\bmon )(?<!\bsa )(?<!\bson )(?<!\bta )(?<!\bton )(?<!\bdevenir )(?<!\bcomme )(?<!\bfaire )"
    r"(?<!\bpour etre )\b(?:"
    r"conseill(?:ere|er)\b(?! (?:de |en )?(?:vente|clientele|client|commercial\w*|beaute|voyages?)\b)"
    r"|educat(?:eur|rice)s?\b|assistante? social|travailleu(?:r|se) social|cip\b|referente?\b|animat(?:eur|rice)\b"
    r"|prof(?:esseure?)? principale?\b|cpe\b|psy ?en\b)"
)
# ... followed by someone described in the third person (play-test H h15, h19, h22: « Jeune homme de 19 ans »,
# « je reçois une jeune femme », « une jeune maman de 18 ans », « un usager »). Only after a professional: « je suis
# une maman de 19 ans » alone is a mother speaking for herself.
_SOMEONE_ELSE = re.compile(
    r"\bjeune (?:homme|femme|fille|garcon|maman|mere|papa|pere)\b"
    r"|\b(?:un|une) (?:jeune|usager|usagere|eleve|beneficiaire|ado|adolescente?|maman|papa|mineure?)\b"
    r"|\b(?:il|elle) a \d{2} ans\b"
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
    professional = _PROFESSIONAL.search(t)
    if professional and _SOMEONE_ELSE.search(t, professional.end()):
        return CONSEILLER
    return None


# The speaker introducing themselves, up to the end of the clause (« je suis travailleuse sociale au CHRS de
# Perpignan. ») — their own job, not the young person's wish (play-test G g21 read « travail social » as hers).
_OWN_JOB = re.compile(_I_AM + _PROFESSION + r"\w*(?: (?!(?:et|mais|je|j|il|elle|une?|on|nous)\b)[a-z0-9]+){0,6}")


def without_own_job(text: str) -> str:
    """The normalised text without the speaker's self-introduction as a professional."""
    return _OWN_JOB.sub(" ", normalize(text or ""))


def wished_sector(text: str, entities: Iterable[Dict[str, Any]] = ()) -> Optional[str]:
    """The trade the message asks for (knowledge.sectors.read_sector), the speaker's own job set aside: a `secteur`
    entity tagged inside it is dropped too."""
    said = without_own_job(text)
    kept = [e for e in entities or () if not (e.get("entity") == "secteur" and _in_own_job(e, text or "", said))]
    return read_sector(said if said != normalize(text or "") else text, kept)


def _in_own_job(entity: Dict[str, Any], text: str, said: str) -> bool:
    start, end = entity.get("start"), entity.get("end")
    if not isinstance(start, int) or not isinstance(end, int):
        return False
    words = normalize(text[start:end])
    return bool(words) and not re.search(rf"\b{re.escape(words)}\b", said)


# Whom a conseiller writes of: a young man (« un jeune homme », « un jeune de 22 ans », « il a 19 ans », « il
# cherche ») or a young woman (« une jeune », « elle veut »). Only the gender, never a fact: the bot then says « il »
# and « lui » of him (orientation/voice.py PERSONNE_IL), « elle » otherwise (it agrees with « la personne »).
_OF_A_MAN = re.compile(
    r"\bjeune (?:homme|garcon)\b|\b(?:un|le|mon) (?:jeune|usager|eleve|beneficiaire|ado|adolescent|mineur|papa)\b"
    r"|\bil (?:n )?(?:a (?:\d{2}|dix|seize|dix sept|dix huit|dix neuf|vingt)\w* ans|a pas|cherche|veut|voudrait|"
    r"souhaite|aimerait|habite|vit|loge|dort)\b"
)
_OF_A_WOMAN = re.compile(
    r"\bjeune (?:femme|fille|maman|mere)\b|\b(?:une|la|ma) (?:jeune|usagere|eleve|beneficiaire|ado|adolescente|"
    r"mineure|maman)\b"
    r"|\belle (?:n )?(?:a (?:\d{2}|dix|seize|dix sept|dix huit|dix neuf|vingt)\w* ans|a pas|cherche|veut|voudrait|"
    r"souhaite|aimerait|habite|vit|loge|dort)\b"
)


def speaks_of_a_man(texts: Iterable[str]) -> bool:
    """True when the messages speak of a young man and never of a young woman (said both ways: no guess)."""
    said = [normalize(text or "") for text in texts]
    return any(_OF_A_MAN.search(t) for t in said) and not any(_OF_A_WOMAN.search(t) for t in said)
