"""French renderings of a recommendation, shared by the bot and the conseillers' CLI so both say the same
thing. Short lines, vouvoiement; historical actions never show a contact and always say to check."""

from __future__ import annotations

from datetime import date
from typing import List, Optional, Sequence, Tuple

from knowledge import geo
from knowledge.profile import BESOINS, DIPLOMES, HANDICAPS, LOGEMENTS, SCOLARITES, Profile
from knowledge.sectors import sectors_by_id
from orientation.matching import NATIONAL, REGION, NetworkSuggestion, Recommendation, Suggestion, wording
from orientation.voice import PERSONNE, VOUS, in_voice, of_person, said_to

# The guides the base was built from; said on every fiche so nobody takes a 2008 action for granted.
GUIDES_PERIOD = (2007, 2021)
OFFER_MAX_CHARS = 160

HISTORICAL_NOTE = "Une action qui a existé près de chez vous — demandez à votre conseiller si elle existe encore."
HISTORICAL_NOTE_NATIONAL = "Une action qui a existé — demandez à votre conseiller si elle existe encore."
EMPTY_TEXT = "Je n'ai pas trouvé d'action recensée près de chez vous."


def _historical_note(s: Suggestion) -> str:
    # « près de chez vous » only within the person's département: a régional one is said plainly in `where`;
    # nor for another territory's own action (criteria « territoire »), whose place and km `where` says.
    near = s.proximity not in (NATIONAL, REGION) and "territoire" not in s.criteria
    return HISTORICAL_NOTE if near else HISTORICAL_NOTE_NATIONAL


def one_line(text: str, limit: int = OFFER_MAX_CHARS) -> str:
    """First sentence of a description, cut on a word if still too long for a phone screen."""
    text = " ".join(text.split())
    for end in (". ", " ! ", " ? "):
        cut = text.find(end)
        if cut > 0:
            text = text[: cut + 1].rstrip()
            break
    if len(text) <= limit:
        return text
    shortened = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return shortened + "…"


def suggestion_text(s: Suggestion, index: int, voice: str = VOUS) -> str:
    """« 1. Nom, à Fougères (Ille-et-Vilaine). » + one line of what it offers."""
    lines = [in_voice(f"{index}. {s.initiative.nom}, {s.where}.", voice), one_line(s.initiative.description)]
    if s.historical:
        lines.append(in_voice(_historical_note(s), voice))
    return "\n".join(lines)


def _sources_text(s: Suggestion) -> str:
    """The source as a person can find it (« Guide DGEFP « … », 2019 »), never a file name or a line."""
    if s.initiative.citation:
        return f"Source : {s.initiative.citation}"
    return f"Source : guide de {s.year}" if s.year else "Source : guide de bonnes pratiques"


def exact_source_text(s: Suggestion) -> str:
    """For conseillers (CLI): the exact file and line of the guide, or the imported record's reference."""
    refs = [f"{src.seed} ligne {src.line}" for src in s.initiative.sources]
    if s.initiative.reference:
        refs.append(s.initiative.reference)
    return "Référence exacte : " + ("; ".join(refs) if refs else "aucune")


STALE_NOTE = "Fiche mise à jour il y a plus de deux ans : appelez avant de vous déplacer."


def restriction_notes(s: Suggestion) -> List[str]:
    """Who the action is reserved to: the matcher let it through, the person should still know."""
    return wording.restriction_notes(s.initiative)


def suggestion_details(s: Suggestion, voice: str = VOUS) -> str:
    record = s.initiative
    lines = [
        record.nom,
        f"Porteur : {record.porteur.nom}",
        f"Où : {s.where}",
        f"Ce qu'elle propose : {record.description}",
    ]
    if record.eligibilite.conditions_acces:
        lines.append(f"Pour qui : {record.eligibilite.conditions_acces}")
    lines.extend(restriction_notes(s))
    if record.frais:
        lines.append(f"Coût : {record.frais}" + (f" ({record.frais_precisions})" if record.frais_precisions else ""))
    if s.historical:
        lines.append(_historical_note(s))
    elif s.how_to_reach:
        lines.append("Pour la joindre :")
        lines.extend(f"  {line}" for line in s.how_to_reach)
        if record.contact.horaires:
            lines.append(f"  Horaires : {record.contact.horaires}")
        if record.mise_a_jour_ancienne:
            lines.append(STALE_NOTE)
    else:
        source = "l'annuaire" if record.date_maj else "le guide"
        lines.append(f"Pour la joindre : {source} ne donne pas de contact, votre conseiller peut vous aider.")
    if record.annee and record.annee != s.year:
        lines.append(f"Action décrite en {record.annee}.")
    lines.append(_sources_text(s))
    return in_voice("\n".join(lines), voice)


def suggestion_why(s: Suggestion, voice: str = VOUS) -> str:
    """The reasons, said to the young person or, for a conseiller (``voice`` PERSONNE), of the person."""
    head = "Pourquoi je la propose pour la personne :" if of_person(voice) else "Pourquoi je vous la propose :"
    return "\n".join([head, *(f"- {in_voice(reason, voice)}" for reason in s.reasons)])


def network_text(ns: NetworkSuggestion, voice: str = VOUS) -> str:
    """A network's card, said to the young person or, for a conseiller, of the person (play-test F)."""
    network = ns.network
    lines = [f"{network.nom} : {network.ce_qui_est_propose}"]
    if ns.reasons:
        lines.append("Pourquoi : " + " ".join(ns.reasons))
    lines.append(f"Comment le trouver : {network.comment_trouver}")
    number = network.numero_national
    if number is not None and number.verifie:
        lines.append(f"Numéro : {number.numero} ({number.libelle})")
    if network.site_officiel:
        lines.append(f"Site : {network.site_officiel}")
    return in_voice("\n".join(lines), voice)


def empty_text() -> str:
    return EMPTY_TEXT


# --------------------------------------------------------------------------- profile

_FIELD_LABELS = {
    "age": "Âge",
    "code_insee": "Commune",
    "quartier": "Quartier",
    "qpv": "Quartier prioritaire",
    "permis": "Permis de conduire",
    "vehicule": "Véhicule",
    "logement": "Logement",
    "handicap": "Handicap",
    "besoin": "Besoin",
    "besoins_autres": "Autres besoins",
    "secteur": "Métier ou secteur visé",  # play-test F: said by the person, missing from every fiche
    "scolarite": "Scolarité",
    "diplome": "Diplôme",
    "femme": "Genre",
    "parent_isole": "Parent isolé",
    "minima_sociaux": "Minima sociaux (RSA…)",
    "refugie": "Réfugié·e",
}


def commune_label(code: str) -> str:
    """« Fougères (Ille-et-Vilaine) », or the bare code if geography does not know it."""
    commune = geo.get_commune(code)
    if commune is None:
        return code
    return f"{commune.nom} ({geo.departement_name(commune.departement) or commune.departement})"


def at_commune(name: str) -> str:
    """« à Fougères », « au Havre », « aux Mureaux », « à La Courneuve »: à + the commune's own article
    (« Le » and « Les » contract with « à », « La » and « L' » do not)."""
    for article, contracted in (("Le ", "au "), ("Les ", "aux ")):
        if name.startswith(article) and len(name) > len(article):
            return contracted + name[len(article) :]
    return f"à {name}"


def _yes_no(value: bool) -> str:
    return "oui" if value else "non"


def _value_text(profile: Profile, name: str) -> Optional[str]:
    value = getattr(profile, name)
    if value is None:
        return None
    if name == "age":
        return f"{profile.whole_age} ans"
    if name == "code_insee":
        return commune_label(value)
    if name == "logement":
        return LOGEMENTS[value]
    if name == "handicap":
        return HANDICAPS[value]
    if name == "besoin":
        return BESOINS[value][0]
    if name == "besoins_autres":
        return ", ".join(BESOINS[need][0] for need in value) or None
    if name == "femme":
        return "femme" if value else "homme"
    if name == "scolarite":
        return SCOLARITES.get(value, str(value))
    if name == "diplome":
        return DIPLOMES.get(value, str(value))
    if name == "secteur":
        sector = sectors_by_id().get(str(value))
        return sector.libelle if sector else str(value)
    if isinstance(value, bool):
        return _yes_no(value)
    return str(value)


def profile_lines(profile: Profile, voice: str = PERSONNE) -> List[str]:
    """The situation line by line; written of the person (the fiche), or to them with ``voice`` VOUS (the recap)."""
    lines = []
    for name, label in _FIELD_LABELS.items():
        text = _value_text(profile, name)
        if text is not None:
            lines.append(f"- {label} : {said_to(text, voice)}")
        elif name in profile.unknown:
            lines.append(f"- {label} : ne sait pas")
        elif name in profile.declined:
            lines.append(f"- {label} : préfère ne pas le dire")
    return lines or ["- Rien de précisé"]


def profile_summary(profile: Profile, voice: str = VOUS) -> str:
    return "\n".join([in_voice("Ce que je sais de votre situation :", voice), *profile_lines(profile, voice)])


# --------------------------------------------------------------------------- fiche de liaison


URGENCE_LINE = "Orientation urgence donnée pendant la conversation (numéros d'aide)."


def liaison_sheet(
    profile: Profile,
    recommendation: Recommendation,
    urgence_donnee: bool = False,
    today: Optional[date] = None,
    step: Optional[object] = None,
    voice: str = VOUS,
    rqth_pending: bool = False,
) -> str:
    """One message to copy or forward to a conseiller (orientation/liaison.py): addressee, date, the situation
    in plain words, what was suggested and why, and the places to contact with address, phone and hours.
    `urgence_donnee`: the safety layer answered a message in danger; the fiche says so, never its words."""
    from orientation.liaison import liaison_text  # it reuses this module's pieces

    return liaison_text(
        profile,
        recommendation,
        today=today,
        step=step,
        urgence_donnee=urgence_donnee,
        voice=voice,
        rqth_pending=rqth_pending,
    )


# --------------------------------------------------------------------------- conversation (bot)

# On a phone, four networks is already a lot: the most specific ones come first (see match_networks).
BOT_NETWORKS_MAX = 4
DATA_AGE_NOTE = (
    f"Ces actions viennent de guides de bonnes pratiques ({GUIDES_PERIOD[0]}-{GUIDES_PERIOD[1]}) : "
    "parlez-en à votre conseiller mission locale pour savoir si elles existent encore."
)

MISSION_LOCALE_AGE_MAX = 25
ADULT_ADVISERS = "votre conseiller France Travail, Cap emploi ou du PLIE"

CURRENT_OFFERS_NOTE = (
    "Ces offres viennent de l'annuaire de l'inclusion (data·inclusion), avec leur date de mise à jour."
)
MIXED_NOTE = (
    "Certaines viennent de l'annuaire de l'inclusion (data·inclusion), d'autres de guides de bonnes "
    f"pratiques ({GUIDES_PERIOD[0]}-{GUIDES_PERIOD[1]}) : pour celles-ci, demandez à votre conseiller "
    "si elles existent encore."
)


def intro_text(recommendation: Recommendation, updating: bool = False, voice: str = VOUS) -> str:
    """The first message of the suggestions, honest about an empty result and about the data's age; for a
    conseiller typing for someone (``voice`` PERSONNE), about « la personne que vous accompagnez »."""
    if recommendation.empty:
        return EMPTY_TEXT
    count = len(recommendation.local)
    head = "J'ai mis à jour mes propositions. " if updating else ""
    noun = "action recensée" if count == 1 else "actions recensées"
    current = sum(1 for s in recommendation.local if s.initiative.date_maj)  # imported, dated offers
    if current == count:
        note = CURRENT_OFFERS_NOTE
    elif current:
        note = MIXED_NOTE
    else:
        note = DATA_AGE_NOTE
    note = in_voice(note, voice)
    age = recommendation.profile.whole_age
    if age is not None and age > MISSION_LOCALE_AGE_MAX:  # missions locales: 16-25; past that, these three
        note = note.replace("votre conseiller mission locale", ADULT_ADVISERS).replace(
            "demandez à votre conseiller", f"demandez à {ADULT_ADVISERS}"
        )
    verb = "peut" if count == 1 else "peuvent"
    return in_voice(f"{head}Voici {count} {noun} qui {verb} vous correspondre.\n{note}", voice)


def named_mission_locale(recommendation: Recommendation) -> Optional[str]:
    """The mission locale a shown action is carried by, in the person's own town (play-test D: the
    Toulouse one named, then « votre mairie vous dit laquelle »); None when the list names none."""
    person = geo.get_commune(recommendation.profile.code_insee or "")
    if person is None:
        return None
    city = {person.code_insee, person.arrondissement_de} - {None}
    for s in recommendation.local:
        record = s.initiative
        if (
            record.porteur.type == "mission-locale"
            and record.zone.niveau == "commune"
            and city & set(record.zone.communes)
        ):
            return record.porteur.nom
    return None


def network_line(ns: NetworkSuggestion, voice: str = VOUS) -> str:
    network = ns.network
    line = f"• {network.nom} : {in_voice(network.comment_trouver, voice)}"
    number = network.numero_national
    if number is not None and number.verifie and number.numero not in line:
        line += f" ({number.numero})"
    return line


# The fiche adds at most these many networks not shown on screen, under their own label (play-test E e02: the
# screen showed 4 networks, the fiche 11, the key one only in the fiche).
OTHER_LEADS_MAX = 3


def split_networks(
    networks: Sequence[NetworkSuggestion],
) -> Tuple[Tuple[NetworkSuggestion, ...], Tuple[NetworkSuggestion, ...]]:
    """(shown on screen, « autres pistes » for the fiche only): one cut for the bot and the fiche."""
    networks = tuple(networks)
    return networks[:BOT_NETWORKS_MAX], networks[BOT_NETWORKS_MAX : BOT_NETWORKS_MAX + OTHER_LEADS_MAX]


def networks_text(networks: Sequence[NetworkSuggestion], limit: int = BOT_NETWORKS_MAX, voice: str = VOUS) -> str:
    """The network lines under the list; for a conseiller, of the person (« la mission locale de sa commune »)."""
    lines = ["À contacter aussi, partout en France :"]
    lines.extend(network_line(ns, voice) for ns in list(networks)[:limit])
    return "\n".join(lines)
