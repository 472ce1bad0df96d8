"""Commune resolution that is safe (issue 16): places only where a message points to one, exact names
taken, the rest offered to confirm, départements picking among homonyms, arrondissements, quartiers."""

from typing import Any, Dict, Optional

import pytest

from actions.profile_form import ActionAskCommune
from knowledge import geo
from knowledge.geo.quartiers import quartier_answer, quartier_in_text
from reading.facts import read_facts
from tests.conftest import run_action, sdk_tracker
from tests.support.reading import ORDINARY_WORDS, reader_test

SAINT_DENIS = ["93066", "97411", "11339", "30247"]
VALENCE = ["26362", "82186", "16392"]


def read(text: str, asked: Optional[str] = None, intent: str = "inform", **known: Any) -> Dict[str, Any]:
    return read_facts(text, intent=intent, requested_slot=asked, known=known).slots


def commune_of(text: str, asked: Optional[str] = None, **known: Any) -> Optional[str]:
    return read(text, asked, **known).get("code_insee")


@pytest.mark.parametrize(
    "text",
    [
        *ORDINARY_WORDS,
        "j'en peux plus",
        "bon alors",
        "mais genre tout va mal",
        "j'en peux plus de tout ça",
        "je suis de bonne humeur aujourd'hui",
        "plus tard peut etre",
        "bon bah rien",
        "tout le monde me dit d'aller a la mission locale",
        "je fais rien de mes journées",
    ],
)
def test_ordinary_words_are_no_commune(text):
    slots = read(text)
    assert "code_insee" not in slots and not slots.get("commune_candidates"), slots


@pytest.mark.parametrize("text", ["alors", "mais", "rien", "bon"])
def test_ordinary_words_are_no_commune_while_another_question_is_asked(text):
    for asked in ("besoin", "age", "permis"):
        slots = read(text, asked)
        assert "code_insee" not in slots and not slots.get("commune_candidates"), (asked, slots)


def commune_answered(text: str) -> Optional[str]:
    """The commune read from an answer to the commune question."""
    return commune_of(text, "commune")


# The commune a message names: pointed to in a sentence (any question), or answering the commune question.
READS = {
    commune_of: [
        ("20 ans, Corbeil-Essonnes", "91174"),
        ("j'habite a Corbeil-Essonnes", "91174"),
        ("jhabite a villeneuve d'ascq", "59009"),
        ("J'ai 25 ans et j'habite à Saint-Denis (93)", "93066"),
        ("je suis a saint denis de la reunion", "97411"),
        ("jhabite a mamoudzou", "97611"),
        ("jhabite paris 11", "75111"),
        ("j'ai vecu a paris mais maintenant jhabite a evreux", "27229"),
        ("jhabite dans le 13013", "13213"),
    ],
    commune_answered: [
        ("Villeneuve-d'Ascq", "59009"),
        ("Villeneuve d'Ascq", "59009"),
        ("villeneuve dascq", "59009"),
        ("corbeil-essonnes", "91174"),
        ("Corbeil Essonnes", "91174"),
        ("mamoudzou", "97611"),
        ("fort de france", "97209"),
        ("les abymes", "97101"),
        ("saint pierre 974", "97416"),
        ("st pierre en martinique", "97225"),
        ("le port a la reunion", "97407"),
        ("paris 18", "75118"),
        ("paris 18eme", "75118"),
        ("marseille 13", "13213"),
        ("lyon 8", "69388"),
        ("marseille 15 eme arrondissement", "13215"),
        ("75018", "75118"),
        ("cp 26000", "26362"),
        ("saint denis 93", "93066"),
        ("st denis (93)", "93066"),
        ("saint-denis seine-saint-denis", "93066"),
        ("saint denis dans le 93", "93066"),
        ("valence 26", "26362"),
        ("valence dans la drome", "26362"),
        ("grigny (91)", "91286"),
        ("au havre", "76351"),
        ("Paris", "75056"),
    ],
}

test_a_commune_named_in_a_sentence_or_an_answer = reader_test(READS)


def test_a_number_after_paris_is_no_age():
    slots = read("paris 18", "commune", code_insee=None)
    assert slots["code_insee"] == "75118" and "age" not in slots


@pytest.mark.parametrize("text", ["saint denis", "Valence", "montreuil"])
def test_homonyms_are_offered_not_guessed(text):
    slots = read(text, "commune")
    assert "code_insee" not in slots and len(slots["commune_candidates"]) > 1


def test_a_hamlet_named_like_a_city_is_not_offered():
    """La Rochelle (70) has 40 inhabitants: 1 in 2,000 of the people who type « la rochelle »."""
    assert read("la rochelle", "commune")["code_insee"] == "17300"
    assert read("j'habite à la rochelle")["code_insee"] == "17300"


# The homonyms offered, then what each answer naming a département (or its number, or a postal code) picks.
PICKS = [
    (
        SAINT_DENIS,
        [
            ("la réunion", "97411"),
            ("à la réunion", "97411"),
            ("974", "97411"),
            ("93", "93066"),
            ("seine-saint-denis", "93066"),
            ("93200", "93066"),
        ],
    ),
    (
        VALENCE,
        [
            ("la drome", "26362"),
            ("dans la drôme", "26362"),
            ("26", "26362"),
            ("celle de la drome", "26362"),
            ("82", "82186"),
        ],
    ),
    (["91286", "62388"], [("essonne", "91286")]),
]


@pytest.mark.parametrize(
    "text, offered, code", [(text, offered, code) for offered, picks in PICKS for text, code in picks]
)
def test_a_departement_picks_among_the_homonyms_offered(text, offered, code):
    slots = read(text, "commune", commune_candidates=offered, age=17)
    assert slots.get("code_insee") == code and slots.get("commune_candidates") is None
    assert "age" not in slots  # « 26 » is the Drôme, not an age


@pytest.mark.parametrize(
    "text, code",
    [
        ("Marseile", "13055"),
        ("tulouse", "31555"),
        ("strasbour", "67482"),
        ("cherbourg", "50129"),
        ("brive", "19031"),
        ("fougere", "35115"),
    ],
)
def test_a_name_not_typed_exactly_is_offered_to_confirm(text, code):
    slots = read(text, "commune")
    assert "code_insee" not in slots and code in slots["commune_candidates"]


def test_a_short_form_in_a_sentence_is_offered_to_confirm():
    slots = read("salut moi c'est Kevin 21 ans de Brive pas de permis")
    assert slots["commune_candidates"] == ["19031"] and "code_insee" not in slots


@pytest.mark.parametrize(
    "answer, intent", [("oui", "inform"), ("ouais", "inform"), ("oui", "affirm"), ("c'est ça", "affirm")]
)
def test_yes_confirms_the_commune_offered(answer, intent):
    slots = read(answer, "commune", intent=intent, commune_candidates=["13055"])
    assert slots["code_insee"] == "13055" and slots["commune"] == "Marseille" and slots["commune_candidates"] is None


def test_no_clears_the_commune_offered_and_says_so():
    facts = read_facts("/deny", intent="deny", requested_slot="commune", known={"commune_candidates": ["14251"]})
    assert facts.slots == {"commune_candidates": None} and facts.rejected.startswith("commune-non")


def test_a_departement_alone_is_kept_and_ends_the_question_after_two_misses():
    assert read("26", "commune") == {"departement": "26", "commune_candidates": None}
    assert read("dans la drôme", "commune") == {"departement": "26", "commune_candidates": None}
    facts = read_facts("26", intent="inform", requested_slot="commune", known={"attempts": {"commune": 2}})
    assert facts.slots["departement"] == "26" and facts.skipped == ["commune"]


def test_the_departement_given_narrows_the_next_answer():
    assert commune_of("valence", "commune", departement="26") == "26362"


def test_a_commune_named_in_passing_does_not_move_a_known_commune():
    slots = read("jsuis a la villeneuve", "qpv", code_insee="38185")
    assert "code_insee" not in slots and slots["quartier"] == "villeneuve"
    assert read("en fait j'habite à Lyon", "qpv", code_insee="38185")["code_insee"] == "69123"


@pytest.mark.parametrize(
    "text, name",
    [
        ("les minguettes", "les minguettes"),
        ("quartier des minguettes", "minguettes"),
        ("la cite des 4000", "cite des 4000"),
        ("La Duchère", "La Duchère"),
        ("le blosne", "le blosne"),
    ],
)
def test_a_quartier_answer_keeps_the_name(text, name):
    assert quartier_answer(text).lower() == name.lower()


@pytest.mark.parametrize("text", ["rien", "jcrois pas", "non", "je sais pas", "bon"])
def test_a_quartier_answer_that_is_no_name(text):
    assert quartier_answer(text) is None


def test_a_quartier_and_a_commune_in_one_sentence():
    assert quartier_in_text("jhabite aux minguettes a venissieux") == "minguettes"
    slots = read("jhabite aux minguettes a venissieux")
    assert slots["code_insee"] == "69259" and slots["quartier"] == "minguettes"


def test_choose_takes_only_a_unique_exact_name():
    assert geo.choose(geo.resolve_commune("Fougères")).commune.code_insee == "35115"
    assert geo.choose(geo.resolve_commune("Marseile")).commune is None
    assert geo.choose([]).empty


# ---------------------------------------------------------------------------- the question asked


def ask(**slots: Any):
    messages, events = run_action(ActionAskCommune(), sdk_tracker(slots, requested="commune"))
    assert events == [] and len(messages) == 1
    return messages[0]


def test_one_commune_to_confirm_gets_yes_and_another_commune():
    message = ask(commune_candidates=["14251"])
    assert message["text"] == "Votre commune est-elle Esson (Calvados) ?"
    assert [(b["title"], b["payload"]) for b in message["buttons"]] == [
        ("Oui", '/inform{"code_insee": "14251"}'),
        ("Non, une autre commune", "/deny"),
    ]


def test_after_two_misses_the_departement_only_and_a_way_out():
    message = ask(attempts={"commune": 2})
    assert "département" in message["text"] and [b["payload"] for b in message["buttons"]] == ["/decline"]
    assert not ask(attempts={"commune": 1}).get("buttons")


def test_with_a_departement_the_question_names_it():
    assert "Drôme" in ask(departement="26")["text"]


# Play-test D (issue #16): a correction inside the message, « dascq », a move that drops the old quartier.
def test_the_place_after_a_self_correction_wins():
    text = "jhabite a mende en lozere enfin a coté a badaroux"
    assert commune_of(text) == "48013"
    assert commune_of("jsuis a lyon, en fait plutôt a villeurbanne") == "69266"


def test_dascq_is_d_ascq():
    assert commune_of("yo jai 18 ans jai un cap cuisine jcherche un job en resto vers villeneuve dascq") == "59009"
    assert commune_of("non villeneuve dascq a coté de lille", "commune") == "59009"


def test_a_new_commune_drops_the_quartier_and_its_qpv():
    slots = read("en fait je cherche plutot sur lyon jvais y bouger", code_insee="13203", quartier="saint mauront")
    assert slots.get("code_insee") == "69123"
    assert "quartier" in slots and slots["quartier"] is None
    assert "qpv" in slots and slots["qpv"] is None


def test_the_same_commune_again_keeps_the_quartier():
    slots = read("j'habite à Lyon", code_insee="69123", quartier="mermoz", qpv=True)
    assert "quartier" not in slots and "qpv" not in slots
