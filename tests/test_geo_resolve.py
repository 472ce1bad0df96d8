"""Tests for knowledge.geo.resolve_commune: names, abbreviations, homonyms, codes, arrondissements, typos."""

from __future__ import annotations

import pytest

from knowledge import geo
from tests.support.geo import (
    FOUGERES,
    LYON,
    MARSEILLE,
    PARIS,
    SAINT_DENIS_93,
    SAINT_DENIS_974,
    SAINT_ETIENNE,
    VAULX_EN_VELIN,
    codes,
    top_codes,
)

# --------------------------------------------------------------------------- resolve_commune


@pytest.mark.parametrize("text", ["Fougères", "fougeres", "FOUGERES", " Fougères  "])
def test_exact_unique_name_is_single_top_candidate(text: str) -> None:
    result = geo.resolve_commune(text)
    assert result[0].commune.code_insee == FOUGERES
    assert result[0].score == 1.0 and result[0].reason == "exact"
    assert all(c.score < 1.0 for c in result[1:])


@pytest.mark.parametrize("text", ["Saint-Étienne", "saint etienne", "st etienne", "St-Etienne", "ST ÉTIENNE"])
def test_saint_abbreviations_accents_hyphens(text: str) -> None:
    assert top_codes(geo.resolve_commune(text)) == {SAINT_ETIENNE}


def test_sainte_abbreviation() -> None:
    assert "83115" in top_codes(geo.resolve_commune("ste maxime"))  # Sainte-Maxime


@pytest.mark.parametrize("text", ["L'Haÿ-les-Roses", "l hay les roses", "lhay les roses", "L’Haÿ les Roses"])
def test_apostrophes(text: str) -> None:
    assert top_codes(geo.resolve_commune(text)) == {"94038"}


def test_leading_article() -> None:
    assert top_codes(geo.resolve_commune("le puy en velay")) == {"43157"}
    without = geo.resolve_commune("puy en velay")
    assert without[0].commune.code_insee == "43157" and 0.9 <= without[0].score < 1.0
    assert geo.resolve_commune("la rochelle")[0].commune.code_insee == "17300"
    assert geo.resolve_commune("rochelle")[0].commune.code_insee == "17300"
    assert geo.resolve_commune("au havre")[0].commune.code_insee == "76351"


def test_homonyms_are_all_top_and_ordered_by_population() -> None:
    result = geo.resolve_commune("Saint-Denis")
    top = [c for c in result if c.score == 1.0]
    assert len(top) >= 2  # ambiguity is visible
    assert codes(top)[:2] == [SAINT_DENIS_974, SAINT_DENIS_93]  # 974 is the bigger one
    populations = [c.commune.population or 0 for c in top]
    assert populations == sorted(populations, reverse=True)
    assert len(top_codes(geo.resolve_commune("saint pierre"))) >= 3


@pytest.mark.parametrize(
    "text",
    [
        "Saint-Denis (93)",
        "saint denis 93",
        "st denis 93",
        "saint denis dans le 93",
        "Saint-Denis (Seine-Saint-Denis)",
        "saint denis 93200",
    ],
)
def test_departement_or_postal_code_picks_the_homonym(text: str) -> None:
    result = geo.resolve_commune(text)
    assert top_codes(result) == {SAINT_DENIS_93}
    assert result[0].score == 1.0


@pytest.mark.parametrize("text", ["saint denis 974", "Saint-Denis (974)", "saint denis la reunion"])
def test_departement_picks_the_overseas_homonym(text: str) -> None:
    assert top_codes(geo.resolve_commune(text)) == {SAINT_DENIS_974}


def test_region_picks_the_homonym() -> None:
    assert top_codes(geo.resolve_commune("st pierre martinique")) == {"97225"}


def test_unmatched_departement_keeps_homonyms_with_lower_scores() -> None:
    result = geo.resolve_commune("saint denis 94")
    assert {SAINT_DENIS_93, SAINT_DENIS_974} <= set(codes(result))
    assert all(c.score < 1.0 for c in result)


@pytest.mark.parametrize(
    "text, code",
    [
        ("Marseille 13e", "13213"),
        ("Marseille 13eme", "13213"),
        ("marseille 13ème", "13213"),
        ("Lyon 8", "69388"),
        ("lyon 8e arrondissement", "69388"),
        ("paris 18ème", "75118"),
        ("Paris 1er", "75101"),
        ("75018", "75118"),
        ("13013", "13213"),
        ("75116", "75116"),
    ],
)
def test_arrondissements(text: str, code: str) -> None:
    result = geo.resolve_commune(text)
    assert top_codes(result) == {code}
    assert result[0].commune.arrondissement_de in {PARIS, LYON, MARSEILLE}


def test_a_number_after_marseille_is_its_arrondissement_not_the_departement() -> None:
    assert top_codes(geo.resolve_commune("marseille 13")) == {"13213"}
    assert top_codes(geo.resolve_commune("Marseille (13)")) == {MARSEILLE}


def test_postal_code_with_several_communes() -> None:
    result = geo.resolve_commune("01400", limit=50)
    assert len(result) > 5
    assert all(c.score == 1.0 and c.reason == "postal-code" for c in result)
    assert geo.resolve_commune("35300")[0].commune.code_insee == FOUGERES
    assert geo.resolve_commune("99999") == []


def test_insee_code_when_not_a_postal_code() -> None:
    result = geo.resolve_commune(FOUGERES)  # 35115 is no postal code
    assert codes(result) == [FOUGERES] and result[0].reason == "insee-code"


@pytest.mark.parametrize(
    "text, code, reason",
    [
        ("vaux en velin", VAULX_EN_VELIN, "fuzzy"),  # missing letter
        ("vaulx en vellin", VAULX_EN_VELIN, "fuzzy"),  # extra letter
        ("marseil", MARSEILLE, "fuzzy"),  # sounds right
        ("bordo", "33063", "fuzzy"),
        ("montpelier", "34172", "fuzzy"),
        ("st etiene", SAINT_ETIENNE, "fuzzy"),
        ("villeurbane", "69266", "fuzzy"),
        ("clermont ferand", "63113", "fuzzy"),
        ("saint ettiene du rouvray", "76575", "fuzzy"),  # two typos in a long name
        ("lyom", LYON, "fuzzy"),
        # The first word of a compound name.
        ("Vitry", "94081", "prefix"),
        ("ivry", "94041", "prefix"),
        ("Boulogne", "92012", "prefix"),
        ("noisy", "93051", "prefix"),
    ],
)
def test_a_name_misspelt_or_cut_short(text: str, code: str, reason: str) -> None:
    """Never an exact match: a score below 1."""
    result = geo.resolve_commune(text)
    assert result[0].commune.code_insee == code, [c.commune.label for c in result]
    assert result[0].reason == reason and 0.5 <= result[0].score < 1.0


def test_typo_shown_next_to_a_smaller_exact_homonym() -> None:
    # « fougere » is exactly Fougeré (85), but Fougères (35) is far likelier meant.
    result = geo.resolve_commune("fougere")
    assert result[0].score == 1.0 and result[0].commune.nom == "Fougeré"
    assert FOUGERES in codes(result)


def test_compound_name_shown_next_to_a_smaller_exact_homonym() -> None:
    result = geo.resolve_commune("Aix")  # Aix (19) exists, but Aix-en-Provence is likelier
    assert result[0].commune.nom == "Aix" and result[0].score == 1.0
    assert "13001" in codes(result)


def test_exact_big_city_gets_no_fuzzy_noise() -> None:
    assert codes(geo.resolve_commune("Paris")) == [PARIS]
    assert codes(geo.resolve_commune("lyon")) == [LYON]


def test_short_words_are_not_fuzzed() -> None:
    assert geo.resolve_commune("xq") == []
    assert geo.resolve_commune("zzz") == []


def test_sentence_like_answers() -> None:
    assert geo.resolve_commune("j'habite à Lyon")[0].commune.code_insee == LYON
    assert geo.resolve_commune("ville de Rennes")[0].commune.code_insee == "35238"
    assert geo.resolve_commune("je suis de fougeres")[0].commune.code_insee == FOUGERES


def test_parenthesised_part_of_a_name() -> None:
    assert {"58062", "58063"} == top_codes(geo.resolve_commune("Château-Chinon"))
    assert top_codes(geo.resolve_commune("Château-Chinon (Ville)")) == {"58062"}


def test_limit_and_empty() -> None:
    assert len(geo.resolve_commune("saint martin", limit=3)) == 3
    assert geo.resolve_commune("saint denis", limit=0) == []
    assert geo.resolve_commune("") == []
    assert geo.resolve_commune("  ?! ") == []


def test_candidates_are_frozen() -> None:
    candidate = geo.resolve_commune("Lyon")[0]
    with pytest.raises(AttributeError):
        candidate.score = 0.5  # type: ignore[misc]
