"""The criteria of a match, written once. Each criterion is one entry of `CRITERIA`: how it filters (hard
rules nothing outweighs), how it weighs (fit points) and, by its key, the sentence that explains it
(orientation/matching/wording.py, `REASONS`). The « Pourquoi ? » of a suggestion is the list of criteria that
hold for that person and that record, so a reason is never said unless its criterion holds.

Hard rules (contracts.md): a reserved public opens an action only when the person is KNOWN to belong to
it; residents-only actions only for their residents; age bounds always; diploma bounds only with a known
diploma; an action for one trade (eligibilite.secteurs) only for someone who asked for that trade; a
business-creation course only for someone who wants to create. A restriction the profile cannot settle
keeps the action out.

Need before situation: a record that serves the stated need always ranks above one that only serves a
situation of the person (handicap, no shelter, QPV…), and the latter is only worth proposing in the
person's own département (or closer): never a situation fit from elsewhere to fill the list.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Dict, FrozenSet, List, Optional, Tuple

from knowledge import geo
from knowledge.models import DIPLOMA_LEVELS, RESERVED_PUBLICS, Initiative
from knowledge.profile import BESOINS, Profile
from knowledge.sectors import sectors_by_id

YOUTH_AGES = (16, 25)
# A youth-only record that states no upper age still targets young people; 30 is the most generous
# ceiling seen in the data (16-30), and a mission locale's own action follows its mandate (16-25).
IMPLICIT_YOUTH_AGE_MAX = 30
# Employment policy calls "senior" 45 and over; the data says 44 once, kept as the floor.
SENIOR_AGE_MIN = 44
NO_AGE_MIN, NO_AGE_MAX = -1, 1000
_YOUTH_ONLY_PUBLICS = frozenset(
    {
        "jeunes",
        "etudiants",
        "residents-qpv-frr",
        "personnes-en-situation-de-handicap",
        "personnes-exilees",
    }
)
# Audiences the profile cannot express at all (people in detention): such a record is never offered.
UNREACHABLE_PUBLICS = frozenset({"personnes-en-situation-juridique-specifique"})

# --------------------------------------------------------------------------- hard filters


def _is_young(profile: Profile) -> bool:
    age = profile.whole_age
    return age is not None and YOUTH_AGES[0] <= age <= YOUTH_AGES[1]


# Reserved public → does the person KNOWABLY belong to it? (False also when unknown.) Publics the profile
# has no fact for (ime-esat, rsa, justice, job-seeker registration) never open: nothing here can vouch.
MEMBERSHIP: Dict[str, Callable[[Profile], bool]] = {
    "femmes": lambda p: p.femme is True,
    "handicap": lambda p: p.handicap in ("rqth", "oui-sans-rqth"),
    "rqth": lambda p: p.handicap == "rqth",
    "ime-esat": lambda p: False,
    "sans-domicile": lambda p: p.logement == "sans-domicile",
    "exiles": lambda p: p.refugie is True,
    "minima-sociaux": lambda p: p.minima_sociaux is True,
    "rsa": lambda p: False,
    "qpv": lambda p: p.qpv is True,
    "salaries-siae": lambda p: False,  # already employed in an SIAE: never a way in
    # The bot speaks for the mission locale, which any 16-25 can join: its follow-up is within reach.
    "suivi-mission-locale": _is_young,
    "justice": lambda p: False,
    "parents-isoles": lambda p: p.parent_isole is True,
    "seniors": lambda p: p.whole_age is not None and p.whole_age >= SENIOR_AGE_MIN,
    "demandeurs-emploi-longue-duree": lambda p: False,
    "demandeurs-emploi": lambda p: False,
    "permis": lambda p: p.permis is True,  # holders of the permis B (a car rental for work, say)
    "en-emploi": lambda p: False,  # people already working (temp workers, employees): the bot serves job-seekers
    "foyer-fjt": lambda p: p.logement == "foyer-fjt",  # residents of a foyer de jeunes travailleurs
    "entreprises": lambda p: False,  # a service to companies (or public buyers), not a guichet for a person
    # Only people sent by named structures (Restos du cœur, CHRS…): nobody walks in from the bot.
    "orientes-par-structure": lambda p: False,
    # People who do not speak French (interpreters): the profile has no such fact, so never known.
    "allophones": lambda p: False,
}
assert set(MEMBERSHIP) == set(RESERVED_PUBLICS), "every reserved public needs its membership rule"

# One restriction bit per reserved public, then one per diploma level a record refuses, then residents,
# then one per trade a one-trade record refuses (plus one for « trade unknown »).
PUBLIC_BITS: Dict[str, int] = {public: 1 << i for i, public in enumerate(RESERVED_PUBLICS)}
_next = len(PUBLIC_BITS)
DIPLOMA_REFUSED_BITS: Dict[str, int] = {level: 1 << (_next + i) for i, level in enumerate(DIPLOMA_LEVELS)}
R_RESIDENTS = 1 << (_next + len(DIPLOMA_LEVELS))
_ALL_DIPLOMA_BITS = sum(DIPLOMA_REFUSED_BITS.values())
_next += len(DIPLOMA_LEVELS) + 1
SECTOR_IDS: Tuple[str, ...] = tuple(sorted(sectors_by_id()))
SECTOR_REFUSED_BITS: Dict[str, int] = {sector: 1 << (_next + i) for i, sector in enumerate(SECTOR_IDS)}
R_SECTOR_UNKNOWN = 1 << (_next + len(SECTOR_IDS))
# A course to create one's own business: a choice only the person makes. Being without a diploma or from a
# QPV is no reason to send a job-seeker there; only the stated wish to create is.
R_CREATION_ONLY = R_SECTOR_UNKNOWN << 1
assert R_CREATION_ONLY < 1 << 62, "restriction bits must fit the int64 columns of the index"


def accepted_diplomas(record: Initiative) -> Tuple[str, ...]:
    elig = record.eligibilite
    lo = DIPLOMA_LEVELS.index(elig.diplome_min) if elig.diplome_min else 0
    hi = DIPLOMA_LEVELS.index(elig.diplome_max) if elig.diplome_max else len(DIPLOMA_LEVELS) - 1
    return DIPLOMA_LEVELS[lo : hi + 1]


def is_creation_only(record: Initiative) -> bool:
    """Every theme of the record is about creating a business (the creation-activite need, nothing else)."""
    creation = BESOINS["creation-activite"][1]
    return bool(record.thematiques) and set(record.thematiques) <= creation


def restrictions(record: Initiative) -> int:
    """The record's hard restrictions as bits (age and residents' places are checked apart)."""
    bits = 0
    for public in record.eligibilite.reserve_a:
        bits |= PUBLIC_BITS[public]
    accepted = accepted_diplomas(record)
    for level, bit in DIPLOMA_REFUSED_BITS.items():
        if level not in accepted:
            bits |= bit
    if record.eligibilite.residents.restricted:
        bits |= R_RESIDENTS
    if is_creation_only(record):
        bits |= R_CREATION_ONLY
    trades = record.eligibilite.secteurs
    if trades:
        bits |= R_SECTOR_UNKNOWN
        for sector, bit in SECTOR_REFUSED_BITS.items():
            if sector not in trades:
                bits |= bit
    return bits


def excluded(profile: Profile) -> int:
    """Restriction bits that keep a record out for this person: every public they are not known to be in,
    every diploma bound when their diploma is unknown, or the bounds that refuse their level. Residents'
    places are settled by the index (R_RESIDENTS is excluded unless the row is one of the person's)."""
    bits = 0
    for public, belongs in MEMBERSHIP.items():
        if not belongs(profile):
            bits |= PUBLIC_BITS[public]
    if profile.diplome is None:
        bits |= _ALL_DIPLOMA_BITS
    else:
        bits |= DIPLOMA_REFUSED_BITS[profile.diplome]
    bits |= R_SECTOR_UNKNOWN if profile.secteur is None else SECTOR_REFUSED_BITS[profile.secteur]
    if profile.besoin != "creation-activite":
        bits |= R_CREATION_ONLY
    return bits | R_RESIDENTS


def resident_of(record: Initiative, person: Optional[geo.Commune]) -> bool:
    """The person lives in one of the places an action is reserved to (unknown commune: no)."""
    residents = record.eligibilite.residents
    if person is None:
        return False
    city = person.arrondissement_de or person.code_insee
    return (
        person.code_insee in residents.communes
        or city in residents.communes
        or person.departement in residents.departements
        or person.region in residents.regions
    )


def effective_age_bounds(record: Initiative) -> Tuple[Optional[int], Optional[int]]:
    """Age bounds the matcher applies: the stated ones, else implied by a youth-only or seniors-only public."""
    elig = record.eligibilite
    age_min, age_max = elig.age_min, elig.age_max
    publics = set(record.publics)
    if age_max is None and "jeunes" in publics and publics <= _YOUTH_ONLY_PUBLICS:
        age_max = YOUTH_AGES[1] if record.porteur.type == "mission-locale" else IMPLICIT_YOUTH_AGE_MAX
    if age_min is None and "seniors" in publics and not publics & {"jeunes", "tous-publics"}:
        age_min = SENIOR_AGE_MIN
    return age_min, age_max


def age_allows(record: Initiative, age: Optional[int]) -> bool:
    """Age bounds always hold; an unknown age cannot pass a bounded record."""
    lo, hi = effective_age_bounds(record)
    if lo is None and hi is None:
        return True
    return age is not None and (lo is None or age >= lo) and (hi is None or age <= hi)


def is_offerable(record: Initiative) -> bool:
    """Some records are never a way in, whoever asks: an audience no profile can belong to, or a single
    site whose place the text does not give."""
    if record.zone.lieu_inconnu:
        return False
    if any(not _CAN_OPEN[public] for public in record.eligibilite.reserve_a):
        return False
    return not set(record.publics) <= UNREACHABLE_PUBLICS


# Publics some profile can belong to; the others (no fact in the profile) keep a record out of the index.
_CAN_OPEN: Dict[str, bool] = {
    public: public
    not in {
        "ime-esat",
        "rsa",
        "salaries-siae",
        "justice",
        "demandeurs-emploi-longue-duree",
        "demandeurs-emploi",
        "en-emploi",
        "entreprises",
        "orientes-par-structure",
        "allophones",
    }
    for public in RESERVED_PUBLICS
}


def passes_hard_rules(record: Initiative, profile: Profile, person: Optional[geo.Commune]) -> bool:
    """The hard rules, record by record (the index applies the same with bits; tests compare both)."""
    if not is_offerable(record) or restrictions(record) & excluded(profile) & ~R_RESIDENTS:
        return False
    if record.eligibilite.residents.restricted and not resident_of(record, person):
        return False
    return age_allows(record, profile.whole_age)


# --------------------------------------------------------------------------- fit criteria


@dataclass(frozen=True)
class Criterion:
    """One line of the table. `answers` reads the record (indexed once as a bit), `concerns` the person;
    the criterion holds when both do. Its sentence is wording.REASONS[key]."""

    key: str
    kind: str  # "fit": weighs; "general": weighs a little, relevant only without a stated need;
    #            "filter": a hard rule that opened the record (said, not weighed); "place"
    weight: float = 0.0
    answers: Optional[Callable[[Initiative], bool]] = None
    concerns: Optional[Callable[[Profile], bool]] = None
    near_only: bool = False  # counts only when the record is in the person's département or closer
    # counts only where the record operates (the person inside its own zone): a bus line or a garage
    # helps people move where it runs, not 80 km away in the same département
    in_zone_only: bool = False


# How far from the person a criterion counts (the 4th element of a rule): anywhere, in their département or
# closer, or moreover inside the record's own zone (see `reaches`).
ANYWHERE, NEAR, IN_ZONE = 0, 1, 2


def zone_rank(record: Initiative) -> int:
    """The closeness at which the person is inside the record's own zone (a LEVEL_RANK value); a commune's
    service counts as serving its intercommunality (a permis course in Roubaix for someone in Lille)."""
    from orientation.matching.places import EPCI, LEVEL_RANK  # no cycle at import time

    return min(LEVEL_RANK[record.zone.niveau], LEVEL_RANK[EPCI])


def reaches(reach: int, level: int, record_zone_rank: int) -> bool:
    """Does a criterion with this reach count for a record at this closeness? (scoring and reasons alike)"""
    from orientation.matching.places import NEAR_RANK  # no cycle at import time

    if reach == ANYWHERE:
        return True
    return level >= NEAR_RANK and (reach == NEAR or level >= record_zone_rank)


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


def _for_youth(record: Initiative) -> bool:
    age_max = record.eligibilite.age_max
    return "jeunes" in record.publics or (age_max is not None and age_max <= IMPLICIT_YOUTH_AGE_MAX)


# The need outweighs every situation and every closeness together (4 + 4 + 2 * 4 situations, 3 of closeness,
# under 1 of tiers): a line that serves the need is always above one that only serves a situation.
BESOIN_WEIGHT = 20
GENERAL_WEIGHT = 0.02

_needs: List[Criterion] = [
    Criterion(
        f"besoin:{besoin}", "fit", BESOIN_WEIGHT, _serves_besoin(besoin), (lambda b: lambda p: p.besoin == b)(besoin)
    )
    for besoin in sorted(BESOINS)
]

# Situations, in points. No shelter weighs most: a roof comes before anything else; a programme built for
# exiles answers needs (language, recognition of diplomas) no general action does. Mobility counts only
# near home (in the person's département or closer): a way to get to work here, not a move elsewhere.
CRITERIA: Tuple[Criterion, ...] = (
    *_needs,
    Criterion("sans-domicile", "fit", 4, _shelter, lambda p: p.logement == "sans-domicile"),
    Criterion("exiles", "fit", 4, _for_exiles, lambda p: p.refugie is True),
    # A quartier-prioritaire action serves its own quartiers: being from a QPV elsewhere is no fit.
    Criterion("qpv", "fit", 2, _for_qpv, lambda p: p.qpv is True, near_only=True),
    Criterion("handicap", "fit", 2, _for_handicap, lambda p: p.handicap in ("rqth", "oui-sans-rqth")),
    Criterion(
        "mobilite",
        "fit",
        2,
        _mobility,
        # getting to work or training: not for a housing need, and the mobility need says it itself
        lambda p: (p.permis is False or p.vehicule is False) and p.besoin not in ("mobilite-permis", "logement"),
        near_only=True,
        in_zone_only=True,
    ),
    Criterion("sans-diplome", "fit", 2, _for_low_diploma, lambda p: p.diplome in ("aucun", "cap-bep")),
    # General fits (young, woman, minima sociaux) only count near home: being young is no reason to go
    # 150 km for an action that answers no need of the person (no padding).
    Criterion("jeunes", "general", GENERAL_WEIGHT, _for_youth, _is_young, near_only=True),
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
    Criterion("diplome", "filter"),
    Criterion("place", "place"),
)
BY_KEY: Dict[str, Criterion] = {c.key: c for c in CRITERIA}
WEIGHED: Tuple[Criterion, ...] = tuple(c for c in CRITERIA if c.kind in ("fit", "general"))
# One feature bit per weighed criterion.
FEATURE_BITS: Dict[str, int] = {c.key: 1 << i for i, c in enumerate(WEIGHED)}


def features(record: Initiative) -> int:
    """What a record answers, one bit per weighed criterion (computed once, at index time)."""
    bits = 0
    for criterion in WEIGHED:
        if criterion.answers is not None and criterion.answers(record):
            bits |= FEATURE_BITS[criterion.key]
    return bits


def general_allowed(profile: Profile) -> bool:
    """Without a stated need (or « je ne sais pas »), being young is enough to be worth a look."""
    return profile.besoin in (None, "ne-sait-pas")


# How a criterion makes a record worth proposing: not at all, anywhere (the stated need), or only in the
# person's département or closer (a situation, or a general fit without a stated need).
NOT_RELEVANT, RELEVANT_ANYWHERE, RELEVANT_NEAR = 0, 1, 2


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
        return record.eligibilite.residents.restricted and resident_of(record, person)
    if key == "secteur":
        return profile.secteur is not None and profile.secteur in record.eligibilite.secteurs
    if key == "age":
        lo, hi = effective_age_bounds(record)
        return (lo is not None or hi is not None) and age_allows(record, profile.whole_age)
    if key == "diplome":
        return bool(restrictions(record) & _ALL_DIPLOMA_BITS) and profile.diplome in accepted_diplomas(record)
    if key == "place":
        return True
    raise KeyError(key)


def reason_keys(record: Initiative, profile: Profile, person: Optional[geo.Commune], rank: int) -> List[str]:
    """The criteria that hold, in table order: need, situations, general, hard rules, place."""
    keys = [c.key for c in CRITERIA if holds(c.key, record, profile, person, rank)]
    if "age" in keys and "jeunes" in keys:
        keys.remove("jeunes")  # the age bounds say the same, more precisely
    return keys
