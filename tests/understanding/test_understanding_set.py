"""The understanding test set (issue 16) loads, is as large as promised, names real communes, and the
parsers do not fall below the score last committed."""

import importlib.util
import sys
from pathlib import Path

import pytest

from knowledge import geo
from knowledge.profile import BESOINS, DIPLOMES, LOGEMENTS, SCOLARITES

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("understanding_report", ROOT / "scripts" / "understanding_report.py")
report = importlib.util.module_from_spec(spec)
sys.modules["understanding_report"] = report  # dataclasses look their module up there
spec.loader.exec_module(report)

# A regression floor, not a target: the share of messages with every fact right that the parsers
# reached (without any NLU model) when this figure was last committed. A change that loses a message
# fails here; raise the floor when fixes land, never lower it to make a change pass.
# Issue 16 second round: 290 (288 before the parsers read 4,000 characters, 276 after the live-test fixes, 254 after
# the commune fixes, 227 before any).
MESSAGE_FLOOR = 290 / 290
# Conversations, played as the form asks (the diploma last): 44/44 since the second round (40 before it).
CONVERSATION_FLOOR = 44 / 44

SLOTS = set(report.CHECKED_SLOTS)
# An annotation must be a value the profile accepts (knowledge/profile.py).
VALUES = {"besoin": set(BESOINS), "logement": set(LOGEMENTS), "scolarite": set(SCOLARITES), "diplome": set(DIPLOMES)}
ASKED = {None, "besoin", "age", "commune", "qpv", "permis", "vehicule", "logement", "handicap", "rqth"}


@pytest.fixture(scope="module")
def test_set():
    return report.load_set()


def _check_slots(slots):
    for slot, value in slots.items():
        assert slot in SLOTS, slot
        if slot in VALUES:
            assert value in VALUES[slot], (slot, value)
        if slot == "code_insee":
            assert geo.get_commune(value) is not None, value
        if slot == "commune_candidates":
            assert value and all(geo.get_commune(code) for code in value), value
        if slot in ("qpv", "permis", "vehicule", "handicap", "rqth"):
            assert isinstance(value, bool), (slot, value)


def test_messages_are_many_well_formed_and_name_real_communes(test_set):
    messages, _ = test_set
    assert len(messages) >= 220
    assert len({m["text"] for m in messages}) >= 200
    for message in messages:
        assert set(message) == {"text", "asked", "known", "expect", "heldout"}, message
        assert message["asked"] in ASKED, message
        assert isinstance(message["heldout"], bool)
        _check_slots(message["expect"])
        _check_slots(message["known"])
    assert sum(m["heldout"] for m in messages) > len(messages) / 2, "most of the set stays out of training"


def test_conversations_are_many_and_short(test_set):
    _, conversations = test_set
    assert len(conversations) >= 40
    for conversation in conversations:
        assert 3 <= len(conversation["turns"]) <= 10, conversation["name"]
        assert conversation["expect"], conversation["name"]
        _check_slots(conversation["expect"])


def test_issue_messages_are_in_the_set(test_set):
    texts = {m["text"] for m in test_set[0]}
    for text in (
        "alors",
        "j'en peux plus",
        "20 ans, Corbeil-Essonnes",
        "J'ai 25 ans et j'habite à Saint-Denis (93)",
        "paris 18",
        "salut moi c'est Kevin 21 ans de Brive pas de permis",
        "Marseile",
        "mamoudzou",
        "les minguettes",
        "👍",
        "mais",
        "plus",
        "tout",
        "bon",
        "rien",
    ):
        assert text in texts


def test_the_scorer_catches_a_wrong_and_an_extra_fact():
    assert report.mismatches({"age": 20}, {}, {"age": 20.0}) == {}
    assert report.mismatches({"age": 20}, {}, {"age": 18}) == {"age": 18}
    assert report.mismatches({}, {}, {"code_insee": "09008"}) == {"code_insee": "09008"}
    assert report.mismatches({}, {"age": 17}, {"age": 17}) == {}
    assert report.mismatches({"commune_candidates": ["93066"]}, {}, {"commune_candidates": ["97411", "93066"]}) == {}


def test_payloads_give_their_intent_and_entities():
    assert report.rule_parse('/inform{"code_insee": "26362"}') == (
        "inform",
        [{"entity": "code_insee", "value": "26362"}],
    )
    assert report.rule_parse("/decline") == ("decline", [])
    assert report.rule_parse("jai 20 ans") == ("inform", [])


def test_message_score_without_model_stays_above_the_floor(test_set):
    score = report.score_messages(test_set[0])
    assert score.share >= MESSAGE_FLOOR - 1e-9, [f.text for f in score.failures]


def test_conversation_score_without_model_stays_above_the_floor(test_set):
    score = report.score_conversations(test_set[1])
    assert score.share >= CONVERSATION_FLOOR - 1e-9, [f.where for f in score.failures]


def test_the_report_takes_the_newest_model_by_default(tmp_path):
    import os

    assert report.default_model(tmp_path) is None
    old, new = tmp_path / "a.tar.gz", tmp_path / "b.tar.gz"
    new.write_bytes(b"")
    old.write_bytes(b"")
    os.utime(old, (1, 1))
    assert report.default_model(tmp_path) == str(new)


def test_a_model_report_gives_the_parsers_alone_beside_it():
    score = report.Score(total=2, right=1)
    lines = report.render(score, score, "trained model m.tar.gz", parsers_only=(score, score))
    assert any(line.startswith("- Parsers alone, without the model: messages 1/2") for line in lines)
    assert not any("Parsers alone" in line for line in report.render(score, score, "parsers only"))
