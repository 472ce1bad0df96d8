"""The « fiche de liaison »: one text a young person keeps, copies or forwards to a conseiller.

Addressed to the hosting mission locale when there is one (knowledge/deployment.py), dated, the situation in
plain words, then each suggestion with why, how to reach it (address, phone, hours) and its source as a person
can find it, then where to go this week (orientation/next_step.py). The same text in every channel; the web
chat adds « Imprimer » and « Télécharger » around it (aiguillage/channels/webchat/aiguillage-chat.js).
"""

from __future__ import annotations

from datetime import date
from typing import Callable, Dict, List, Optional

from knowledge.profile import BESOINS, HANDICAPS, LOGEMENTS, SUJETS, Profile
from orientation import formatting, place_wording
from orientation.matching import Recommendation
from orientation.next_step import NextStep, addressee_lines, networks_besides, next_step, next_step_text
from orientation.voice import VOUS, in_voice

TITLE = "Fiche de liaison Aiguillage"
MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def french_date(day: date) -> str:
    return f"{'1er' if day.day == 1 else day.day} {MONTHS[day.month - 1]} {day.year}"


def _yes_no(yes: str, no: str) -> Callable[[object], str]:
    return lambda value: yes if value else no


# One plain phrase per fact, without a pronoun (the person's gender is often unknown).
_PLAIN: Dict[str, Callable[[object], str]] = {
    "qpv": _yes_no("Habite un quartier prioritaire", "N'habite pas un quartier prioritaire"),
    "permis": _yes_no("A le permis de conduire", "N'a pas le permis de conduire"),
    "vehicule": _yes_no("A un véhicule", "N'a pas de véhicule"),
    "logement": lambda value: f"Logement : {LOGEMENTS.get(str(value), value)}",
    "handicap": lambda value: f"Santé, handicap : {HANDICAPS.get(str(value), value)}",
    "besoin": lambda value: f"Souhaite : {BESOINS[str(value)][0]}" if value in BESOINS else f"Souhaite : {value}",
    "besoins_autres": lambda value: "Souhaite aussi : " + ", ".join(BESOINS[str(v)][0] for v in value),
    "femme": _yes_no("Femme", "Homme"),
    "parent_isole": _yes_no("Parent isolé·e", "N'est pas parent isolé·e"),
    "minima_sociaux": _yes_no("Touche le RSA ou un autre minimum social", "Ne touche pas de minimum social"),
    "refugie": _yes_no("Réfugié·e ou sous protection internationale", "N'est pas réfugié·e"),
}


# A RQTH asked for and not granted yet is stored as « no RQTH » (slot `rqth` False): the fiche says the request
# when the conversation told it (play-test H h05, actions/recommend.py reads it from the bot's own note).
RQTH_PENDING_TEXT = "handicap ou problème de santé, RQTH demandée, en attente de réponse"


def situation_lines(profile: Profile, rqth_pending: bool = False) -> List[str]:
    """The profile in plain words, one short line per fact; what the person declined is said as such.
    `rqth_pending`: the person said a RQTH request is under way."""
    lines: List[str] = []
    for name, label in formatting._FIELD_LABELS.items():  # noqa: SLF001 - one list of the profile's facts
        value = getattr(profile, name, None)
        if value is None:
            if name in profile.unknown:
                lines.append(f"- {label} : ne sait pas")
            elif name in profile.declined:
                lines.append(f"- {label} : préfère ne pas le dire")
            continue
        if name == "age":
            lines.append(f"- {profile.whole_age} ans")
        elif name == "code_insee":
            where = formatting.commune_label(value)
            lines.append(
                f"- Habite {formatting.at_commune(where)}"
                + (f", quartier {profile.quartier}" if profile.quartier else "")
            )
        elif name == "quartier":
            continue  # said with the commune
        elif name == "handicap" and value == "oui-sans-rqth" and rqth_pending:
            lines.append(f"- Santé, handicap : {RQTH_PENDING_TEXT}")
        elif name in _PLAIN:
            lines.append(f"- {_PLAIN[name](value)}")
        else:  # a fact added later (diploma level, schooling…): its label and value as the bot says them
            lines.append(f"- {label} : {formatting._value_text(profile, name)}")  # noqa: SLF001
    # The subjects said beside the need (childcare, money, health cover, a school stage: play-test H h04, h10, h14),
    # answered by a card of the list: the conseiller who gets the fiche hears of them too. Sensitive: only here,
    # never in the logs (actions/profile_slots.py SENSITIVE_SLOTS).
    said = [text for sujet, text in SUJETS.items() if sujet in profile.sujets]
    if said:
        lines.append("- Aussi évoqué : " + " ; ".join(said))
    return lines or ["- Rien de précisé"]


def _addressee(profile: Profile, step: NextStep) -> List[str]:
    """Before 16, the school's people; otherwise the mission locale (hosting or any) or, past 25, the others."""
    age = profile.whole_age
    if age is not None and age <= place_wording.SCHOOL_AGE_MAX:
        return [place_wording.SCHOOL_AGE_ADDRESSEE]
    return addressee_lines(step)


def liaison_text(
    profile: Profile,
    recommendation: Recommendation,
    today: Optional[date] = None,
    step: Optional[NextStep] = None,
    urgence_donnee: bool = False,
    voice: str = VOUS,
    rqth_pending: bool = False,
) -> str:
    """`rqth_pending`: a RQTH request was said (situation_lines). `voice`: who typed. To a conseiller
    (PERSONNE), the places and networks speak of the person (« sa commune »), without the paragraph on how to
    find one's mission locale (play-test F); to the young person, the same words as the list (the places block is
    compared with it)."""
    today = today or date.today()
    step = step if step is not None else next_step(profile.code_insee, age=profile.whole_age)
    lines = [
        f"{TITLE} — {french_date(today)}",
        *_addressee(profile, step),
        "",
        "Situation de la personne :",
        *situation_lines(profile, rqth_pending),
        "",
    ]
    if urgence_donnee:
        lines += [formatting.URGENCE_LINE, ""]
    if recommendation.empty:
        lines.append(formatting.EMPTY_TEXT)
    else:
        lines.append("Actions proposées :")
        for index, s in enumerate(recommendation.local, 1):
            record = s.initiative
            lines.append(f"{index}. {record.nom} — {record.porteur.nom}, {s.where}")
            lines.append(f"   Pourquoi : {' '.join(s.reasons)}")
            if s.historical:
                lines.append("   Action ancienne : vérifier qu'elle existe encore.")
            else:
                lines.extend(f"   {line}" for line in s.how_to_reach)
                if record.contact.horaires:
                    lines.append(f"   Horaires : {record.contact.horaires}")
                if record.mise_a_jour_ancienne:
                    lines.append(f"   {formatting.STALE_NOTE}")
            lines.append(f"   {formatting._sources_text(s)}")  # noqa: SLF001
    where = place_wording.with_named_mission_locale(
        next_step_text(step, today, voice), formatting.named_mission_locale(recommendation)
    )
    where = in_voice(where, voice)
    if where:
        lines += ["", "Où aller cette semaine :", where]
    # The networks the conversation showed, in the same order; a few more only under their own label.
    shown, others = formatting.split_networks(networks_besides(step, recommendation.networks))
    if shown:
        lines += ["", "Réseaux à contacter :"]
        lines.extend(f"- {ns.network.nom} : {in_voice(ns.network.comment_trouver, voice)}" for ns in shown)
    if others:
        lines += ["", "Autres pistes (non montrées dans la conversation) :"]
        lines.extend(f"- {ns.network.nom} : {in_voice(ns.network.comment_trouver, voice)}" for ns in others)
    if any(not s.initiative.date_maj for s in recommendation.local):
        start, end = formatting.GUIDES_PERIOD
        lines += [
            "",
            f"Les actions tirées de guides publiés entre {start} et {end} sont à vérifier avant "
            "d'orienter la personne : elles ont pu changer ou s'arrêter.",
        ]
    return "\n".join(lines)
