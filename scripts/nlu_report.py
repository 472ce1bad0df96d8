"""Evaluates the model on the held-out NLU set (tests/nlu/test_nlu.yml) with `rasa test nlu` and writes
the figures to benchmarks/results/nlu.md. Run: .venv/bin/python scripts/nlu_report.py [--model PATH]
[--seeds 42,7,2026].

--model: a model file or a directory holding models (default `models`, the latest one there).
--seeds: instead, trains the NLU part of config.yml once per DIET seed and reports each run and their
mean, so that a figure is not the luck of one initialisation (3 seeds on the same data: 0.945 to 0.974)."""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
RASA = str(Path(sys.executable).parent / "rasa")
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")  # the rasa commands below send nothing to a third party
SKIP_ROWS = ("macro avg", "weighted avg", "micro avg")


@dataclass
class Run:
    label: str
    intents: dict
    entities: dict

    @property
    def intent_f1(self) -> float:
        return self.intents["macro avg"]["f1-score"]

    @property
    def entity_f1(self) -> float:
        return self.entities["micro avg"]["f1-score"]


def evaluate(model: str, label: str) -> Run:
    with tempfile.TemporaryDirectory(prefix="aiguillage-nlu-") as tmp:
        out = Path(tmp)
        subprocess.run(
            [RASA, "test", "nlu", "--model", model, "--nlu", "tests/nlu/test_nlu.yml", "--out", str(out), "--no-plot"],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        return Run(
            label,
            json.loads((out / "intent_report.json").read_text()),
            json.loads((out / "DIETClassifier_report.json").read_text()),
        )


def seeded_config(config: dict, seed: int) -> dict:
    """The same config with another DIET seed; refuses a config without DIET rather than report nothing."""
    diet = [c for c in config["pipeline"] if c["name"] == "DIETClassifier"]
    if not diet:
        raise ValueError("config.yml has no DIETClassifier")
    for component in diet:
        component["random_seed"] = seed
    return config


def evaluate_seed(seed: int, config_path: Path = ROOT / "config.yml") -> Run:
    """Trains the NLU of config_path (default config.yml) with this DIET seed in a scratch folder (a model
    is 45 MB) and evaluates it there."""
    config = seeded_config(yaml.safe_load(config_path.read_text()), seed)
    with tempfile.TemporaryDirectory(prefix=f"aiguillage-seed{seed}-") as tmp:
        work = Path(tmp)
        (work / "config.yml").write_text(yaml.safe_dump(config, allow_unicode=True))
        subprocess.run(
            [
                RASA,
                "train",
                "nlu",
                "--config",
                str(work / "config.yml"),
                "--nlu",
                "bot/nlu",
                "--out",
                str(work),
                "--fixed-model-name",
                f"seed{seed}",
            ],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        return evaluate(str(work / f"seed{seed}.tar.gz"), f"seed {seed}")


def _table(report: dict) -> list:
    return [
        f"| {name} | {row['precision']:.2f} | {row['recall']:.2f} | {row['f1-score']:.2f} | {row['support']} |"
        for name, row in sorted(report.items())
        if isinstance(row, dict) and "support" in row and name not in SKIP_ROWS
    ]


def render(runs: list) -> list:
    first = runs[0]
    lines = [
        "# NLU — held-out test set (tests/nlu/test_nlu.yml)",
        "",
        "Trained with config.yml on bot/nlu; the test set is never used in training.",
        "",
    ]
    if len(runs) > 1:
        intent = [r.intent_f1 for r in runs]
        entity = [r.entity_f1 for r in runs]
        lines += [
            f"- Intent macro-F1: **{statistics.mean(intent):.3f}** mean of {len(runs)} DIET seeds "
            f"(lowest {min(intent):.3f}, highest {max(intent):.3f})",
            f"- Entity micro-F1 (DIET): **{statistics.mean(entity):.3f}** mean "
            f"(lowest {min(entity):.3f}, highest {max(entity):.3f})",
            "",
            "| run | intent macro-F1 | intent accuracy | entity micro-F1 |",
            "|---|---|---|---|",
        ]
        lines += [f"| {r.label} | {r.intent_f1:.3f} | {r.intents['accuracy']:.3f} | {r.entity_f1:.3f} |" for r in runs]
        lines += [
            "",
            f"Per-intent and per-entity figures below are those of {first.label} (the seed config.yml ships with).",
            "",
        ]
    else:
        lines += [
            f"- Intent macro-F1: **{first.intent_f1:.3f}** (accuracy {first.intents['accuracy']:.3f}, "
            f"{first.intents['macro avg']['support']} examples)",
            f"- Entity micro-F1 (DIET): **{first.entity_f1:.3f}**, "
            f"macro-F1 {first.entities['macro avg']['f1-score']:.3f}",
            "",
        ]
    lines += [
        "| intent | precision | recall | F1 | support |",
        "|---|---|---|---|---|",
        *_table(first.intents),
        "",
        "| entity | precision | recall | F1 | support |",
        "|---|---|---|---|---|",
        *_table(first.entities),
    ]
    return lines


def main(argv: list | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--model",
        default="models",
        help="model file or directory of models, relative to the repository root (default: models)",
    )
    parser.add_argument("--seeds", help="comma-separated DIET seeds: train the NLU once per seed and report the mean")
    parser.add_argument(
        "--config",
        type=Path,
        default=ROOT / "config.yml",
        help="with --seeds: another config to train (to compare a setting); default config.yml",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "nlu.md")
    args = parser.parse_args(argv)
    if args.seeds:
        seeds = [int(s) for s in args.seeds.split(",")]
        runs = []
        for seed in seeds:
            runs.append(evaluate_seed(seed, args.config.resolve()))
            print(
                f"seed {seed}: intent macro-F1 {runs[-1].intent_f1:.3f}, entity micro-F1 {runs[-1].entity_f1:.3f}",
                flush=True,
            )
    else:
        runs = [evaluate(args.model, args.model)]
    lines = render(runs)
    report = args.out
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text("\n".join(lines) + "\n")
    print("\n".join(lines[:7]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
