"""Profile → ranked suggestions, each with the reasons it fits.

The bot's recommendation action and the conseillers' CLI only call `recommend` and format the result
(see knowledge/formatting.py). Three steps:

1. Hard filters, which nothing can outweigh: age bounds, the person's région, audience restrictions
   (women only, refugees only, RQTH only, QPV only, people already employed in an SIAE), stated in
   `eligibilite` or implied when a record has a single public (e.g. only `femmes`). Unknown (None)
   facts never exclude, except for refugee-only and RQTH-only records, which need a yes.
2. Fit: points for each criterion of the profile the record answers (need, no shelter, QPV, handicap,
   no licence or vehicle, refugee). A record that answers none of these is not a suggestion, except that
   without a stated need, being young (or a woman, or on minima sociaux) and targeted is enough.
3. Order: specific fit plus geographic closeness (commune > EPCI > département > région > national,
   0.75 point a level: without a licence, the action in one's own town beats a similar one 200 km
   away, but a much better fit in the région beats a weak one next door), then still running, then general fit (young...), then contact and recency, then id: equal inputs
   give equal outputs.

Records are grouped once per région into column arrays (numpy), so a query touches only the person's
région and the national records, with vectorised filters: this keeps a match well under a millisecond
on the real base and a few milliseconds at 100,000 services.
"""

from __future__ import annotations

import gc
import threading
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Dict, Iterable, List, NamedTuple, Optional, Sequence, Tuple

import numpy as np

from knowledge import geo
from knowledge.loader import KnowledgeBase, default_knowledge
from knowledge.models import Initiative, Network
from knowledge.profile import BESOINS, Profile

# --------------------------------------------------------------------------- proximity

COMMUNE, EPCI, DEPARTEMENT, REGION, NATIONAL = "commune", "epci", "departement", "region", "national"
# Higher is closer. National sits below every local level: "ranked after local ones of equal fit".
_LEVEL_RANK: Dict[str, int] = {NATIONAL: 0, REGION: 1, DEPARTEMENT: 2, EPCI: 3, COMMUNE: 4}
_LEVEL_NAME: Tuple[str, ...] = (NATIONAL, REGION, DEPARTEMENT, EPCI, COMMUNE)

# Score: specific fit and closeness add up; the later tiers only break ties, each worth more than
# everything below it (still running, general fit, contact + recency):
#   specific fit: integer points (need, no shelter, QPV, handicap, mobility, refugee);
#   closeness: 0.75 per level above national (commune 3, like the need itself);
#   still running (not historical): 0.1;
#   general fit (young, woman, minima sociaux): 0.02 each, at most 3;
#   quality: usable contact 0.01 + recency up to 0.0099.
_PROXIMITY_STEP = 0.75
_CURRENT_BONUS = 0.1
_GENERAL_STEP = 0.02
_QUALITY_CONTACT, _QUALITY_RECENCY = 0.01, 0.0099

HISTORICAL_AFTER_YEARS = 10
# A youth-only record that states no upper age still targets mission-locale ages; 30 is the most
# generous ceiling seen in the data (16-30), so nobody of an age a record may mean is dropped.
IMPLICIT_YOUTH_AGE_MAX = 30
# Same for seniors-only records: employment policy calls "senior" 45+, the data says 44 once.
IMPLICIT_SENIOR_AGE_MIN = 44
YOUTH_AGES = (16, 25)
# Audiences the profile cannot express (people in detention): a record serving only them is never offered.
UNREACHABLE_PUBLICS = frozenset({"personnes-en-situation-juridique-specifique"})

_NO_AGE_MIN, _NO_AGE_MAX = -1, 1000

# --------------------------------------------------------------------------- record features

# Static flags of a record: what it can answer. One bit each, so a query tests them in one numpy op.
_BESOIN_BITS: Dict[str, int] = {besoin: 1 << i for i, besoin in enumerate(sorted(BESOINS))}
_next_bit = len(_BESOIN_BITS)
F_QPV = 1 << _next_bit
F_HANDICAP = 1 << (_next_bit + 1)
F_SHELTER = 1 << (_next_bit + 2)
F_MOBILITE = 1 << (_next_bit + 3)
F_YOUTH = 1 << (_next_bit + 4)
F_FEMMES = 1 << (_next_bit + 5)
F_REFUGIE = 1 << (_next_bit + 6)
F_MINIMA = 1 << (_next_bit + 7)

# Restrictions: the record is reserved to an audience.
R_FEMMES, R_REFUGIES, R_RQTH, R_QPV, R_HANDICAP = 1, 2, 4, 8, 16
# A record whose only public is one of these is reserved to it, even without the eligibilite flag.
_SOLE_PUBLIC_RESTRICTIONS = {
    "femmes": R_FEMMES,
    "personnes-exilees": R_REFUGIES,
    "residents-qpv-frr": R_QPV,
    "personnes-en-situation-de-handicap": R_HANDICAP,
}

_YOUTH_ONLY_PUBLICS = frozenset({
    "jeunes", "etudiants", "residents-qpv-frr", "personnes-en-situation-de-handicap", "personnes-exilees",
})


def _features(record: Initiative) -> int:
    themes, publics, elig = set(record.thematiques), set(record.publics), record.eligibilite
    bits = 0
    for besoin, (_, besoin_themes) in BESOINS.items():
        if themes & besoin_themes:
            bits |= _BESOIN_BITS[besoin]
    if "residents-qpv-frr" in publics or elig.qpv:
        bits |= F_QPV
    if "personnes-en-situation-de-handicap" in publics or elig.rqth:
        bits |= F_HANDICAP
    if "personnes-en-situation-durgence" in publics or any(t.startswith("logement-hebergement--") for t in themes):
        bits |= F_SHELTER
    if any(t.startswith("mobilite--") for t in themes):
        bits |= F_MOBILITE
    if "jeunes" in publics or (elig.age_max is not None and elig.age_max <= IMPLICIT_YOUTH_AGE_MAX):
        bits |= F_YOUTH
    if "femmes" in publics or elig.femmes_uniquement:
        bits |= F_FEMMES
    if "personnes-exilees" in publics or elig.refugies_uniquement:
        bits |= F_REFUGIE
    if "beneficiaires-des-minimas-sociaux" in publics:
        bits |= F_MINIMA
    return bits


def _restrictions(record: Initiative) -> int:
    elig = record.eligibilite
    bits = ((R_FEMMES if elig.femmes_uniquement else 0) | (R_REFUGIES if elig.refugies_uniquement else 0)
            | (R_RQTH if elig.rqth else 0) | (R_QPV if elig.qpv else 0))
    if len(set(record.publics)) == 1:
        bits |= _SOLE_PUBLIC_RESTRICTIONS.get(record.publics[0], 0)
    return bits


def effective_age_bounds(record: Initiative) -> Tuple[Optional[int], Optional[int]]:
    """Age bounds the matcher applies: the stated ones, else implied by a youth-only or seniors-only public."""
    elig = record.eligibilite
    age_min, age_max = elig.age_min, elig.age_max
    publics = set(record.publics)
    if age_max is None and "jeunes" in publics and publics <= _YOUTH_ONLY_PUBLICS:
        # A mission locale's own action follows its mandate (16-25); other youth actions may go to 30.
        age_max = YOUTH_AGES[1] if record.porteur.type == "mission-locale" else IMPLICIT_YOUTH_AGE_MAX
    if age_min is None and "seniors" in publics and not publics & {"jeunes", "tous-publics"}:
        age_min = IMPLICIT_SENIOR_AGE_MIN
    return age_min, age_max


def is_offerable(record: Initiative) -> bool:
    """Some records are never a way in, whoever asks: SIAE employees only, or an audience we cannot ask about."""
    if record.eligibilite.salaries_siae_uniquement:
        return False
    return not set(record.publics) <= UNREACHABLE_PUBLICS


def is_historical(record: Initiative, today: Optional[date] = None) -> bool:
    """Ended, or last described more than ten years ago: we cannot vouch it still runs."""
    if record.statut == "historique":
        return True
    year = record.reference_year
    return year is not None and year < (today or date.today()).year - HISTORICAL_AFTER_YEARS


def _quality(record: Initiative, historical: bool) -> float:
    recency = 0.0
    if record.reference_year:
        recency = min(max((record.reference_year - 2000) / 30, 0.0), 1.0)
    return ((0.0 if historical else _CURRENT_BONUS)
            + (_QUALITY_CONTACT if record.contact.is_usable and not historical else 0.0)
            + _QUALITY_RECENCY * recency)


# --------------------------------------------------------------------------- zone


class RecordPlace(NamedTuple):
    """Codes a record covers at each level, sorted. Tuples, not sets: at 100,000 services the build holds
    one per record, and a one-element tuple is a quarter of a frozenset's size."""

    communes: Tuple[str, ...]  # arrondissements counted as their city
    epcis: Tuple[str, ...]
    departements: Tuple[str, ...]
    regions: Tuple[str, ...]


def record_place(record: Initiative) -> RecordPlace:
    """Where a record is, with missing levels derived from the finer ones."""
    zone = record.zone
    known = [c for c in map(geo.get_commune, zone.communes) if c is not None]
    departements = set(zone.departements)
    departements.update(c.departement for c in known)
    regions = set(zone.regions)
    if not regions:  # derived only when missing: listed régions are the record's word
        regions = {c.region for c in known}
        for code in departements:
            dep = geo.get_departement(code)
            if dep is not None:
                regions.add(dep.region)
    return RecordPlace(
        communes=tuple(sorted({c.arrondissement_de or c.code_insee for c in known})),
        epcis=tuple(sorted({c.epci for c in known if c.epci})),
        departements=tuple(sorted(departements)),
        regions=tuple(sorted(regions)),
    )


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Suggestion:
    initiative: Initiative
    proximity: str  # commune | epci | departement | region | national
    score: float
    reasons: Tuple[str, ...]
    historical: bool
    where: str
    how_to_reach: Tuple[str, ...]
    year: Optional[int]


@dataclass(frozen=True)
class NetworkSuggestion:
    network: Network
    reasons: Tuple[str, ...]


@dataclass(frozen=True)
class Recommendation:
    profile: Profile
    local: Tuple[Suggestion, ...]
    networks: Tuple[NetworkSuggestion, ...]

    @property
    def empty(self) -> bool:
        """No initiative found: the answer is the networks only, said honestly."""
        return not self.local


# --------------------------------------------------------------------------- index


class _Columns(NamedTuple):
    """numpy copies of a large block's columns: one vector op per rule instead of a Python loop per row."""

    features: np.ndarray
    restrictions: np.ndarray
    age_min: np.ndarray
    age_max: np.ndarray
    quality: np.ndarray


@dataclass
class _Block:
    """Records of one région (or the national ones) as columns, rows sorted by id."""

    entries: List[Initiative]
    ids: List[str]
    historical: List[bool]
    features: List[int]
    restrictions: List[int]
    age_min: List[int]
    age_max: List[int]
    quality: List[float]
    # Code → row positions (lists; numpy arrays once the block has `columns`).
    by_commune: Dict[str, List[int]] = field(default_factory=dict)
    by_epci: Dict[str, List[int]] = field(default_factory=dict)
    by_departement: Dict[str, List[int]] = field(default_factory=dict)
    columns: Optional[_Columns] = None


def _build_block(rows: List[Tuple[Initiative, RecordPlace, bool]], vector_from: int) -> _Block:
    rows.sort(key=lambda row: row[0].id)
    bounds = [effective_age_bounds(record) for record, _, _ in rows]
    block = _Block(
        entries=[record for record, _, _ in rows],
        ids=[record.id for record, _, _ in rows],
        historical=[hist for _, _, hist in rows],
        features=[_features(record) for record, _, _ in rows],
        restrictions=[_restrictions(record) for record, _, _ in rows],
        age_min=[_NO_AGE_MIN if lo is None else lo for lo, _ in bounds],
        age_max=[_NO_AGE_MAX if hi is None else hi for _, hi in bounds],
        quality=[_quality(record, hist) for record, _, hist in rows],
    )
    for position, (_, place, _) in enumerate(rows):
        for index, codes in ((block.by_commune, place.communes), (block.by_epci, place.epcis),
                             (block.by_departement, place.departements)):
            for code in codes:
                index.setdefault(code, []).append(position)
    if len(rows) >= vector_from:
        # Position lists become arrays too: numpy indexes with them directly, and they take less room.
        for index in (block.by_commune, block.by_epci, block.by_departement):
            for code, positions in index.items():
                index[code] = np.array(positions, dtype=np.int64)  # type: ignore[assignment]
        block.columns = _Columns(
            features=np.array(block.features, dtype=np.int64),
            restrictions=np.array(block.restrictions, dtype=np.int64),
            age_min=np.array(block.age_min, dtype=np.int32),
            age_max=np.array(block.age_max, dtype=np.int32),
            quality=np.array(block.quality, dtype=np.float64),
        )
    return block


# --------------------------------------------------------------------------- fit rules


@dataclass(frozen=True)
class _Rule:
    """One fit criterion: active for a profile, answered by records carrying `bit`."""

    bit: int
    weight: float
    specific: bool  # False: too general to make a record relevant on its own (age, gender, minima)


# Specific criteria, in points. No shelter weighs most: a roof comes before anything else; a programme
# built for refugees answers needs (language, recognition of diplomas) that no general action does.
BESOIN_WEIGHT = 3
WEIGHTS = {"shelter": 4, "qpv": 2, "handicap": 2, "mobilite": 2, "refugie": 4}


def _is_young(profile: Profile) -> bool:
    age = profile.whole_age
    return age is not None and YOUTH_AGES[0] <= age <= YOUTH_AGES[1]


def _rules(profile: Profile) -> List[_Rule]:
    rules: List[_Rule] = []
    if profile.besoin is not None:
        rules.append(_Rule(_BESOIN_BITS[profile.besoin], BESOIN_WEIGHT, True))
    if profile.logement == "sans-domicile":
        rules.append(_Rule(F_SHELTER, WEIGHTS["shelter"], True))
    if profile.qpv is True:
        rules.append(_Rule(F_QPV, WEIGHTS["qpv"], True))
    if profile.handicap in ("rqth", "oui-sans-rqth"):
        rules.append(_Rule(F_HANDICAP, WEIGHTS["handicap"], True))
    if profile.permis is False or profile.vehicule is False:
        rules.append(_Rule(F_MOBILITE, WEIGHTS["mobilite"], True))
    if profile.refugie is True:
        rules.append(_Rule(F_REFUGIE, WEIGHTS["refugie"], True))
    if _is_young(profile):
        rules.append(_Rule(F_YOUTH, _GENERAL_STEP, False))
    if profile.femme is True:
        rules.append(_Rule(F_FEMMES, _GENERAL_STEP, False))
    if profile.minima_sociaux is True:
        rules.append(_Rule(F_MINIMA, _GENERAL_STEP, False))
    return rules


def _excluded_restrictions(profile: Profile) -> int:
    """Restriction bits that rule a record out for this person. Unknown (None) never excludes."""
    bits = 0
    if profile.femme is False:
        bits |= R_FEMMES
    if profile.refugie is not True:
        bits |= R_REFUGIES
    if profile.handicap != "rqth":
        bits |= R_RQTH
    if profile.qpv is False:
        bits |= R_QPV
    if profile.handicap == "non":
        bits |= R_HANDICAP
    return bits


def _general_allowed(profile: Profile) -> bool:
    """Without a stated need (or « je ne sais pas »), being young is enough to be worth a look."""
    return profile.besoin in (None, "ne-sait-pas")


# --------------------------------------------------------------------------- reasons (French)

_BESOIN_PHRASES: Dict[str, str] = {
    "emploi": "Elle aide à trouver un emploi, ce que vous cherchez.",
    "formation": "Elle aide à trouver une formation, ce que vous cherchez.",
    "apprentissage": "Elle aide à préparer un apprentissage ou une alternance, ce que vous cherchez.",
    "logement": "Elle aide à trouver un logement, ce que vous cherchez.",
    "creation-activite": "Elle aide à créer son activité, ce que vous cherchez.",
    "ne-sait-pas": "Elle aide à trouver sa voie, ce que vous cherchez.",
}


def _mobility_need_phrase(themes: Iterable[str]) -> str:
    themes = set(themes)
    if "mobilite--preparer-un-permis" in themes:
        return "Elle aide à préparer le permis, ce que vous cherchez."
    if "mobilite--acceder-a-un-vehicule" in themes:
        return "Elle aide à avoir un véhicule, ce que vous cherchez."
    return "Elle aide à se déplacer, ce que vous cherchez."


def _age_range(lo: Optional[int], hi: Optional[int]) -> Optional[str]:
    if lo is not None and hi is not None:
        return f"aux {lo}-{hi} ans"
    if hi is not None:
        return f"aux moins de {hi + 1} ans"
    if lo is not None:
        return f"aux personnes de {lo} ans et plus"
    return None


def _fit_reasons(record: Initiative, features: int, profile: Profile) -> List[str]:
    """The French sentences for the criteria this record answers; same rules as `_rules`."""
    reasons: List[str] = []
    besoin = profile.besoin
    said_mobility = False
    if besoin is not None and features & _BESOIN_BITS[besoin]:
        if besoin == "mobilite-permis":
            reasons.append(_mobility_need_phrase(record.thematiques))
            said_mobility = True
        else:
            reasons.append(_BESOIN_PHRASES[besoin])
    if profile.logement == "sans-domicile" and features & F_SHELTER:
        if any(t.startswith("logement-hebergement--") for t in record.thematiques):
            reasons.append("Vous n'avez pas de logement : elle aide à trouver un toit.")
        else:
            reasons.append("Vous n'avez pas de logement : elle accueille les personnes en situation d'urgence.")
    if profile.qpv is True and features & F_QPV:
        reasons.append("Vous habitez un quartier prioritaire : elle s'adresse à ses habitants.")
    if profile.handicap in ("rqth", "oui-sans-rqth") and features & F_HANDICAP:
        fact = "Vous avez une RQTH" if profile.handicap == "rqth" else "Vous avez un handicap ou un souci de santé"
        reasons.append(f"{fact} : elle accompagne les personnes en situation de handicap.")
    if (profile.permis is False or profile.vehicule is False) and features & F_MOBILITE and not said_mobility:
        fact = "Vous n'avez pas le permis" if profile.permis is False else "Vous n'avez pas de véhicule"
        reasons.append(f"{fact} : elle aide à vous déplacer.")
    if profile.refugie is True and features & F_REFUGIE:
        reasons.append("Vous êtes réfugié·e : elle accompagne les personnes réfugiées.")
    age = profile.whole_age
    if age is not None:
        lo, hi = record.eligibilite.age_min, record.eligibilite.age_max
        stated = _age_range(lo, hi)
        if stated:
            reasons.append(f"Vous avez {age} ans : cette action s'adresse {stated}.")
        elif _is_young(profile) and features & F_YOUTH:
            reasons.append(f"Vous avez {age} ans : cette action s'adresse aux jeunes.")
    if profile.femme is True and features & F_FEMMES:
        if record.eligibilite.femmes_uniquement:
            reasons.append("Elle est réservée aux femmes.")
        elif set(record.publics) == {"femmes"}:
            reasons.append("Elle s'adresse aux femmes.")
        else:
            reasons.append("Elle s'adresse aussi aux femmes.")
    if profile.minima_sociaux is True and features & F_MINIMA:
        reasons.append("Vous touchez un minimum social : elle s'adresse aux allocataires.")
    return reasons


def _commune_name(code: str) -> str:
    commune = geo.get_commune(code)
    return commune.nom if commune is not None else code


def _departement_name(code: str) -> str:
    return geo.departement_name(code) or code


def _commune_with_departement(code: str) -> str:
    commune = geo.get_commune(code)
    if commune is None:
        return code
    return f"{commune.nom} ({_departement_name(commune.departement)})"


def _closest_commune(record: Initiative, person: Optional[geo.Commune]) -> Optional[str]:
    """The record's commune to name for this person: theirs, else one in their EPCI, département..."""
    codes = list(record.zone.communes)
    if not codes:
        return None
    if person is None:
        return codes[0]
    person_city = person.arrondissement_de or person.code_insee

    def closeness(code: str) -> int:
        commune = geo.get_commune(code)
        if commune is None:
            return 0
        if code == person.code_insee:
            return 5
        if (commune.arrondissement_de or commune.code_insee) == person_city:
            return 4
        if commune.epci and commune.epci == person.epci:
            return 3
        if commune.departement == person.departement:
            return 2
        return 1 if commune.region == person.region else 0

    return max(codes, key=lambda code: (closeness(code), -codes.index(code)))


def _chosen_departement(record: Initiative, person: Optional[geo.Commune]) -> Optional[str]:
    deps = list(record.zone.departements)
    if person is not None and person.departement in deps:
        return person.departement
    return deps[0] if deps else None


def _chosen_region(record: Initiative, person: Optional[geo.Commune]) -> Optional[str]:
    regions = list(record.zone.regions)
    if person is not None and person.region in regions:
        return person.region
    return regions[0] if regions else None


def describe_where(record: Initiative, person: Optional[geo.Commune] = None) -> str:
    """« à Fougères (Ille-et-Vilaine) », « dans tout le département (Nord) », « partout en France »."""
    niveau = record.zone.niveau
    if niveau == NATIONAL:
        return "partout en France"
    if niveau in (COMMUNE, EPCI):
        code = _closest_commune(record, person)
        if code is not None:
            commune = geo.get_commune(code)
            if commune is not None:
                around = " et alentours" if niveau == EPCI else ""
                return f"à {commune.nom}{around} ({_departement_name(commune.departement)})"
    if niveau in (COMMUNE, EPCI, DEPARTEMENT):
        dep = _chosen_departement(record, person)
        if dep is not None:
            return f"dans tout le département ({_departement_name(dep)})"
    region = _chosen_region(record, person)
    if region is not None:
        return f"dans toute la région ({geo.region_name(region) or region})"
    return record.zone.precisions or "lieu non précisé"


def _place_reason(record: Initiative, proximity: str, person: Optional[geo.Commune]) -> str:
    niveau = record.zone.niveau
    if proximity == NATIONAL:
        return "Elle est ouverte partout en France."
    assert person is not None
    code = _closest_commune(record, person) if niveau in (COMMUNE, EPCI) else None
    if proximity == COMMUNE and code is not None:
        if code == person.code_insee or person.arrondissement_de is None:
            return f"Elle a lieu à {_commune_name(code)}, votre commune."
        return f"Elle a lieu à {_commune_name(code)}, dans votre ville."
    if proximity == EPCI:
        if niveau == EPCI and person.epci:
            epci = geo.get_epci(person.epci)
            return f"Elle couvre votre intercommunalité ({epci.nom if epci else person.epci})."
        if code is not None:
            return f"Elle a lieu à {_commune_name(code)}, dans votre intercommunalité."
    if proximity in (COMMUNE, EPCI, DEPARTEMENT):
        if code is not None and niveau == COMMUNE:
            return f"Elle a lieu à {_commune_name(code)}, dans votre département."
        return f"Elle couvre votre département ({_departement_name(person.departement)})."
    # Same région only.
    if code is not None:
        return f"Elle a lieu à {_commune_with_departement(code)}, dans votre région."
    if niveau == DEPARTEMENT and record.zone.departements:
        dep = _chosen_departement(record, person) or record.zone.departements[0]
        return f"Elle couvre un département de votre région ({_departement_name(dep)})."
    return f"Elle couvre votre région ({geo.region_name(person.region) or person.region})."


def how_to_reach(record: Initiative) -> Tuple[str, ...]:
    """The structure's contact exactly as printed, one line per channel."""
    contact = record.contact
    lines = []
    if contact.adresse:
        lines.append(f"Adresse : {contact.adresse}")
    if contact.telephone:
        lines.append(f"Téléphone : {contact.telephone}")
    if contact.courriel:
        lines.append(f"Courriel : {contact.courriel}")
    if contact.site_web:
        lines.append(f"Site : {contact.site_web}")
    return tuple(lines)


# --------------------------------------------------------------------------- networks

_LOGEMENT_FACTS = {
    "stable": "Vous avez votre propre logement.",
    "chez-parents": "Vous vivez chez vos parents.",
    "heberge-tiers": "Vous êtes hébergé·e par un proche.",
    "foyer-fjt": "Vous vivez en foyer.",
    "sans-domicile": "Vous n'avez pas de logement.",
}
_HANDICAP_FACTS = {
    "rqth": "Vous avez une RQTH.",
    "oui-sans-rqth": "Vous avez un handicap ou un souci de santé.",
    "non": "Vous n'avez pas de handicap.",
}
_BESOIN_FACTS = {
    "emploi": "Vous cherchez un emploi.",
    "formation": "Vous cherchez une formation.",
    "apprentissage": "Vous cherchez un apprentissage ou une alternance.",
    "mobilite-permis": "Vous voulez passer le permis ou pouvoir vous déplacer.",
    "logement": "Vous cherchez un logement.",
    "creation-activite": "Vous voulez créer votre activité.",
    "ne-sait-pas": "Vous cherchez votre voie.",
}
_BOOL_FACTS: Dict[str, Tuple[str, str]] = {  # key → (sentence if True, sentence if False)
    "permis": ("Vous avez le permis.", "Vous n'avez pas le permis."),
    "vehicule": ("Vous avez un véhicule.", "Vous n'avez pas de véhicule."),
    "diplome": ("Vous avez un diplôme.", "Vous n'avez pas de diplôme."),
    "femme": ("Vous êtes une femme.", "Vous êtes un homme."),
    "refugie": ("Vous êtes réfugié·e.", "Vous n'êtes pas réfugié·e."),
    "minima_sociaux": ("Vous touchez un minimum social.", "Vous ne touchez pas de minimum social."),
    "qpv": ("Vous habitez un quartier prioritaire.", "Vous n'habitez pas un quartier prioritaire."),
}
TRIGGER_KEYS = frozenset({"age_min", "age_max", "handicap", "logement", "besoin", "toujours", *_BOOL_FACTS})


def _fact(profile: Profile, key: str) -> object:
    """A profile fact as the triggers read it. `diplome` is now a level (aucun, cap-bep, bac, superieur); the
    triggers' `diplome: false` still means « no diploma » until they name levels (helper « matching »)."""
    value = getattr(profile, key)
    if key == "diplome" and value is not None:
        return value != "aucun"
    return value


def _as_list(value: object) -> List[object]:
    return list(value) if isinstance(value, (list, tuple, set, frozenset)) else [value]


def trigger_holds(trigger: dict, profile: Profile) -> bool:
    """All keys must hold; an unknown profile value satisfies nothing (only `toujours` needs no fact)."""
    if not trigger:
        return False
    age = profile.whole_age
    for key, expected in trigger.items():
        if key == "toujours":
            ok = expected is True
        elif key == "age_min":
            ok = age is not None and age >= expected
        elif key == "age_max":
            ok = age is not None and age <= expected
        elif key in ("handicap", "logement", "besoin"):
            value = getattr(profile, key)
            ok = value is not None and value in _as_list(expected)
        elif key in _BOOL_FACTS:
            value = _fact(profile, key)
            ok = value is not None and value == expected
        else:  # a key this code does not know cannot be checked: never fire on a guess
            ok = False
        if not ok:
            return False
    return True


def _trigger_facts(trigger: dict, profile: Profile) -> List[str]:
    facts: List[str] = []
    if "age_min" in trigger or "age_max" in trigger:
        facts.append(f"Vous avez {profile.whole_age} ans.")
    if "handicap" in trigger and profile.handicap:
        facts.append(_HANDICAP_FACTS[profile.handicap])
    if "logement" in trigger and profile.logement:
        facts.append(_LOGEMENT_FACTS[profile.logement])
    if "besoin" in trigger and profile.besoin:
        facts.append(_BESOIN_FACTS[profile.besoin])
    for key, (if_true, if_false) in _BOOL_FACTS.items():
        if key in trigger:
            facts.append(if_true if _fact(profile, key) else if_false)
    return facts


def _specificity(trigger: dict) -> int:
    return 0 if trigger.get("toujours") is True and len(trigger) == 1 else len(trigger)


@lru_cache(maxsize=1024)
def _one_spaced(text: str) -> str:
    return " ".join(text.split())


def match_networks(networks: Sequence[Network], profile: Profile) -> Tuple[NetworkSuggestion, ...]:
    """Networks whose triggers hold, the most specific first (`toujours` last), file order on ties."""
    found: List[Tuple[int, int, NetworkSuggestion]] = []
    for order, network in enumerate(networks):
        holding = [t for t in network.declencheurs if trigger_holds(t, profile)]
        if not holding:
            continue
        best = max(holding, key=_specificity)
        reasons = _trigger_facts(best, profile)
        if network.quand:
            reasons.append(_one_spaced(network.quand))
        found.append((-_specificity(best), order, NetworkSuggestion(network, tuple(reasons))))
    found.sort(key=lambda item: item[:2])
    return tuple(item[2] for item in found)


# --------------------------------------------------------------------------- matcher


# (score, id, block, row, proximity level) of one candidate.
_Pick = Tuple[float, str, "_Block", int, int]


def _pick_order(pick: _Pick) -> Tuple[float, str]:
    return -pick[0], pick[1]


def _closer_rows(block: _Block, person: Optional[geo.Commune]) -> List[Tuple[List[int], int]]:
    """Rows of a région block closer than the région, coarse to fine so the closest level is applied last."""
    if person is None:
        return []
    out = []
    for index, key, level in (
        (block.by_departement, person.departement, DEPARTEMENT),
        (block.by_epci, person.epci, EPCI),
        (block.by_commune, person.arrondissement_de or person.code_insee, COMMUNE),
    ):
        positions = index.get(key) if key else None
        if positions is not None and len(positions):
            out.append((positions, _LEVEL_RANK[level]))
    return out


# Blocks with at least this many rows are matched with numpy; smaller ones with a plain loop.
VECTOR_FROM = 256


class Matcher:
    """Built once per knowledge base; `recommend` is then read-only and thread-safe."""

    def __init__(self, kb: KnowledgeBase, today: Optional[date] = None, vector_from: int = VECTOR_FROM) -> None:
        self.kb = kb
        self.today = today or date.today()
        self._vector_from = vector_from
        # Building creates many long-lived, acyclic objects: the cyclic collector would rescan them over and
        # over for nothing (about 40 % of the build time at 100,000 services).
        collecting = gc.isenabled()
        gc.disable()
        try:
            self._build(kb)
        finally:
            if collecting:
                gc.enable()

    def _build(self, kb: KnowledgeBase) -> None:
        by_region: Dict[str, List[Tuple[Initiative, RecordPlace, bool]]] = {}
        national: List[Tuple[Initiative, RecordPlace, bool]] = []
        for record in kb.initiatives:
            if not is_offerable(record):
                continue
            row = (record, record_place(record), is_historical(record, self.today))
            if record.zone.niveau == NATIONAL:
                national.append(row)
            else:
                for region in row[1].regions:
                    by_region.setdefault(region, []).append(row)
        self._regions: Dict[str, _Block] = {
            code: _build_block(rows, self._vector_from) for code, rows in by_region.items()}
        self._national = _build_block(national, self._vector_from)

    def candidates_count(self, region: Optional[str]) -> int:
        block = self._regions.get(region or "")
        return (len(block.entries) if block else 0) + len(self._national.entries)

    def recommend(self, profile: Profile, limit: int = 5) -> Recommendation:
        person = geo.get_commune(profile.code_insee) if profile.code_insee else None
        blocks: List[Tuple[_Block, int]] = [(self._national, _LEVEL_RANK[NATIONAL])]
        if person is not None and person.region in self._regions:
            blocks.insert(0, (self._regions[person.region], _LEVEL_RANK[REGION]))
        rules = _rules(profile)
        picked: List[_Pick] = []
        for block, base_level in blocks:
            picked.extend(self._select(block, base_level, profile, person, rules, limit))
        picked.sort(key=_pick_order)
        local = tuple(self._suggestion(block, row, level, score, profile, person)
                      for score, _, block, row, level in picked[:max(limit, 0)])
        return Recommendation(profile, local, match_networks(self.kb.networks, profile))

    def _select(self, block: _Block, base_level: int, profile: Profile, person: Optional[geo.Commune],
                rules: List[_Rule], limit: int) -> List[_Pick]:
        """The block's best rows for this profile: at least `limit`, plus any tied with the last one."""
        if not block.entries or not rules or limit <= 0:
            return []
        closer = _closer_rows(block, person) if base_level == _LEVEL_RANK[REGION] else ()
        if block.columns is not None:
            return self._select_vector(block, block.columns, base_level, closer, profile, rules, limit)
        return self._select_rows(block, base_level, closer, profile, rules, limit)

    @staticmethod
    def _select_rows(block: _Block, base_level: int, closer: Sequence[Tuple[List[int], int]], profile: Profile,
                     rules: List[_Rule], limit: int) -> List[_Pick]:
        """Plain loop for small blocks (the real base): faster than numpy's per-call overhead there.
        Same arithmetic, in the same order, as `_select_vector`, so both give bit-identical scores."""
        excluded = _excluded_restrictions(profile)
        age = profile.whole_age
        general_ok = _general_allowed(profile)
        checks = [(rule.bit, rule.weight, rule.specific or general_ok) for rule in rules]
        levels: Dict[int, int] = {}
        for positions, level in closer:
            levels.update(dict.fromkeys(positions, level))
        features, restrictions, quality = block.features, block.restrictions, block.quality
        age_min, age_max = block.age_min, block.age_max
        found: List[_Pick] = []
        for row in range(len(block.entries)):
            if restrictions[row] & excluded:
                continue
            if age is not None and not age_min[row] <= age <= age_max[row]:
                continue
            bits, fit, relevant = features[row], 0.0, False
            for bit, weight, makes_relevant in checks:
                if bits & bit:
                    fit += weight
                    relevant = relevant or makes_relevant
            if not relevant:
                continue
            level = levels.get(row, base_level)
            found.append((fit + _PROXIMITY_STEP * level + quality[row], block.ids[row], block, row, level))
        if len(found) > limit:
            found.sort(key=_pick_order)
            found = found[:limit]
        return found

    @staticmethod
    def _select_vector(block: _Block, columns: _Columns, base_level: int, closer: Sequence[Tuple[List[int], int]],
                       profile: Profile, rules: List[_Rule], limit: int) -> List[_Pick]:
        size = len(block.entries)
        keep = (columns.restrictions & _excluded_restrictions(profile)) == 0
        age = profile.whole_age
        if age is not None:
            keep &= (columns.age_min <= age) & (age <= columns.age_max)
        fit = np.zeros(size, dtype=np.float64)
        relevant = np.zeros(size, dtype=bool)
        general_ok = _general_allowed(profile)
        for rule in rules:
            hit = (columns.features & rule.bit) != 0
            fit += rule.weight * hit
            if rule.specific or general_ok:
                relevant |= hit
        keep &= relevant
        rows = np.flatnonzero(keep)
        if rows.size == 0:
            return []
        level = np.full(size, base_level, dtype=np.int64)
        for positions, rank in closer:
            level[positions] = rank
        score = fit[rows] + _PROXIMITY_STEP * level[rows] + columns.quality[rows]  # see the tiers at the top
        if rows.size > limit:
            # Everything tied with the limit-th best stays in, so the id tie-break is exact.
            threshold = np.partition(score, rows.size - limit)[rows.size - limit]
            chosen = score >= threshold
            rows, score = rows[chosen], score[chosen]
        return [(float(s), block.ids[r], block, int(r), int(level[r])) for r, s in zip(rows.tolist(), score.tolist())]

    def _suggestion(self, block: _Block, row: int, level: int, score: float, profile: Profile,
                    person: Optional[geo.Commune]) -> Suggestion:
        record = block.entries[row]
        historical = block.historical[row]
        proximity = _LEVEL_NAME[level]
        reasons = _fit_reasons(record, block.features[row], profile)
        reasons.append(_place_reason(record, proximity, person))
        return Suggestion(
            initiative=record,
            proximity=proximity,
            score=round(score, 4),
            reasons=tuple(reasons),
            historical=historical,
            where=describe_where(record, person),
            how_to_reach=() if historical else how_to_reach(record),
            year=record.published or record.annee,
        )


# --------------------------------------------------------------------------- module API

_MATCHERS: Dict[int, Tuple[KnowledgeBase, Matcher]] = {}
_LOCK = threading.Lock()


def matcher_for(kb: Optional[KnowledgeBase] = None) -> Matcher:
    """One Matcher per knowledge base, built on first use (the index costs more than a match)."""
    kb = kb if kb is not None else default_knowledge()
    cached = _MATCHERS.get(id(kb))
    if cached is not None and cached[0] is kb:
        return cached[1]
    with _LOCK:
        cached = _MATCHERS.get(id(kb))
        if cached is None or cached[0] is not kb:
            cached = (kb, Matcher(kb))
            _MATCHERS[id(kb)] = cached
    return cached[1]


def recommend(profile: Profile, kb: Optional[KnowledgeBase] = None, limit: int = 5) -> Recommendation:
    return matcher_for(kb).recommend(profile, limit=limit)
