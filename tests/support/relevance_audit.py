"""The relevance audit (issue 14), run by tests/test_relevance_audit.py: generated profiles through the
matcher on the real base; every suggestion's DISPLAYED text and its structured eligibility are checked
against the profile, with this file's own reading of the rules (contracts.md), not the engine's:

- no reserved public, residents-only place, age or diploma bound outside the profile; no action whose aim the
  person already has (a permis course for a permis holder);
- no place beyond the rules: in the person's département (or closer), or in their région and said so
  (« dans votre région »), or national; never « près de chez vous » outside the département;
- every suggestion serves the stated need or a situation of the person, and there are at most four; one
  that does not serve a stated need (a situation fit, no padding) only in the person's département or closer,
  and never above one that does; another département only when nothing in the person's own serves the need;
- an action for one trade (a company's recruitment, a preparation for one trade) only for someone who asked
  for that trade;
- the standing networks for 16–25 (mission locale, CEJ, E2C, EPIDE) never go to someone older, the E2C only
  with no diploma known, the obligation de formation only at 16–17 out of school; a minor always hears of
  a school or apprenticeship route (CIO under 16 or at school, CFA when they want work or training), and
  France Travail (registration from 16) never under 16;
- no false reason: each « Pourquoi ? » sentence is re-derived from its criterion, and its claims (age,
  département, intercommunalité, commune, facts about the person) are checked true for that profile.

Play-test F's struck lines (one-kind handicap, another département's mission locale or IAE structure, the
mobility cards without a real barrier): tests/support/relevance_audit_f.py.

The generator is seeded: the same profiles every run. 0 contradictions, as a test.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from datetime import date
from typing import Callable, Dict, List, Optional, Tuple

from knowledge import geo
from knowledge.loader import load_knowledge
from knowledge.profile import BESOINS, DIPLOMES, HANDICAPS, LOGEMENTS, SCOLARITES, Profile
from knowledge.sectors import sectors_by_id
from orientation import formatting
from orientation.matching import Matcher, Suggestion, criteria, wording
from orientation.matching.places import choose_place
from tests.support.relevance_audit_f import check_networks_round_f, check_round_f
from tests.support.relevance_audit_fit import check_networks_round_e, check_round_e
from tests.support.relevance_audit_g import check_round_g
from tests.support.relevance_audit_h import check_round_h
from tests.support.relevance_audit_reach import check_networks_round_c, check_round_c

SEED = 14
TODAY = date(2026, 6, 1)
PROFILES_PER_DEPARTEMENT = 6
DIPLOMA_ORDER = ("aucun", "cap-bep", "bac", "superieur")
SECTORS = tuple(sorted(sectors_by_id()))
NEAR = ("commune", "epci", "departement")

# This audit's own reading of « known to belong » for each reserved public (contracts.md).
BELONGS: Dict[str, Callable[[Profile], bool]] = {
    "femmes": lambda p: p.femme is True,
    "handicap": lambda p: p.handicap in ("rqth", "oui-sans-rqth"),
    "rqth": lambda p: p.handicap == "rqth",
    "sans-domicile": lambda p: p.logement == "sans-domicile",
    "exiles": lambda p: p.refugie is True,
    "minima-sociaux": lambda p: p.minima_sociaux is True,
    "qpv": lambda p: p.qpv is True,
    "suivi-mission-locale": lambda p: p.age is not None and 16 <= int(p.age) <= 25,
    "parents-isoles": lambda p: p.parent_isole is True,
    "seniors": lambda p: p.age is not None and int(p.age) >= 44,
    "permis": lambda p: p.permis is True,
    "foyer-fjt": lambda p: p.logement == "foyer-fjt",
}  # any other public (ime-esat, rsa, justice, salariés SIAE, demandeurs d'emploi…): no profile can vouch


# --------------------------------------------------------------------------- generated profiles


def _cycle(values: Tuple[object, ...], index: int, stride: int) -> object:
    return values[(index * stride) % len(values)]


def generated_profiles() -> List[Profile]:
    """Every département (overseas too) several times; every value of each fact reached, known and unknown."""
    rng = random.Random(SEED)
    communes = [c for c in geo._geo().communes if c.type != "ARM"]
    by_dep: Dict[str, List[geo.Commune]] = {}
    for commune in communes:
        by_dep.setdefault(commune.departement, []).append(commune)
    record_communes = {c for r in load_knowledge().initiatives for c in r.zone.communes}
    out: List[Profile] = []
    index = 0
    for dep in sorted(by_dep):
        pool = sorted(by_dep[dep], key=lambda c: -(c.population or 0))
        with_records = [c for c in pool if c.code_insee in record_communes]
        for k in range(PROFILES_PER_DEPARTEMENT):
            if k == 0:
                commune = pool[0]  # the biggest town: where most people live
            elif k == 1 and with_records:
                commune = rng.choice(with_records)
            else:
                commune = rng.choice(pool)
            out.append(
                Profile(
                    age=15 + (index * 7 + rng.randint(0, 15)) % 16,  # 15..30
                    code_insee=commune.code_insee,
                    logement=_cycle((None, *LOGEMENTS), index, 1),  # type: ignore[arg-type]
                    handicap=_cycle((None, *HANDICAPS), index, 3),  # type: ignore[arg-type]
                    femme=_cycle((None, True, False), index, 5),  # type: ignore[arg-type]
                    besoin=_cycle((None, *BESOINS), index, 1 + 2 * (index % 3)),  # type: ignore[arg-type]
                    diplome=_cycle((None, *DIPLOMES), index, 7),  # type: ignore[arg-type]
                    scolarite=_cycle((None, *SCOLARITES), index, 2),  # type: ignore[arg-type]
                    qpv=rng.choice((None, True, False)),
                    permis=rng.choice((None, True, False)),
                    vehicule=rng.choice((None, True, False)),
                    refugie=rng.choice((None, None, True, False)),
                    minima_sociaux=rng.choice((None, True, False)),
                    parent_isole=rng.choice((None, True, False)),
                    secteur=_cycle((None, None, *SECTORS), index, 5),  # type: ignore[arg-type]
                )
            )
            index += 1
    return out


# --------------------------------------------------------------------------- checks


def check_eligibility(s: Suggestion, p: Profile, person: Optional[geo.Commune]) -> List[str]:
    elig, problems = s.initiative.eligibilite, []
    for public in elig.reserve_a:
        if public not in BELONGS or not BELONGS[public](p):
            problems.append(f"public réservé « {public} » hors du profil")
    # this audit's reading of « what the action gives »: a permis course to a permis holder (play-test F, f02)
    has = {"permis": p.permis is True, "vehicule": p.vehicule is True}
    problems.extend(f"donne « {aim} » à qui l'a déjà" for aim in elig.exclut_qui_a if has[aim])
    residents = elig.residents
    if residents.restricted:
        inside = person is not None and (
            person.code_insee in residents.communes
            or (person.arrondissement_de or "") in residents.communes
            or person.departement in residents.departements
            or person.region in residents.regions
        )
        if not inside:
            problems.append("réservée aux habitants d'autres lieux")
    age = p.whole_age
    if (elig.age_min is not None or elig.age_max is not None) and age is None:
        problems.append("bornes d'âge, âge inconnu")
    if age is not None and (
        (elig.age_min is not None and age < elig.age_min) or (elig.age_max is not None and age > elig.age_max)
    ):
        problems.append(f"âge {age} hors de {elig.age_min}-{elig.age_max}")
    if elig.diplome_min or elig.diplome_max:
        if p.diplome is None:
            problems.append("borne de diplôme, diplôme inconnu")
        else:
            level = DIPLOMA_ORDER.index(p.diplome)
            if elig.diplome_min and level < DIPLOMA_ORDER.index(elig.diplome_min):
                problems.append("diplôme sous le minimum")
            if elig.diplome_max and level > DIPLOMA_ORDER.index(elig.diplome_max):
                problems.append("diplôme au-dessus du maximum")
    return problems


def _present_in_departement(s: Suggestion, person: geo.Commune) -> bool:
    zone = s.initiative.zone
    communes = [c for c in map(geo.get_commune, zone.communes) if c is not None]
    if zone.niveau in ("departement", "region") or not communes:
        return person.departement in zone.departements or zone.niveau == "region" and person.region in zone.regions
    return any(c.departement == person.departement for c in communes)


def check_place(s: Suggestion, p: Profile, person: Optional[geo.Commune], shown: List[Suggestion]) -> List[str]:
    problems = []
    text = "\n".join((formatting.suggestion_text(s, 1), formatting.suggestion_details(s)))
    if s.initiative.zone.niveau == "national":
        expected = "dans certaines villes de France" if s.initiative.zone.certaines_villes else "partout en France"
        if s.where != expected:
            problems.append(f"action nationale affichée « {s.where} »")
        return problems
    if person is None:
        return ["action locale sans commune connue"]
    dep_name = geo.departement_name(person.departement)
    said_region = s.where.startswith(("dans votre région", "dans toute votre région"))
    if s.proximity in NEAR:
        if not _present_in_departement(s, person):
            problems.append(f"dite proche ({s.proximity}) mais absente du département {person.departement}")
        named = re.findall(r"\(([^()]*)\)\s*$", s.where)
        if s.where.startswith("à ") and named and named[-1] != dep_name:
            problems.append(f"lieu affiché « {s.where} » hors du département ({dep_name})")
        if said_region:
            problems.append("proche mais dite « dans votre région »")
    else:
        if not said_region:
            problems.append(f"hors du département sans le dire : « {s.where} »")
        if "près de chez vous" in text:
            problems.append("« près de chez vous » hors du département")
        if s.place.commune is not None:
            commune = geo.get_commune(s.place.commune)
            if (
                commune is None
                or commune.region != person.region
                or commune.code_insee not in s.initiative.zone.communes
            ):
                problems.append(f"commune affichée {s.place.commune} hors de la région ou de l'action")
        if s.initiative.zone.niveau != "region" and any(
            o.proximity in NEAR and (_serves_need(o, p) or p.besoin is None) for o in shown
        ):
            problems.append("autre département de la région alors qu'une action plus proche sert le besoin")
    return problems


def _serves_need(s: Suggestion, p: Profile) -> bool:
    return p.besoin is not None and bool(set(s.initiative.thematiques) & BESOINS[p.besoin][1])


def check_fit(s: Suggestion, p: Profile, shown: List[Suggestion]) -> List[str]:
    """Serves the stated need or a situation of the person (general fit only without a stated need); what
    does not serve the need is near home and below every line that does; one trade only for that trade."""
    problems = []
    serves_need = _serves_need(s, p)
    situation = any(
        key in s.criteria for key in ("sans-domicile", "exiles", "qpv", "handicap", "mobilite", "sans-diplome")
    )
    general = p.besoin in (None, "ne-sait-pas") and any(
        k in s.criteria for k in ("jeunes", "femmes", "minima-sociaux", "age")
    )
    if "mobilite" in s.criteria and s.proximity not in NEAR:
        problems.append("mobilité proposée loin de chez soi")
    if not (serves_need or situation or general):
        problems.append("ne sert ni le besoin ni la situation")
    elif not serves_need and s.proximity not in NEAR:
        problems.append(f"ne sert pas le besoin et n'est pas dans le département ({s.proximity}) : remplissage")
    if not serves_need and any(_serves_need(o, p) for o in shown[shown.index(s) + 1 :]):
        problems.append("passe avant une action qui sert le besoin")
    trades = s.initiative.eligibilite.secteurs
    if trades and p.secteur not in trades:
        problems.append(f"action pour le secteur {', '.join(trades)} à qui demande {p.secteur or 'un secteur inconnu'}")
    return problems


_AGE_RANGE = re.compile(r"aux (\d+)-(\d+) ans")
_AGE_BELOW = re.compile(r"aux moins de (\d+) ans")
_AGE_FROM = re.compile(r"aux personnes de (\d+) ans et plus")

# Claims a reason may make about the person, and this audit's check of each.
FACTS: List[Tuple[str, Callable[[Profile], bool]]] = [
    ("Vous n'avez pas le permis", lambda p: p.permis is False),
    ("Vous n'avez pas de véhicule", lambda p: p.vehicule is False),
    ("Vous n'avez pas de logement", lambda p: p.logement == "sans-domicile"),
    ("Vous habitez un quartier prioritaire", lambda p: p.qpv is True),
    ("Vous avez une RQTH", lambda p: p.handicap == "rqth"),
    ("Vous avez un handicap ou un souci de santé", lambda p: p.handicap == "oui-sans-rqth"),
    ("Vous êtes réfugié", lambda p: p.refugie is True),
    ("réservée aux femmes", lambda p: p.femme is True),
    ("Vous touchez un minimum social", lambda p: p.minima_sociaux is True),
    ("Vous n'avez pas de diplôme", lambda p: p.diplome == "aucun"),
    ("CAP ou un BEP", lambda p: p.diplome == "cap-bep"),
    ("Vous avez le bac", lambda p: p.diplome == "bac"),
    ("au-delà du bac :", lambda p: p.diplome == "superieur"),
    ("par la mission locale", lambda p: p.age is not None and 16 <= int(p.age) <= 25),
]


def check_reasons(s: Suggestion, p: Profile, person: Optional[geo.Commune]) -> List[str]:
    problems = []
    rank = {"national": 0, "region": 1, "departement": 2, "epci": 3, "commune": 4}[s.proximity]
    # One sentence per criterion, except a situation the reservation already says (« réservée aux … »).
    spoken = [key for key in s.criteria if not criteria.said_by_reservation(key, s.criteria)]
    if len(s.reasons) != len(spoken):
        return ["raisons et critères désaccordés"]
    choice = choose_place(s.initiative, s.proximity, person)
    for key, sentence in zip(spoken, s.reasons):
        if not criteria.holds(key, s.initiative, p, person, rank):
            problems.append(f"raison « {sentence} » : critère {key} faux")
        if wording.reason(key, s.initiative, p, person, choice) != sentence:
            problems.append(f"raison « {sentence} » : ne se redérive pas du critère {key}")
        problems.extend(_claims(sentence, s, p, person))
    return problems


def _claims(sentence: str, s: Suggestion, p: Profile, person: Optional[geo.Commune]) -> List[str]:
    problems = []
    for needle, holds in FACTS:
        if needle in sentence and not holds(p):
            problems.append(f"raison « {sentence} » fausse pour ce profil")
    age = re.match(r"Vous avez (\d+) ans", sentence)
    if age:
        n = int(age.group(1))
        if n != p.whole_age:
            problems.append(f"âge dit {n}, profil {p.whole_age}")
        for pattern, ok in (
            (_AGE_RANGE, lambda m: int(m.group(1)) <= n <= int(m.group(2))),
            (_AGE_BELOW, lambda m: n < int(m.group(1))),
            (_AGE_FROM, lambda m: n >= int(m.group(1))),
        ):
            found = pattern.search(sentence)
            if found and not ok(found):
                problems.append(f"raison d'âge fausse : « {sentence} »")
        if "aux jeunes" in sentence and not 16 <= n <= 30:
            problems.append(f"« aux jeunes » à {n} ans")
    if "ce que vous cherchez" in sentence and (
        p.besoin is None or not set(s.initiative.thematiques) & BESOINS[p.besoin][1]
    ):
        problems.append(f"« {sentence} » sans ce besoin")
    if "près de chez vous" in sentence and s.proximity not in NEAR:
        problems.append("« près de chez vous » hors du département")
    if person is not None:
        dep = re.search(r"votre département \(([^)]*)\)", sentence)
        if dep and dep.group(1) != geo.departement_name(person.departement):
            problems.append(f"« {sentence} » : ce n'est pas le département de la personne")
        epci = re.search(r"votre intercommunalité \(([^)]*)\)", sentence)
        if epci:
            mine = geo.get_epci(person.epci) if person.epci else None
            if mine is None or epci.group(1) != mine.nom:
                problems.append(f"« {sentence} » : ce n'est pas l'intercommunalité de la personne")
        at = re.match(
            r"Elle a lieu à (.+?), (votre commune|dans votre ville|dans votre intercommunalité|dans votre département)",
            sentence,
        )
        if at:
            commune = geo.get_commune(s.place.commune or "")
            city = lambda c: c.arrondissement_de or c.code_insee  # noqa: E731
            if commune is None or commune.nom != at.group(1):
                problems.append(f"« {sentence} » : commune nommée introuvable")
            elif at.group(2) in ("votre commune", "dans votre ville") and city(commune) != city(person):
                problems.append(f"« {sentence} » : pas la commune de la personne")
            elif at.group(2) == "dans votre intercommunalité" and (
                commune.epci != person.epci or commune.departement != person.departement
            ):
                problems.append(f"« {sentence} » : pas l'intercommunalité de la personne")
            elif at.group(2) == "dans votre département" and commune.departement != person.departement:
                problems.append(f"« {sentence} » : pas le département de la personne")
    return problems


def check_minor_routes(p: Profile, networks: set) -> List[str]:
    """A minor hears of school or apprenticeship; nobody under 16 is sent to France Travail (this audit's
    reading: compulsory schooling to 16, apprenticeship from 15 after the 3e, registration from 16)."""
    age, problems = p.whole_age, []
    if age is None or age >= 18:
        return problems
    if age < 16:
        if "france-travail" in networks:
            problems.append(f"France Travail à {age} ans")
        if "cio" not in networks:
            problems.append(f"aucune voie scolaire (CIO) à {age} ans")
    if p.scolarite == "scolarise" and p.besoin != "apprentissage" and "cio" not in networks:
        problems.append("élève mineur sans le CIO")
    if p.scolarite == "scolarise" and p.besoin == "apprentissage" and "cio" in networks and age >= 16:
        problems.append("le CIO (collège, professeur principal) à qui cherche un employeur d'apprentissage")
    if p.besoin in ("apprentissage", "emploi", "formation") and "cfa-apprentissage" not in networks:
        problems.append(f"mineur ({age} ans) qui veut {p.besoin} sans l'apprentissage")
    if age >= 16 and p.scolarite == "sorti" and "obligation-formation" not in networks:
        problems.append("16-17 ans sorti de l'école sans l'obligation de formation")
    return problems


def audit(matcher: Matcher, profiles: List[Profile]) -> Tuple[List[str], Counter]:
    contradictions: List[str] = []
    figures: Counter = Counter()
    for p in profiles:
        found = matcher.recommend(p)
        person = geo.get_commune(p.code_insee) if p.code_insee else None
        figures["profils"] += 1
        figures["profils avec au moins une action"] += bool(found.local)
        if len(found.local) > 4:
            contradictions.append(f"{p}: plus de quatre suggestions")
        networks = {ns.network.id for ns in found.networks}
        age = p.whole_age
        youth = {"mission-locale", "contrat-engagement-jeune", "e2c", "epide"}
        if p.handicap == "rqth" and age is not None and age <= 29:  # the CEJ runs to 29 with a RQTH
            youth.discard("contrat-engagement-jeune")
        if age is not None and age > 25 and networks & youth:
            contradictions.append(f"{p}: réseau des 16-25 ans proposé à {age} ans")
        if networks & {"e2c"} and p.diplome != "aucun":
            contradictions.append(f"{p}: E2C sans absence de diplôme connue")
        # the schooling unknown, a 16-17-year-old without a diploma may have left school (like the E2C):
        # never a known pupil, never outside 16-17
        left = p.scolarite == "sorti" or (p.scolarite is None and p.diplome == "aucun")
        if "obligation-formation" in networks and not (age in (16, 17) and left):
            contradictions.append(f"{p}: obligation de formation hors 16-17 ans sortis de l'école")
        contradictions.extend(f"{p}: {problem}" for problem in check_minor_routes(p, networks))
        contradictions.extend(f"{p}: {problem}" for problem in check_networks_round_c(p, person, networks))
        contradictions.extend(f"{p}: {problem}" for problem in check_networks_round_e(p, networks))
        contradictions.extend(f"{p}: {problem}" for problem in check_networks_round_f(p, networks))
        figures["réseaux"] += len(networks)
        for s in found.local:
            figures["suggestions"] += 1
            figures[f"niveau {s.proximity}"] += 1
            for problem in (
                check_eligibility(s, p, person)
                + check_place(s, p, person, list(found.local))
                + check_fit(s, p, list(found.local))
                + check_reasons(s, p, person)
                + check_round_c(s, p, person, list(found.local))
                + check_round_e(s, p)
                + check_round_f(s, p)
                + check_round_g(s, p, person)
                + check_round_h(s, p, person)
            ):
                contradictions.append(f"{s.initiative.id} pour {p}: {problem}")
    return contradictions, figures
