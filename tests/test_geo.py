"""Tests for knowledge.geo: data files, lookups, resolve_commune, find_communes_in_text.

Run from the repository root: ``python -m pytest tests/test_geo.py``. No Rasa needed.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from knowledge import geo
from knowledge.geo import build_geo_data

PARIS, LYON, MARSEILLE = "75056", "69123", "13055"
SAINT_DENIS_93, SAINT_DENIS_974 = "93066", "97411"
FOUGERES, VAULX_EN_VELIN, SAINT_ETIENNE = "35115", "69256", "42218"


def codes(candidates: list[geo.Candidate]) -> list[str]:
    return [c.commune.code_insee for c in candidates]


def top_codes(candidates: list[geo.Candidate]) -> set[str]:
    """Codes sharing the best score: more than one means the bot must ask."""
    best = max((c.score for c in candidates), default=None)
    return {c.commune.code_insee for c in candidates if c.score == best}


# --------------------------------------------------------------------------- data files


def test_data_files_have_source_header_and_sorted_rows() -> None:
    path = geo.DATA_DIR / "communes.tsv"
    if not path.exists():
        path = geo.DATA_DIR / "communes.tsv.gz"
    assert path.exists()
    for stem in ("communes", "departements", "regions", "epci"):
        rows = geo._read_tsv(stem)
        keys = [row[0] for row in rows]
        assert keys == sorted(keys) and len(set(keys)) == len(keys), stem
    header = (geo.DATA_DIR / "departements.tsv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("# source: @etalab/decoupage-administratif 6.0.0 (licence MIT)")


def test_communes_table_counts() -> None:
    communes = geo._geo().communes
    arrondissements = [c for c in communes if c.type == "ARM"]
    assert len(arrondissements) == 20 + 9 + 16
    assert {c.arrondissement_de for c in arrondissements} == {PARIS, LYON, MARSEILLE}
    assert 34_000 < len(communes) - len(arrondissements) < 36_000
    assert len(geo._geo().departements) == 109  # 101 + collectivités d'outre-mer
    assert len(geo._geo().regions) >= 18


def test_build_is_deterministic(tmp_path: Path) -> None:
    package = build_geo_data.find_package(build_geo_data.DEFAULT_SEARCH)
    if package is None:
        pytest.skip("@etalab/decoupage-administratif not installed here")
    build_geo_data.build(package, tmp_path)
    for built in sorted(tmp_path.iterdir()):
        assert built.read_bytes() == (geo.DATA_DIR / built.name).read_bytes(), built.name


# --------------------------------------------------------------------------- lookups


def test_get_commune() -> None:
    paris = geo.get_commune(PARIS)
    assert paris is not None
    assert (paris.nom, paris.departement, paris.region, paris.type) == ("Paris", "75", "11", "COM")
    assert paris.population is not None and paris.population > 2_000_000
    assert "75018" in paris.codes_postaux and paris.arrondissement_de is None
    assert paris.epci is not None and geo.get_epci(paris.epci) is not None

    paris_18 = geo.get_commune("75118")
    assert paris_18 is not None
    assert (paris_18.type, paris_18.arrondissement_de, paris_18.codes_postaux) == ("ARM", PARIS, ("75018",))
    assert paris_18.epci == paris.epci

    ajaccio = geo.get_commune("2a004")
    assert ajaccio is not None and ajaccio.nom == "Ajaccio" and ajaccio.departement == "2A"
    assert geo.get_commune("00000") is None


def test_commune_label_names_the_departement() -> None:
    commune = geo.get_commune(SAINT_DENIS_974)
    assert commune is not None and commune.label == "Saint-Denis (974)"


def test_departements_regions_epci() -> None:
    dep = geo.get_departement("93")
    assert dep == geo.Departement("93", "Seine-Saint-Denis", "11")
    assert geo.departement_name("2a") == "Corse-du-Sud"
    assert geo.departement_name("974") == "La Réunion"
    assert geo.departement_name("99") is None
    assert geo.region_name("84") == "Auvergne-Rhône-Alpes"
    assert geo.get_region("00") is None
    lyon = geo.get_commune(LYON)
    assert lyon is not None and lyon.epci is not None
    epci = geo.get_epci(lyon.epci)
    assert epci is not None and "Lyon" in epci.nom


def test_resolve_departement() -> None:
    for text in ("93", "Seine-Saint-Denis", "seine st denis"):
        dep = geo.resolve_departement(text)
        assert dep is not None and dep.code == "93", text
    reunion = geo.resolve_departement("la reunion")
    assert reunion is not None and reunion.code == "974"
    assert geo.resolve_departement("Lyon") is None


def test_communes_by_postal_code() -> None:
    several = geo.communes_by_postal_code("01400")
    assert len(several) > 5
    populations = [c.population or 0 for c in several]
    assert populations == sorted(populations, reverse=True)
    # An arrondissement's postal code gives the arrondissement, not all of Paris.
    assert [c.code_insee for c in geo.communes_by_postal_code("75018")] == ["75118"]
    assert [c.code_insee for c in geo.communes_by_postal_code("75116")] == ["75116"]
    assert geo.communes_by_postal_code("99999") == []


def test_normalize() -> None:
    assert geo.normalize("Saint-Étienne") == geo.normalize("st etienne") == "saint etienne"
    assert geo.normalize("L'Haÿ-les-Roses") == "l hay les roses"
    assert geo.normalize("Marseille 13ème") == geo.normalize("marseille 13eme") == "marseille 13e"
    assert geo.normalize("Œuilly") == "oeuilly"


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
    "text, code",
    [
        ("vaux en velin", VAULX_EN_VELIN),  # missing letter
        ("vaulx en vellin", VAULX_EN_VELIN),  # extra letter
        ("marseil", MARSEILLE),  # sounds right
        ("bordo", "33063"),
        ("montpelier", "34172"),
        ("st etiene", SAINT_ETIENNE),
        ("villeurbane", "69266"),
        ("clermont ferand", "63113"),
        ("saint ettiene du rouvray", "76575"),  # two typos in a long name
        ("lyom", LYON),
    ],
)
def test_typos(text: str, code: str) -> None:
    result = geo.resolve_commune(text)
    assert result[0].commune.code_insee == code, [c.commune.label for c in result]
    assert result[0].reason == "fuzzy" and 0.5 <= result[0].score < 1.0


def test_typo_shown_next_to_a_smaller_exact_homonym() -> None:
    # « fougere » is exactly Fougeré (85), but Fougères (35) is far likelier meant.
    result = geo.resolve_commune("fougere")
    assert result[0].score == 1.0 and result[0].commune.nom == "Fougeré"
    assert FOUGERES in codes(result)


@pytest.mark.parametrize(
    "text, code",
    [
        ("Vitry", "94081"),
        ("ivry", "94041"),
        ("Boulogne", "92012"),
        ("noisy", "93051"),
    ],
)
def test_first_word_of_a_compound_name(text: str, code: str) -> None:
    result = geo.resolve_commune(text)
    assert result[0].commune.code_insee == code and result[0].reason == "prefix"


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


# --------------------------------------------------------------------------- find_communes_in_text


@pytest.mark.parametrize(
    "text, code",
    [
        ("jai 19 ans jhabite a vaulx en velin g pa le permi", VAULX_EN_VELIN),
        ("j'habite à Lyon", LYON),
        ("je suis de fougeres", FOUGERES),
        ("35300", FOUGERES),
        ("mon cp c'est 69120", VAULX_EN_VELIN),
        ("je suis à la rochelle depuis 2 ans", "17300"),
        ("je vis au havre", "76351"),
        ("je cherche un stage à Grenoble", "38185"),
        ("Villeurbanne", "69266"),  # a bare name of 5+ letters is enough
        ("je bosse à Metz", "57463"),  # short name after a cue
        ("je suis sur paris", PARIS),  # common word (« paris ») but big city after a cue
        ("j'habite à Orange", "84087"),  # common word after a strong cue, town > 10,000
        ("je suis de tours", "37261"),
        ("je vis a marseille 13eme", "13213"),
        ("paris 18", "75118"),
        ("j'habite à Vitry", "94081"),  # short form of a compound name, after a strong cue
    ],
)
def test_find_in_text(text: str, code: str) -> None:
    found = geo.find_communes_in_text(text)
    assert found and found[0].commune.code_insee == code, [c.commune.label for c in found]


def test_find_prefers_longest_match() -> None:
    found = geo.find_communes_in_text("j'habite à Vaulx-en-Velin")
    assert codes(found) == [VAULX_EN_VELIN] and found[0].matched == "vaulx en velin"


def test_find_homonyms_and_qualifiers() -> None:
    assert {SAINT_DENIS_93, SAINT_DENIS_974} <= top_codes(geo.find_communes_in_text("j'habite a saint denis"))
    assert codes(geo.find_communes_in_text("jhabite a saint denis dans le 93")) == [SAINT_DENIS_93]
    assert codes(geo.find_communes_in_text("je vis a st denis 974")) == [SAINT_DENIS_974]
    assert codes(geo.find_communes_in_text("je suis à Saint-Denis (93)")) == [SAINT_DENIS_93]


def test_find_corrects_typos_only_after_a_strong_cue() -> None:
    assert geo.find_communes_in_text("jhabite vaux en velin")[0].commune.code_insee == VAULX_EN_VELIN
    assert geo.find_communes_in_text("j'habite a montpelier depuis 2 ans")[0].commune.code_insee == "34172"
    assert FOUGERES in codes(geo.find_communes_in_text("je suis de fougere"))
    assert geo.find_communes_in_text("vaux en velin c'est loin") == []


@pytest.mark.parametrize(
    "text",
    [
        "je sais pas",
        "pas le permis",
        "g pa le permi",
        "il y a eu un souci",
        "oo",
        "trop bien",
        "je suis de bonne humeur",
        "mon forfait orange",
        "j'ai fait 3 tours",
        "je gagne 35000 € par an",
        "35000 euros brut",
        "jhabite chez ma mere",
        "j'habite en ville",
        "jhabite a la campagne",
        "je suis en bus",
        "je viens de finir mes études",
        "bonjour je m'appelle Nancy",
        "je cherche une formation",
        "je vais à la mer",
        "la Villeneuve",  # a bare hamlet name: rather a quartier (Grenoble)
        "",
    ],
)
def test_find_rejects_common_words(text: str) -> None:
    assert geo.find_communes_in_text(text) == [], [c.commune.label for c in geo.find_communes_in_text(text)]


def test_find_where_the_person_lives_over_where_they_were_born() -> None:
    assert codes(geo.find_communes_in_text("je suis né à Rennes mais j'habite à Nantes")) == ["44109"]


def test_find_several_mentions_of_equal_weight_keep_text_order() -> None:
    found = geo.find_communes_in_text("entre Rennes et Nantes")
    assert codes(found)[:2] == ["35238", "44109"]


# --------------------------------------------------------------------------- performance


def test_lookups_use_indexes_not_scans() -> None:
    geo.load()
    queries = ["saint denis", "vaux en velin", "fougere", "75018", "marseil", "st pierre reunion"] * 50
    start = time.process_time()  # CPU time: a busy CI machine must not fail this
    for query in queries:
        geo.resolve_commune(query)
    mean_ms = (time.process_time() - start) * 1000 / len(queries)
    assert mean_ms < 5, f"{mean_ms:.2f} ms per query"  # a scan of 35,000 names takes 20+ ms
