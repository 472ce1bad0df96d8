"""Reading the other profile facts (reading/understanding.py, reading/need.py): permis and vehicle, housing,
handicap, the need, quartier, yes/no and emoji answers, as people type them; no parser ever crashes. The age
and schooling readers have their own files (tests/test_understanding_age.py, test_understanding_schooling.py)."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reading.understanding import (
    parse_age,
    parse_besoin,
    parse_handicap,
    parse_logement,
    parse_permis,
    parse_quartier,
    parse_vehicule,
    parse_yes_no,
)
from tests.support.reading import reader_test

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    "text, permis, vehicule",
    [
        ("g pa le permi", False, None),
        ("j'ai pas le permis", False, None),
        ("sans permis", False, None),
        ("je passe le permis en ce moment", False, None),
        ("j'ai le permis B", True, None),
        ("permis B ok", True, None),
        ("jai le permis mais pas de voiture", True, False),
        ("j'ai un scooter", None, True),
        ("je suis véhiculé", None, True),
        ("pas véhiculé", None, False),
        ("j'ai pas de voiture", None, False),
        ("je cherche du travail", None, None),
        # Third person and slang.
        ("il a pas le permis", False, None),
        ("elle a le permis", True, None),
        ("il a une voiture", None, True),
        ("j'ai raté le permis", False, None),
        ("j'ai que le code", False, None),
        ("je suis à pied", None, False),
    ],
)
def test_permis_and_vehicule(text, permis, vehicule):
    assert parse_permis(text) is permis
    assert parse_vehicule(text) is vehicule


# What each reader makes of a message on its own (no question asked).
READS = {
    parse_logement: [
        ("je vis chez mes parents", "chez-parents"),
        ("chez ma mère", "chez-parents"),
        ("hébergé chez un pote", "heberge-tiers"),
        ("je dors chez des amis de gauche a droite", "heberge-tiers"),
        ("je suis a la rue", "sans-domicile"),
        ("sdf depuis 1 mois", "sans-domicile"),
        ("en foyer jeunes travailleurs", "foyer-fjt"),
        ("j'ai mon appart", "stable"),
        ("je cherche du boulot", None),
    ],
    parse_handicap: [
        ("j'ai la RQTH", "rqth"),
        ("je suis reconnu travailleur handicapé", "rqth"),
        ("pas de handicap", "non"),
        ("je suis dyslexique", "oui-sans-rqth"),
        ("j'ai un handicap mais pas de rqth", "oui-sans-rqth"),
        ("j'ai 19 ans", None),
    ],
    parse_besoin: [
        ("je cherche du taf", "emploi"),
        ("une alternance", "apprentissage"),
        ("je veux creer ma boite", "creation-activite"),
        ("passer le permis", "mobilite-permis"),
        ("je cherche une formation", "formation"),
        ("je cherche un logement", "logement"),
        ("je sais pas quoi faire de ma vie", "ne-sait-pas"),
        ("bonjour", None),
    ],
    # Yes and no.
    parse_yes_no: [
        ("oui", True),
        ("ouais", True),
        ("Non", False),
        ("nan", False),
        ("peut-être", None),
        # Emoji answers.
        ("👍", True),
        ("👍🏽", True),
        ("👍👍", True),
        ("✅", True),
        ("👎", False),
        ("❌", False),
        ("👍 merci", None),
        ("😀", None),
    ],
}

test_a_message_on_its_own = reader_test(READS)


def test_quartier_after_a_cue_word():
    assert parse_quartier("j'habite le quartier de la Villeneuve") == "Villeneuve"
    assert parse_quartier("à la cité des Bosquets et j'ai 19 ans") == "Bosquets"
    assert parse_quartier("j'habite à Grenoble") is None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_parsers_never_crash_on_any_text(text):
    parse_age(text, expecting_age=True, today=TODAY)
    parse_permis(text)
    parse_vehicule(text)
    parse_logement(text)
    parse_handicap(text)
    parse_besoin(text)
    parse_quartier(text)
    parse_yes_no(text)


# ------------------------------------------------------------------ needs and situations as typed


@pytest.mark.parametrize(
    "text, besoin, logement",
    [
        ("jcherche un logement", "logement", None),
        ("un endroit pour dormir", "logement", None),  # asking for a place: the situation is asked next
        ("je fais des missions à droite à gauche", None, None),
        ("je dors à droite à gauche", None, "heberge-tiers"),
        ("faut que je bosse", "emploi", None),
        ("g nulle part ou pioncer", "logement", "sans-domicile"),
        ("je cherche un appart", "logement", None),
        ("jveux bosser", "emploi", None),
        ("du taf svp", "emploi", None),
        ("un job", "emploi", None),
        ("une formation en alternance", "apprentissage", None),
        ("elle vit chez ses parents", None, "chez-parents"),
        ("chez ses parents", None, "chez-parents"),
        ("il dort chez sa soeur", None, "heberge-tiers"),
        ("j'ai un cap cuisine", None, None),
        ("j'ai perdu mon permis", None, None),
        ("j'ai mon appart", None, "stable"),
    ],
)
def test_needs_and_housing_as_people_type_them(text, besoin, logement):
    assert parse_besoin(text) == besoin
    assert parse_logement(text) == logement


def test_doubt_says_no():
    assert parse_yes_no("jcrois pas") is False and parse_yes_no("je pense pas") is False
    assert parse_yes_no("je crois") is None


# (text, expecting, expected): a bare word (« chez moi », « un appart », « jsp ») or a misspelt need answers the
# reader's own question only (expecting=True); elsewhere (expecting=False) it is read only where a need is meant.
READS_AS_ANSWER = {
    parse_logement: [
        ("chez moi", True, "stable"),
        ("en appart", True, "stable"),
        ("chez moi", False, None),
        ("je suis chez moi a lyon", True, None),
    ],
    parse_besoin: [
        ("un appart", True, "logement"),
        ("un appart", False, None),
        *(
            (text, expecting, "ne-sait-pas" if expecting else None)
            for text in ("jsp du tout", "je sais pas", "aucune idée", "bah jsp")
            for expecting in (True, False)
        ),
        ("emplio", True, "emploi"),
        ("un logemnt", True, "logement"),
        ("aprentissage", True, "apprentissage"),
        ("je cherche un emplio", False, "emploi"),
        ("jcherche une formaton", False, "formation"),
        ("emplio", False, None),  # not asked, no « je cherche »: no guess
        ("employé", True, None),
        ("travaux", True, None),
        ("formateur", True, None),  # real words two edits away
        ("alors", True, None),
        ("merci", True, None),
        ("bonsoir", True, None),
        ("je cherche mes clefs", False, None),
    ],
}

test_a_bare_or_misspelt_word_is_read_only_where_it_is_meant = reader_test(READS_AS_ANSWER, keywords=("expecting",))


def test_a_negated_or_well_spelt_need_is_left_to_the_patterns():
    from reading.understanding import parse_besoin

    assert parse_besoin("pas d apprentissage", expecting=True) is None
    assert parse_besoin("pas d aprentissage", expecting=True) is None
