"""aiguillage.rasa.typed_buttons and its place in the input guard: a typed button title is the button."""

import asyncio
from types import SimpleNamespace

import pytest
import yaml

from aiguillage.rasa import input_guard, typed_buttons


def through_guard(monkeypatch, text):
    seen = []

    async def original(self, msg):
        seen.append(msg)

    monkeypatch.setattr(input_guard, "_original_handle_message", original)
    asyncio.new_event_loop().run_until_complete(input_guard.handle_bounded_message(None, SimpleNamespace(text=text)))
    return seen[0]


def domain_buttons():
    responses = yaml.safe_load(typed_buttons.DOMAIN.read_text(encoding="utf-8"))["responses"]
    return [b for variants in responses.values() for v in variants for b in v.get("buttons") or ()]


@pytest.mark.parametrize(
    "typed",
    [
        "Je ne sais pas encore",
        "je ne sais pas encore",
        "JE NE SAIS PAS ENCORE !",
        "le permis la mobilite",
        "hebergee par quelqu'un",
    ],
)
def test_a_typed_title_becomes_its_payload(monkeypatch, typed):
    text = through_guard(monkeypatch, typed).text
    assert text.startswith("/inform{") and '"' in text and "{{" not in text


def test_every_inform_title_with_one_meaning_maps_to_its_own_payload():
    mapped = 0
    for button in domain_buttons():
        payload = button["payload"].replace("{{", "{").replace("}}", "}")
        others = {b["payload"] for b in domain_buttons() if b["title"] == button["title"]}
        if payload.startswith("/inform{") and len(others) == 1:
            assert typed_buttons.payload_for(button["title"]) == payload
            mapped += 1
    assert mapped >= 10


@pytest.mark.parametrize("typed", ["Oui", "Non", "Je ne sais pas", "C'est quoi ?"])
def test_titles_whose_meaning_depends_on_the_question_stay_text(typed):
    assert typed_buttons.payload_for(typed) is None
    assert typed_buttons.is_own_title(typed)


@pytest.mark.parametrize("typed", ["je cherche un emploi dans la vente", "un emploi et un logement", "", "/affirm"])
def test_other_words_stay_text(typed):
    assert typed_buttons.payload_for(typed) is None


def test_a_typed_english_button_is_the_button_not_an_alarm(monkeypatch):
    message = through_guard(monkeypatch, "English: reach a person")
    assert message.text == "/english_help"
    assert not getattr(message, "parse_data", None)


@pytest.mark.parametrize("typed", ["Continuer en français", "continuer en francais", "Reprendre"])
def test_typed_resume_titles_resume(typed):
    assert typed_buttons.payload_for(typed) == "/start"
