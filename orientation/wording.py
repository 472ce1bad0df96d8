"""Sentences the bot adds when a fact arrives: a correction acknowledged (« C'est noté : 22 ans. ») and the
one note an age calls for (15: school and the CIO; 26 and over: missions locales serve 16–25); and those said
after a list (orientation/refine.py decides, this module words): a trade narrowed, « plus près », what changed.

Pure functions of facts, unit-tested without Rasa; actions/extract_profile.py and actions/recommend.py send them.
"""

from __future__ import annotations

from typing import Any, List, Mapping, Optional

from knowledge.profile import AGE_MAX, AGE_MIN, BESOINS, DIPLOMES, SCOLARITES
from orientation.formatting import at_commune

_LOGEMENT = {
    "stable": "vous avez votre logement",
    "chez-parents": "vous vivez chez vos parents",
    "heberge-tiers": "vous êtes hébergé·e par un proche",
    "foyer-fjt": "vous vivez en foyer",
    "sans-domicile": "vous êtes sans logement",
}
_BOOLS = {
    "permis": ("vous avez le permis", "pas de permis"),
    "vehicule": ("vous avez un véhicule", "pas de véhicule"),
    "qpv": ("vous habitez un quartier prioritaire", "hors quartier prioritaire"),
}
# Said back in this order; handicap and RQTH are not repeated (« C'est noté. » is enough).
ACKNOWLEDGED = ("age", "commune", "besoin", "logement", "permis", "vehicule", "qpv", "scolarite", "diplome")
QUIET = ("handicap", "rqth")


def _age_text(age: float) -> str:
    return f"{int(age)} ans" if float(age).is_integer() else f"{str(age).replace('.', ',')} ans"


def fact_text(name: str, value: Any) -> Optional[str]:
    """A known value as the bot says it back, or None when it has no words for it."""
    if value is None:
        return None
    if name == "age":
        return _age_text(float(value))
    if name == "commune":
        return str(value)
    if name == "besoin" and value in BESOINS:
        return BESOINS[value][0]
    if name == "logement":
        return _LOGEMENT.get(value)
    if name in _BOOLS and isinstance(value, bool):
        return _BOOLS[name][0 if value else 1]
    if name == "scolarite":
        return SCOLARITES.get(value)
    if name == "diplome":
        return DIPLOMES.get(value)
    return None


def _plausible(name: str, value: Any) -> bool:
    # An absurd age is answered by the form's validation (« 150 ans ? »): never « C'est noté : 150 ans ».
    return name != "age" or (isinstance(value, (int, float)) and AGE_MIN <= value <= AGE_MAX)


def changed_facts(before: Mapping[str, Any], after: Mapping[str, Any]) -> List[str]:
    """The facts that were known and now say something else (an answer given for the first time is no change)."""
    return [
        name
        for name in (*ACKNOWLEDGED, *QUIET)
        if name in after
        and before.get(name) is not None
        and after[name] is not None
        and after[name] != before[name]
        and _plausible(name, after[name])
    ]


def correction_sentence(before: Mapping[str, Any], after: Mapping[str, Any]) -> Optional[str]:
    """« C'est noté : 22 ans. » — one sentence for all the facts this message changed, or None."""
    changed = changed_facts(before, after)
    if not changed:
        return None
    said = [text for text in (fact_text(name, after[name]) for name in changed) if text]
    return f"C'est noté : {', '.join(said)}." if said else "C'est noté."


# What answers a question besides its own slot: the commune question is answered by homonyms to choose from, the
# handicap one by the RQTH, the diploma one by the schooling (a pupil is not asked the diploma), the permis one by
# the vehicle said with it (« permis + caisse »).
_ANSWERED_BY = {
    "commune": ("commune", "code_insee", "departement", "commune_candidates"),
    "handicap": ("handicap", "rqth"),
    "rqth": ("rqth", "handicap"),
    "diplome": ("diplome", "scolarite"),
}


def out_of_turn_sentence(asked: Optional[str], before: Mapping[str, Any], after: Mapping[str, Any]) -> Optional[str]:
    """« C'est noté : vous êtes hébergé·e par un proche. » — the facts a message gave for the first time while another
    question was asked and left unanswered (« chez un pote » at the handicap question, play-test F): said back, then the
    form asks its question again. A changed fact is the correction's to say (correction_sentence); None otherwise."""
    if not asked or any(after.get(name) is not None for name in _ANSWERED_BY.get(asked, (asked,))):
        return None
    new = [name for name in ACKNOWLEDGED if after.get(name) is not None and before.get(name) is None]
    said = [text for text in (fact_text(name, after[name]) for name in new if _plausible(name, after[name])) if text]
    return f"C'est noté : {', '.join(said)}." if said else None


# ------------------------------------------------------------------------ age-appropriate path

# Permis B from 17 (since 1 January 2024, décret n° 2023-1275), accompanied driving (AAC) from 15.
PERMIS_MIN_AGE = 17
MISSION_LOCALE_MAX_AGE = 25

_AGE_NOTES = {
    "school": (
        "À votre âge, l'école est obligatoire jusqu'à 16 ans, puis la formation jusqu'à 18 ans "
        "(études, apprentissage, emploi ou service civique). Pour choisir une voie, le CIO (centre "
        "d'information et d'orientation) vous reçoit gratuitement ; la mission locale, dès 16 ans."
    ),
    "permis": (
        "Je ne vous demande pas le permis : il se passe à partir de 17 ans, mais la conduite "
        "accompagnée est possible dès 15 ans, avec une auto-école."
    ),
    "over": (
        "Bon à savoir : les missions locales accueillent les 16-25 ans. Je continue pour vous indiquer "
        "les structures qui peuvent vous aider à votre âge."
    ),
}


def _notes_for(age: Any) -> List[str]:
    if isinstance(age, bool) or not isinstance(age, (int, float)) or not AGE_MIN <= age <= AGE_MAX:
        return []  # unknown, absurd (validation answers it) or not a number (NaN fails the bounds)
    notes = []
    if age < 16:
        notes.append("school")
    if age < PERMIS_MIN_AGE:
        notes.append("permis")
    if age >= MISSION_LOCALE_MAX_AGE + 1:
        notes.append("over")
    return notes


def age_notes(before: Any, after: Any) -> List[str]:
    """What a newly known age calls for, once: a note already due for the previous age is not repeated."""
    already = set(_notes_for(before))
    return [_AGE_NOTES[key] for key in _notes_for(after) if key not in already]


# School is compulsory until 16 (the « school » note above): under it, the person is a pupil.
SCHOOL_AGE_END = 16


def is_pupil_age(age: Any) -> bool:
    return isinstance(age, (int, float)) and not isinstance(age, bool) and AGE_MIN <= age < SCHOOL_AGE_END


def asks_permis(age: Any) -> bool:
    return not isinstance(age, (int, float)) or isinstance(age, bool) or not age < PERMIS_MIN_AGE


DIPLOMA_NEEDS = frozenset({"emploi", "formation", "apprentissage", "ne-sait-pas"})


def asks_diplome(slots: Mapping[str, Any]) -> bool:
    """The diploma changes the answer (E2C, EPIDE, levels of training) only for a 16–25-year-old looking for
    work, training or a path, who is no longer at school."""
    age = slots.get("age")
    young = not isinstance(age, (int, float)) or isinstance(age, bool) or not age > MISSION_LOCALE_MAX_AGE
    return young and slots.get("besoin") in DIPLOMA_NEEDS and slots.get("scolarite") != "scolarise"


# ------------------------------------------------------------------------ after the list (orientation/refine.py)

ALREADY_CLOSEST_TEXT = "Ce sont déjà les actions les plus proches de chez vous que je connaisse."
SORTED_BY_DISTANCE_TEXT = "Je les classe de la plus proche à la plus éloignée de chez vous."
NEED_COMMUNE_FOR_DISTANCE_TEXT = (
    "Pour classer par distance, il me faut votre commune : écrivez-la, par exemple « j'habite à Fougères »."
)
# « plus près » after a list with no action (play-test D d21, d25): the places given are all the bot knows.
NOTHING_CLOSER_TEXT = (
    "Je n'ai pas d'action recensée plus près de chez vous : les lieux indiqués plus haut sont les plus proches "
    "que je connaisse."
)
UNCHANGED_TEXT = "Mes propositions restent celles que je vous ai données plus haut."
# A new fact or wish was taken into account, and the list came out the same.
UPDATED_SAME_TEXT = "J'ai mis à jour mes propositions : ce sont toujours celles de plus haut."

# Who knows more about a trade than this base, by what the person is after: employers for a job, training
# organisations for a course (live testers seeking a course were told about « employeurs qui recrutent »).
_WHO_KNOWS = {
    "emploi": "{who} connaît les employeurs qui recrutent.",
    "apprentissage": "{who} connaît les employeurs et les CFA qui recrutent des apprentis.",
    "formation": "{who} connaît les formations de votre région.",
}
_WHO_KNOWS_ANY = "un conseiller de {where} pourra chercher avec vous."


def in_sector_text(sector_label: str) -> str:
    return f"Voici les actions qui concernent {sector_label}."


def nothing_in_sector_text(sector_label: str, besoin: Optional[str], adult: bool, pupil: bool = False) -> str:
    """Nothing recorded for the trade: who to ask instead (France Travail for an adult, the CIO before 16 — the
    mission locale does not serve a 15-year-old, play-test E e05 —, else the mission locale)."""
    if pupil:
        return (
            f"Je n'ai pas d'action recensée pour {sector_label} près de chez vous ; le professeur principal, "
            "le psychologue de l'Éducation nationale (psyEN) du collège ou le CIO pourront chercher avec vous."
        )
    if adult:
        who, where = "votre agence France Travail", "France Travail"
    else:
        who, where = "votre mission locale", "votre mission locale"
    known = _WHO_KNOWS.get(besoin or "")
    tail = known.format(who=who) if known else _WHO_KNOWS_ANY.format(where=where)
    return f"Je n'ai pas d'action recensée pour {sector_label} près de chez vous ; " + tail


# A changed fact said back before the new list. Sensitive answers (logement, handicap) are only named.
_CHANGED_YES_NO = {
    "permis": ("vous avez le permis", "vous n'avez pas le permis"),
    "vehicule": ("vous avez un moyen de transport", "vous n'avez pas de moyen de transport à vous"),
    "qpv": ("vous habitez un quartier prioritaire", "vous n'habitez pas un quartier prioritaire"),
    "minima_sociaux": ("vous touchez un minimum social (RSA…)", "vous ne touchez pas de minimum social"),
}
_CHANGED = {
    "age": "vous avez {} ans",
    "besoin": "votre priorité : {}",
    "quartier": "votre quartier : {}",
    "logement": "votre réponse sur le logement",
    "handicap": "votre réponse sur le handicap",
    "secteur": "vous cherchez dans {}",
    "plus_pres": "vous voulez des actions plus proches",
}


def change_text(key: str, fact: Any) -> Optional[str]:
    """One changed fact as said back: `fact` is what to say (a yes/no, an age, a commune's or a trade's name)."""
    if key in _CHANGED_YES_NO:
        return _CHANGED_YES_NO[key][0 if fact else 1]
    if key == "code_insee":
        return f"vous habitez {at_commune(fact)}"
    return _CHANGED[key].format(fact) if key in _CHANGED else None


def changes_sentence(texts: List[str]) -> str:
    """« C'est noté : vous n'avez pas de moyen de transport à vous ; vous habitez à Rennes. »"""
    return "C'est noté : " + " ; ".join(texts) + "."


# ------------------------------------------------------------ a question after the list (orientation/after_list.py)

# The person can always ask for a human: offered with the next steps whenever the bot has no better answer.
CONSEILLER_BUTTON = {"title": "Parler à un conseiller", "payload": "/human_handoff"}
WHICH_WHY_TEXT = "Laquelle voulez-vous que je vous explique ?"
# The sentence for a question beyond what the bot knows: orientation/who_helps.py (it depends on the age).
# After a term about reading and writing: a person who finds writing hard is told, kindly, how to go on.
_TERM_NOTES = {
    "illettrisme": (
        "Ce n'est pas grave : vous pouvez me répondre avec des mots courts ou avec les boutons. "
        "La mission locale peut vous aider à trouver une formation pour lire et écrire, gratuitement."
    ),
}
_TERM_NOTES["fle"] = _TERM_NOTES["illettrisme"]


def term_note(term_id: str) -> Optional[str]:
    return _TERM_NOTES.get(term_id)


def why_button_title(index: int) -> str:
    return f"Pourquoi la {index}" if index > 1 else "Pourquoi la 1re"


# « je l'ai dit au début », « je viens de l'écrire » (play-test G g18): a reproach, not a restart. The bot keeps
# what it was told, says so, and the question is asked again (reading/conversation_cues.py).
REPROACH_TEXT = (
    "Pardon ! Je garde bien tout ce que vous m'avez déjà dit : je repose seulement la question qui me manque."
)
REPROACH_AFTER_LIST_TEXT = (
    "Pardon ! Je garde bien tout ce que vous m'avez déjà dit : mes propositions plus haut en tiennent compte."
)


def not_proposed_text(name: str, quand: Optional[str]) -> str:
    """« Pourquoi le CEJ ? » when the list did not give it (play-test G g24): said honestly, with whom it is for."""
    from orientation.matching.networks import when_sentence  # the matcher's own wording of `quand`

    text = f"Je ne vous ai pas proposé « {name} » d'après ce que vous m'avez dit."
    return f"{text} {when_sentence(quand)}" if quand else text
