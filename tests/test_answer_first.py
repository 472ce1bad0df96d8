"""aiguillage.answer_first: at the commune question the parse result's intent follows the commune named."""

import asyncio
from types import SimpleNamespace

from aiguillage import answer_first


class Tracker(SimpleNamespace):
    def get_slot(self, name):
        return self.slots.get(name)


def parsed(text, intent="chitchat"):
    return {"text": text, "intent": {"name": intent, "confidence": 0.8},
            "intent_ranking": [{"name": intent, "confidence": 0.8}, {"name": "inform", "confidence": 0.1}], "entities": []}


def at(question, loop="profile_form"):
    return Tracker(active_loop_name=loop, slots={"requested_slot": question})


def test_a_commune_name_at_the_commune_question_becomes_inform():
    result = answer_first.adjust(parsed("La Souterraine"), at("commune"))
    assert result["intent"] == {"name": "inform", "confidence": 1.0}
    assert [r["name"] for r in result["intent_ranking"]] == ["inform", "chitchat"]
    assert result["text"] == "La Souterraine"


def test_other_questions_other_messages_and_no_form_keep_the_model_intent():
    for data, tracker in ((parsed("La Souterraine"), at("age")), (parsed("La Souterraine"), at("commune", loop=None)),
                          (parsed("au revoir", "goodbye"), at("commune")), (parsed("La Souterraine"), None)):
        assert answer_first.adjust(data, tracker) == data


def test_the_wrapper_adjusts_what_rasa_parsed(monkeypatch):
    async def original(self, message, tracker=None, only_output_properties=True):
        return parsed(message.text)

    monkeypatch.setattr(answer_first, "_original_parse_message", original)
    result = asyncio.run(answer_first.parse_message(None, SimpleNamespace(text="la souterraine"), at("commune")))
    assert result["intent"]["name"] == "inform"
