"""French texts the actions send, kept together so that the tone stays the same everywhere."""

from __future__ import annotations

import math
from typing import Dict, List, Optional, Sequence, Tuple

WHY_QUESTION = {
    "besoin": "Savoir ce que vous cherchez me permet de vous proposer les bonnes structures.",
    "age": "Beaucoup d'aides dépendent de l'âge : par exemple, les missions locales accueillent les 16-25 ans.",
    "commune": "Je cherche les structures près de chez vous : votre commune me dit lesquelles sont proches.",
    "qpv": "Certaines actions sont réservées aux habitants des quartiers prioritaires (QPV). Si vous ne savez pas, ce n'est pas grave.",
    "permis": "Sans permis, certaines structures aident à le passer ou à se déplacer autrement.",
    "vehicule": "Sans véhicule, il existe des aides à la mobilité (location, covoiturage…).",
    "logement": "Si vous n'avez pas de logement stable, des structures peuvent vous aider à en trouver un.",
    "diplome": "Certaines structures (École de la 2e chance, EPIDE…) sont faites pour les jeunes sans diplôme ; d'autres demandent un niveau. Répondre est facultatif.",
    "handicap": "Une personne en situation de handicap peut avoir droit à un accompagnement en plus (Cap emploi par exemple). Répondre est facultatif, et votre réponse n'est pas conservée après la conversation.",
    "rqth": "Avec la RQTH, vous pouvez être suivi·e par Cap emploi. Sans elle, la MDPH peut vous aider à la demander. Répondre est facultatif.",
}
WHY_GENERIC = "Je pose quelques questions pour trouver les structures qui vous correspondent. Toutes sont facultatives."

REPROMPT = {
    "age": "Je n'ai pas compris votre âge. Écrivez-le en chiffres, par exemple « 19 ans », ou votre année de naissance.",
    "commune": "Je ne trouve pas cette commune. Pouvez-vous vérifier l'orthographe ou donner le code postal (par exemple « Fougères » ou « 35300 ») ?",
    "commune-non": "D'accord, ce n'est pas celle-là.",
    "qpv": "Répondez « oui », « non » ou « je ne sais pas », ou donnez le nom de votre quartier.",
    "diplome": "Choisissez un bouton, ou écrivez votre diplôme (« CAP », « bac pro », « BTS », « aucun »).",
    "besoin": "Choisissez ce qui vous correspond le mieux, ou écrivez-le avec vos mots (« un emploi », « une formation »…).",
    # A thumbs-up does not record a handicap (reading/facts.py): the answer is asked in words or with a button.
    "handicap-emoji": "Pour cette question, répondez avec un bouton (« Oui », « Non » ou « Je préfère ne pas répondre »), ou en toutes lettres.",
    "rqth-emoji": "Pour cette question, répondez avec un bouton (« Oui », « Non » ou « Je préfère ne pas répondre »), ou en toutes lettres.",
}
# The welcome in short (domain.yml utter_welcome + utter_welcome_privacy), said once before the next question when the
# first message already carried facts and the greeting rule never ran (play-test round C).
WELCOME_NOTE = (
    "Je suis Aiguillage, l'assistant automatique de la mission locale. Mes questions sont facultatives, "
    "et vous pouvez écrire « effacer mes données » à tout moment."
)
REPROMPT_GENERIC = "Je n'ai pas bien compris votre réponse. Vous pouvez utiliser les boutons, ou écrire « je préfère ne pas répondre »."
OFFER_SKIP = "Cette question semble compliquée. Voulez-vous la passer ?"
SKIP_BUTTON = {"title": "Passer cette question", "payload": "/decline"}


def age_out_of_range(age: float) -> str:
    if not math.isfinite(age) or abs(age) >= 1000:
        return REPROMPT["age"]  # repeating "1e309 ans" back would only confuse
    shown = int(age) if float(age).is_integer() else age
    if age < 14:
        return f"{shown} ans, vraiment ? Je pense avoir mal compris. Quel âge avez-vous (par exemple « 19 ans ») ?"
    return f"{shown} ans ? Je pense avoir mal compris. Pouvez-vous me redonner votre âge en chiffres ?"


def commune_homonyms(name: str, conseiller: bool = False) -> str:
    which = "la sienne" if conseiller else "la vôtre"
    return f"Plusieurs communes correspondent à « {name} ». Laquelle est {which} ?"


COMMUNE_QUESTION = "Dans quelle commune habitez-vous ? (le nom ou le code postal)"
ANOTHER_COMMUNE_BUTTON = {"title": "Non, une autre commune", "payload": "/deny"}


def _pick(code: str) -> str:
    return f'/inform{{"code_insee": "{code}"}}'


# A conseiller typing for a young person (slot `interlocuteur`, reading/interlocutor.py) is asked about « la personne ».
COMMUNE_QUESTION_CONSEILLER = "Dans quelle commune habite la personne que vous accompagnez ? (le nom ou le code postal)"


def commune_question(
    offered: Sequence[Tuple[str, str, str]],
    departement: Optional[str],
    misses: int,
    max_misses: int,
    conseiller: bool = False,
) -> Tuple[str, List[Dict[str, str]]]:
    """The commune question and its buttons. ``offered``: (code, nom, département label) of the communes
    to choose from (several: homonyms) or to confirm (one: a name not typed exactly); ``departement``:
    the label of a département already given; ``misses``: answers not understood or refused so far;
    ``conseiller``: asked of a conseiller about the person they accompany."""
    your, live = ("sa", "habite-t-elle") if conseiller else ("votre", "habitez-vous")
    if len(offered) == 1:
        code, nom, where = offered[0]
        return f"{your.capitalize()} commune est-elle {nom} ({where}) ?", [
            {"title": "Oui", "payload": _pick(code)},
            ANOTHER_COMMUNE_BUTTON,
        ]
    if offered:
        buttons = [{"title": f"{nom} ({where})", "payload": _pick(code)} for code, nom, where in offered]
        return commune_homonyms(offered[0][1], conseiller), buttons
    if departement:
        if conseiller:
            return f"Dans quelle commune de ce département ({departement}) la personne {live} ?", []
        return f"Dans quelle commune de ce département ({departement}) {live} ?", []
    if misses >= max_misses:
        return (
            f"Je ne trouve pas {your} commune. Donnez au moins {'son' if conseiller else 'votre'} département, "
            "en chiffres ou en lettres (par exemple « 26 » ou « Drôme »), ou passez cette question."
        ), [SKIP_BUTTON]
    return (COMMUNE_QUESTION_CONSEILLER if conseiller else COMMUNE_QUESTION), []
