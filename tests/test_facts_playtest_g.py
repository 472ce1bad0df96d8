"""Play-test G misreadings of sensitive facts (/work/notes/playtest-G.md g20, g21): a pending RQTH request is no
recognition; a social worker's own job is not the young person's wish; a CHRS is emergency or temporary housing,
not a foyer de jeunes travailleurs."""

from datetime import date
from typing import Optional, Tuple

import pytest

from reading.facts import RQTH_PENDING_NOTE, read_facts
from reading.interlocutor import CONSEILLER, interlocutor, wished_sector
from tests.support.reading import reader_test

TODAY = date(2026, 12, 8)
G20 = (
    "Bonjour, conseiller ML à Ajaccio. Je reçois un jeune homme de 23 ans, dossier RQTH déposé à la MDPH il y a "
    "2 mois (pas encore de réponse). Il cherche un emploi, il a le permis mais pas de voiture."
)
G21 = (
    "Bonjour, je suis travailleuse sociale au CHRS de Perpignan. Une jeune de 22 ans hébergée chez nous (quartier "
    "Saint-Jacques) cherche un logement autonome et un emploi. Elle a un bac pro, pas le permis."
)


# « en cours », « déposé », « pas encore accordée »: a handicap said, the RQTH asked for and not granted yet.
PENDING = [
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
]


def rqth_read(text: str) -> Tuple[Optional[bool], bool]:
    """The RQTH slot a message sets, and whether the pending request is said back."""
    facts = read_facts(text, today=TODAY)
    return facts.slots.get("rqth"), RQTH_PENDING_NOTE in facts.notes


def housing_read(text: str) -> Optional[str]:
    return read_facts(text, today=TODAY).slots.get("logement")


READS = {
    rqth_read: [
        # Pending: not granted, and not asked again; said back in words that suit the young person and a conseiller.
        *((text, (False, True)) for text in PENDING),
        # Granted: a recognition.
        ("jai une RQTH", (True, False)),
        ("j'ai une RQTH depuis 2022 (épilepsie)", (True, False)),
        ("J'ai une RQTH pour une dyslexie et des problèmes de dos.", (True, False)),
        ("ma RQTH a été acceptée le mois dernier", (True, False)),
        ("la MDPH m'a reconnue travailleuse handicapée", (True, False)),
        # No request made is no pending request.
        ("je n'ai pas fait de demande de RQTH", (False, False)),
        ("pas de dossier MDPH, pas de RQTH", (False, False)),
    ],
    wished_sector: [
        # The social worker's own job is not the young woman's wish…
        (G21, None),
        # …and a wish said beside the speaker's job is still read.
        ("je voudrais devenir travailleuse sociale", "social-educatif"),
        ("je suis éducatrice à l'ASE, elle veut travailler dans le social", "social-educatif"),
        ("je suis conseillère à la mission locale, il cherche dans la vente", "vente"),
        ("je cherche un taf dans le btp", "batiment"),
    ],
    housing_read: [
        # A CHRS is emergency or temporary housing, not a FJT…
        (G21, "sans-domicile"),
        ("je suis en CHRS", "sans-domicile"),
        ("elle est hébergée dans un centre d'hébergement", "sans-domicile"),
        # …and a foyer stays a foyer.
        ("je suis en FJT", "foyer-fjt"),
        ("je vis en foyer jeunes travailleurs", "foyer-fjt"),
        ("je suis au foyer de l'ASE", "foyer-fjt"),
    ],
}

test_rqth_trade_and_housing_said = reader_test(READS)


@pytest.mark.parametrize("text", PENDING)
def test_a_pending_rqth_request_is_a_handicap(text):
    assert read_facts(text, today=TODAY).slots.get("handicap") is True


def test_a_secteur_entity_inside_the_speaker_s_job_is_not_the_wish():
    text = "je suis travailleuse sociale au CHRS, elle cherche un emploi"
    start = text.index("travailleuse sociale")
    entity = {"entity": "secteur", "value": "social-educatif", "start": start, "end": start + 20}
    assert wished_sector(text, [entity]) is None


def test_a_sales_adviser_speaks_of_her_own_trade():
    """« conseillère de vente » is a young person's job, not a conseiller typing for someone."""
    text = "je suis conseillère de vente et je cherche un CDI dans la vente"
    assert interlocutor(text) is None
    assert wished_sector(text) == "vente"
    assert interlocutor("je suis conseillère à la mission locale de Sedan") == CONSEILLER
