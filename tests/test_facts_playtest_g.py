"""Play-test G misreadings of sensitive facts (/work/notes/playtest-G.md g20, g21): a pending RQTH request is no
recognition; a social worker's own job is not the young person's wish; a CHRS is emergency or temporary housing,
not a foyer de jeunes travailleurs."""

from datetime import date

import pytest

from reading.facts import RQTH_PENDING_NOTE, read_facts
from reading.interlocutor import CONSEILLER, interlocutor, wished_sector

TODAY = date(2026, 12, 8)
G20 = (
    "Bonjour, conseiller ML à Ajaccio. Je reçois un jeune homme de 23 ans, dossier RQTH déposé à la MDPH il y a "
    "2 mois (pas encore de réponse). Il cherche un emploi, il a le permis mais pas de voiture."
)
G21 = (
    "Bonjour, je suis travailleuse sociale au CHRS de Perpignan. Une jeune de 22 ans hébergée chez nous (quartier "
    "Saint-Jacques) cherche un logement autonome et un emploi. Elle a un bac pro, pas le permis."
)


@pytest.mark.parametrize(
    "text",
    [
        G20,
        "j'attends la réponse de la MDPH",
        "RQTH en cours",
        "jai une RQTH en cours",
        "ma RQTH est en cours",
        "jai fait une demande de RQTH",
        "ma demande RQTH est en attente",
        "jai déposé un dossier à la MDPH pour la RQTH",
        "il est en attente de sa RQTH",
        "il a pas encore sa RQTH, le dossier est à la MDPH",
        "Sa RQTH n'est pas encore accordée",
        "la MDPH a pas encore répondu pour ma RQTH",
    ],
)
def test_a_pending_rqth_request_is_a_handicap_without_rqth(text):
    facts = read_facts(text, today=TODAY)
    assert facts.slots.get("handicap") is True
    assert facts.slots.get("rqth") is False  # not granted, and not asked again
    assert RQTH_PENDING_NOTE in facts.notes  # said back, in words that suit the young person and a conseiller


@pytest.mark.parametrize(
    "text",
    [
        "jai une RQTH",
        "j'ai une RQTH depuis 2022 (épilepsie)",
        "J'ai une RQTH pour une dyslexie et des problèmes de dos.",
        "ma RQTH a été acceptée le mois dernier",
        "la MDPH m'a reconnue travailleuse handicapée",
    ],
)
def test_a_granted_rqth_stays_a_recognition(text):
    facts = read_facts(text, today=TODAY)
    assert facts.slots.get("rqth") is True
    assert RQTH_PENDING_NOTE not in facts.notes


@pytest.mark.parametrize("text", ["je n'ai pas fait de demande de RQTH", "pas de dossier MDPH, pas de RQTH"])
def test_no_request_made_is_no_pending_request(text):
    facts = read_facts(text, today=TODAY)
    assert facts.slots.get("rqth") is not True
    assert RQTH_PENDING_NOTE not in facts.notes


def test_the_social_worker_s_own_job_is_not_the_young_woman_s_wish():
    assert wished_sector(G21) is None


@pytest.mark.parametrize(
    "text, sector",
    [
        ("je voudrais devenir travailleuse sociale", "social-educatif"),
        ("je suis éducatrice à l'ASE, elle veut travailler dans le social", "social-educatif"),
        ("je suis conseillère à la mission locale, il cherche dans la vente", "vente"),
        ("je cherche un taf dans le btp", "batiment"),
    ],
)
def test_a_wish_said_beside_the_speaker_s_job_is_still_read(text, sector):
    assert wished_sector(text) == sector


def test_a_secteur_entity_inside_the_speaker_s_job_is_not_the_wish():
    text = "je suis travailleuse sociale au CHRS, elle cherche un emploi"
    start = text.index("travailleuse sociale")
    entity = {"entity": "secteur", "value": "social-educatif", "start": start, "end": start + 20}
    assert wished_sector(text, [entity]) is None


@pytest.mark.parametrize("text", [G21, "je suis en CHRS", "elle est hébergée dans un centre d'hébergement"])
def test_a_chrs_is_emergency_or_temporary_housing_not_a_fjt(text):
    assert read_facts(text, today=TODAY).slots.get("logement") == "sans-domicile"


@pytest.mark.parametrize("text", ["je suis en FJT", "je vis en foyer jeunes travailleurs", "je suis au foyer de l'ASE"])
def test_a_foyer_stays_a_foyer(text):
    assert read_facts(text, today=TODAY).slots.get("logement") == "foyer-fjt"


def test_a_sales_adviser_speaks_of_her_own_trade():
    """« conseillère de vente » is a young person's job, not a conseiller typing for someone."""
    text = "je suis conseillère de vente et je cherche un CDI dans la vente"
    assert interlocutor(text) is None
    assert wished_sector(text) == "vente"
    assert interlocutor("je suis conseillère à la mission locale de Sedan") == CONSEILLER
