"""Rasa's own checks on the training data, run inside the suite."""

import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
RASA = str(Path(sys.executable).parent / "rasa")


def _form_questions() -> set:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    return {f"utter_ask_{slot}" for form in domain["forms"].values() for slot in form["required_slots"]}


def _sent_by_name() -> set:
    """Responses sent by name from Python (the actions, the Rasa server's own safety net), in no story or rule."""
    from actions.conversation import RESPONSES_SENT_BY_NAME
    from aiguillage.rasa import resilience

    return set(RESPONSES_SENT_BY_NAME) | set(resilience.RESPONSES_SENT_BY_NAME)


def test_rasa_data_validate_reports_no_warning_that_matters():
    result = subprocess.run(
        [RASA, "data", "validate", "--data", "bot", "--domain", "domain.yml", "--config", "config.yml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    warnings = re.findall(r"UserWarning: (.+)", output)
    # Rasa 3.6's validator does not know that a form asks its questions with utter_ask_<slot>.
    known_false_positive = re.compile(r"The utterance '(utter_\w+)' is not used in any story or rule\.")
    # action_safety sends its answers by name, and the safety layer sets `safety_alert` before the NLU (on purpose
    # without training examples, so that the model never predicts it): neither is visible to the validator.
    from aiguillage.rasa.safety_layer import LAYER_INTENTS
    from reading.safety.answer import all_responses

    expected = _form_questions() | set(all_responses()) | _sent_by_name()
    layer_intents = {
        f"The intent '{i}' is listed in the domain file, but is not found in the NLU training data."
        for i in LAYER_INTENTS
    }
    real = [
        w
        for w in warnings
        if not (known_false_positive.match(w) and known_false_positive.match(w).group(1) in expected)
        and w not in layer_intents
    ]
    assert real == [], "\n".join(real)


def test_every_response_an_action_sends_by_name_is_in_the_domain():
    """A misspelt `response="utter_…"` would send nothing: Rasa only logs it."""
    responses = set(yaml.safe_load((ROOT / "domain.yml").read_text())["responses"])
    named = {
        name
        for path in (ROOT / "actions").glob("*.py")
        for name in re.findall(r'response="(utter_\w+)"', path.read_text(encoding="utf-8"))
    }
    assert named and named <= responses, named - responses
    assert _sent_by_name() <= responses, _sent_by_name() - responses
