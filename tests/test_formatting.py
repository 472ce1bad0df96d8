"""French renderings: short phone lines, reasons, contacts only for current actions, the fiche de liaison."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from knowledge.loader import KnowledgeBase, load_knowledge
from knowledge.profile import Profile
from orientation.formatting import (
    EMPTY_TEXT,
    HISTORICAL_NOTE,
    at_commune,
    empty_text,
    exact_source_text,
    liaison_sheet,
    network_text,
    one_line,
    profile_summary,
    suggestion_details,
    suggestion_text,
    suggestion_why,
)
from orientation.matching import Matcher, Recommendation, Suggestion
from orientation.next_step import next_step
from tests.support.reading import reader_test

FIXTURES = Path(__file__).parent / "fixtures" / "data"
TODAY = date(2026, 6, 1)


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge(FIXTURES)


@pytest.fixture(scope="module")
def matcher(kb: KnowledgeBase) -> Matcher:
    return Matcher(kb, today=TODAY)


def _find(recommendation: Recommendation, record_id: str) -> Suggestion:
    return next(s for s in recommendation.local if s.initiative.id == record_id)


@pytest.fixture(scope="module")
def fougeres(matcher: Matcher) -> Recommendation:
    profile = Profile(
        age=20, code_insee="35115", permis=False, vehicule=False, besoin="mobilite-permis", logement="sans-domicile"
    )
    return matcher.recommend(profile)


@pytest.fixture(scope="module")
def brest(matcher: Matcher) -> Recommendation:
    return matcher.recommend(Profile(age=20, code_insee="29019", besoin="emploi"))


def test_suggestion_text_is_short(fougeres: Recommendation) -> None:
    text = suggestion_text(_find(fougeres, "fx-fougeres-permis"), 1)
    assert text == (
        "1. Permis accompagné de Fougères, à Fougères (Ille-et-Vilaine).\n"
        "Des cours de code et de conduite à petit prix pour les jeunes sans permis."
    )


def test_historical_wording_and_no_phone(brest: Recommendation) -> None:
    s = _find(brest, "fx-brest-historique")
    assert s.historical
    assert HISTORICAL_NOTE in suggestion_text(s, 2)
    assert (
        "une action qui a existé près de chez vous — demandez à votre conseiller si elle existe encore"
        in suggestion_text(s, 2).lower()
    )
    details = suggestion_details(s)
    assert "02 98" not in details and "Téléphone" not in details
    assert HISTORICAL_NOTE in details


def test_details(fougeres: Recommendation) -> None:
    details = suggestion_details(_find(fougeres, "fx-fougeres-permis"))
    assert "Porteur : Mission locale du pays de Fougères" in details
    assert "Où : à Fougères (Ille-et-Vilaine)" in details
    assert "Téléphone : 02 99 00 00 01" in details
    # The source as a person can find it; the file and line stay for conseillers (exact_source_text).
    assert "Source : Jeu d'essai des tests d'Aiguillage, 2019" in details
    assert "999_" not in details and "ligne" not in details
    assert (
        exact_source_text(_find(fougeres, "fx-fougeres-permis"))
        == "Référence exacte : 999_0000000000000000.txt ligne 10"
    )


def test_details_without_contact_say_so(matcher: Matcher) -> None:
    found = matcher.recommend(Profile(femme=True, code_insee="35238", besoin="emploi"))
    details = suggestion_details(_find(found, "fx-bretagne-femmes"))
    assert "le guide ne donne pas de contact" in details
    assert "Elle est réservée aux femmes." in details


def test_restriction_said_in_the_details(matcher: Matcher) -> None:
    # Only a person known to live in a QPV gets the QPV-only action; the details still say who it is for.
    found = matcher.recommend(Profile(age=20, code_insee="35238", qpv=True, besoin="emploi"))
    assert "réservée aux habitants des quartiers prioritaires" in suggestion_details(_find(found, "fx-rennes-qpv"))
    unknown = matcher.recommend(Profile(age=20, code_insee="35238", besoin="emploi"))
    assert "fx-rennes-qpv" not in [s.initiative.id for s in unknown.local]


def test_why(fougeres: Recommendation) -> None:
    why = suggestion_why(_find(fougeres, "fx-fougeres-permis"))
    assert why.splitlines() == [
        "Pourquoi je vous la propose :",
        "- Elle aide à préparer le permis, ce que vous cherchez.",
        "- Vous avez 20 ans : cette action s'adresse aux 16-25 ans.",
        "- Elle a lieu à Fougères, votre commune.",
    ]


def test_network_text(fougeres: Recommendation) -> None:
    texts = {ns.network.id: network_text(ns) for ns in fougeres.networks}
    assert "Numéro : 115" in texts["siao-115"]
    assert "Pourquoi : Vous n'avez pas de logement." in texts["siao-115"]
    assert "Site : https://www.francetravail.fr" in texts["france-travail"]
    assert "Numéro" not in texts["mission-locale"]


def test_empty_text() -> None:
    assert empty_text() == EMPTY_TEXT == "Je n'ai pas trouvé d'action recensée près de chez vous."


def test_profile_summary() -> None:
    profile = Profile(
        age=20.5,
        code_insee="35115",
        permis=False,
        logement="chez-parents",
        handicap="rqth",
        besoin="emploi",
        qpv=True,
        declined=frozenset({"femme"}),
    )
    lines = profile_summary(profile).splitlines()
    assert lines[0] == "Ce que je sais de votre situation :"
    for expected in (
        "- Âge : 20 ans",
        "- Commune : Fougères (Ille-et-Vilaine)",
        "- Permis de conduire : non",
        "- Logement : chez vos parents",  # said to the young person (play-test E e09)
        "- Handicap : handicap reconnu (RQTH)",
        "- Besoin : trouver un emploi",
        "- Quartier prioritaire : oui",
        "- Genre : préfère ne pas le dire",
    ):
        assert expected in lines
    assert profile_summary(Profile()).splitlines()[1] == "- Rien de précisé"


def test_liaison_sheet(fougeres: Recommendation) -> None:
    step = next_step(fougeres.profile.code_insee, use_current=False, france_services=lambda code, limit: [])
    sheet = liaison_sheet(fougeres.profile, fougeres, today=date(2026, 12, 1), step=step)
    lines = sheet.splitlines()
    assert lines[0] == "Fiche de liaison Aiguillage — 1er décembre 2026"
    assert lines[1] == "À transmettre à un conseiller ou une conseillère de votre mission locale."
    # The situation in plain words.
    for expected in (
        "- 20 ans",
        "- Habite à Fougères (Ille-et-Vilaine)",
        "- N'a pas le permis de conduire",
        "- N'a pas de véhicule",
        "- Logement : sans logement",
        "- Souhaite : passer le permis ou se déplacer",
    ):
        assert expected in lines, expected
    assert "Actions proposées :" in sheet
    assert "1. " in sheet and "Permis accompagné de Fougères" in sheet
    # A current action: how to reach it, and its source as a person can find it.
    assert "   Adresse : 1 rue de l'Essai, 35300 Fougères" in lines and "   Téléphone : 02 99 00 00 01" in lines
    assert "   Source : Jeu d'essai des tests d'Aiguillage, 2019" in lines and ".txt" not in sheet
    assert "Où aller cette semaine :" in lines
    assert "Réseaux à contacter :" in sheet and "SIAO – 115" in sheet
    assert "entre 2007 et 2021" in sheet


def test_liaison_sheet_empty_and_historical(matcher: Matcher, brest: Recommendation) -> None:
    empty = matcher.recommend(Profile(age=40, code_insee="2A004", besoin="logement"))
    sheet = liaison_sheet(empty.profile, empty)
    assert EMPTY_TEXT in sheet and "France Travail" in sheet
    sheet = liaison_sheet(brest.profile, brest)
    # The historical action's printed phone is never shown (France services' own current numbers are).
    assert "Action ancienne" in sheet and "02 98 00 00 02" not in sheet


def test_one_line() -> None:
    assert one_line("Une phrase. Une autre.") == "Une phrase."
    long = "mot " * 100
    cut = one_line(long)
    assert len(cut) <= 160 and cut.endswith("…")


def test_vouvoiement(fougeres: Recommendation) -> None:
    texts = [suggestion_text(s, 1) + suggestion_why(s) + suggestion_details(s) for s in fougeres.local]
    texts += [network_text(ns) for ns in fougeres.networks]
    for text in texts:
        words = set(text.lower().replace(",", " ").replace(".", " ").split())
        assert not words & {"tu", "ton", "ta", "tes", "t'as"}, text


def test_a_follow_up_beyond_the_list_says_so_kindly():
    from orientation.named_choice import follow_up_problem

    assert "rien proposé" in follow_up_problem([], False, "détails de la 1")
    assert "aucune action" in follow_up_problem([], True, "détails de la 1")
    assert follow_up_problem(["a"], True, "détails de la 2").startswith("Je ne vous ai proposé qu'une action.")
    assert follow_up_problem(["a", "b"], True, "détails de la 2") is None


def test_dont_know_is_not_said_as_a_refusal():
    from knowledge.profile import Profile
    from orientation.formatting import profile_lines
    from orientation.liaison import situation_lines

    profile = Profile(declined=frozenset({"qpv", "handicap"}), unknown=frozenset({"qpv"}))
    for lines in (profile_lines(profile), situation_lines(profile)):
        assert any("ne sait pas" in line and "prioritaire" in line for line in lines)
        assert not any("préfère ne pas le dire" in line and "prioritaire" in line for line in lines)
        assert any("préfère ne pas le dire" in line for line in lines)


# « à » + the commune's name, its article contracted.
test_at_commune_contracts_the_article = reader_test(
    {
        at_commune: [
            ("Les Mureaux", "aux Mureaux"),
            ("Le Havre", "au Havre"),
            ("La Courneuve", "à La Courneuve"),
            ("L'Haÿ-les-Roses", "à L'Haÿ-les-Roses"),
            ("Fougères", "à Fougères"),
            ("Lens", "à Lens"),
            ("Levallois-Perret", "à Levallois-Perret"),
        ],
    }
)


def test_the_fiche_says_aux_mureaux():
    from knowledge import geo
    from knowledge.profile import Profile
    from orientation.liaison import situation_lines

    code = geo.resolve_commune("Les Mureaux")[0].commune.code_insee
    assert any(line.startswith("- Habite aux Mureaux") for line in situation_lines(Profile(code_insee=code)))
