"""Typed records of the knowledge base, as loaded from the YAML files under knowledge/data/."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Tuple


@dataclass(frozen=True)
class Source:
    seed: str
    line: int


@dataclass(frozen=True)
class Porteur:
    nom: str
    type: Optional[str] = None  # None for an imported structure that names no network


# Publics an action can be reserved to (`eligibilite.reserve_a`), see /work notes contracts and SCHEMA.md.
RESERVED_PUBLICS: Tuple[str, ...] = (
    "femmes",
    "handicap",
    "rqth",
    "ime-esat",
    "sans-domicile",
    "exiles",
    "minima-sociaux",
    "rsa",
    "qpv",
    "salaries-siae",
    "suivi-mission-locale",
    "justice",
    "parents-isoles",
    "seniors",
    "demandeurs-emploi-longue-duree",
    "demandeurs-emploi",
    "permis",
    "en-emploi",
    "foyer-fjt",
    "residents-du-porteur",
    "entreprises",
    "orientes-par-structure",
    "allophones",
    # Only one kind of handicap (psychique, mental, sourds…), named in conditions_acces: the profile does not
    # record the kind (the bot never asks it), so such a record never opens (issue 14, play-test F).
    "handicap-un-type",
)
# Highest diploma, lowest first: `diplome_min` / `diplome_max` compare on this order.
# `bac-plus-4` exists for records only (NQT asks bac + 4): the profile stops at « superieur » (any diploma
# beyond the bac), so no person is ever known to reach it and such a record is never said to fit.
DIPLOMA_LEVELS: Tuple[str, ...] = ("aucun", "cap-bep", "bac", "superieur", "bac-plus-4")


@dataclass(frozen=True)
class Residents:
    """The action is only for residents of these places (not merely held there)."""

    communes: Tuple[str, ...] = ()
    departements: Tuple[str, ...] = ()
    regions: Tuple[str, ...] = ()

    @property
    def restricted(self) -> bool:
        return bool(self.communes or self.departements or self.regions)


@dataclass(frozen=True)
class Eligibilite:
    age_min: Optional[int] = None
    age_max: Optional[int] = None
    reserve_a: Tuple[str, ...] = ()  # ALL of these publics are required
    residents: Residents = field(default_factory=Residents)
    diplome_min: Optional[str] = None  # a DIPLOMA_LEVELS value
    diplome_max: Optional[str] = None
    # For people heading to one of these trades only (knowledge/data/secteurs.yaml ids): a company's
    # recruitment or a preparation for one trade. Like a reserved public, an unknown trade never opens it.
    secteurs: Tuple[str, ...] = ()
    # What the action gives (ALREADY_HAS keys, orientation/matching/eligibility.py: permis, vehicule): a person
    # KNOWN to have it already is kept out (a permis course for a permis holder, play-test F f02).
    exclut_qui_a: Tuple[str, ...] = ()
    conditions_acces: Optional[str] = None


@dataclass(frozen=True)
class Zone:
    niveau: str  # commune | epci | departement | region | national
    communes: Tuple[str, ...] = ()
    departements: Tuple[str, ...] = ()
    regions: Tuple[str, ...] = ()
    quartiers: Tuple[str, ...] = ()
    precisions: Optional[str] = None
    # One site somewhere in the area that the text does not name (not the whole area): never offered, as a
    # person would not know where to go and « elle couvre toute votre région » would be false.
    lieu_inconnu: bool = False
    # A national network that exists only in some towns the text does not list (TAPAJ, « 21 villes »):
    # said « dans certaines villes de France », never « partout en France ».
    certaines_villes: bool = False


@dataclass(frozen=True)
class Contact:
    adresse: Optional[str] = None
    telephone: Optional[str] = None
    courriel: Optional[str] = None
    site_web: Optional[str] = None
    horaires: Optional[str] = None  # opening hours as published (data·inclusion: OpenStreetMap format)

    @property
    def is_usable(self) -> bool:
        return any((self.adresse, self.telephone, self.courriel, self.site_web))


@dataclass(frozen=True)
class Initiative:
    id: str
    nom: str
    description: str
    porteur: Porteur
    publics: Tuple[str, ...]
    thematiques: Tuple[str, ...]
    zone: Zone
    eligibilite: Eligibilite
    statut: str  # historique | a-verifier
    sources: Tuple[Source, ...]
    annee: Optional[int] = None
    published: Optional[int] = None
    types: Tuple[str, ...] = ()
    modes_accueil: Tuple[str, ...] = ()
    partenaires: Tuple[str, ...] = ()
    contact: Contact = field(default_factory=Contact)
    resultats: Optional[str] = None
    notes: Optional[str] = None
    file: str = ""
    # How a person finds the source (« Guide DGEFP « … », 2019 », « data·inclusion, mis à jour le … »);
    # the conseillers' CLI shows the exact file and line (sources) or the imported service id (reference).
    citation: Optional[str] = None
    reference: Optional[str] = None
    # Current offers imported from data·inclusion (knowledge/offers.py): last update and whether it is over 2 years old.
    date_maj: Optional[str] = None
    mise_a_jour_ancienne: bool = False
    frais: Optional[str] = None  # gratuit | payant
    frais_precisions: Optional[str] = None
    # A one-day event (a forum, a job dating): once over (statut historique) there is nothing to go to.
    evenement_ponctuel: bool = False

    @property
    def reference_year(self) -> Optional[int]:
        """The most recent year we know the action was described as running."""
        years = [y for y in (self.annee, self.published) if y]
        return max(years) if years else None


@dataclass(frozen=True)
class Replacement:
    terme: str
    annee: Optional[int] = None
    hors_sources: bool = True


@dataclass(frozen=True)
class GlossaryTerm:
    id: str
    terme: str
    definition: str
    variantes: Tuple[str, ...]
    sources: Tuple[Source, ...]
    nom_complet: Optional[str] = None
    remplace_par: Optional[Replacement] = None
    voir_aussi: Tuple[str, ...] = ()
    hors_sources: bool = False


@dataclass(frozen=True)
class NationalNumber:
    numero: str
    libelle: str
    verifie: bool


# Overseas régions (COG codes 01–06: Guadeloupe, Martinique, Guyane, La Réunion, Mayotte).
OVERSEAS_REGIONS = frozenset({"01", "02", "03", "04", "06"})


@dataclass(frozen=True)
class Coverage:
    """Where a network has places to go (metropole | outre-mer), with the official text that says so."""

    territoire: str
    texte: str
    source: str
    consulte: str

    def covers(self, region: str) -> bool:
        return (region in OVERSEAS_REGIONS) == (self.territoire == "outre-mer")


@dataclass(frozen=True)
class Network:
    id: str
    nom: str
    ce_qui_est_propose: str
    quand: str
    comment_trouver: str
    declencheurs: Tuple[dict, ...]
    reseau_porteur: Optional[str] = None
    numero_national: Optional[NationalNumber] = None
    site_officiel: Optional[str] = None
    thematiques: Tuple[str, ...] = ()
    sources: Tuple[Source, ...] = ()
    couverture: Optional[Coverage] = None  # None: everywhere
