"""After the suggestions: a trade or a wish (« dans la vente », « plus près ») narrows or re-orders the list,
and a changed fact (« sans voiture ») is said back before the new list. This module decides; the sentences are
in orientation/wording.py.

The matcher ranks fit before place (orientation/matching.py); this module only works on what it returns, so a
wish never brings back a record the matcher ruled out. Pure Python, used by action_recommend."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from knowledge import geo
from knowledge.profile import BESOINS, PROFILE_SLOTS
from knowledge.sectors import Sector, record_in_sector, sectors_by_id
from knowledge.text import normalize
from orientation import wording
from orientation.matching import COMMUNE, DEPARTEMENT, EPCI, NATIONAL, REGION, Suggestion
from orientation.wording import ALREADY_CLOSEST_TEXT, UNCHANGED_TEXT, UPDATED_SAME_TEXT

# Closest first: the order « plus près » sorts by.
CLOSENESS = (COMMUNE, EPCI, DEPARTEMENT, REGION, NATIONAL)

# « plus près », « plus proche », « à côté de chez moi », « pas trop loin », « dans ma ville »…
_CLOSER = re.compile(
    r"\b(?:plus pres|plus proches?|moins loin|pas (?:trop |aussi |si )?loin|a cote de chez (?:moi|nous)"
    r"|pres de chez (?:moi|nous)|proche de chez (?:moi|nous)|dans ma (?:ville|commune)|dans mon quartier"
    r"|a cote|juste a cote|le plus pres|trop loin|c est (?:un peu |bien )?loin|loin de chez (?:moi|nous))\b"
)

# The facts a list was made for, said back in this order when they change (sensitive answers, logement and
# handicap, are only named): the profile's slots and the wishes. The commune's name and département follow
# code_insee; the schooling answers are not part of it (they are never said back after a list).
_NOT_SNAPSHOT = ("commune", "departement", "scolarite", "diplome")
SNAPSHOT_KEYS = (*(key for key in PROFILE_SLOTS if key not in _NOT_SNAPSHOT), "secteur", "plus_pres")


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


# Missions locales serve 16–25 (networks.yaml's mission-locale trigger): from 26, France Travail knows the trade.
MISSION_LOCALE_AGE_MAX = 25
SCHOOL_AGE_MAX = 15  # before 16: the collège and the CIO (orientation/place_wording.py)


def no_sector_text(sector: Sector, besoin: Optional[str] = None, age: Optional[int] = None) -> str:
    adult = age is not None and age > MISSION_LOCALE_AGE_MAX
    pupil = age is not None and age <= SCHOOL_AGE_MAX
    return wording.nothing_in_sector_text(sector.libelle, besoin, adult, pupil)


def refine(
    pool: Sequence[Suggestion],
    wishes: Wishes,
    limit: int,
    knows_place: bool = True,
    previous: Optional[Sequence[str]] = None,
    sectors: Optional[Tuple[Sector, ...]] = None,
    besoin: Optional[str] = None,
    age: Optional[int] = None,
) -> Refined:
    """The suggestions to show from the matcher's ranked `pool` (wider than `limit`), and what to say first.

    A trade keeps only the records that touch it; when none does, the list stays as the matcher made it and
    the bot says so. « Plus près » sorts by closeness, the matcher's order breaking ties. `previous` are the
    ids already shown, in order (empty when a list with no action was shown; None before any list)."""
    chosen = list(pool)
    notes: List[str] = []
    sector = sectors_by_id(sectors).get(wishes.secteur or "")
    if sector is not None:
        in_sector = [s for s in chosen if record_in_sector(s.initiative, sector)]
        if in_sector:
            chosen = in_sector
            notes.append(wording.in_sector_text(sector.libelle))
        else:
            notes.append(no_sector_text(sector, besoin, age))
    if wishes.plus_pres:
        if not knows_place:
            notes.append(wording.NEED_COMMUNE_FOR_DISTANCE_TEXT)
        else:
            chosen.sort(key=_closeness)  # stable: the matcher's order among equally close ones
    local = tuple(chosen[: max(limit, 0)])
    # An empty list shown before and empty again is unchanged too (play-test D: « Je n'ai pas trouvé d'action »
    # and every network were sent again in answer to « Vous ne proposez pas le CEJ ? »).
    unchanged = previous is not None and [s.initiative.id for s in local] == list(previous)
    # With nothing to show, « already the closest » would contradict the « nothing found » that follows.
    if wishes.plus_pres and knows_place and local:
        notes.append(ALREADY_CLOSEST_TEXT if unchanged or len(local) < 2 else wording.SORTED_BY_DISTANCE_TEXT)
    elif wishes.plus_pres and knows_place and previous is not None:
        notes.append(wording.NOTHING_CLOSER_TEXT)  # no action at all: the places given are all there is
    return Refined(local, tuple(notes), unchanged)


# --------------------------------------------------------------------------- what changed


def snapshot(slots: Mapping[str, Any]) -> Dict[str, Any]:
    """The facts a list was made for, kept in a slot to tell what changed at the next list."""
    return {key: slots.get(key) for key in SNAPSHOT_KEYS}


def _said_fact(key: str, value: Any, sectors: Optional[Tuple[Sector, ...]]) -> Any:
    """What a changed slot is said back with (a yes/no, an age, a commune's or a trade's name), or None when
    there is nothing to say (unknown again, a code the base does not know)."""
    if key in ("permis", "vehicule", "qpv", "handicap"):
        return None if value is None else bool(value)
    if key == "age":
        return None if value is None else int(float(value))
    if key == "code_insee":
        commune = geo.get_commune(str(value)) if value else None
        return commune.nom if commune else None
    if key == "besoin":
        return BESOINS[value][0] if value in BESOINS else None
    if key == "secteur":
        sector = sectors_by_id(sectors).get(value or "")
        return sector.libelle if sector else None
    return value or None  # quartier, logement, plus_pres: said only when given


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
            fact = _said_fact(key, after.get(key), sectors)
            text = None if fact is None else wording.change_text(key, fact)
            if text and text not in changed:
                changed.append(text)
    if not changed:
        return None
    return wording.changes_sentence(changed)


def unchanged_text(said_something: bool) -> str:
    return UPDATED_SAME_TEXT if said_something else UNCHANGED_TEXT
