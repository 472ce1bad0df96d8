"""`rasa test` on the test stories: every path's next action must be predicted, or the test fails."""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.stack import model_dir

ROOT = Path(__file__).resolve().parents[1]
RASA = str(Path(sys.executable).parent / "rasa")


@pytest.mark.model
@pytest.mark.skipif(not any(model_dir().glob("*.tar.gz")), reason="no trained model (make test trains one)")
def test_stories_are_predicted_without_error(tmp_path):
    result = subprocess.run(
        [
            RASA,
            "test",
            "core",
            "--model",
            str(model_dir()),
            "--stories",
            "tests/stories",
            "--out",
            str(tmp_path),
            "--fail-on-prediction-errors",
            "--no-plot",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    failed = tmp_path / "failed_test_stories.yml"
    details = failed.read_text() if failed.exists() else ""
    assert result.returncode == 0, details[-6000:] + result.stdout[-3000:] + result.stderr[-3000:]
