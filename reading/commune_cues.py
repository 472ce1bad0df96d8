"""When a sentence changes a commune already known, and how a sentence names one that the finder in
knowledge/geo/text.py would cut (« valence d'agen » is not Agen).

Used by reading/commune.py `read_commune`, the one reader of the commune. Pure, no Rasa.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Dict, List, Optional, Sequence, Tuple

from knowledge import geo
from knowledge.geo.records import Commune

# « en fait j'habite à Lyon », « jsuis a saint vaury », « pas a gueret »: the commune is being said or
# corrected. « je suis à la Villeneuve » is not: after « à la / à l' » it is more often a quartier.
MOVE_CUE = re.compile(
    r"\b(?:habite|habiter|jhabite|vis|jvis|demenage|demenager|ville|commune|en fait|plutot)\b"
    r"|\b(?:je suis|jsuis|jsui|chui|chuis|suis|il est|elle est|j vis|jvis) (?:a|sur) (?!la\b|l\b|les\b)"
    r"|\bpas (?:a|sur) (?!la\b|l\b|les\b)\w"
)
# Once the commune is known, a place named as a quartier (« quartier Saint-Nicolas », « la cité X », « résidence
# X ») or given at the QPV question is a quartier of that commune, even when it is also a commune elsewhere
# (play-test H: Laval became Saint-Nicolas (62), Bourg-en-Bresse became Reyssouze). Only a clear move or
# correction moves it then (« j'habite maintenant à Arras », « non c'est Arras », « en fait à Arras »).
QUARTIER_CUE = re.compile(r"\b(?:quartier|quartiers|cite|residence|resid)\b")
CLEAR_MOVE_CUE = re.compile(
    r"\b(?:maintenant|en fait|plutot|demenage|demenager|demenagee?s?|vient de demenager|desormais)\b"
    r"|^(?:non|nan|pardon)?\W*(?:c est|cest|c etait|je voulais dire)\b|\b(?:non|pas) (?:a|sur|c est|cest)\b"
)


# « c'est loin ris orangis non ? », « combien de km jusqu'à Évry ? » after the list (play-test H, h09): a question
# about a place the list named, never a move, even in the shape of « c'est X ».
_MOVED = re.compile(r"\b(?:demenag\w*|maintenant|desormais|habite|jhabite|vis|jvis)\b")
DISTANCE_QUESTION = re.compile(
    r"\b(?:loin|pres|proche|km|kilometres?|distance|trajet|combien de temps|c est ou|cest ou)\b"
)


def stays_in_known_commune(text: str, requested_slot: Optional[str]) -> bool:
    """A place of this message is a quartier of the commune already known, not a new commune."""
    folded = geo.normalize(text)
    if requested_slot != "commune" and DISTANCE_QUESTION.search(folded) and not _MOVED.search(folded):
        return True
    if CLEAR_MOVE_CUE.search(folded):
        return False
    return requested_slot == "qpv" or bool(QUARTIER_CUE.search(folded))


# « dans le 82 », « en 26 », « du 93 »: a département number said with a place.
_DEPARTEMENT_SAID = re.compile(r"\b(?:dans le|dans la|dans|en|du|le|departement|dept|dep) ((?:\d{2,3})|2a|2b)\b")
_EXACT = ("exact", "alias")


def _exact(phrase: str) -> list:
    return [c.commune for c in geo.resolve_commune(phrase) if c.reason in _EXACT and c.matched == phrase]


def named_alone(text: str) -> list:
    """The communes a message names and nothing else (« Mérignac », « saint vaury »), else []."""
    return _exact(geo.normalize(text)) if text.strip() else []


def departement_said(text: str) -> Optional[str]:
    match = _DEPARTEMENT_SAID.search(geo.normalize(text))
    if match and geo.get_departement(match.group(1).upper()):
        return match.group(1).upper()
    return None


def compound_communes(text: str) -> Optional[Sequence[Commune]]:
    """« valence d'agen »: X d'Y where X and Y are both communes but « X-d'Y » is none (here the INSEE name
    is « Valence », in the 82). The communes named X are returned, never Y; None when there is no such name.
    A real compound (« Villeneuve-d'Ascq ») is left to the finder, which keeps it whole."""
    tokens = geo.normalize(text).split()
    for i, token in enumerate(tokens):
        if token != "d" or i == 0 or i + 1 >= len(tokens):
            continue
        for start in range(max(0, i - 3), i):
            head = " ".join(tokens[start:i])
            for end in range(min(len(tokens), i + 4), i + 1, -1):
                if _exact(" ".join(tokens[start:end])):
                    return None  # the whole phrase is a commune
            if len(head) >= 3 and _exact(head) and _exact(tokens[i + 1]):
                return _exact(head)
    return None


def narrow_by_departement(communes: Sequence[Commune], text: str) -> Sequence[Commune]:
    code = departement_said(text)
    inside = [c for c in communes if code and c.departement == code]
    return inside or list(communes)


# « dans le 18eme », « 18e arrondissement », « le 1er »: an arrondissement's rank (« 18ème » is normalised « 18e »).
_RANK = r"(\d{1,2}) ?(?:e|eme|em|ieme|er|ere)?"
# « en 3e », « en 1ère année »: a class, not an arrondissement (unless « arrondissement » is said).
_RANK_SAID = re.compile(
    rf"\b{_RANK}(?: arrondissement| arrdt| arr)\b|(?<!\ben )\b(\d{{1,2}}) ?(?:e|eme|em|ieme|er|ere)\b(?! annee| etage)"
)
# A rank alone needs its ordinal or the word « arrondissement »: a bare « 13 » at the commune question is the
# département (issue 16), not the 13e of Paris or Marseille.
_ORDINAL = r"(\d{1,2}) ?(?:e|eme|em|ieme|er|ere)"
_RANK_ALONE = re.compile(
    r"(?:(?:dans|a|au|en|je suis|jsuis|j habite|jhabite) )?(?:le )?"
    rf"(?:{_ORDINAL}(?: arrondissement| arrdt| arr)?|(\d{{1,2}}) (?:arrondissement|arrdt|arr))"
)
_ARM_NAME = re.compile(r"\S+ (\d{1,2})")


@lru_cache(maxsize=1)
def _arrondissements() -> Dict[Tuple[str, int], Commune]:
    """(city code, rank) → its municipal arrondissement (Paris, Lyon, Marseille)."""
    found = {}
    for commune in geo._geo().communes:
        match = _ARM_NAME.match(commune.nom) if commune.type == "ARM" and commune.arrondissement_de else None
        if match:
            found[(commune.arrondissement_de, int(match.group(1)))] = commune
    return found


def _rank(match: Optional[re.Match]) -> Optional[int]:
    if not match:
        return None
    return int(next(group for group in match.groups() if group))


def with_arrondissement(commune: Commune, text: str) -> Commune:
    """Paris named with a rank in the same message (« jsuis dans le 18eme a paris ») is that arrondissement."""
    rank = _rank(_RANK_SAID.search(geo.normalize(text)))
    return _arrondissements().get((commune.code_insee, rank), commune) if rank else commune


def offered_codes(communes: Sequence[Commune], text: str) -> List[str]:
    """The communes to offer, each with the arrondissement the message names: « marseile 13eme » offers Marseille 13e
    to confirm, not Marseille (play-test F)."""
    return list(dict.fromkeys(with_arrondissement(commune, text).code_insee for commune in communes))


def arrondissements_alone(text: str) -> List[Commune]:
    """The arrondissements of that rank when an answer is only a rank (« 18e arrondissement »: Paris alone has
    a 18e; « le 8e »: Paris, Lyon or Marseille), most populated first; else []."""
    rank = _rank(_RANK_ALONE.fullmatch(geo.normalize(text)))
    if not rank:
        return []
    found = [commune for (_, number), commune in _arrondissements().items() if number == rank]
    return sorted(found, key=lambda c: -(c.population or 0))


def ranked_arrondissements(text: str, departement: Optional[str]) -> List[Commune]:
    """« 18e arrondissement » answering the commune question: the arrondissements of that rank, in the
    département already known when there is one."""
    found = arrondissements_alone(text)
    inside = [c for c in found if c.departement == departement]
    return inside or found


def compound_choice(communes: Sequence[Commune], text: str) -> geo.Choice:
    """Communes a sentence points to (« valence d'agen », « … dans le 82 »): one is taken, several offered."""
    communes = list(narrow_by_departement(communes, text))
    if len(communes) == 1:
        return geo.Choice(commune=communes[0])
    return geo.Choice(candidates=tuple(communes[:5]))


# « jsuis en cap maçon »: the word after a diploma is its speciality, not a place (« maçon » is no Mâcon,
# play-test D d14). Blanked, keeping every other character where it was, unless it starts a place's own name
# (« cap d'ail »: a particle follows).
_DIPLOMA_SPECIALITY = re.compile(
    r"\b(?:cap|bep|bts|bac pro|bp|titre pro)\s+(?!(?:d|de|du|des|la|le|les|sur|en|l)\b|d['’])([^\W\d_]+)", re.IGNORECASE
)


def without_diploma_speciality(text: str) -> str:
    return _DIPLOMA_SPECIALITY.sub(lambda m: m.group(0)[: m.start(1) - m.start()] + " " * len(m.group(1)), text)
