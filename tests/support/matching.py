"""Builders the matching tests share (tests/test_matching_*.py): small invented records and bases, the
pinned day, the shipped base, and the check of every hard rule on one recommendation."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Iterable, List, Optional, Tuple

import knowledge.loader as loader
from knowledge import geo
from knowledge.loader import KnowledgeBase, load_initiatives, load_networks
from knowledge.models import Contact, Eligibilite, Initiative, Network, Porteur, Source, Zone
from knowledge.profile import Profile
from orientation.matching import (
    Matcher,
    Recommendation,
    criteria,
    effective_age_bounds,
    eligibility,
    record_place,
    trigger_holds,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "data"
TODAY = date(2026, 6, 1)  # pinned: "older than 10 years" must not drift with the calendar

EMPLOI = "trouver-un-emploi--repondre-a-des-offres-demploi"
PERMIS = "mobilite--preparer-un-permis"
HEBERGEMENT = "logement-hebergement--rechercher-une-solution-dhebergement-temporaire"

FOUGERES, LECOUSSE, RENNES, BREST, LILLE = "35115", "35150", "35238", "29019", "59350"
MARSEILLE, MARSEILLE_3E = "13055", "13203"

# --------------------------------------------------------------------------- helpers


def rec(
    record_id: str,
    *,
    niveau: str = "commune",
    communes: Iterable[str] = (FOUGERES,),
    departements: Optional[Iterable[str]] = None,
    regions: Optional[Iterable[str]] = None,
    publics: Iterable[str] = ("jeunes",),
    thematiques: Iterable[str] = (EMPLOI,),
    statut: str = "a-verifier",
    annee: Optional[int] = 2019,
    published: Optional[int] = 2019,
    contact: Contact = Contact(),
    **eligibilite: object,
) -> Initiative:
    """A small invented record; départements and régions derived from the communes unless given."""
    communes = tuple(communes) if niveau != "national" else ()
    known = [geo.get_commune(code) for code in communes]
    if departements is None:
        departements = sorted({c.departement for c in known if c})
    if regions is None:
        regions = sorted({c.region for c in known if c})
    return Initiative(
        id=record_id,
        nom=f"Action {record_id}",
        description="Une action inventée pour les tests.",
        porteur=Porteur(nom="Structure d'essai", type="association"),
        publics=tuple(publics),
        thematiques=tuple(thematiques),
        zone=Zone(niveau=niveau, communes=communes, departements=tuple(departements), regions=tuple(regions)),
        eligibilite=Eligibilite(**eligibilite),  # type: ignore[arg-type]
        statut=statut,
        sources=(Source(seed="999_0000000000000000.txt", line=1),),
        annee=annee,
        published=published,
        contact=contact,
    )


def kb_of(*records: Initiative, networks: Tuple[Network, ...] = ()) -> KnowledgeBase:
    return KnowledgeBase(initiatives=tuple(records), glossary=(), networks=networks)


def ids(recommendation: Recommendation) -> List[str]:
    return [s.initiative.id for s in recommendation.local]


def match(records: Iterable[Initiative], limit: int = 4, **profile: object) -> Recommendation:
    profile.setdefault("age", 20)  # bounded records need a known age; tests of unknown age pass age=None
    return Matcher(kb_of(*records), today=TODAY).recommend(Profile(**profile), limit=limit)  # type: ignore[arg-type]


def network(network_id: str, *triggers: dict, quand: str = "Quand c'est utile.") -> Network:
    return Network(
        id=network_id,
        nom=network_id,
        ce_qui_est_propose="…",
        quand=quand,
        comment_trouver="…",
        declencheurs=tuple(triggers),
    )


# --------------------------------------------------------------------------- the shipped base


def networks_path() -> Path:
    real = loader.DATA_DIR / "networks.yaml"
    return real if real.exists() else FIXTURES / "networks.yaml"


def pinned_matcher(kb: KnowledgeBase, **options: int) -> Matcher:
    """A matcher on `kb` whose today is TODAY (the fixtures' dates must not drift with the calendar)."""
    return Matcher(kb, today=TODAY, **options)


def real_knowledge_base() -> KnowledgeBase:
    """The shipped initiatives; the shipped networks, or the fixture ones while networks.yaml is not written."""
    return KnowledgeBase(
        initiatives=load_initiatives(loader.DATA_DIR / "initiatives"),
        glossary=(),
        networks=load_networks(networks_path()),
    )


def assert_valid(found: Recommendation) -> None:
    """Every hard rule, checked on one recommendation (the audit, tests/test_relevance_audit.py, checks the
    displayed text as well)."""
    profile = found.profile
    person = geo.get_commune(profile.code_insee) if profile.code_insee else None
    age = profile.whole_age
    scores = [s.score for s in found.local]
    assert scores == sorted(scores, reverse=True)
    assert len(found.local) <= 4 or len(found.local) == len(scores)
    for s in found.local:
        record = s.initiative
        lo, hi = effective_age_bounds(record)
        if lo is not None or hi is not None:
            assert age is not None, record.id
        assert lo is None or age >= lo, record.id
        assert hi is None or age <= hi, record.id
        if record.zone.niveau == "national":
            assert s.proximity == "national"
        else:
            assert person is not None, record.id
            assert person.region in record_place(record).regions, record.id
        assert eligibility.passes_hard_rules(record, profile, person), record.id
        if s.historical:
            assert s.how_to_reach == ()
        assert s.reasons and len(s.reasons) == len(
            [k for k in s.criteria if not criteria.said_by_reservation(k, s.criteria)]
        )
    for ns in found.networks:
        assert any(trigger_holds(t, profile) for t in ns.network.declencheurs)
