"""After the suggestions: a trade or a wish (« dans la vente », « plus près ») narrows or re-orders the list,
and a changed fact (« sans voiture ») is said back before the new list.

The matcher ranks fit before place (orientation/matching.py); this module only works on what it returns, so a
wish never brings back a record the matcher ruled out. Pure Python, used by action_recommend."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from knowledge import geo
from knowledge.profile import BESOINS
from knowledge.sectors import Sector, record_in_sector, sectors_by_id
from knowledge.text import normalize
from orientation.formatting import at_commune
from orientation.matching import COMMUNE, DEPARTEMENT, EPCI, NATIONAL, REGION, Suggestion

# Closest first: the order « plus près » sorts by.
CLOSENESS = (COMMUNE, EPCI, DEPARTEMENT, REGION, NATIONAL)

# « plus près », « plus proche », « à côté de chez moi », « pas trop loin », « dans ma ville »…
_CLOSER = re.compile(
    r"\b(?:plus pres|plus proches?|moins loin|pas (?:trop |aussi |si )?loin|a cote de chez (?:moi|nous)"
    r"|pres de chez (?:moi|nous)|proche de chez (?:moi|nous)|dans ma (?:ville|commune)|dans mon quartier"
    r"|a cote|juste a cote|le plus pres|trop loin|c est (?:un peu |bien )?loin|loin de chez (?:moi|nous))\b"
)

# The facts said back when they change. Sensitive answers (logement, handicap) are only named, never repeated.
SNAPSHOT_KEYS = (
    "besoin",
    "age",
    "code_insee",
    "quartier",
    "qpv",
    "permis",
    "vehicule",
    "logement",
    "handicap",
    "rqth",
    "secteur",
    "plus_pres",
)


def wants_closer(text: str) -> bool:
    if not text or text.lstrip().startswith("/"):
        return False
    return bool(_CLOSER.search(normalize(text)))


@dataclass(frozen=True)
class Wishes:
    secteur: Optional[str] = None
    plus_pres: bool = False


@dataclass(frozen=True)
class Refined:
    local: Tuple[Suggestion, ...]
    notes: Tuple[str, ...]  # said before the list, in this order
    unchanged: bool  # the same list as the one already shown: say so rather than repeat it


def _closeness(s: Suggestion) -> int:
    return CLOSENESS.index(s.proximity) if s.proximity in CLOSENESS else len(CLOSENESS)


ALREADY_CLOSEST_TEXT = "Ce sont déjà les actions les plus proches de chez vous que je connaisse."


# Who knows more about a trade than this base, by what the person is after: employers for a job, training
# organisations for a course (live testers seeking a course were told about « employeurs qui recrutent »).
_WHO_KNOWS = {
    "emploi": "votre mission locale connaît les employeurs qui recrutent.",
    "apprentissage": "votre mission locale connaît les employeurs et les CFA qui recrutent des apprentis.",
    "formation": "votre mission locale connaît les formations de votre région.",
}
_WHO_KNOWS_ANY = "un conseiller de votre mission locale pourra chercher avec vous."


def no_sector_text(sector: Sector, besoin: Optional[str] = None) -> str:
    return f"Je n'ai pas d'action recensée pour {sector.libelle} près de chez vous ; " + _WHO_KNOWS.get(
        besoin or "", _WHO_KNOWS_ANY
    )


def refine(
    pool: Sequence[Suggestion],
    wishes: Wishes,
    limit: int,
    knows_place: bool = True,
    previous: Sequence[str] = (),
    sectors: Optional[Tuple[Sector, ...]] = None,
    besoin: Optional[str] = None,
) -> Refined:
    """The suggestions to show from the matcher's ranked `pool` (wider than `limit`), and what to say first.

    A trade keeps only the records that touch it; when none does, the list stays as the matcher made it and
    the bot says so. « Plus près » sorts by closeness, the matcher's order breaking ties. `previous` are the
    ids already shown, in order."""
    chosen = list(pool)
    notes: List[str] = []
    sector = sectors_by_id(sectors).get(wishes.secteur or "")
    if sector is not None:
        in_sector = [s for s in chosen if record_in_sector(s.initiative, sector)]
        if in_sector:
            chosen = in_sector
            notes.append(f"Voici les actions qui concernent {sector.libelle}.")
        else:
            notes.append(no_sector_text(sector, besoin))
    if wishes.plus_pres:
        if not knows_place:
            notes.append(
                "Pour classer par distance, il me faut votre commune : écrivez-la, par exemple « j'habite à Fougères »."
            )
        else:
            chosen.sort(key=_closeness)  # stable: the matcher's order among equally close ones
    local = tuple(chosen[: max(limit, 0)])
    unchanged = bool(previous) and [s.initiative.id for s in local] == list(previous)
    # With nothing to show, « already the closest » would contradict the « nothing found » that follows.
    if wishes.plus_pres and knows_place and local:
        notes.append(
            ALREADY_CLOSEST_TEXT
            if unchanged or len(local) < 2
            else "Je les classe de la plus proche à la plus éloignée de chez vous."
        )
    return Refined(local, tuple(notes), unchanged)


# --------------------------------------------------------------------------- what changed


def snapshot(slots: Mapping[str, Any]) -> Dict[str, Any]:
    """The facts a list was made for, kept in a slot to tell what changed at the next list."""
    return {key: slots.get(key) for key in SNAPSHOT_KEYS}


def _yes_no_text(key: str, value: bool) -> str:
    texts = {
        "permis": ("vous avez le permis", "vous n'avez pas le permis"),
        "vehicule": ("vous avez un moyen de transport", "vous n'avez pas de moyen de transport à vous"),
        "qpv": ("vous habitez un quartier prioritaire", "vous n'habitez pas un quartier prioritaire"),
    }
    return texts[key][0 if value else 1]


def _change_text(key: str, value: Any, sectors: Optional[Tuple[Sector, ...]]) -> Optional[str]:
    if key in ("permis", "vehicule", "qpv"):
        return None if value is None else _yes_no_text(key, bool(value))
    if key == "age" and value is not None:
        return f"vous avez {int(float(value))} ans"
    if key == "code_insee" and value:
        commune = geo.get_commune(str(value))
        return f"vous habitez {at_commune(commune.nom)}" if commune else None
    if key == "besoin" and value in BESOINS:
        return f"votre priorité : {BESOINS[value][0]}"
    if key == "quartier" and value:
        return f"votre quartier : {value}"
    if key == "logement" and value:
        return "votre réponse sur le logement"
    if key == "handicap" and value is not None:
        return "votre réponse sur le handicap"
    if key == "secteur":
        sector = sectors_by_id(sectors).get(value or "")
        return f"vous cherchez dans {sector.libelle}" if sector else None
    if key == "plus_pres" and value:
        return "vous voulez des actions plus proches"
    return None


def describe_changes(
    before: Optional[Mapping[str, Any]],
    after: Mapping[str, Any],
    sectors: Optional[Tuple[Sector, ...]] = None,
    skip: Iterable[str] = (),
) -> Optional[str]:
    """« C'est noté : vous n'avez pas de moyen de transport à vous. » — or None when nothing changed.

    Only what the person said since the last list; the commune's derived fields follow code_insee.
    `skip`: facts already acknowledged in this turn (« C'est noté : 22 ans. »), never said twice."""
    if before is None:
        return None
    changed = []
    skip = frozenset(skip)
    for key in SNAPSHOT_KEYS:
        if key not in skip and before.get(key) != after.get(key):
            text = _change_text(key, after.get(key), sectors)
            if text and text not in changed:
                changed.append(text)
    if not changed:
        return None
    return "C'est noté : " + " ; ".join(changed) + "."


UNCHANGED_TEXT = "Mes propositions restent celles que je vous ai données plus haut."
# A new fact or wish was taken into account, and the list came out the same.
UPDATED_SAME_TEXT = "J'ai mis à jour mes propositions : ce sont toujours celles de plus haut."


def unchanged_text(said_something: bool) -> str:
    return UPDATED_SAME_TEXT if said_something else UNCHANGED_TEXT
