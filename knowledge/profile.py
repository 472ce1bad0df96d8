"""The person's situation as the matcher sees it. `None` means unknown or declined: it never excludes
a suggestion on its own."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Dict, FrozenSet, Optional, Tuple

LOGEMENTS: Dict[str, str] = {
    "stable": "dans son propre logement",
    "chez-parents": "chez ses parents",
    "heberge-tiers": "hébergé·e par un proche",
    # Not « FJT »: a placement by the ASE is a foyer too, and the person knows which (the conseiller asks). A CHRS or
    # an hébergement d'urgence is « sans-domicile » (no home of one's own; reading/understanding.py).
    "foyer-fjt": "en foyer ou en résidence",
    "sans-domicile": "sans logement",
}

HANDICAPS: Dict[str, str] = {
    "rqth": "handicap reconnu (RQTH)",
    "oui-sans-rqth": "handicap ou problème de santé, sans RQTH",
    "non": "pas de handicap",
}

# Each need is read as data·inclusion thematiques: an initiative fits a need when they share one.
BESOINS: Dict[str, Tuple[str, FrozenSet[str]]] = {
    "emploi": (
        "trouver un emploi",
        frozenset(
            {
                "trouver-un-emploi--convaincre-un-recruteur-en-entretien",
                "trouver-un-emploi--faire-des-candidatures-spontanees",
                "trouver-un-emploi--repondre-a-des-offres-demploi",
                "trouver-un-emploi--suivre-ses-candidatures-et-relancer-les-employeurs",
                "trouver-un-emploi--maintien-dans-lemploi",
                "preparer-sa-candidature--developper-son-reseau",
                "preparer-sa-candidature--organiser-ses-demarches-de-recherche-demploi",
                "preparer-sa-candidature--realiser-un-cv-et-ou-une-lettre-de-motivation",
                "preparer-sa-candidature--valoriser-ses-competences",
                "choisir-un-metier--connaitre-les-opportunites-demploi",
            }
        ),
    ),
    "formation": (
        "se former",
        frozenset(
            {
                "se-former--trouver-sa-formation",
                "se-former--monter-son-dossier-de-formation",
                "lecture-ecriture-calcul--maitriser-le-francais",
                "lecture-ecriture-calcul--maitriser-le-calcul",
                "numerique--maitriser-les-fondamentaux-du-numerique",
                "preparer-sa-candidature--valoriser-ses-competences",
            }
        ),
    ),
    "apprentissage": (
        "trouver un apprentissage ou une alternance",
        frozenset(
            {
                "se-former--trouver-sa-formation",
                "se-former--monter-son-dossier-de-formation",
                "choisir-un-metier--decouvrir-un-metier-ou-un-secteur-dactivite",
                "choisir-un-metier--confirmer-son-choix-de-metier",
            }
        ),
    ),
    "mobilite-permis": (
        "passer le permis ou se déplacer",
        frozenset(
            {
                "mobilite--preparer-un-permis",
                "mobilite--acceder-a-un-vehicule",
                "mobilite--entretenir-reparer-son-vehicule",
                "mobilite--etre-accompagne-dans-son-parcours-mobilite",
                "mobilite--financer-ma-mobilite",
                "mobilite--mobilite-douce-partagee-collective",
            }
        ),
    ),
    "logement": (
        "trouver un logement",
        frozenset(
            {
                "logement-hebergement--louer-un-logement",
                "logement-hebergement--changer-de-logement",
                "logement-hebergement--rechercher-une-solution-dhebergement-temporaire",
                "logement-hebergement--sinformer-sur-les-demarches-liees-a-lacces-au-logement",
                "logement-hebergement--se-maintenir-dans-le-logement",
            }
        ),
    ),
    "creation-activite": (
        "créer son activité",
        frozenset(
            {
                "creer-une-entreprise--definir-son-projet-de-creation-dentreprise",
                "creer-une-entreprise--structurer-son-projet-de-creation-dentreprise",
                "creer-une-entreprise--developper-son-entreprise",
            }
        ),
    ),
    "ne-sait-pas": (
        "trouver sa voie",
        frozenset(
            {
                "choisir-un-metier--decouvrir-un-metier-ou-un-secteur-dactivite",
                "choisir-un-metier--identifier-ses-points-forts-et-ses-competences",
                "choisir-un-metier--confirmer-son-choix-de-metier",
                "remobilisation--bien-etre-confiance-en-soi",
                "remobilisation--lien-social",
            }
        ),
    ),
}

# Precise subjects said beside the need (reading/situation.py), read in any message and never asked: each opens
# the network cards made for it (networks.yaml trigger key `sujet`). Sensitive (health, money, family): never logged.
SUJETS: Dict[str, str] = {
    "stage-scolaire": "trouver un stage demandé par l'école",
    "garde-enfant": "faire garder un enfant",
    "difficultes-argent": "des difficultés d'argent ou de loyer",
    "acces-sante": "une mutuelle ou un médecin",
}

# Contract (notes/contracts.md): still at school, or left it; the highest diploma held.
SCOLARITES: Dict[str, str] = {
    "scolarise": "encore scolarisé·e ou en études",
    "sorti": "a quitté l'école",
}
DIPLOMES: Dict[str, str] = {  # from the lowest to the highest
    "aucun": "aucun diplôme",
    "cap-bep": "CAP ou BEP",
    "bac": "baccalauréat",
    "superieur": "diplôme d'études supérieures",
}

AGE_MIN, AGE_MAX = 14, 99


# The profile's slots in the conversation (the slot contract other tools read from the tracker).
PROFILE_SLOTS = (
    "besoin",
    "age",
    "commune",
    "code_insee",
    "departement",
    "quartier",
    "qpv",
    "permis",
    "vehicule",
    "logement",
    "handicap",
    "rqth",
    "scolarite",
    "diplome",
    "minima_sociaux",  # read from any message (« jsuis au rsa »), never asked: reading/benefits.py
    "besoins_autres",  # needs said besides the first (« un logement et un taf »), never asked: reading/need.py
)
# Every slot the facts of one message can set (reading/facts.py): the profile's, and the communes offered.
# `sujets` is read from messages but is not a question of the form (it is no profile slot of the contract).
MESSAGE_SLOTS = (*PROFILE_SLOTS, "commune_candidates", "sujets")


@dataclass(frozen=True)
class Profile:
    age: Optional[float] = None
    code_insee: Optional[str] = None
    quartier: Optional[str] = None
    qpv: Optional[bool] = None
    permis: Optional[bool] = None
    vehicule: Optional[bool] = None
    logement: Optional[str] = None
    handicap: Optional[str] = None  # rqth | oui-sans-rqth | non
    besoin: Optional[str] = None
    # Needs said besides `besoin` (« un appart et un taf », « et aussi une formation »): served, and in the fiche.
    besoins_autres: Optional[Tuple[str, ...]] = None
    scolarite: Optional[str] = None  # scolarise | sorti
    diplome: Optional[str] = None  # aucun | cap-bep | bac | superieur (highest held)
    femme: Optional[bool] = None
    parent_isole: Optional[bool] = None
    minima_sociaux: Optional[bool] = None
    refugie: Optional[bool] = None
    secteur: Optional[str] = None  # a trade the person asked for (knowledge/data/secteurs.yaml id)
    sujets: FrozenSet[str] = field(default_factory=frozenset)  # SUJETS ids said (reading/situation.py)
    declined: FrozenSet[str] = field(default_factory=frozenset)
    # Questions answered « je ne sais pas » (not asked again either): said as such, never as a refusal.
    unknown: FrozenSet[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        if self.logement is not None and self.logement not in LOGEMENTS:
            raise ValueError(f"logement inconnu : {self.logement!r}")
        if self.handicap is not None and self.handicap not in HANDICAPS:
            raise ValueError(f"handicap inconnu : {self.handicap!r}")
        if self.besoin is not None and self.besoin not in BESOINS:
            raise ValueError(f"besoin inconnu : {self.besoin!r}")
        for other in self.besoins_autres or ():
            if other not in BESOINS:
                raise ValueError(f"besoin inconnu : {other!r}")
        if self.scolarite is not None and self.scolarite not in SCOLARITES:
            raise ValueError(f"scolarité inconnue : {self.scolarite!r}")
        if self.diplome is not None and self.diplome not in DIPLOMES:
            raise ValueError(f"diplôme inconnu : {self.diplome!r}")
        if self.secteur is not None:
            from knowledge.sectors import sectors_by_id  # the trades are data, read once

            if self.secteur not in sectors_by_id():
                raise ValueError(f"secteur inconnu : {self.secteur!r}")
        if not set(self.sujets) <= set(SUJETS):
            raise ValueError(f"sujet inconnu : {sorted(set(self.sujets) - set(SUJETS))!r}")
        if self.age is not None and not AGE_MIN <= self.age <= AGE_MAX:
            raise ValueError(f"âge hors limites : {self.age!r}")

    @property
    def needs(self) -> Tuple[str, ...]:
        """The need first, then the others said, each once."""
        said = (self.besoin, *(self.besoins_autres or ()))
        return tuple(dict.fromkeys(need for need in said if need is not None))

    @property
    def whole_age(self) -> Optional[int]:
        return int(self.age) if self.age is not None else None

    def with_changes(self, **changes: object) -> Profile:
        return replace(self, **changes)
