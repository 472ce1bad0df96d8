"""Who can help a person the bot cannot, by age and by who is typing (play-test E, issue 16 item 6).

The missions locales serve the 16-25: before 16 school is compulsory (the collège, its psyEN, the CIO); from 26 it
is France Travail, Cap emploi or the PLIE. The same ages and addressees as the fiche (orientation/place_wording.py):
a 14-year-old asking for « un conseiller » must not be told « contactez votre mission locale ».
"""

from __future__ import annotations

from typing import Optional

from orientation.place_wording import SCHOOL_AGE_MAX
from orientation.voice import VOUS, of_person

MISSION_LOCALE_AGE_MAX = 25  # the missions locales' last age (16-25)

_SCHOOL = "au collège, le professeur principal ou le psychologue de l'Éducation nationale (psyEN), ou le CIO"
_ADULT = "France Travail (ou Cap emploi avec une RQTH, ou le PLIE)"

CANNOT_ANSWER = "Je ne sais pas répondre à cette question précise"


def _bracket(age: Optional[int]) -> str:
    if age is not None and age <= SCHOOL_AGE_MAX:
        return "school"
    if age is not None and age > MISSION_LOCALE_AGE_MAX:
        return "adult"
    return "mission-locale"


def cannot_answer_text(age: Optional[int], voice: str = VOUS) -> str:
    """One honest sentence for a question beyond what the bot knows, with who can answer it."""
    if of_person(voice):
        return f"{CANNOT_ANSWER}."  # the conseiller knows whom to ask
    bracket = _bracket(age)
    if bracket == "school":
        return f"{CANNOT_ANSWER} : {_SCHOOL} pourront vous répondre."
    if bracket == "adult":
        return f"{CANNOT_ANSWER} : un conseiller {_ADULT} pourra vous répondre."
    return f"{CANNOT_ANSWER} : un conseiller de la mission locale pourra vous répondre."


def handoff_text(age: Optional[int], voice: str = VOUS) -> Optional[str]:
    """« Parler à un conseiller » for a person the mission locale does not serve; None for the 16-25 (the
    domain's utter_human_handoff, « contactez votre mission locale », is right for them)."""
    bracket = _bracket(age)
    if bracket == "school":
        helps, whom = ("l'aider", "la personne") if of_person(voice) else ("vous aider", "vous")
        return (
            f"Avant 16 ans, c'est {_SCHOOL} qui peuvent {helps}, gratuitement. "
            f"La mission locale pourra accompagner {whom} à partir de 16 ans."
        )
    if bracket == "adult":
        return mission_locale_note(age, voice)
    return None


def mission_locale_note(age: Optional[int], voice: str = VOUS) -> Optional[str]:
    """Said instead of the mission locale's entry to a person outside its public (« la mission locale peut
    m'aider ? » at 27, play-test E e21); None for the 16-25."""
    bracket = _bracket(age)
    if bracket == "adult":
        accompanies = "accompagne la personne" if of_person(voice) else "vous accompagne"
        return (
            "La mission locale accompagne les jeunes jusqu'à 25 ans. "
            f"À partir de 26 ans, c'est {_ADULT} qui {accompanies}."
        )
    if bracket == "school":
        return handoff_text(age, voice)
    return None
