"""The voice (orientation/voice.py): the same sentences said to the young person (« vous ») or, to a conseiller
typing for them, of « la personne » (play-test E, issue 16 item 6)."""

from __future__ import annotations

import re

import pytest

from knowledge.loader import load_knowledge
from knowledge.profile import Profile
from orientation import formatting
from orientation.matching import Matcher
from orientation.voice import PERSONNE, VOUS, in_voice, said_to, voice_of

# What may still say « vous » to a conseiller: the conseiller themselves (« que vous accompagnez », « vérifiez »).
_SECOND_PERSON = re.compile(r"\b(?:vous|votre|vos|vôtre)\b", re.IGNORECASE)
_ADDRESSING_THE_CONSEILLER = ("que vous accompagnez", "adressez-vous")


def _second_person_left(text: str) -> list:
    for allowed in _ADDRESSING_THE_CONSEILLER:
        text = text.replace(allowed, "")
    return _SECOND_PERSON.findall(text)


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(load_knowledge())


PROFILES = [
    Profile(age=20, code_insee="35115", permis=False, besoin="emploi", logement="chez-parents", diplome="aucun"),
    # « emploi »: for a training, Marseille 14e has no recorded action since play-test F (the Gavotte-Peyret
    # room is documentation, not help to find a training)
    Profile(age=19, code_insee="13214", qpv=True, besoin="emploi", handicap="rqth", vehicule=False),
    Profile(age=23, code_insee="13214", besoin="emploi", logement="sans-domicile", secteur="vente", refugie=True),
    Profile(age=22, code_insee="35115", besoin="mobilite-permis", scolarite="sorti", minima_sociaux=True),
]


@pytest.mark.parametrize("profile", PROFILES)
def test_every_reason_intro_and_detail_is_said_of_the_person_to_a_conseiller(matcher: Matcher, profile: Profile):
    found = matcher.recommend(profile)
    texts = [formatting.intro_text(found, voice=PERSONNE), formatting.profile_summary(profile, PERSONNE)]
    for index, s in enumerate(found.local, start=1):
        # The record's own words (its description, quoted from the source) are not ours to rewrite.
        quoted = s.initiative.description
        texts += [
            formatting.suggestion_why(s, PERSONNE),
            formatting.suggestion_text(s, index, PERSONNE).replace(formatting.one_line(quoted), ""),
            *(
                line
                for line in formatting.suggestion_details(s, PERSONNE).splitlines()
                if line.startswith(("Pour la joindre", "Une action qui a existé"))
            ),
        ]
    assert found.local  # the profiles are chosen to have actions: else the test says nothing
    for text in texts:
        assert _second_person_left(text) == [], text


@pytest.mark.parametrize("profile", PROFILES)
def test_the_young_person_is_still_addressed_as_vous(matcher: Matcher, profile: Profile):
    found = matcher.recommend(profile)
    why = [formatting.suggestion_why(s, VOUS) for s in found.local]
    assert all(w.startswith("Pourquoi je vous la propose :") for w in why)
    assert formatting.intro_text(found, voice=VOUS) == formatting.intro_text(found)
    assert "la personne" not in formatting.intro_text(found, voice=VOUS)


def test_the_recap_says_vos_parents_to_the_young_person_and_ses_parents_of_them():
    profile = Profile(age=16, logement="chez-parents")
    assert "- Logement : chez vos parents" in formatting.profile_summary(profile, VOUS).splitlines()
    to_conseiller = formatting.profile_summary(profile, PERSONNE).splitlines()
    assert to_conseiller[0] == "Ce que je sais de la situation de la personne :"
    assert "- Logement : chez ses parents" in to_conseiller
    # The fiche is read by a conseiller: written of the person.
    assert "- Logement : chez ses parents" in formatting.profile_lines(profile)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "Elle aide à trouver un emploi, ce que vous cherchez.",
            "Elle aide à trouver un emploi, ce que la personne cherche.",
        ),
        (
            "Elle est réservée aux personnes sans logement, ce qui est votre cas.",
            "Elle est réservée aux personnes sans logement, ce qui est son cas.",
        ),
        ("Votre diplôme le plus élevé est un CAP ou un BEP", "Son diplôme le plus élevé est un CAP ou un BEP"),
        ("Elle a lieu à Fougères, votre commune.", "Elle a lieu à Fougères, sa commune."),
        ("Vous n'avez pas de logement.", "La personne n'a pas de logement."),
    ],
)
def test_pronoun_mapping(sentence: str, expected: str):
    assert in_voice(sentence, PERSONNE) == expected
    assert in_voice(sentence, VOUS) == sentence


def test_voice_of_the_slot():
    assert voice_of("conseiller") == PERSONNE
    assert voice_of("jeune") == voice_of(None) == VOUS
    assert said_to("chez ses parents", PERSONNE) == "chez ses parents"


def test_the_data_age_note_is_not_parlez_en_a_votre_conseiller_to_a_conseiller():
    note = in_voice(formatting.DATA_AGE_NOTE, PERSONNE)
    assert "votre conseiller" not in note and "existent encore" in note
