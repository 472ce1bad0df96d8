"""A public-service bot sends nothing to a third party: Rasa's telemetry is off in every way the project
starts Rasa (make, the scripts, the Python entry point, the tests)."""

import os
import re
from pathlib import Path

from aiguillage.servers import rasa_server

ROOT = Path(__file__).resolve().parents[1]


def test_make_exports_it_for_every_target():
    assert re.search(r"^export RASA_TELEMETRY_ENABLED \?= false$", (ROOT / "Makefile").read_text(), re.M)


def test_every_script_that_runs_rasa_turns_it_off():
    for script in sorted((ROOT / "scripts").glob("*.sh")):
        text = script.read_text()
        if ".venv/bin/rasa" in text or "aiguillage.servers.rasa_server" in text or "pytest" in text:
            assert 'export RASA_TELEMETRY_ENABLED="${RASA_TELEMETRY_ENABLED:-false}"' in text, script.name


def test_the_python_entry_point_turns_it_off(monkeypatch):
    import rasa.__main__
    from rasa import telemetry

    monkeypatch.delenv("RASA_TELEMETRY_ENABLED", raising=False)
    monkeypatch.setattr(rasa.__main__, "main", lambda: None)  # Rasa itself is not started here
    rasa_server.main(["--version"])
    assert os.environ["RASA_TELEMETRY_ENABLED"] == "false"
    assert telemetry.is_telemetry_enabled() is False


def test_the_test_suite_runs_with_it_off():
    from rasa import telemetry

    assert telemetry.is_telemetry_enabled() is False
