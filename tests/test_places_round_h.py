"""Play-test H places (notes/playtest-H.md): a quartier that is also a commune elsewhere stays a quartier of the
commune known (h15, h22), filler before the quartier's name is no name (h02), the commune with its région is no
quartier (h13). The round's own messages are in tests/understanding/round_h.yaml."""

import pytest

from knowledge.geo.quartiers import quartier_answer
from reading.commune_cues import stays_in_known_commune
from reading.facts import read_facts
from reading.quartier import is_commune_name

LAVAL, BOURG, TOULOUSE, LAMENTIN = "53130", "01053", "31555", "97213"


def _read(text, known, asked):
    return read_facts(text, [], "inform", asked, known=known).slots


@pytest.mark.parametrize(
    "text, asked",
    [
        ("Elle habite chez ses parents, quartier Saint-Nicolas", None),
        ("jhabite dans la cite saint nicolas", None),
        ("elle habite la résidence Saint-Nicolas", None),
        ("saint nicolas", "qpv"),
        ("j'habite à Saint-Nicolas", "qpv"),
    ],
)
def test_a_quartier_of_the_known_commune_never_moves_it(text, asked):
    assert stays_in_known_commune(text, asked)
    assert _read(text, {"code_insee": LAVAL}, asked).get("code_insee") in (None, LAVAL)


@pytest.mark.parametrize(
    "text, asked",
    [("en fait elle habite maintenant à Arras", None), ("non c'est Arras", None), ("j'ai déménagé à Arras", None)],
)
def test_a_clear_move_still_moves_it(text, asked):
    # At the QPV question « non, c'est X » is « not a QPV, it is quartier X » (round G): there, the cue is not enough.
    assert not stays_in_known_commune(text, asked)
    assert _read(text, {"code_insee": LAVAL}, asked).get("code_insee") == "62041"


def test_the_h15_answer_keeps_bourg_and_finds_its_qpv():
    slots = _read("Je ne sais pas, elle habite le quartier de la Reyssouze", {"code_insee": BOURG}, "qpv")
    assert "code_insee" not in slots and slots["qpv"] is True
    assert slots["quartier"] == "Reyssouze"


@pytest.mark.parametrize("text", ["i said it", "I told you", "je te l'ai deja dit", "je l'ai dit"])
def test_said_again_alone_is_no_quartier(text):
    assert quartier_answer(text) is None


@pytest.mark.parametrize("text", ["i said it, the mirail", "i told you, mirail", "it's the mirail"])
def test_the_name_after_english_filler(text):
    slots = _read(text, {"code_insee": TOULOUSE}, "qpv")
    assert slots["quartier"].lower() == "mirail" and slots["qpv"] is True


def test_the_commune_with_its_region_is_no_quartier():
    assert is_commune_name("lamentin en martinique", LAMENTIN)
    assert is_commune_name("Le Lamentin", LAMENTIN)
    assert not is_commune_name("Amiens Nord", "80021")  # a quartier of Amiens, not Amiens in the Nord
    assert not is_commune_name("Bellefontaine", TOULOUSE)
    assert "quartier" not in _read("jhabite au lamentin en martinique", {}, None)


def test_not_knowing_the_quartier_is_not_asked_again():
    known = {"code_insee": LAMENTIN}
    facts = read_facts("cest ma ville le lamentin, je sais pas pour le quartier", [], "inform", "qpv", known=known)
    assert "qpv" in facts.skipped and "quartier" not in facts.slots
    facts = read_facts("le lamentin, j'habite au bourg", [], "inform", "qpv", known=known)
    assert "qpv" not in facts.skipped  # no doubt said: a name, not « ne sait pas »


@pytest.mark.parametrize(
    "text, known, asked",
    [
        ("yo jai 20 ans je suis a la duchere lyon 9 jveux passer le permis", {}, None),
        ("la duchere lyon 9", {"code_insee": "69389"}, "qpv"),
        ("La Duchère, Lyon 9e", {}, None),
    ],
)
def test_a_listed_quartier_before_its_commune_and_arrondissement(text, known, asked):
    slots = _read(text, known, asked)
    assert slots["quartier"].lower().replace("è", "e").endswith("duchere") and slots["qpv"] is True


@pytest.mark.parametrize("text", ["je travaille a lyon 9", "je cherche un emploi lyon 9", "le permis lyon 9"])
def test_words_before_the_commune_that_are_no_listed_quartier(text):
    assert "quartier" not in _read(text, {}, None)
