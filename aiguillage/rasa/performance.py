"""Rasa 3.6 re-checks a constant JSON Schema on every action call; this checks it once.

`RemoteAction._validate_action_result` calls `jsonschema.validate(result, schema)`, which first
validates *the schema itself* against its meta-schema (`check_schema`), then the action server's
answer. With the jsonschema 4.x that Rasa 3.6 installs, the schema check walks the Draft 2020-12
meta-schema through `$dynamicRef`s: about 150 ms of CPU per call, three calls per message — measured
at 60 % of Rasa's time per message (cProfile, benchmarks/load_test.py). The schema never changes, so
`install()` checks it once and keeps a compiled validator: the action server's answers are validated
exactly as before (same errors, same message), only the repeated meta-schema check is gone.

Installed by `python -m aiguillage.servers.rasa_server`. Checked against Rasa 3.6.21
(rasa/core/actions/action.py, RemoteAction._validate_action_result).
"""

from __future__ import annotations

from typing import Any, Dict, Optional

_validator: Optional[Any] = None
_installed = False


def _compiled_validator() -> Any:
    global _validator
    if _validator is None:
        from jsonschema.validators import validator_for
        from rasa.core.actions.action import RemoteAction

        schema = RemoteAction.action_response_format_spec()
        cls = validator_for(schema)
        cls.check_schema(schema)  # once, as jsonschema.validate would on every call
        _validator = cls(schema)
    return _validator


def validate_action_result(self: Any, result: Dict[str, Any]) -> bool:
    """Same contract as Rasa's: True, or the best-matching ValidationError with Rasa's hint appended."""
    from jsonschema.exceptions import best_match
    from rasa.shared.constants import DOCS_BASE_URL

    error = best_match(_compiled_validator().iter_errors(result))
    if error is not None:
        error.message += (
            f". Failed to validate Action server response from API, "
            f"make sure your response from the Action endpoint is valid. "
            f"For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise error
    return True


def install() -> None:
    global _installed
    if _installed:
        return
    from rasa.core.actions.action import RemoteAction

    RemoteAction._validate_action_result = validate_action_result
    _installed = True
