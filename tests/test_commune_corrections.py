"""A commune corrected at any time (« jsuis pas a gueret moi jsuis a saint vaury », « Mérignac » typed after the
list), compound names with « d' » kept whole, a département number deciding between homonyms (issue #16)."""

from reading.facts import read_facts

GUERET, SAINT_VAURY, PARIS, AGEN, VALENCE_82 = "23096", "23247", "75056", "47001", "82186"
MERIGNACS = {"33281", "16216", "17229"}


def read(text, asked=None, **known):
    return read_facts(text, intent="inform", requested_slot=asked, known=known)


def test_a_correction_during_another_question_moves_the_commune():
    result = read("jsuis pas a gueret moi jsuis a saint vaury", asked="permis", code_insee=GUERET)
    assert result.slots["code_insee"] == SAINT_VAURY


def test_jsuis_a_is_a_move_cue_after_the_list():
    assert read("jsuis a saint vaury", code_insee=GUERET).slots["code_insee"] == SAINT_VAURY


def test_a_commune_typed_alone_after_the_list_offers_its_homonyms():
    result = read("Mérignac", code_insee=PARIS)
    assert set(result.slots["commune_candidates"]) == MERIGNACS
    assert result.slots["code_insee"] is None  # so that the form asks which one


def test_a_place_named_in_passing_does_not_move_a_known_commune():
    assert "code_insee" not in read("je voudrais un truc comme a Paris", code_insee=GUERET).slots
    assert read("merci", code_insee=GUERET).slots == {}


def test_a_compound_name_with_d_is_not_its_last_word():
    result = read("valence d'agen", asked="commune")
    assert result.slots.get("code_insee") != AGEN
    assert VALENCE_82 in (result.slots.get("commune_candidates") or [result.slots.get("code_insee")])


def test_a_departement_number_picks_the_homonym_in_a_correction():
    result = read("mais jsuis a valence d'agen dans le 82 pas a agen", code_insee=AGEN)
    assert result.slots["code_insee"] == VALENCE_82


def test_an_existing_compound_name_is_still_read_whole():
    assert read("j'habite à Villeneuve-d'Ascq", asked="commune").slots["commune"] == "Villeneuve-d'Ascq"
    assert read("villeneuve d'ascq", asked="commune").slots["commune"] == "Villeneuve-d'Ascq"
