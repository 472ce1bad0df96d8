"""Evaluates the trained model on the held-out NLU set (tests/nlu/test_nlu.yml) with `rasa test nlu`
and writes the figures to benchmarks/results/nlu.md. Run: .venv/bin/python scripts/nlu_report.py
[--model PATH] (a model file or a directory holding models; default `models`, the latest one there)."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="models",
                        help="model file or directory of models, relative to the repository root (default: models)")
    args = parser.parse_args(argv)
    out = Path(tempfile.mkdtemp(prefix="aiguillage-nlu-"))
    subprocess.run([str(Path(sys.executable).parent / "rasa"), "test", "nlu", "--model", args.model,
                    "--nlu", "tests/nlu/test_nlu.yml", "--out", str(out), "--no-plot"],
                   cwd=ROOT, check=True, capture_output=True)
    intents = json.loads((out / "intent_report.json").read_text())
    entities = json.loads((out / "DIETClassifier_report.json").read_text())
    lines = ["# NLU — held-out test set (tests/nlu/test_nlu.yml)", "",
             "Model trained with config.yml on bot/nlu; the test set is never used in training.", "",
             f"- Intent macro-F1: **{intents['macro avg']['f1-score']:.3f}** "
             f"(accuracy {intents['accuracy']:.3f}, {intents['macro avg']['support']} examples)",
             f"- Entity micro-F1 (DIET): **{entities['micro avg']['f1-score']:.3f}**, "
             f"macro-F1 {entities['macro avg']['f1-score']:.3f}", "",
             "| intent | precision | recall | F1 | support |", "|---|---|---|---|---|"]
    for name, row in sorted(intents.items()):
        if isinstance(row, dict) and "support" in row and name not in ("macro avg", "weighted avg", "micro avg"):
            lines.append(f"| {name} | {row['precision']:.2f} | {row['recall']:.2f} | {row['f1-score']:.2f} | {row['support']} |")
    lines += ["", "| entity | precision | recall | F1 | support |", "|---|---|---|---|---|"]
    for name, row in sorted(entities.items()):
        if isinstance(row, dict) and "support" in row and name not in ("macro avg", "weighted avg", "micro avg"):
            lines.append(f"| {name} | {row['precision']:.2f} | {row['recall']:.2f} | {row['f1-score']:.2f} | {row['support']} |")
    report = ROOT / "benchmarks" / "results" / "nlu.md"
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text("\n".join(lines) + "\n")
    print("\n".join(lines[:6]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
