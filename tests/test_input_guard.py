"""aiguillage.rasa.input_guard: the REST body checks and the bounded message length
(e2e: tests/e2e/test_robustness_*.py)."""

import asyncio
from types import SimpleNamespace

import pytest
from sanic.exceptions import InvalidUsage

from aiguillage.rasa import input_guard
from reading.facts import FULL_TEXT, read_facts


def request(body):
    return SimpleNamespace(json=body)


def sender(body):
    return asyncio.new_event_loop().run_until_complete(input_guard.extract_sender(None, request(body)))


def message(body):
    return input_guard.extract_message(None, request(body))


@pytest.mark.parametrize(
    "body, expected",
    [({"sender": "abc", "message": "x"}, "abc"), ({"sender": 42}, "42"), ({"sender": "é" * 255}, "é" * 255)],
)
def test_good_senders(body, expected):
    assert sender(body) == expected


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"sender": None},
        {"sender": ""},
        {"sender": "  "},
        {"sender": True},
        {"sender": ["a"]},
        {"sender": {"a": 1}},
        {"sender": "x" * 256},
        [],
        "texte",
        None,
        3,
    ],
)
def test_bad_senders_are_a_400_in_french(body):
    with pytest.raises(InvalidUsage) as refused:
        sender(body)
    assert "sender" in str(refused.value) or "objet JSON" in str(refused.value)


@pytest.mark.parametrize(
    "body", [{"message": None}, {}, {"message": 12}, {"message": ["a"]}, {"message": {"t": 1}}, []]
)
def test_bad_messages_are_a_400(body):
    with pytest.raises(InvalidUsage):
        message(body)


def test_any_text_is_a_message():
    for text in ["", " ", "\u0000", "😀", "x" * 50_000]:
        assert message({"message": text}) == text


def test_long_messages_are_cut_before_the_nlu(monkeypatch):
    seen = []

    async def original(self, msg):
        seen.append(msg.text)

    monkeypatch.setattr(input_guard, "_original_handle_message", original)
    for text in ["court", "x" * 50_000, None]:
        asyncio.new_event_loop().run_until_complete(
            input_guard.handle_bounded_message(None, SimpleNamespace(text=text))
        )
    assert seen[0] == "court" and seen[2] is None
    assert (
        len(seen[1]) <= input_guard.MAX_MESSAGE_CHARS and seen[1].startswith("x" * 400) and seen[1].endswith("x" * 400)
    )


def test_a_long_message_keeps_the_facts_at_its_end(monkeypatch):
    seen = []

    async def original(self, msg):
        seen.append(msg.text)

    monkeypatch.setattr(input_guard, "_original_handle_message", original)
    story = "Bonjour, je vous explique ma situation. " + "Ça fait longtemps que je galère avec tout ça. " * 70
    text = story + "Bref : 20 ans, Grenoble, formation"
    assert len(text) > 3000
    asyncio.new_event_loop().run_until_complete(input_guard.handle_bounded_message(None, SimpleNamespace(text=text)))
    assert len(seen[0]) <= input_guard.MAX_MESSAGE_CHARS
    assert seen[0].startswith("Bonjour, je vous explique") and seen[0].endswith("20 ans, Grenoble, formation")


def test_a_thumbs_up_reaches_the_nlu_as_oui_and_the_parsers_as_an_emoji(monkeypatch):
    seen = []

    async def original(self, msg):
        seen.append((msg.text, (getattr(msg, "metadata", None) or {}).get(FULL_TEXT)))

    monkeypatch.setattr(input_guard, "_original_handle_message", original)
    for text in ["👍", "👍🏽 ", "👎", "👍 merci", "😀"]:
        asyncio.new_event_loop().run_until_complete(
            input_guard.handle_bounded_message(None, SimpleNamespace(text=text))
        )
    assert seen == [("oui", "👍"), ("oui", "👍🏽 "), ("non", "👎"), ("👍 merci", None), ("😀", None)]


def test_a_shrug_and_a_wave_reach_the_nlu_as_their_words(monkeypatch):
    # Play-test D: « 🤷 » at the QPV question was re-prompted, « 🙋‍♂️ » as a first message was « Pardon… ».
    seen = []

    async def original(self, msg):
        seen.append((msg.text, (getattr(msg, "metadata", None) or {}).get(FULL_TEXT)))

    monkeypatch.setattr(input_guard, "_original_handle_message", original)
    for text in ["🤷", "🙋‍♂️", "👋"]:
        asyncio.new_event_loop().run_until_complete(
            input_guard.handle_bounded_message(None, SimpleNamespace(text=text))
        )
    assert seen == [("je ne sais pas", "🤷"), ("bonjour", "🙋‍♂️"), ("bonjour", "👋")]


def test_a_thumbs_up_answers_the_permis_question_but_never_records_a_handicap():
    # What action_extract_profile reads: the emoji kept in FULL_TEXT, the intent the NLU found for « oui ».
    assert read_facts("👍", intent="affirm", requested_slot="permis").slots == {"permis": True}
    for slot in ("handicap", "rqth"):
        facts = read_facts("👍", intent="affirm", requested_slot=slot)
        assert facts.slots == {} and facts.rejected == f"{slot}-emoji:"


def test_the_parsers_get_more_of_a_long_message_than_the_nlu(monkeypatch):
    """« sans diplôme » said in the middle of a long story reaches the parsers (metadata « full_text »)."""
    from reading.facts import FULL_TEXT, MAX_TEXT_CHARS

    seen = []

    async def original(self, msg):
        seen.append(msg)

    monkeypatch.setattr(input_guard, "_original_handle_message", original)
    story = (
        "Je vous raconte. " * 60 + "Je suis sans diplôme. " + "Ça fait longtemps que je galère. " * 40 + "Bref 20 ans."
    )
    assert input_guard.MAX_MESSAGE_CHARS < len(story) < MAX_TEXT_CHARS
    message = SimpleNamespace(text=story, metadata={"channel": "rest"})
    asyncio.new_event_loop().run_until_complete(input_guard.handle_bounded_message(None, message))
    assert "sans diplôme" not in seen[0].text and "sans diplôme" in seen[0].metadata[FULL_TEXT]
    assert seen[0].metadata["channel"] == "rest"
    short = SimpleNamespace(text="20 ans", metadata=None)
    asyncio.new_event_loop().run_until_complete(input_guard.handle_bounded_message(None, short))
    assert seen[1].metadata is None
