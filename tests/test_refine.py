"""After the suggestions: trades read from messages and records, narrowing, « plus près », what changed."""

from pathlib import Path

import pytest

from knowledge.models import Eligibilite, Initiative, Porteur, Zone
from knowledge.sectors import default_sectors, find_sector, load_sectors, read_sector, record_in_sector, sectors_by_id
from orientation.matching import COMMUNE, DEPARTEMENT, NATIONAL, REGION, Suggestion
from orientation.refine import (
    ALREADY_CLOSEST_TEXT,
    Wishes,
    describe_changes,
    no_sector_text,
    refine,
    snapshot,
    wants_closer,
)
from tests.support.reading import reader_test


def record(rid: str, description: str, nom: str = "Une action") -> Initiative:
    return Initiative(
        id=rid,
        nom=nom,
        description=description,
        porteur=Porteur("Association", "association"),
        publics=("jeunes",),
        thematiques=(),
        zone=Zone("departement"),
        eligibilite=Eligibilite(),
        statut="a-verifier",
        sources=(),
    )


def suggestion(
    rid: str,
    description: str = "Des ateliers pour trouver un emploi.",
    proximity: str = DEPARTEMENT,
    score: float = 5.0,
) -> Suggestion:
    return Suggestion(record(rid, description), proximity, score, (), False, "", (), None)


SECTORS = default_sectors()
VENTE = sectors_by_id()["vente"]


# --------------------------------------------------------------------------- vocabulary


def test_the_vocabulary_has_the_trades_of_issues_14_and_16():
    assert {s.id for s in SECTORS} == {
        "vente",
        "batiment",
        "restauration",
        "aide-personne-sante",
        "logistique-transport",
        "industrie",
        "numerique",
        "agriculture-espaces-verts",
        "securite",
        "animation-sport",
        "proprete",
        "mecanique-auto",
        # Play-test D (issue 16): bakers were read as restaurants; hairdressing and social work were lost.
        "metiers-de-bouche",
        "coiffure-esthetique",
        "social-educatif",
    }


def test_a_vocabulary_without_date_or_source_is_refused(tmp_path: Path):
    path = tmp_path / "secteurs.yaml"
    path.write_text("secteurs:\n  - {id: vente, libelle: la vente, mots: [vente], fiches: [vente]}\n")
    with pytest.raises(ValueError, match="date"):
        load_sectors(path)


def test_a_sector_without_record_words_is_refused(tmp_path: Path):
    path = tmp_path / "secteurs.yaml"
    path.write_text("date: 2026-12-07\nsource: test\nsecteurs:\n  - {id: vente, libelle: la vente, mots: [vente]}\n")
    with pytest.raises(ValueError, match="fiches"):
        load_sectors(path)


test_find_sector_reads_what_people_type = reader_test(
    {
        find_sector: [
            ("je veux travailler dans la vente", "vente"),
            ("dans la vente", "vente"),
            ("plutôt le bâtiment", "batiment"),
            ("PLUTOT LE BTP", "batiment"),
            ("un truc en cuisine", "restauration"),
            ("je veux etre aide soignante", "aide-personne-sante"),
            ("je me vois bien cariste", "logistique-transport"),
            ("je veux devenir mécanicien", "mecanique-auto"),
            ("agent de sécurité", "securite"),
            # Play-test D
            ("voudrait un apprentissage en boulangerie", "metiers-de-bouche"),
            ("je cherche une alternance en coiffure", "coiffure-esthetique"),
            ("je voudrais me reconvertir dans le social (éduc spé)", "social-educatif"),
            ("Il est intéressé par le numérique, vous avez quelque chose ?", "numerique"),
            ("dans les espaces verts", "agriculture-espaces-verts"),
            # The first trade written wins.
            ("la restauration ou sinon la vente", "restauration"),
        ],
    }
)


@pytest.mark.parametrize(
    "text",
    [
        "j'ai pas de moyen de transport",  # the vehicle question, not logistics
        "je veux devenir auto-entrepreneur",  # not the car trade
        "un chantier d'insertion",  # not the building trade
        "j'ai un problème de santé",  # the handicap question, not the health trade
        "j'habite à côté du centre commercial",  # a place, not the sales trade
        "je suis sous surveillance électronique",  # justice, never read as the security trade
        "je suis suivie par une éducatrice de l'ASE",  # followed by one, not the social trade
        "j'ai rendez-vous avec l'assistante sociale",
        "j'habite en logement social",
        "j'ai vu ça sur votre site web",
        "je cherche un emploi",
        "non merci",
        '/inform{"besoin": "emploi"}',  # a button payload says nothing in words
        "",
    ],
)
def test_find_sector_stays_silent_on_other_messages(text):
    assert find_sector(text) is None


def test_a_tagged_entity_wins_and_its_words_count_when_the_value_is_not_an_id():
    assert read_sector("truc", [{"entity": "secteur", "value": "batiment"}]) == "batiment"
    assert read_sector("truc", [{"entity": "secteur", "value": "la plomberie"}]) == "batiment"
    assert read_sector("dans la vente", [{"entity": "age", "value": "19"}]) == "vente"


def test_records_are_matched_on_whole_words_and_exclusions():
    securite = sectors_by_id()["securite"]
    assert record_in_sector(record("a", "Une boutique école pour apprendre la vente."), VENTE)
    assert not record_in_sector(record("b", "Formation au magasinage et à la manutention."), VENTE)
    assert record_in_sector(record("c", "Des emplois dans la sécurité et le nettoyage."), securite)
    assert not record_in_sector(record("d", "Un module de sécurité routière avant le permis."), securite)
    assert record_in_sector(record("e", "Rien ici.", nom="Les métiers de la vente"), VENTE)
    assert not record_in_sector(record("f", "Des chantiers du bâtiment dans un centre commercial."), VENTE)


# --------------------------------------------------------------------------- refine


def test_a_trade_narrows_the_list_to_the_records_that_touch_it():
    pool = [
        suggestion("a"),
        suggestion("b", "Une boutique école de vente."),
        suggestion("c"),
        suggestion("d", "Des vendeurs en magasin."),
        suggestion("e"),
    ]
    result = refine(pool, Wishes(secteur="vente"), limit=4, previous=["a", "b", "c", "e"])
    assert [s.initiative.id for s in result.local] == ["b", "d"]
    assert result.notes == ("Voici les actions qui concernent la vente et le commerce.",)
    assert not result.unchanged


def test_a_trade_nobody_covers_is_said_honestly_and_the_list_stays():
    pool = [suggestion("a"), suggestion("b"), suggestion("c")]
    result = refine(pool, Wishes(secteur="vente"), limit=4, previous=["a", "b", "c"])
    assert [s.initiative.id for s in result.local] == ["a", "b", "c"]
    assert result.notes == (no_sector_text(VENTE),)
    assert "Je n'ai pas d'action recensée pour la vente et le commerce près de chez vous" in result.notes[0]
    assert "mission locale" in result.notes[0]
    assert result.unchanged


def test_closer_sorts_by_closeness_keeping_the_matcher_order_among_equals():
    pool = [
        suggestion("far", proximity=REGION),
        suggestion("nat", proximity=NATIONAL),
        suggestion("dep1", proximity=DEPARTEMENT),
        suggestion("town", proximity=COMMUNE),
        suggestion("dep2", proximity=DEPARTEMENT),
    ]
    result = refine(pool, Wishes(plus_pres=True), limit=4, previous=["far", "nat", "dep1", "town"])
    assert [s.initiative.id for s in result.local] == ["town", "dep1", "dep2", "far"]
    assert "plus proche à la plus éloignée" in result.notes[0]
    assert not result.unchanged


def test_closer_when_already_closest_says_so():
    pool = [suggestion("town", proximity=COMMUNE), suggestion("dep", proximity=DEPARTEMENT)]
    result = refine(pool, Wishes(plus_pres=True), limit=4, previous=["town", "dep"])
    assert result.unchanged and result.notes == (ALREADY_CLOSEST_TEXT,)


def test_closer_without_a_commune_asks_for_it():
    pool = [suggestion("nat", proximity=NATIONAL)]
    result = refine(pool, Wishes(plus_pres=True), limit=4, knows_place=False)
    assert "il me faut votre commune" in result.notes[0]


def test_no_wish_keeps_the_matcher_list_and_the_first_list_is_never_unchanged():
    pool = [suggestion(str(i)) for i in range(6)]
    result = refine(pool, Wishes(), limit=4)
    assert [s.initiative.id for s in result.local] == ["0", "1", "2", "3"] and result.notes == ()
    assert not result.unchanged


test_wants_closer = reader_test(
    {
        wants_closer: [
            ("plus près", True),
            ("t'as pas plus proche ?", True),
            ("un truc à côté de chez moi", True),
            ("c'est trop loin", True),
            ("c'est loin tout ça", True),
            ("dans ma ville plutôt", True),
            ("non merci", False),
            ("je veux travailler dans la vente", False),
            ("/request_summary", False),
        ],
    }
)


# --------------------------------------------------------------------------- what changed


BEFORE = snapshot(
    {
        "besoin": "emploi",
        "age": 20.0,
        "code_insee": "35115",
        "permis": False,
        "vehicule": True,
        "logement": "chez-parents",
        "handicap": False,
        "rqth": False,
    }
)


def test_a_changed_fact_is_said_back():
    after = dict(BEFORE, vehicule=False)
    assert describe_changes(BEFORE, after) == "C'est noté : vous n'avez pas de moyen de transport à vous."


def test_several_changes_are_said_in_one_sentence():
    after = dict(BEFORE, code_insee="13055", age=18.0, secteur="vente")
    text = describe_changes(BEFORE, after)
    assert (
        text == "C'est noté : vous avez 18 ans ; vous habitez à Marseille ; vous cherchez dans la vente et le commerce."
    )


def test_sensitive_answers_are_named_not_repeated():
    text = describe_changes(BEFORE, dict(BEFORE, logement="sans-domicile", handicap=True, rqth=True))
    assert text == "C'est noté : votre réponse sur le logement ; votre réponse sur le handicap."
    assert "sans" not in text


@pytest.mark.parametrize(
    "change, said",
    [
        ({"qpv": True}, "C'est noté : vous habitez un quartier prioritaire."),
        (
            {"qpv": False, "permis": True},
            "C'est noté : vous n'habitez pas un quartier prioritaire ; vous avez le permis.",
        ),
        ({"besoin": "formation"}, "C'est noté : votre priorité : se former."),
        ({"quartier": "Maurepas"}, "C'est noté : votre quartier : Maurepas."),
        ({"plus_pres": True}, "C'est noté : vous voulez des actions plus proches."),
        ({"code_insee": "99999"}, None),  # a code the base does not know is not said back
        ({"age": None}, None),  # an age unknown again is no news to tell
    ],
)
def test_each_changed_fact_has_its_words(change, said):
    assert describe_changes(BEFORE, dict(BEFORE, **change)) == said


def test_nothing_changed_or_first_list_says_nothing():
    assert describe_changes(BEFORE, dict(BEFORE)) is None
    assert describe_changes(None, BEFORE) is None


def test_no_trade_found_points_to_who_knows_that_trade_for_this_need():
    """Live: people looking for a course were told « votre mission locale connaît les employeurs qui recrutent »."""
    assert "employeurs" in no_sector_text(VENTE, "emploi")
    assert "employeurs" not in no_sector_text(VENTE, "formation")
    assert "employeurs" not in no_sector_text(VENTE, "creation-activite")
    assert "employeurs" not in no_sector_text(VENTE, None)


@pytest.mark.parametrize(
    "besoin, age, tail",
    [
        ("apprentissage", 20, "votre mission locale connaît les employeurs et les CFA qui recrutent des apprentis."),
        ("formation", 30, "votre agence France Travail connaît les formations de votre région."),
        (None, 30, "un conseiller de France Travail pourra chercher avec vous."),
        # 15: not the mission locale, which serves the 16-25 (play-test E e05)
        (
            "apprentissage",
            15,
            "le professeur principal, le psychologue de l'Éducation nationale (psyEN) du collège ou le CIO pourront "
            "chercher avec vous.",
        ),
    ],
)
def test_no_trade_found_says_who_to_ask(besoin, age, tail):
    said = no_sector_text(VENTE, besoin, age)
    assert said == "Je n'ai pas d'action recensée pour la vente et le commerce près de chez vous ; " + tail


def test_closer_with_nothing_to_show_does_not_claim_these_are_the_closest():
    result = refine([], Wishes(plus_pres=True), limit=4, previous=["a"])
    assert ALREADY_CLOSEST_TEXT not in result.notes


@pytest.mark.parametrize("besoin", [None, "emploi", "formation", "apprentissage", "creation-activite"])
def test_no_trade_found_sends_a_30_year_old_to_france_travail_not_the_mission_locale(besoin):
    """Live (round B): a 30-year-old was told « un conseiller de votre mission locale pourra chercher avec vous »."""
    for age in (26, 30):
        said = refine([suggestion("a")], Wishes(secteur="vente"), limit=4, besoin=besoin, age=age).notes[0]
        assert "mission locale" not in said and "France Travail" in said, said
    for age in (16, 25, None):
        assert "mission locale" in no_sector_text(VENTE, besoin, age)


def test_the_mission_locale_age_is_the_networks_one():
    from knowledge.loader import load_networks
    from orientation.refine import MISSION_LOCALE_AGE_MAX

    ml = next(n for n in load_networks() if n.id == "mission-locale")
    assert {t.get("age_max") for t in ml.declencheurs} == {MISSION_LOCALE_AGE_MAX}


@pytest.mark.parametrize("text", ["jai un cap cuisine", "bac pro commerce", "BEP vente, jsp quoi faire"])
def test_a_diploma_held_is_not_the_trade_wished_for(text):
    """Round C: « CAP cuisine », « bac pro commerce », « BEP vente » became wishes for cuisine or sales."""
    assert find_sector(text) is None


def test_a_diploma_wished_for_and_a_trade_named_beside_a_diploma_are_read():
    assert find_sector("je veux passer un CAP cuisine") == "restauration"
    assert find_sector("cap cuisine mais jveux la logistique") == "logistique-transport"


def test_closer_after_a_list_with_no_action_says_nothing_closer_is_known():
    from orientation.wording import NOTHING_CLOSER_TEXT

    assert NOTHING_CLOSER_TEXT in refine([], Wishes(plus_pres=True), limit=4, previous=[]).notes
    assert NOTHING_CLOSER_TEXT not in refine([], Wishes(plus_pres=True), limit=4, knows_place=False, previous=[]).notes
