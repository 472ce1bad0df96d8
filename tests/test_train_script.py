"""scripts/train.sh trains only when what the model is trained from changed, and the model Rasa then
serves (the newest of the folder) is the one for the current files. Rasa is replaced by a stub that
records its calls: the real training is exercised by `make test` itself."""

import shutil
import subprocess
import time
from pathlib import Path

from rasa.model import get_latest_model

ROOT = Path(__file__).resolve().parents[1]
STUB = """#!/usr/bin/env bash
echo "$@" >> "$(dirname "$0")/../../calls.log"
while [ $# -gt 0 ]; do case "$1" in --out) out="$2"; shift;; --fixed-model-name) name="$2"; shift;; esac; shift; done
mkdir -p "$out" && echo model > "$out/$name.tar.gz"
"""


def make_project(tmp_path: Path) -> Path:
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "train.sh", tmp_path / "scripts" / "train.sh")
    for name in ("config.yml", "domain.yml", "constraints.txt"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "bot", tmp_path / "bot")
    rasa = tmp_path / ".venv" / "bin" / "rasa"
    rasa.parent.mkdir(parents=True)
    rasa.write_text(STUB)
    rasa.chmod(0o755)
    return tmp_path


def train(project: Path) -> str:
    result = subprocess.run(
        ["bash", "scripts/train.sh", "config.yml"], cwd=project, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def trainings(project: Path) -> int:
    log = project / "calls.log"
    return len(log.read_text().splitlines()) if log.exists() else 0


def served_model(project: Path) -> str:
    """The model `rasa run --model models` picks, by Rasa's own rule."""
    return Path(get_latest_model(str(project / "models"))).name


def test_trains_once_then_reuses_and_follows_every_input(tmp_path):
    project = make_project(tmp_path)
    train(project)
    first = served_model(project)
    assert trainings(project) == 1

    assert "Modèle à jour" in train(project)
    assert trainings(project) == 1 and len(list((project / "models").glob("*.tar.gz"))) == 1

    domain = project / "domain.yml"
    original = domain.read_text()
    domain.write_text(original.replace("Avec plaisir !", "Avec grand plaisir !"))  # a response only
    train(project)
    assert trainings(project) == 2 and served_model(project) != first

    nlu = project / "bot" / "nlu" / "basics.yml"
    nlu.write_text(nlu.read_text() + "\n- intent: greet\n  examples: |\n    - bonjour la compagnie\n")
    train(project)
    assert trainings(project) == 3

    # Back to the first files: no training, and the first model is the one Rasa will serve again.
    domain.write_text(original)
    shutil.copy(ROOT / "bot" / "nlu" / "basics.yml", nlu)
    time.sleep(0.01)
    train(project)
    assert trainings(project) == 3 and served_model(project) == first
