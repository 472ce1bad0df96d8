"""Every French sentence of the matcher but the places (orientation/matching/place_sentences.py): the
« Pourquoi ? » reason of each criterion (one entry per key of orientation/matching/criteria.py) and the
facts behind a network. Nothing here decides anything: a reason is only asked for once its criterion holds.
"""

from __future__ import annotations

from typing import Callable, Dict, List, Optional, Tuple

from knowledge import geo
from knowledge.models import DIPLOMA_LEVELS, Initiative
from knowledge.profile import Profile
from knowledge.sectors import sectors_by_id
from orientation.matching import criteria, territory
from orientation.matching.criteria import BY_KEY
from orientation.matching.eligibility import effective_age_bounds
from orientation.matching.place_sentences import place_reason
from orientation.matching.places import LEVEL_RANK, PlaceChoice

# --------------------------------------------------------------------------- reasons, one per criterion

_BESOIN_PHRASES: Dict[str, str] = {
    "emploi": "Elle aide à trouver un emploi, ce que vous cherchez.",
    "formation": "Elle aide à trouver une formation, ce que vous cherchez.",
    "apprentissage": "Elle aide à préparer un apprentissage ou une alternance, ce que vous cherchez.",
    "logement": "Elle aide à trouver un logement, ce que vous cherchez.",
    "creation-activite": "Elle aide à créer son activité, ce que vous cherchez.",
    "ne-sait-pas": "Elle aide à trouver sa voie, ce que vous cherchez.",
}


def _formation(themes: set) -> str:
    """The formation need is met in several ways: say the one the record offers, never « trouver une
    formation » for a job-search platform that only helps to show one's skills."""
    if any(t.startswith("se-former--") for t in themes):
        return _BESOIN_PHRASES["formation"]
    if any(t.startswith("lecture-ecriture-calcul--") for t in themes):
        return "Elle aide à apprendre les savoirs de base (français, calcul), ce que vous cherchez."
    if any(t.startswith("numerique--") for t in themes):
        return "Elle aide à apprendre à se servir du numérique, ce que vous cherchez."
    return "Elle aide à faire le point sur vos compétences, un premier pas vers une formation."


def _emploi(themes: set) -> str:
    """« trouver un emploi » only for a record that helps to answer offers or meet employers; a room where
    one writes one's CV (Gavotte-Peyret) says so (round B)."""
    if any(t.startswith("trouver-un-emploi--") for t in themes) or (
        "choisir-un-metier--connaitre-les-opportunites-demploi" in themes
    ):
        return _BESOIN_PHRASES["emploi"]
    if "preparer-sa-candidature--realiser-un-cv-et-ou-une-lettre-de-motivation" in themes:
        return "Elle aide à écrire votre CV et vos lettres de motivation, pour trouver un emploi."
    return "Elle aide à préparer vos candidatures, pour trouver un emploi."


def _apprentissage(record: Initiative, profile: Profile) -> str:
    """No thematique of the vocabulary says « apprentissage »: the record's own words do. « 100 Chances
    100 Emplois » leads to a job, sometimes through an alternance, it does not prepare one (round B).
    Discovering trades is said only to someone who has not chosen one (criteria.DISCOVER_THEME, play-test G)."""
    text = f"{record.nom} {record.description}".lower()
    themes = set(record.thematiques)
    if "apprenti" in text:
        return _BESOIN_PHRASES["apprentissage"]
    if "alternance" in text:
        return "Elle peut mener à une alternance, ce que vous cherchez."
    if any(t.startswith("choisir-un-metier--") for t in themes):
        if profile.secteur is None:
            return "Elle aide à découvrir des métiers, un premier pas vers un apprentissage."
        if profile.secteur in record.eligibilite.secteurs:
            return "Elle fait découvrir les métiers de ce secteur, un premier pas vers un apprentissage."
    if "choisir-un-metier--confirmer-son-choix-de-metier" in themes:
        return "Elle aide à confirmer votre choix de métier, un premier pas vers un apprentissage."
    return "Elle aide à choisir une formation, un premier pas vers un apprentissage."


def _besoin(besoin: str) -> Callable[[Initiative, Profile], str]:
    def sentence(record: Initiative, profile: Profile) -> str:
        if besoin == "formation":
            return _formation(set(record.thematiques))
        if besoin == "emploi":
            return _emploi(set(record.thematiques))
        if besoin in ("apprentissage", "apprentissage-decouverte"):
            return _apprentissage(record, profile)
        if besoin != "mobilite-permis":
            return _BESOIN_PHRASES[besoin]
        return _mobility_need(record, profile)

    return sentence


# What each mobility thématique does, in the order said (« elle aide à … »).
_MOBILITY_DOES: Dict[str, str] = {
    "mobilite--etre-accompagne-dans-son-parcours-mobilite": (
        "faire le point sur vos déplacements avec un conseiller mobilité"
    ),
    criteria.PERMIS_THEME: "préparer le permis",
    criteria.VEHICLE_THEME: "avoir un véhicule",
    "mobilite--entretenir-reparer-son-vehicule": "entretenir ou réparer un véhicule",
    "mobilite--financer-ma-mobilite": "financer vos déplacements",
    "mobilite--mobilite-douce-partagee-collective": "se déplacer à vélo, en covoiturage ou en transports en commun",
}
_MOBILITY_WISH = {
    criteria.PERMIS_THEME: "Vous voulez passer le permis : elle ne le prépare pas, mais aide à {does}.",
    criteria.VEHICLE_THEME: "Vous cherchez un véhicule : elle n'en fournit pas, mais aide à {does}.",
}


def _mobility_need(record: Initiative, profile: Profile) -> str:
    """What the person wants (criteria.mobility_wish) and what the action does (its thématiques): « ce que vous
    cherchez » only when they meet."""
    themes = set(record.thematiques)
    wish = criteria.mobility_wish(profile)
    does = [_MOBILITY_DOES[t] for t in _MOBILITY_DOES if t in themes and t != wish][:2]
    if wish is None and criteria.PERMIS_THEME in themes:  # the need says « le permis », the action prepares it
        wish = criteria.PERMIS_THEME
    if wish is not None and wish in themes:
        return f"Elle aide à {_MOBILITY_DOES[wish]}, ce que vous cherchez."
    if not does:
        return "Elle aide à se déplacer, ce que vous cherchez."
    if wish is None:
        return f"Elle aide à {' et à '.join(does)}."  # what the person wants is not known: no « ce que vous cherchez »
    return _MOBILITY_WISH[wish].format(does=" et à ".join(does))


def _shelter(record: Initiative, profile: Profile) -> str:
    if any(t.startswith("logement-hebergement--") for t in record.thematiques):
        return "Vous n'avez pas de logement : elle aide à trouver un toit."
    return "Vous n'avez pas de logement : elle accueille les personnes en situation d'urgence."


def _handicap(record: Initiative, profile: Profile) -> str:
    fact = "Vous avez une RQTH" if profile.handicap == "rqth" else "Vous avez un handicap ou un souci de santé"
    return f"{fact} : elle accompagne les personnes en situation de handicap."


def _mobility(record: Initiative, profile: Profile) -> str:
    fact = "Vous n'avez pas le permis" if profile.permis is False else "Vous n'avez pas de véhicule"
    return f"{fact} : elle aide à se déplacer près de chez vous."


_DIPLOMA_FACT = {
    "aucun": "Vous n'avez pas de diplôme",
    "cap-bep": "Votre diplôme le plus élevé est un CAP ou un BEP",
    "bac": "Vous avez le bac",
    "superieur": "Vous avez un diplôme au-delà du bac",
}
_DIPLOMA_NAME = {
    "aucun": "sans diplôme",
    "cap-bep": "CAP ou BEP",
    "bac": "bac",
    "superieur": "au-delà du bac",
    "bac-plus-4": "bac + 4",
}


def _low_diploma(record: Initiative, profile: Profile) -> str:
    return f"{_DIPLOMA_FACT[profile.diplome or 'aucun']} : elle s'adresse aux personnes peu ou pas diplômées."


def age_range(lo: Optional[int], hi: Optional[int]) -> str:
    if lo is not None and hi is not None:
        return f"aux {lo}-{hi} ans"
    if hi is not None:
        return f"aux moins de {hi + 1} ans"
    return f"aux personnes de {lo} ans et plus"


def _age(record: Initiative, profile: Profile) -> str:
    elig = record.eligibilite
    if elig.age_min is None and elig.age_max is None:  # bounds implied by the public, not stated
        lo, hi = effective_age_bounds(record)
        public = "aux jeunes" if hi is not None else "aux seniors"
        return f"Vous avez {profile.whole_age} ans : cette action s'adresse {public}."
    return f"Vous avez {profile.whole_age} ans : cette action s'adresse {age_range(elig.age_min, elig.age_max)}."


def _diploma_bounds(record: Initiative, profile: Profile) -> str:
    elig = record.eligibilite
    fact = _DIPLOMA_FACT[profile.diplome or "aucun"]
    if elig.diplome_min and elig.diplome_max:
        return (
            f"{fact} : elle demande un niveau entre « {_DIPLOMA_NAME[elig.diplome_min]} » "
            f"et « {_DIPLOMA_NAME[elig.diplome_max]} »."
        )
    if elig.diplome_min:
        return f"{fact} : elle demande au moins le niveau « {_DIPLOMA_NAME[elig.diplome_min]} »."
    level = elig.diplome_max or DIPLOMA_LEVELS[-1]
    if level == "aucun":
        return f"{fact} : elle est réservée aux personnes sans diplôme."
    return f"{fact} : elle accepte jusqu'au niveau « {_DIPLOMA_NAME[level]} »."


def _residents(record: Initiative, profile: Profile) -> str:
    return "Elle est réservée aux habitants de certains lieux, dont le vôtre."


def _trade_name(sector_id: str) -> str:
    sector = sectors_by_id().get(sector_id)
    return sector.libelle if sector is not None else sector_id


def _secteur(record: Initiative, profile: Profile) -> str:
    return f"Elle concerne {_trade_name(profile.secteur or '')}, le secteur que vous avez demandé."


# Reserved public → sentence said once the person is known to belong to it (eligibility.MEMBERSHIP).
_RESERVED: Dict[str, str] = {
    "femmes": "Elle est réservée aux femmes.",
    "handicap": "Elle est réservée aux personnes en situation de handicap, ce qui est votre cas.",
    "rqth": "Elle est réservée aux personnes ayant une RQTH, ce qui est votre cas.",
    "sans-domicile": "Elle est réservée aux personnes sans logement, ce qui est votre cas.",
    "exiles": "Elle est réservée aux personnes réfugiées ou exilées, ce qui est votre cas.",
    "minima-sociaux": "Elle est réservée aux personnes qui touchent un minimum social, ce qui est votre cas.",
    "qpv": "Elle est réservée aux habitants des quartiers prioritaires, ce qui est votre cas.",
    "suivi-mission-locale": "Il faut être suivi·e par la mission locale : à votre âge, vous pouvez l'être.",
    "parents-isoles": "Elle est réservée aux parents qui élèvent seuls leurs enfants, ce qui est votre cas.",
    "seniors": "Elle est réservée aux seniors, ce qui est votre cas.",
    "permis": "Il faut avoir le permis B, ce qui est votre cas.",
    # « en foyer » is all the profile knows (an FJT, a foyer of the ASE…): said as such, not « votre cas »
    # (play-test G, g21: said of a young woman in a CHRS).
    "foyer-fjt": (
        "Vous vivez en foyer : elle est réservée aux résidents des foyers de jeunes travailleurs (FJT), "
        "vérifiez que le vôtre en est un."
    ),
}


def _territory(record: Initiative, profile: Profile) -> str:
    """A territorial porteur's action, the person outside its zone (territory.outside_territory)."""
    if record.porteur.type != "mission-locale" and "suivi-mission-locale" in record.eligibilite.reserve_a:
        return (
            "Elle est faite pour les jeunes que suit la mission locale de là-bas : demandez à la mission locale "
            "de chez vous si vous pouvez y participer."
        )
    if record.porteur.type == "mission-locale":
        return (
            f"Son porteur ({record.porteur.nom}) la mène pour les jeunes de son territoire : demandez-lui si "
            "vous pouvez y participer, ou adressez-vous à la mission locale de chez vous."
        )
    return (
        f"Son porteur ({record.porteur.nom}) la mène pour les habitants de son territoire : demandez-lui si "
        "vous pouvez y participer."
    )


REASONS: Dict[str, Callable[[Initiative, Profile], str]] = {
    **{key: _besoin(key.split(":", 1)[1]) for key in BY_KEY if key.startswith("besoin:")},
    "sans-domicile": _shelter,
    "exiles": lambda r, p: "Vous êtes réfugié·e : elle accompagne les personnes réfugiées.",
    "qpv": lambda r, p: "Vous habitez un quartier prioritaire : elle s'adresse à ses habitants.",
    "handicap": _handicap,
    "mobilite": _mobility,
    "sans-diplome": _low_diploma,
    "jeunes": lambda r, p: f"Vous avez {p.whole_age} ans : cette action s'adresse aux jeunes.",
    "femmes": lambda r, p: "Elle s'adresse aux femmes.",
    "minima-sociaux": lambda r, p: "Vous touchez un minimum social : elle s'adresse aux allocataires.",
    **{f"reserve:{public}": (lambda said: lambda r, p: said)(text) for public, text in _RESERVED.items()},
    "residents": _residents,
    "secteur": _secteur,
    "age": _age,
    "diplome": _diploma_bounds,
    "territoire": _territory,
    "employeur": lambda r, p: (
        f"C'est le programme de recrutement d'un seul employeur ({r.porteur.nom}), pour ses propres postes : "
        "France Travail et la mission locale vous montrent les offres de tous les employeurs."
    ),
}
# Publics no profile can belong to never open a record, so they never need a sentence.
_SILENT = {
    "reserve:ime-esat",
    "reserve:rsa",
    "reserve:salaries-siae",
    "reserve:justice",
    "reserve:demandeurs-emploi-longue-duree",
    "reserve:demandeurs-emploi",
    "reserve:en-emploi",
    "reserve:entreprises",
    "reserve:orientes-par-structure",
    "reserve:allophones",
    "reserve:residents-du-porteur",
    "reserve:handicap-un-type",  # never opens: no profile records the kind of handicap
    "hors-ecole",  # keeps pupils out, never said
    "place",
}
assert set(REASONS) | _SILENT == set(BY_KEY), "every criterion needs its sentence"


def reason(key: str, record: Initiative, profile: Profile, person: Optional[geo.Commune], choice: PlaceChoice) -> str:
    """The sentence of criterion `key` (which the caller has checked holds)."""
    if key == "place":
        outside = territory.outside_territory(record, LEVEL_RANK[choice.level])
        return place_reason(person, choice, record.zone.certaines_villes, outside)
    return REASONS[key](record, profile)


def restriction_notes(record: Initiative) -> List[str]:
    """Who the action is reserved to, for the details card: the person should know before going."""
    notes = [_RESERVED_NOTE[public] for public in record.eligibilite.reserve_a if public in _RESERVED_NOTE]
    if record.eligibilite.residents.restricted:
        qpv = _RESERVED_NOTE["qpv"]
        if qpv in notes:  # one sentence, not « des quartiers prioritaires » then « de certains lieux »
            notes[notes.index(qpv)] = "Elle est réservée aux habitants de certains quartiers prioritaires."
        else:
            notes.append("Elle est réservée aux habitants de certains lieux.")
    trades = record.eligibilite.secteurs
    if trades:
        notes.append("Elle concerne seulement " + " ou ".join(map(_trade_name, trades)) + ".")
    return notes


_RESERVED_NOTE = {
    "femmes": _RESERVED["femmes"],  # the same sentence whether or not the person's gender is known
    "handicap": "Elle est réservée aux personnes en situation de handicap.",
    "rqth": "Elle est réservée aux personnes ayant une RQTH.",
    "sans-domicile": "Elle est réservée aux personnes sans logement.",
    "exiles": "Elle est réservée aux personnes réfugiées ou exilées.",
    "minima-sociaux": "Elle est réservée aux personnes qui touchent un minimum social.",
    "qpv": "Elle est réservée aux habitants des quartiers prioritaires.",
    "suivi-mission-locale": "On y entre par la mission locale.",
    "parents-isoles": "Elle est réservée aux parents isolés.",
    "seniors": "Elle est réservée aux seniors.",
    "permis": "Il faut avoir le permis B.",
    "foyer-fjt": "Elle est réservée aux résidents d'un foyer de jeunes travailleurs.",
    "residents-du-porteur": "Elle est réservée aux résidents du foyer qui la propose.",
    "orientes-par-structure": "On n'y entre que sur orientation d'une structure partenaire.",
    "allophones": "Elle s'adresse aux personnes qui ne parlent pas bien le français.",
    "entreprises": "C'est un service pour les entreprises ou les acheteurs publics, pas un accueil pour les personnes.",
}


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

LOGEMENT_FACTS = {
    "stable": "Vous avez votre propre logement.",
    "chez-parents": "Vous vivez chez vos parents.",
    "heberge-tiers": "Vous êtes hébergé·e par un proche.",
    "foyer-fjt": "Vous vivez en foyer.",
    "sans-domicile": "Vous n'avez pas de logement.",
}
HANDICAP_FACTS = {
    "rqth": "Vous avez une RQTH.",
    "oui-sans-rqth": "Vous avez un handicap ou un souci de santé.",
    "non": "Vous n'avez pas de handicap.",
}
BESOIN_FACTS = {
    "emploi": "Vous cherchez un emploi.",
    "formation": "Vous cherchez une formation.",
    "apprentissage": "Vous cherchez un apprentissage ou une alternance.",
    "mobilite-permis": "Vous voulez passer le permis ou pouvoir vous déplacer.",
    "logement": "Vous cherchez un logement.",
    "creation-activite": "Vous voulez créer votre activité.",
    "ne-sait-pas": "Vous cherchez votre voie.",
}
DIPLOME_FACTS = {level: f"{fact}." for level, fact in _DIPLOMA_FACT.items()}
SCOLARITE_FACTS = {"scolarise": "Vous êtes encore à l'école ou en études.", "sorti": "Vous avez quitté l'école."}
BOOL_FACTS: Dict[str, Tuple[str, str]] = {  # key → (sentence if True, sentence if False)
    "permis": ("Vous avez le permis.", "Vous n'avez pas le permis."),
    "vehicule": ("Vous avez un véhicule.", "Vous n'avez pas de véhicule."),
    "femme": ("Vous êtes une femme.", "Vous êtes un homme."),
    "refugie": ("Vous êtes réfugié·e.", "Vous n'êtes pas réfugié·e."),
    "minima_sociaux": ("Vous touchez un minimum social.", "Vous ne touchez pas de minimum social."),
    "qpv": ("Vous habitez un quartier prioritaire.", "Vous n'habitez pas un quartier prioritaire."),
}
# The subjects said (knowledge/profile.py SUJETS), as the reason a card is shown.
SUJET_FACTS: Dict[str, str] = {
    "stage-scolaire": "Vous cherchez un stage pour l'école.",
    "garde-enfant": "Vous avez besoin de faire garder votre enfant.",
    "difficultes-argent": "Vous avez des difficultés d'argent ou de loyer.",
    "acces-sante": "Vous n'avez pas de mutuelle ou pas de médecin.",
}
CHOICE_FACTS = {
    "handicap": HANDICAP_FACTS,
    "logement": LOGEMENT_FACTS,
    "besoin": BESOIN_FACTS,
    "diplome": DIPLOME_FACTS,
    "scolarite": SCOLARITE_FACTS,
}


def age_fact(age: Optional[int]) -> str:
    return f"Vous avez {age} ans."
