"""Who may be offered a record at all: the hard rules of a match, which no fit outweighs. The index
applies them with bits (`restrictions` of a record against what a person `excluded`); `passes_hard_rules`
applies them record by record (the tests compare both). The weighed fit criteria are in
orientation/matching/criteria.py.

Hard rules (contracts.md): a reserved public opens an action only when the person is KNOWN to belong to
it; residents-only actions only for their residents; age bounds always; diploma bounds only with a known
diploma; an action for one trade (eligibilite.secteurs) only for someone who asked for that trade; a
business-creation course only for someone who wants to create; an action for people out of school never for
a known pupil; an action whose aim the person already has (a permis course, a car to rent) not for them. A
restriction the profile cannot settle keeps the action out.
"""

from __future__ import annotations

from typing import Callable, Dict, Optional, Tuple

from knowledge import geo
from knowledge.legal_ages import legal_age_min
from knowledge.models import DIPLOMA_LEVELS, RESERVED_PUBLICS, Initiative
from knowledge.profile import BESOINS, Profile
from knowledge.sectors import sectors_by_id
from orientation.matching import quartiers

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


def is_young(profile: Profile) -> bool:
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
    "suivi-mission-locale": is_young,
    "justice": lambda p: False,
    "parents-isoles": lambda p: p.parent_isole is True,
    "seniors": lambda p: p.whole_age is not None and p.whole_age >= SENIOR_AGE_MIN,
    "demandeurs-emploi-longue-duree": lambda p: False,
    "demandeurs-emploi": lambda p: False,
    "permis": lambda p: p.permis is True,  # holders of the permis B (a car rental for work, say)
    "en-emploi": lambda p: False,  # people already working (temp workers, employees): the bot serves job-seekers
    "foyer-fjt": lambda p: p.logement == "foyer-fjt",  # residents of a foyer de jeunes travailleurs
    # Residents of the porteur's own foyer (Le Levain's, Adamal's): « en foyer » does not say which one.
    "residents-du-porteur": lambda p: False,
    "entreprises": lambda p: False,  # a service to companies (or public buyers), not a guichet for a person
    # Only people sent by named structures (Restos du cœur, CHRS…): nobody walks in from the bot.
    "orientes-par-structure": lambda p: False,
    # People who do not speak French (interpreters): the profile has no such fact, so never known.
    "allophones": lambda p: False,
    # One kind of handicap only (Working first 13: « handicap psychique »): « handicap » is not one public,
    # and the profile has no kind; a deaf person was offered a psychiatric programme (play-test F, f12).
    "handicap-un-type": lambda p: False,
}
assert set(MEMBERSHIP) == set(RESERVED_PUBLICS), "every reserved public needs its membership rule"

# What an action may give that a person may already have (eligibilite.exclut_qui_a) -> does the person KNOWABLY
# have it? A permis course is no answer to a permis holder, nor a car to rent to someone who has one (play-test F,
# f02: the Brive permis course for a permis B holder). Unknown: the action stays (nothing says they have it).
ALREADY_HAS: Dict[str, Callable[[Profile], bool]] = {
    "permis": lambda p: p.permis is True,
    "vehicule": lambda p: p.vehicule is True,
}

# One restriction bit per reserved public, then one per diploma level a record refuses, then residents,
# then one per trade a one-trade record refuses (plus one for « trade unknown »).
PUBLIC_BITS: Dict[str, int] = {public: 1 << i for i, public in enumerate(RESERVED_PUBLICS)}
_next = len(PUBLIC_BITS)
DIPLOMA_REFUSED_BITS: Dict[str, int] = {level: 1 << (_next + i) for i, level in enumerate(DIPLOMA_LEVELS)}
R_RESIDENTS = 1 << (_next + len(DIPLOMA_LEVELS))
ALL_DIPLOMA_BITS = sum(DIPLOMA_REFUSED_BITS.values())
_next += len(DIPLOMA_LEVELS) + 1
SECTOR_IDS: Tuple[str, ...] = tuple(sorted(sectors_by_id()))
SECTOR_REFUSED_BITS: Dict[str, int] = {sector: 1 << (_next + i) for i, sector in enumerate(SECTOR_IDS)}
R_SECTOR_UNKNOWN = 1 << (_next + len(SECTOR_IDS))
# A course to create one's own business: a choice only the person makes. Being without a diploma or from a
# QPV is no reason to send a job-seeker there; only the stated wish to create is.
R_CREATION_ONLY = R_SECTOR_UNKNOWN << 1
# An action for people out of school (for_people_out_of_school): never for a pupil (play-test G, g23).
R_OUT_OF_SCHOOL = R_CREATION_ONLY << 1

ALREADY_HAS_BITS: Dict[str, int] = {aim: R_OUT_OF_SCHOOL << (1 + i) for i, aim in enumerate(sorted(ALREADY_HAS))}
assert max(ALREADY_HAS_BITS.values()) < 1 << 62, "restriction bits must fit the int64 columns of the index"

# data·inclusion publics a pupil still at school is not in: job seekers and people in work. A record naming
# them is an insertion programme for people who left school, unless it also names students or everybody
# (Saint-Malo's forum, « ouvert à tous : scolaires… »).
OUT_OF_SCHOOL_PUBLICS = frozenset({"demandeurs-emploi", "actifs"})
SCHOOL_PUBLICS = frozenset({"etudiants", "tous-publics"})


def for_people_out_of_school(record: Initiative) -> bool:
    """Made for people who have left school: for job seekers or workers (its publics), or reserved to the young
    people a mission locale follows — missions locales serve the 16-25-year-olds who left school
    (nouvelles-chances.gouv.fr, « Les missions locales et autres acteurs », 2024). A pupil gets school and
    orientation routes instead (CIO, professeur principal, CFA): the networks say so."""
    publics = set(record.publics)
    if publics & OUT_OF_SCHOOL_PUBLICS and not publics & SCHOOL_PUBLICS:
        return True
    return "suivi-mission-locale" in record.eligibilite.reserve_a


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
    if for_people_out_of_school(record):
        bits |= R_OUT_OF_SCHOOL
    for aim in record.eligibilite.exclut_qui_a:
        bits |= ALREADY_HAS_BITS[aim]
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
        bits |= ALL_DIPLOMA_BITS
    else:
        bits |= DIPLOMA_REFUSED_BITS[profile.diplome]
    bits |= R_SECTOR_UNKNOWN if profile.secteur is None else SECTOR_REFUSED_BITS[profile.secteur]
    if "creation-activite" not in profile.needs:
        bits |= R_CREATION_ONLY
    if profile.scolarite == "scolarise":  # known at school; unknown passes, as most people never say it
        bits |= R_OUT_OF_SCHOOL
    for aim, has in ALREADY_HAS.items():
        if has(profile):
            bits |= ALREADY_HAS_BITS[aim]
    return bits | R_RESIDENTS


def resident_of(record: Initiative, person: Optional[geo.Commune], quartier: Tuple[str, ...] = ()) -> bool:
    """The person lives in one of the places an action is reserved to (unknown commune: no). `quartier` is the
    person's quartier keys (quartiers.of_person): an action of named quartiers is for those quartiers only."""
    if person is None:
        return False
    mine = {person.code_insee, person.arrondissement_de or person.code_insee, person.departement, person.region}
    mine.update(quartier)
    return not mine.isdisjoint(quartiers.resident_keys(record))


def effective_age_bounds(record: Initiative) -> Tuple[Optional[int], Optional[int]]:
    """Age bounds the matcher applies: the stated ones, else implied by a youth-only or seniors-only public."""
    elig = record.eligibilite
    age_min, age_max = elig.age_min, elig.age_max
    publics = set(record.publics)
    youth_only = "jeunes" in publics and publics <= _YOUTH_ONLY_PUBLICS
    mission_locale = record.porteur.type == "mission-locale"
    if age_max is None and youth_only:
        age_max = YOUTH_AGES[1] if mission_locale else IMPLICIT_YOUTH_AGE_MAX
    if age_min is None and youth_only and mission_locale:  # it receives from 16 (play-test G: an outreach at 15)
        age_min = YOUTH_AGES[0]
    if age_min is None and "seniors" in publics and not publics & {"jeunes", "tous-publics"}:
        age_min = SENIOR_AGE_MIN
    return age_min, age_max


def age_allows(record: Initiative, age: Optional[int]) -> bool:
    """Age bounds always hold; an unknown age cannot pass a bounded record."""
    lo, hi = effective_age_bounds(record)
    if lo is None and hi is None:
        return True
    return age is not None and (lo is None or age >= lo) and (hi is None or age <= hi)


def legal_floor(record: Initiative) -> int:
    """The legal age below which a KNOWN age keeps the record out (0: none). Unlike the record's own bounds,
    an unknown age passes it, as France Travail's « from 16 » does (knowledge/data/ages-legaux.yaml)."""
    return legal_age_min(record) or 0


def legal_age_allows(record: Initiative, age: Optional[int]) -> bool:
    return age is None or age >= legal_floor(record)


def is_offerable(record: Initiative) -> bool:
    """Some records are never a way in, whoever asks: an audience no profile can belong to, or a single
    site whose place the text does not give."""
    if record.zone.lieu_inconnu:
        return False
    if record.evenement_ponctuel and record.statut == "historique":  # a forum held years ago: nothing to go to
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
        "residents-du-porteur",
        "handicap-un-type",
    }
    for public in RESERVED_PUBLICS
}


def passes_hard_rules(record: Initiative, profile: Profile, person: Optional[geo.Commune]) -> bool:
    """The hard rules, record by record (the index applies the same with bits; tests compare both)."""
    if not is_offerable(record) or restrictions(record) & excluded(profile) & ~R_RESIDENTS:
        return False
    quartier = quartiers.of_person(profile, person)
    if record.eligibilite.residents.restricted and not resident_of(record, person, quartier):
        return False
    return age_allows(record, profile.whole_age) and legal_age_allows(record, profile.whole_age)
