"""The criteria of a match, written once. Each criterion is one entry of `CRITERIA`: how it weighs (fit
points), or which hard rule it says, and, by its key, the sentence that explains it
(orientation/matching/wording.py, `REASONS`). The « Pourquoi ? » of a suggestion is the list of criteria that
hold for that person and that record, so a reason is never said unless its criterion holds. The hard rules
themselves (who may be offered a record at all) are in orientation/matching/eligibility.py.

Need before situation: a record that serves the stated need always ranks above one that only serves a
situation of the person (handicap, no shelter, QPV…), and the latter is only worth proposing in the
person's own département (or closer): never a situation fit from elsewhere to fill the list.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Dict, FrozenSet, List, Optional, Sequence, Tuple

from knowledge import geo
from knowledge.models import RESERVED_PUBLICS, Initiative
from knowledge.profile import BESOINS, Profile
from orientation.matching import quartiers
from orientation.matching.eligibility import (
    ALL_DIPLOMA_BITS,
    IMPLICIT_YOUTH_AGE_MAX,
    MEMBERSHIP,
    accepted_diplomas,
    age_allows,
    effective_age_bounds,
    for_people_out_of_school,
    is_young,
    resident_of,
    restrictions,
)
from orientation.matching.territory import outside_territory, zone_rank


@dataclass(frozen=True)
class Criterion:
    """One line of the table. `answers` reads the record (indexed once as a bit), `concerns` the person;
    the criterion holds when both do. Its sentence is wording.REASONS[key]."""

    key: str
    kind: str  # "fit": weighs; "general": weighs a little, relevant only without a stated need;
    #            "filter": a hard rule that opened the record (said, not weighed); "place";
    #            "caveat": what the person should know of the record (said, not weighed; see `shown_alone`)
    weight: float = 0.0
    answers: Optional[Callable[[Initiative], bool]] = None
    concerns: Optional[Callable[[Profile], bool]] = None
    near_only: bool = False  # counts only when the record is in the person's département or closer
    # counts only where the record operates (the person inside its own zone): a bus line or a garage
    # helps people move where it runs, not 80 km away in the same département
    in_zone_only: bool = False
    # False: a record that answers this criterion is proposed only beside another line that serves the same
    # need (engine.needs_company); one employer's own recruitment is never the only job line.
    shown_alone: bool = True
    # A situation opens, for someone who said what they look for, only a record that does not serve another
    # need only (serves_other_needs_only): being from a QPV makes no job programme the answer to a roof, nor
    # to a formation (play-test E). A roof, exile, getting about or a diploma answers every need: those open
    # any record.
    opens_other_needs: bool = False


# How far from the person a criterion counts (the 4th element of a rule): anywhere, in their département or
# closer, or moreover inside the record's own zone (see `reaches`).
ANYWHERE, NEAR, IN_ZONE = 0, 1, 2


def reaches(reach: int, level: int, record_zone_rank: int) -> bool:
    """Does a criterion with this reach count for a record at this closeness? (scoring and reasons alike)"""
    from orientation.matching.places import NEAR_RANK  # no cycle at import time

    if reach == ANYWHERE:
        return True
    return level >= NEAR_RANK and (reach == NEAR or level >= record_zone_rank)


def is_employer_programme(record: Initiative) -> bool:
    """A company's own recruitment for its trade (porteur entreprise, eligibilite.secteurs): its jobs only."""
    return record.porteur.type == "entreprise" and bool(record.eligibilite.secteurs)


def _themes(record: Initiative) -> FrozenSet[str]:
    return frozenset(record.thematiques)


def _serves_besoin(besoin: str) -> Callable[[Initiative], bool]:
    themes = BESOINS[besoin][1]
    return lambda record: bool(_themes(record) & themes)


def _shelter(record: Initiative) -> bool:
    return "personnes-en-situation-durgence" in record.publics or any(
        t.startswith("logement-hebergement--") for t in record.thematiques
    )


def _mobility(record: Initiative) -> bool:
    return any(t.startswith("mobilite--") for t in record.thematiques)


def _for_qpv(record: Initiative) -> bool:
    return "residents-qpv-frr" in record.publics or "qpv" in record.eligibilite.reserve_a


def _for_handicap(record: Initiative) -> bool:
    return "personnes-en-situation-de-handicap" in record.publics or bool(
        {"handicap", "rqth"} & set(record.eligibilite.reserve_a)
    )


def _for_exiles(record: Initiative) -> bool:
    return "personnes-exilees" in record.publics or "exiles" in record.eligibilite.reserve_a


def _for_low_diploma(record: Initiative) -> bool:
    """Made for people without (or with a first) diploma: its diploma ceiling says so."""
    return record.eligibilite.diplome_max in ("aucun", "cap-bep")


# The themes of the stated needs, « je ne sais pas » apart (finding one's way serves every need).
_NEED_THEMES: FrozenSet[str] = frozenset().union(*(t for b, (_, t) in BESOINS.items() if b != "ne-sait-pas"))


def serves_other_needs_only(record: Initiative) -> bool:
    """Every theme of the record is a stated need's (a job, a formation, housing…): for someone whose need
    it does not serve, it answers another need only, whatever public it is made for."""
    return bool(record.thematiques) and set(record.thematiques) <= _NEED_THEMES


def mobility_blocks(profile: Profile) -> bool:
    """No licence or no vehicle, outside a métropole's town, where the urban network is there to get to work
    or training (the networks' rule: orientation/matching/networks.py, dense_transit_area)."""
    from orientation.matching.networks import dense_transit_area  # no cycle at import time

    return (profile.permis is False or profile.vehicule is False) and dense_transit_area(profile.code_insee) is not True


# What someone who asked for « le permis ou se déplacer » wants: the permis without one, a vehicle with the permis
# and none. A mobility reason says « ce que vous cherchez » only when the action does that (play-test G, g04).
PERMIS_THEME, VEHICLE_THEME = "mobilite--preparer-un-permis", "mobilite--acceder-a-un-vehicule"


def mobility_wish(profile: Profile) -> Optional[str]:
    """The mobility thématique the person wants (PERMIS_THEME, VEHICLE_THEME), or None when unknown."""
    if profile.permis is False:
        return PERMIS_THEME
    if profile.permis is True and profile.vehicule is not True:
        return VEHICLE_THEME
    return None


def _for_youth(record: Initiative) -> bool:
    age_max = record.eligibilite.age_max
    return "jeunes" in record.publics or (age_max is not None and age_max <= IMPLICIT_YOUTH_AGE_MAX)


# The need outweighs every situation and every closeness together (4 + 4 + 2 * 4 situations, 3 of closeness,
# under 1 of tiers): a line that serves the need is always above one that only serves a situation.
BESOIN_WEIGHT = 20
GENERAL_WEIGHT = 0.02

_needs: List[Criterion] = [
    Criterion(
        f"besoin:{besoin}", "fit", BESOIN_WEIGHT, _serves_besoin(besoin), (lambda b: lambda p: b in p.needs)(besoin)
    )
    for besoin in sorted(BESOINS)
    if besoin != "apprentissage"
]

# The apprenticeship need, in two: discovering trades is a step towards it only for someone who has not chosen a
# trade (play-test G, g01: a « Rallye pour l'emploi » visiting firms, for a would-be apprentice baker). Choosing a
# training, confirming one's trade, or a one-trade action's discovery of that trade serve everyone.
DISCOVER_THEME = "choisir-un-metier--decouvrir-un-metier-ou-un-secteur-dactivite"
_APPRENTICESHIP = BESOINS["apprentissage"][1]


def _trades_discovery_only(record: Initiative) -> bool:
    """Its only apprenticeship theme is discovering trades, of no one trade in particular."""
    return _themes(record) & _APPRENTICESHIP == {DISCOVER_THEME} and not record.eligibilite.secteurs


_needs += [
    Criterion(
        "besoin:apprentissage",
        "fit",
        BESOIN_WEIGHT,
        lambda r: bool(_themes(r) & _APPRENTICESHIP) and not _trades_discovery_only(r),
        lambda p: p.besoin == "apprentissage",
    ),
    Criterion(
        "besoin:apprentissage-decouverte",
        "fit",
        BESOIN_WEIGHT,
        _trades_discovery_only,
        lambda p: p.besoin == "apprentissage" and p.secteur is None,
    ),
]

# Situations, in points. No shelter weighs most: a roof comes before anything else; a programme built for
# exiles answers needs (language, recognition of diplomas) no general action does. Mobility counts only
# near home (in the person's département or closer): a way to get to work here, not a move elsewhere.
CRITERIA: Tuple[Criterion, ...] = (
    *_needs,
    Criterion("sans-domicile", "fit", 4, _shelter, lambda p: p.logement == "sans-domicile", opens_other_needs=True),
    Criterion("exiles", "fit", 4, _for_exiles, lambda p: p.refugie is True, opens_other_needs=True),
    # A quartier-prioritaire action serves its own quartiers: being from a QPV elsewhere is no fit.
    Criterion("qpv", "fit", 2, _for_qpv, lambda p: p.qpv is True, near_only=True),
    Criterion("handicap", "fit", 2, _for_handicap, lambda p: p.handicap in ("rqth", "oui-sans-rqth")),
    Criterion(
        "mobilite",
        "fit",
        2,
        _mobility,
        # getting to work or training: not for a housing need, and the mobility need says it itself; not in
        # a métropole's town (Gardanne's platform for a job seeker of Marseille 14e, play-test E)
        lambda p: mobility_blocks(p) and p.besoin not in ("mobilite-permis", "logement"),
        near_only=True,
        in_zone_only=True,
        opens_other_needs=True,
    ),
    # An action built for people without a diploma answers that lack itself (a second-chance school for a
    # job seeker without one): it opens whatever the need, as a roof does.
    Criterion(
        "sans-diplome", "fit", 2, _for_low_diploma, lambda p: p.diplome in ("aucun", "cap-bep"), opens_other_needs=True
    ),
    # General fits (young, woman, minima sociaux) only count near home: being young is no reason to go
    # 150 km for an action that answers no need of the person (no padding).
    Criterion("jeunes", "general", GENERAL_WEIGHT, _for_youth, is_young, near_only=True),
    Criterion(
        "femmes", "general", GENERAL_WEIGHT, lambda r: "femmes" in r.publics, lambda p: p.femme is True, near_only=True
    ),
    Criterion(
        "minima-sociaux",
        "general",
        GENERAL_WEIGHT,
        lambda r: "beneficiaires-des-minimas-sociaux" in r.publics,
        lambda p: p.minima_sociaux is True,
        near_only=True,
    ),
    # Hard rules that let the record through, said so the person knows why they may go.
    *(Criterion(f"reserve:{public}", "filter") for public in RESERVED_PUBLICS),
    Criterion("residents", "filter"),
    Criterion("secteur", "filter"),  # a one-trade action, for someone who asked for that trade
    Criterion("age", "filter"),
    # An action for people out of school is never for a pupil (play-test G, g23; eligibility.R_OUT_OF_SCHOOL). It
    # only keeps out: having left school is no reason to go, so it is never said.
    Criterion("hors-ecole", "filter", answers=for_people_out_of_school),
    # One employer's programme (Casino for a vente seeker): said so, and never the only line for the need,
    # where France Travail and the mission locale offer every employer's jobs (round C).
    Criterion("employeur", "caveat", answers=is_employer_programme, shown_alone=False),
    Criterion("diplome", "filter"),
    Criterion("place", "place"),
    # Said after the place: a mission locale's (or a town's) action elsewhere is run for its own territory.
    Criterion("territoire", "place"),
)
BY_KEY: Dict[str, Criterion] = {c.key: c for c in CRITERIA}
NOT_ALONE: Tuple[Criterion, ...] = tuple(c for c in CRITERIA if not c.shown_alone)


def needs_company(record: Initiative) -> bool:
    """Shown only beside another line that serves the need (a criterion with shown_alone=False)."""
    return any(c.answers is not None and c.answers(record) for c in NOT_ALONE)


WEIGHED: Tuple[Criterion, ...] = tuple(c for c in CRITERIA if c.kind in ("fit", "general"))
# One feature bit per weighed criterion, then one for a record that serves stated needs only.
FEATURE_BITS: Dict[str, int] = {c.key: 1 << i for i, c in enumerate(WEIGHED)}
NEEDS_ONLY_BIT = 1 << len(WEIGHED)


def features(record: Initiative) -> int:
    """What a record answers, one bit per weighed criterion (computed once, at index time)."""
    bits = NEEDS_ONLY_BIT if serves_other_needs_only(record) else 0
    for criterion in WEIGHED:
        if criterion.answers is not None and criterion.answers(record):
            bits |= FEATURE_BITS[criterion.key]
    return bits


def general_allowed(profile: Profile) -> bool:
    """Without a stated need (or « je ne sais pas »), being young is enough to be worth a look."""
    return profile.besoin in (None, "ne-sait-pas")


# How a criterion makes a record worth proposing: not at all, anywhere (the stated need), only in the
# person's département or closer (a situation, or a general fit without a stated need), or there and only
# when the record does not serve another need only (NEEDS_ONLY_BIT; Criterion.opens_other_needs).
NOT_RELEVANT, RELEVANT_ANYWHERE, RELEVANT_NEAR, RELEVANT_NEAR_OWN_NEED = 0, 1, 2, 3


def relevant_near(relevance: int, bits: int) -> bool:
    """Does a criterion with this relevance make a record with these feature bits worth it near home?"""
    return relevance == RELEVANT_NEAR or (relevance == RELEVANT_NEAR_OWN_NEED and not bits & NEEDS_ONLY_BIT)


def is_need(criterion: Criterion) -> bool:
    return criterion.key.startswith("besoin:")


def active_rules(profile: Profile) -> List[Tuple[int, float, int, bool]]:
    """(feature bit, weight, relevance, reach) for each criterion that concerns this person: the
    scoring code adds the weights of the bits a record carries."""
    general_ok = general_allowed(profile)
    rules = []
    for criterion in WEIGHED:
        if criterion.concerns is not None and criterion.concerns(profile):
            if is_need(criterion):
                relevance = RELEVANT_ANYWHERE
            elif criterion.kind == "fit" and not (criterion.opens_other_needs or general_ok):
                relevance = RELEVANT_NEAR_OWN_NEED
            elif criterion.kind == "fit" or general_ok:
                relevance = RELEVANT_NEAR
            else:
                relevance = NOT_RELEVANT
            reach = IN_ZONE if criterion.in_zone_only else NEAR if criterion.near_only else ANYWHERE
            rules.append((FEATURE_BITS[criterion.key], criterion.weight, relevance, reach))
    return rules


def holds(key: str, record: Initiative, profile: Profile, person: Optional[geo.Commune], rank: int) -> bool:
    """Does criterion `key` hold for this person and record at this closeness? Used to build the reasons
    and, independently of them, by the relevance audit."""
    criterion = BY_KEY[key]
    if criterion.kind in ("fit", "general"):
        assert criterion.answers is not None and criterion.concerns is not None
        reach = IN_ZONE if criterion.in_zone_only else NEAR if criterion.near_only else ANYWHERE
        if not reaches(reach, rank, zone_rank(record)):
            return False
        return criterion.answers(record) and criterion.concerns(profile)
    if key.startswith("reserve:"):
        public = key.split(":", 1)[1]
        return public in record.eligibilite.reserve_a and MEMBERSHIP[public](profile)
    if key == "residents":
        quartier = quartiers.of_person(profile, person)
        return record.eligibilite.residents.restricted and resident_of(record, person, quartier)
    if key == "secteur":
        return profile.secteur is not None and profile.secteur in record.eligibilite.secteurs
    if key == "age":
        lo, hi = effective_age_bounds(record)
        return (lo is not None or hi is not None) and age_allows(record, profile.whole_age)
    if key == "diplome":
        return bool(restrictions(record) & ALL_DIPLOMA_BITS) and profile.diplome in accepted_diplomas(record)
    if key == "place":
        return True
    if key == "hors-ecole":
        return False  # a rule that keeps pupils out, never a reason (see CRITERIA)
    if criterion.kind == "caveat":
        assert criterion.answers is not None
        return criterion.answers(record)
    if key == "territoire":
        return outside_territory(record, rank)
    raise KeyError(key)


def reason_keys(record: Initiative, profile: Profile, person: Optional[geo.Commune], rank: int) -> List[str]:
    """The criteria that hold, in table order: need, situations, general, hard rules, place."""
    keys = [c.key for c in CRITERIA if holds(c.key, record, profile, person, rank)]
    if "age" in keys and "jeunes" in keys:
        keys.remove("jeunes")  # the age bounds say the same, more precisely
    return keys


SAID_BY_RESERVATION = frozenset({"qpv", "exiles", "minima-sociaux", "femmes"})


def said_by_reservation(key: str, keys: Sequence[str]) -> bool:
    """A public the record is reserved to is said « réservée aux …, ce qui est votre cas »: the situation's
    « vous habitez un quartier prioritaire : elle s'adresse à ses habitants » would say it twice (round B).
    The key stays a criterion that holds; only its sentence is not repeated."""
    if key == "residents" and "reserve:qpv" in keys:  # « réservée aux habitants… » once (play-test D)
        return True
    if key == "sans-diplome" and "diplome" in keys:  # « Vous n'avez pas de diplôme : … » once (play-test G)
        return True
    return key in SAID_BY_RESERVATION and f"reserve:{key}" in keys
