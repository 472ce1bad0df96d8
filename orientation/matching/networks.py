"""Standing networks (knowledge/data/networks.yaml): which ones fit a profile, and the facts that say why.
A trigger holds when ALL its keys hold; an unknown profile value satisfies nothing, except for
`age_min_si_connu`, which only rules out a KNOWN age below it (France Travail registers from 16: said to
anyone whose age is unknown, never to a 15-year-old), and the other `…_si_connu` guards.

Order: the cards that answer the stated need or the housing situation first (a trigger holding on `besoin`
or `logement`), then the most specific: the bot shows four, and the apprenticeship card must not be cut
for four general ones (play-test D, a 17-year-old asking for an apprenticeship in a bakery)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, List, Optional, Sequence, Tuple

from knowledge import geo
from knowledge.models import Network
from knowledge.profile import Profile
from orientation.matching import wording

# Keys whose value is one of the profile's categories (a list in the file, one value accepted too).
CHOICE_KEYS = ("handicap", "logement", "besoin", "diplome", "scolarite")
# Keys that narrow a trigger without saying anything about the person (not a reason, not specificity).
# `scolarite_si_connu`: rules out a KNOWN schooling not listed (E2C, EPIDE: for those who left school,
# never for a pupil whose « pas de diplôme » only means not yet; said when the schooling is unknown).
# `logement_si_connu`: rules out a KNOWN housing not listed (renting aids are no answer to a night outside).
# `zone_dense_si_connue`: rules out a KNOWN commune whose density is not the one given (see dense_transit_area).
# `besoin_sauf`: rules out a KNOWN need listed (the CIO is no answer to an apprentice looking for an employer).
GUARD_KEYS = frozenset(
    {
        "age_min_si_connu",
        "age_max_si_connu",
        "scolarite_si_connu",
        "logement_si_connu",
        "zone_dense_si_connue",
        "besoin_sauf",
    }
)
# Keys that say the card answers what the person asked for or where they sleep: those cards come first. A
# subject said (`sujet`: a school stage, a child to look after, rent, health cover) is asked for too.
PRIORITY_KEYS = frozenset({"besoin", "logement", "sujet"})
# Dense transit area: a commune of a métropole (EPCI type METRO, or the Métropole de Lyon, MET69: by law the
# transport authority of its territory, with an urban network) of at least this population. The threshold
# is this project's: it keeps the métropoles' villages (Aix-Marseille, Nice Côte d'Azur…) out, where a car
# is still needed. Source of the types and populations: knowledge/data/geo (Etalab découpage administratif).
METROPOLE_TYPES = frozenset({"METRO", "MET69"})
DENSE_POPULATION_MIN = 10_000
# Communautés urbaines and d'agglomération are by law the transport authority of their territory too (Code des
# transports, art. L1231-1, loi d'orientation des mobilités 2019): their towns have an urban network. Above this
# population (the project's threshold: a large town, not Fougères or Guéret, where the network is thin), a
# missing permis or car does not block a job or a training: a 17-year-old in a foyer in Mulhouse, a young man in
# Corbeil-Essonnes (RER D), got the mobility platform without a word on transport (play-test F, f14).
AGGLOMERATION_TYPES = frozenset({"CU", "CA"})
DENSE_AGGLOMERATION_POPULATION_MIN = 50_000
TRIGGER_KEYS = frozenset({"age_min", "age_max", "toujours", "sujet", *GUARD_KEYS, *CHOICE_KEYS, *wording.BOOL_FACTS})


@dataclass(frozen=True)
class NetworkSuggestion:
    network: Network
    reasons: Tuple[str, ...]


def _as_list(value: object) -> List[object]:
    return list(value) if isinstance(value, (list, tuple, set, frozenset)) else [value]


@lru_cache(maxsize=4096)
def dense_transit_area(code_insee: Optional[str]) -> Optional[bool]:
    """True for a town of a métropole (above DENSE_POPULATION_MIN) or of an agglomeration (above
    DENSE_AGGLOMERATION_POPULATION_MIN), False elsewhere, None when unknown."""
    commune = geo.get_commune(code_insee) if code_insee else None
    if commune is None:
        return None
    epci = geo.get_epci(commune.epci) if commune.epci else None
    if epci is None:
        return False
    population = commune.population or 0
    if commune.arrondissement_de:  # an arrondissement of Paris, Lyon or Marseille: the city's size counts
        city = geo.get_commune(commune.arrondissement_de)
        population = max(population, city.population or 0) if city else population
    if epci.type in METROPOLE_TYPES:
        return population >= DENSE_POPULATION_MIN
    # Overseas, the agglomerations' networks are not counted (the project's caution, not a sourced figure):
    # a missed mobility card there would leave someone blocked without a word.
    return (
        not commune.region.startswith("0")
        and epci.type in AGGLOMERATION_TYPES
        and population >= DENSE_AGGLOMERATION_POPULATION_MIN
    )


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
        elif key == "age_min_si_connu":
            ok = age is None or age >= expected
        elif key == "age_max_si_connu":
            ok = age is None or age <= expected
        elif key == "scolarite_si_connu":
            ok = profile.scolarite is None or profile.scolarite in _as_list(expected)
        elif key == "logement_si_connu":
            ok = profile.logement is None or profile.logement in _as_list(expected)
        elif key == "besoin_sauf":  # any need said rules it out: no CIO for an apprentice, first need or not
            ok = not set(profile.needs) & set(_as_list(expected))
        elif key == "besoin":  # every need said counts (play-test H: the permis said second got no card)
            ok = bool(set(profile.needs) & set(_as_list(expected)))
        elif key == "sujet":  # holds when the person said one of these subjects (reading/situation.py)
            ok = bool(set(profile.sujets) & set(_as_list(expected)))
        elif key == "zone_dense_si_connue":
            dense = dense_transit_area(profile.code_insee)
            ok = dense is None or dense == expected
        elif key in CHOICE_KEYS:
            value = getattr(profile, key)
            ok = value is not None and value in _as_list(expected)
        elif key in wording.BOOL_FACTS:
            value = getattr(profile, key)
            ok = value is not None and value == expected
        else:  # a key this code does not know cannot be checked: never fire on a guess
            ok = False
        if not ok:
            return False
    return True


def _trigger_facts(trigger: dict, profile: Profile) -> List[str]:
    facts: List[str] = []
    if "age_min" in trigger or "age_max" in trigger:
        facts.append(wording.age_fact(profile.whole_age))
    for key in CHOICE_KEYS:
        value = getattr(profile, key)
        if key == "besoin" and key in trigger:  # the need the card answers, said first or second
            value = next((need for need in profile.needs if need in _as_list(trigger[key])), value)
        if key in trigger and value:
            facts.append(wording.CHOICE_FACTS[key][value])
    for key, (if_true, if_false) in wording.BOOL_FACTS.items():
        if key in trigger:
            facts.append(if_true if getattr(profile, key) else if_false)
    if "sujet" in trigger:
        said = sorted(set(profile.sujets) & set(_as_list(trigger["sujet"])))
        facts.extend(wording.SUJET_FACTS[sujet] for sujet in said)
    return facts


def _specificity(trigger: dict) -> int:
    keys = set(trigger) - GUARD_KEYS
    return 0 if trigger.get("toujours") is True and keys == {"toujours"} else len(keys)


def _rank(trigger: dict) -> Tuple[bool, int]:
    """Answers the need or the housing first, then the most specific."""
    return (bool(PRIORITY_KEYS & set(trigger)), _specificity(trigger))


@lru_cache(maxsize=1024)
def _one_spaced(text: str) -> str:
    return " ".join(text.split())


# A network's `quand` is written as a clause (« Quand vous avez entre 17 et 25 ans… »): after the person's facts
# in « Pourquoi : Vous avez 20 ans. Quand vous avez… » it read as a fragment (play-test G). Said as a sentence.
_CLAUSE_STARTS = ("Quand ", "Dès que ", "Dès qu'", "Tout de suite si ", "Si ")
_VERBLESS_STARTS = ("Toujours utile ",)


@lru_cache(maxsize=1024)
def when_sentence(quand: str) -> str:
    """« Quand vous avez… » → « C'est pour vous quand vous avez… »; a whole sentence is left as written."""
    text = _one_spaced(quand)
    if text.startswith(_CLAUSE_STARTS):
        return "C'est pour vous " + text[0].lower() + text[1:]
    if text.startswith(_VERBLESS_STARTS):
        return "C'est " + text[0].lower() + text[1:]
    return text


def _region_of(profile: Profile) -> Optional[str]:
    commune = geo.get_commune(profile.code_insee) if profile.code_insee else None
    return commune.region if commune is not None else None


def match_networks(networks: Sequence[Network], profile: Profile) -> Tuple[NetworkSuggestion, ...]:
    """Networks whose triggers hold: those answering the need or the housing first, then the most specific
    (`toujours` last), file order on ties."""
    found: List[Tuple[int, int, int, NetworkSuggestion, frozenset]] = []
    answers: Dict[str, Dict[str, int]] = {}  # network id → the needs and subjects its holding triggers answer
    region = _region_of(profile)
    for order, network in enumerate(networks):
        if network.couverture is not None and region is not None and not network.couverture.covers(region):
            continue  # no place to go where the person lives (EPIDE overseas): never proposed
        holding = [t for t in network.declencheurs if trigger_holds(t, profile)]
        if not holding:
            continue
        best = max(holding, key=_rank)
        reasons = _trigger_facts(best, profile)
        if network.quand:
            reasons.append(when_sentence(network.quand))
        priority, specificity = _rank(best)
        keys = frozenset(best) - GUARD_KEYS  # the facts it holds for
        suggestion = NetworkSuggestion(network, tuple(reasons))
        answers[network.id] = _needs_answered(holding)
        found.append((-priority, -specificity, order, suggestion, keys))
    found.sort(key=lambda item: item[:3])
    return _each_need_near_the_top(_one_card_per_barrier([(item[3], item[4]) for item in found]), answers, profile)


def _needs_answered(holding: Sequence[dict]) -> Dict[str, int]:
    """Each need or subject a holding trigger names → how many its narrowest such trigger names (1: the card is
    that need's own, as the Carif-Oref for a training; 3: Information Jeunesse, for training, housing and more)."""
    answered: Dict[str, int] = {}
    for trigger in holding:
        for key in ("besoin", "sujet"):
            named = _as_list(trigger.get(key, ()))
            for need in named:
                answered[need] = min(answered.get(need, len(named)), len(named))
    return answered


def _each_need_near_the_top(
    cards: Tuple[NetworkSuggestion, ...], answers: Dict[str, Dict[str, int]], profile: Profile
) -> Tuple[NetworkSuggestion, ...]:
    """When two needs or more are said (a subject counts: a child to look after, rent), the best card for each
    comes first, one per need in the order said (play-test H: four cards for the apprenticeship cut the permis
    aids said in the same message; Information Jeunesse and the childcare cards cut the formation's Carif-Oref).
    One need: unchanged."""
    wanted = [*profile.needs, *sorted(profile.sujets)]
    if len(wanted) < 2:
        return cards
    ordered = list(cards)
    for place, need in enumerate(wanted):
        fitting = [(answers[ns.network.id][need], i) for i, ns in enumerate(ordered) if need in answers[ns.network.id]]
        index = min(fitting)[1] if fitting else None  # the card most its own, then the first ranked
        if index is not None and index > place:
            ordered.insert(place, ordered.pop(index))
    return tuple(ordered)


def _one_card_per_barrier(ranked: List[Tuple[NetworkSuggestion, frozenset]]) -> Tuple[NetworkSuggestion, ...]:
    """A card that holds for the same facts as a card ranked before it, and whose themes that card already
    covers (the permis aids after the mobility platforms: no permis, no car, a job), goes after the others:
    two of the four lines for one barrier cut the École de la 2e chance for a school leaver without a diploma
    (live e2e). A card asked for by name (its trigger is the need alone) is never pushed back."""
    kept: List[Tuple[NetworkSuggestion, frozenset]] = []
    later: List[NetworkSuggestion] = []
    for ns, keys in ranked:
        themes = set(ns.network.thematiques)
        covered = any(keys == other_keys and themes <= set(other.network.thematiques) for other, other_keys in kept)
        if themes and covered and keys != {"besoin"}:
            later.append(ns)
        else:
            kept.append((ns, keys))
    return tuple(ns for ns, _ in kept) + tuple(later)
