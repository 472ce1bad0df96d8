"""aiguillage.rasa.performance: the action server's answers are validated exactly as Rasa does, without
re-checking Rasa's constant schema against its meta-schema on every call."""

from __future__ import annotations

from typing import Any, Dict, Optional

import jsonschema
import pytest
from jsonschema.exceptions import ValidationError
from rasa.core.actions.action import RemoteAction

from aiguillage.rasa import performance

ORIGINAL = RemoteAction._validate_action_result

VALID = [
    {"events": [], "responses": []},
    {
        "events": [{"event": "slot", "name": "age", "value": 19.0, "timestamp": None}],
        "responses": [{"text": "Merci !", "buttons": []}],
    },
    {"events": [{"event": "active_loop", "name": "profile_form"}, {"event": "followup", "name": "action_listen"}]},
    {},
]
INVALID = [
    {"events": [{"name": "age", "value": 19}]},  # no "event"
    {"events": [{"event": "slot", "name": "age"}]},  # slot without value
    {"events": "pas une liste"},
    {"responses": [42]},
    {"events": [{"event": "inconnu"}]},
]


def outcome(validate, result: Dict[str, Any]) -> Optional[str]:
    try:
        assert validate(RemoteAction("action_extract_profile", None), result) is True
        return None
    except ValidationError as error:
        return error.message


@pytest.mark.parametrize("result", VALID + INVALID)
def test_same_verdict_and_message_as_rasa(result):
    assert outcome(performance.validate_action_result, result) == outcome(ORIGINAL, result)


@pytest.mark.parametrize("result", INVALID)
def test_an_invalid_answer_is_still_refused_with_rasas_hint(result):
    message = outcome(performance.validate_action_result, result)
    assert message is not None and "Failed to validate Action server response" in message


def test_install_replaces_rasas_method_and_checks_the_schema_once(monkeypatch):
    monkeypatch.setattr(RemoteAction, "_validate_action_result", ORIGINAL)
    monkeypatch.setattr(performance, "_installed", False)
    monkeypatch.setattr(performance, "_validator", None)
    validator_class = jsonschema.validators.validator_for(RemoteAction.action_response_format_spec())
    checks = []
    real_check = validator_class.check_schema.__func__
    monkeypatch.setattr(
        validator_class,
        "check_schema",
        classmethod(lambda cls, schema, **kw: (checks.append(1), real_check(cls, schema, **kw))[1]),
    )

    action = RemoteAction("action_extract_profile", None)
    action._validate_action_result(VALID[1])
    assert len(checks) == 1, "Rasa's own method checks the schema on every call"

    performance.install()
    performance.install()  # twice is harmless
    checks.clear()
    for _ in range(3):
        assert action._validate_action_result(VALID[1]) is True
    with pytest.raises(ValidationError):
        action._validate_action_result(INVALID[0])
    assert len(checks) == 1, "checked once, when the validator is built"
