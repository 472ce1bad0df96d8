"""The safety layer on the labelled set of tests/safety/ (written before the detector): every message in
danger gets the right help — rendered with the real responses and numbers — and ordinary French does not."""

import re

import pytest
import yaml

from reading.safety import detect, numbers, plan_answer
from reading.safety.answer import all_responses
from reading.safety.evaluation import LIVE_SETS, ROOT, SETS, answer_text, evaluate, load_set, render, responses

# Every set the detector has been measured on (the held-out ones were folded in after their first measure,
# recorded in tests/safety/README.md): each message in danger must get the right help.
DANGER = [entry for _, danger, _ in (*SETS, *LIVE_SETS) for entry in load_set(danger)]
ORDINARY = [entry for _, _, ordinary in SETS for entry in load_set(ordinary)]
TEXTS = responses()
MAX_FALSE_ALARM_RATE = 0.02


@pytest.mark.parametrize("entry", DANGER, ids=[e["text"][:50] for e in DANGER])
def test_every_message_in_danger_gets_the_right_help(entry):
    got = answer_text(entry["text"], entry.get("age"), TEXTS)
    assert got is not None, "no safety answer"
    language, text = got
    assert language == entry["language"]
    for number in entry["numbers"]:
        assert re.search(rf"(?<!\d)(?<!\d ){re.escape(number)}(?!\d)", text), f"{number} missing from:\n{text}"
    for word in entry.get("mentions") or ():
        assert word in text


def test_ordinary_messages_rarely_raise_an_alarm():
    report = evaluate([], ORDINARY, TEXTS)
    assert report.false_alarm_rate <= MAX_FALSE_ALARM_RATE, report.failures


@pytest.mark.parametrize(
    "text",
    [
        "je suis mort de rire",
        "ça me tue ce retard",
        "je veux en finir avec le chômage",
        "je veux finir ma formation",
        "mon père me frappe pas",
        "tuer le temps",
        "jsuis mort de fatigue",
        "il m'a battu à fifa",
        "mon patron m'a viré",
        "bonjour",
        "paris 18",
        "👍",
        "ok",
        "non ça va",
        "je cherche un logement",
        "chez mes parents",
    ],
)
def test_the_issue_s_ordinary_french_never_triggers(text):
    detection = detect(text)
    assert plan_answer(detection.signals, detection.age_hint, None, detection.english) is None, detection


def test_a_minor_hit_at_home_is_sent_to_the_119_not_the_115():
    detection = detect("mon père me frappe, je dors dehors")
    answer = plan_answer(detection.signals, detection.age_hint, known_age=16)
    assert answer.kinds == ("violence_mineur",)  # its text gives the 119 and the ASE as the route to a bed
    adult = plan_answer(detection.signals, detection.age_hint, known_age=20)
    assert adult.kinds == ("violence_adulte", "sans_abri")


def test_the_age_the_message_states_beats_the_age_known_before():
    detection = detect("non j'ai 18 ans pas 17, et mon père me frappe")
    assert detection.age_hint == "majeur"
    assert plan_answer(detection.signals, detection.age_hint, known_age=17).kinds == ("violence_adulte",)


def test_unknown_age_gives_both_routes():
    detection = detect("mon beau-père me tape")
    assert plan_answer(detection.signals, None, None).kinds == ("violence_age_inconnu",)


def test_distress_alone_asks_how_the_person_is_but_never_hides_a_danger():
    assert plan_answer({"detresse"}).kinds == ("detresse",)
    assert plan_answer({"detresse", "suicide"}).kinds == ("suicide",)


def test_english_answers_in_english_with_the_danger_s_numbers():
    detection = detect("I sleep in the street")
    answer = plan_answer(detection.signals, detection.age_hint, None, detection.english)
    assert answer.language == "en" and answer.kinds == ("intro", "sans_abri")


def test_a_button_payload_is_never_read_for_danger():
    assert not detect('/inform{"logement": "sans-domicile"}').alarming


def test_a_danger_said_at_the_end_of_a_very_long_message_is_found():
    text = "Bonjour, je vous explique ma situation. " * 300 + "Et franchement je veux mourir."
    assert len(text) > 10_000
    assert "suicide" in detect(text).signals


def test_every_placeholder_of_the_safety_answers_is_filled_from_the_numbers_file():
    for name in all_responses():
        assert name in TEXTS, f"{name} missing from domain.yml"
        rendered = render(TEXTS[name])
        assert "{" not in rendered and "}" not in rendered, f"{name}: {rendered}"


def test_every_number_is_dated_and_officially_sourced_and_written_once():
    data = numbers.load()
    assert len({n["numero"] for n in data["numeros"]}) == len(data["numeros"])
    domain_text = re.sub(r"\{[a-z0-9_]+\}", "", (ROOT / "domain.yml").read_text(encoding="utf-8"))
    for entry in data["numeros"]:
        assert entry["source"]["url"].startswith("https://") and entry["verifie_le"]
    # Numbers are never typed into the answers: they come from the file (a stale copy cannot survive a change).
    for number in ("3114", "119", "3919", "0 800 235 236"):
        assert number not in domain_text


def test_the_numbers_file_refuses_an_undated_entry(tmp_path, monkeypatch):
    broken = yaml.safe_load(numbers.URGENCES_FILE.read_text(encoding="utf-8"))
    del broken["numeros"][0]["verifie_le"]
    path = tmp_path / "urgences.yaml"
    path.write_text(yaml.safe_dump(broken, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(numbers, "URGENCES_FILE", path)
    numbers.load.cache_clear()
    try:
        with pytest.raises(ValueError, match="verifie_le"):
            numbers.load()
    finally:
        numbers.load.cache_clear()


def test_heldout4_floor():
    """The held-out set no pattern or weight was tuned on: its first-contact figure is a floor, not a goal."""
    report = evaluate(load_set("heldout4_danger"), load_set("heldout4_ordinary"), TEXTS)
    assert report.danger_ok >= 71 and report.false_alarms <= 10, report.failures


def test_everyday_messages_rarely_raise_an_alarm():
    """What people ordinarily write (the NLU held-out set), some of it really in danger (« je dors dans la rue »)."""
    from reading.safety.evaluation import everyday_alarms

    total, alarms = everyday_alarms()
    assert len(alarms) <= MAX_FALSE_ALARM_RATE * total, alarms


@pytest.mark.parametrize(
    "text",
    [
        "chez ma mère et mon beau-père",
        "avec ma mere et mon beau pere",
        "je vis avec mon beau-père et ma mère depuis 2 ans",
        "chez mon père et sa copine",
    ],
)
def test_saying_who_one_lives_with_is_an_answer_not_an_alarm(text):
    """Live testers got the emergency screen for « chez ma mère et mon beau-père » (play-test, 2026-12-07)."""
    assert not detect(text).alarming


@pytest.mark.parametrize(
    "text",
    [
        "avec ma mère et mon beau-père qui me frappe",
        "chez ma mere et mon beau pere, il me menace",
        "jai peur de mon beau pere",
    ],
)
def test_who_one_lives_with_said_with_a_danger_still_raises_it(text):
    assert detect(text).alarming


@pytest.mark.parametrize(
    "text",
    [
        "Et pour le médecin ? Il n'a pas de mutuelle.",
        "et pour le médecin ?",
        "jsuis au rsa ça compte pas ?",
        "jsuis plus au lycée depuis octobre",
    ],
)
def test_the_live_play_test_d_false_alarms_are_gone(text):
    """Play-test D (2026-12-07): a conseiller's question, an RSA status and a diploma answer got the crisis screen."""
    assert not detect(text).alarming


@pytest.mark.parametrize("ordinary", [o for _, _, o in LIVE_SETS])
def test_the_live_sets_raise_no_alarm(ordinary):
    """tests/safety/live_d_ordinary.yaml (6 / 46 false alarms before its fix), gaps_ordinary.yaml (9 / 55 before
    its fix): both written before the fix."""
    report = evaluate([], load_set(ordinary), TEXTS)
    assert report.false_alarms == 0, report.failures


@pytest.mark.parametrize(
    "text",
    [
        "jai pas de mutuelle, plus rien a manger",
        "jai plus de caf, jai plus rien a manger",
        "jsuis fauché, j'ai faim",
        "j'ai plus rien à manger depuis 3 jours",
    ],
)
def test_no_food_is_sent_to_the_mairie_s_social_service_not_to_the_crisis_lines_first(text):
    """Live gaps (2026-12-07): no answer at all, or only the second net's list of every number."""
    detection = detect(text)
    assert plan_answer(detection.signals, detection.age_hint, 20).kinds == ("faim",)
    assert "CCAS" in render(TEXTS["utter_urgence_faim"])


def test_hunger_alone_gets_a_gentle_line_not_the_3114_and_hunger_with_distress_gets_it():
    """Play-test E: « Si vous pensez à vous faire du mal : le 3114 » told to someone who is only hungry was heavy."""
    alone = detect("jai faim aussi jai pas mangé depuis hier, ya des trucs pour manger ?")
    assert plan_answer(alone.signals, alone.age_hint, 24).kinds == ("faim",)
    gentle = render(TEXTS["utter_urgence_faim"])
    assert "CCAS" in gentle and "0 800 235 236" in gentle and "3114" not in gentle
    assert plan_answer({"faim", "detresse"}, None, 20).kinds == ("faim_detresse",)
    assert "3114" in render(TEXTS["utter_urgence_faim_detresse"])
    assert plan_answer({"faim", "suicide"}, None, 20).kinds == ("suicide", "faim")  # the 3114 given once


@pytest.mark.parametrize("text", ["et pour le psy ? je tiens plus", "jtiens plus la", "je craque"])
def test_je_tiens_plus_is_distress_like_j_en_peux_plus(text):
    detection = detect(text)
    assert plan_answer(detection.signals, detection.age_hint, 20).kinds == ("detresse",)
    assert "3114" in render(TEXTS["utter_urgence_detresse"])


@pytest.mark.parametrize(
    "text",
    [
        "j'ai faim de réussir",
        "jmeurs de faim vivement midi",
        "je tiens plus à faire de la vente",
        "je tiens pas à parler de ça",
        "je craque pour les métiers de l'animation",
        "j'en peux plus de chercher un stage",
    ],
)
def test_hunger_and_holding_on_look_alikes_raise_no_alarm(text):
    assert not detect(text).alarming


def test_food_withheld_or_an_eating_disorder_keeps_its_own_answer():
    assert detect("mes parents menferment dans ma chambre et me donnent pas a manger").signals == {"violence"}
    assert detect("jarrive plus a manger, jvomis tout ce que javale").signals == {"sante"}


@pytest.mark.parametrize(
    "text",
    [
        "jsuis plus au lycée, jai peur",
        "jsuis au rsa et jai plus rien",
        "et pour le médecin ? je me scarifie depuis un mois",
        "jsuis plus au lycée depuis octobre parce que mon beau-père me frappe",
        "jai pas de mutuelle et je prends des cachets pour tenir",
    ],
)
def test_an_ordinary_clause_does_not_hide_the_danger_said_with_it(text):
    # The first two only the second net catches: what is left beside « jsuis plus au lycée » is still judged.
    assert detect(text).alarming
