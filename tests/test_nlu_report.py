"""scripts/nlu_report.py: what the committed NLU figures say (one run, or the mean of several seeds)."""

import importlib.util
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("nlu_report", ROOT / "scripts" / "nlu_report.py")
nlu_report = importlib.util.module_from_spec(spec)
sys.modules["nlu_report"] = nlu_report  # dataclasses look their module up there
spec.loader.exec_module(nlu_report)


def run(label: str, intent_f1: float, entity_f1: float, greet_f1: float) -> "nlu_report.Run":
    row = {"precision": 1.0, "recall": 1.0, "f1-score": greet_f1, "support": 10}
    return nlu_report.Run(
        label,
        {"greet": row, "accuracy": 0.9, "macro avg": {"f1-score": intent_f1, "support": 10}},
        {"age": row, "micro avg": {"f1-score": entity_f1}, "macro avg": {"f1-score": entity_f1}},
    )


def test_one_run_reports_its_figures():
    text = "\n".join(nlu_report.render([run("models", 0.912, 0.877, 0.5)]))
    assert "Intent macro-F1: **0.912**" in text and "Entity micro-F1 (DIET): **0.877**" in text
    assert "| greet | 1.00 | 1.00 | 0.50 | 10 |" in text
    assert "mean" not in text


def test_several_seeds_report_the_mean_the_spread_and_each_run():
    runs = [run("seed 42", 0.96, 0.90, 0.5), run("seed 7", 0.94, 0.92, 0.7), run("seed 1", 0.95, 0.94, 0.9)]
    text = "\n".join(nlu_report.render(runs))
    assert "Intent macro-F1: **0.950** mean of 3 DIET seeds (lowest 0.940, highest 0.960)" in text
    assert "Entity micro-F1 (DIET): **0.920** mean (lowest 0.900, highest 0.940)" in text
    assert "| seed 7 | 0.940 | 0.900 | 0.920 |" in text
    # The per-intent table is the first run's (the seed config.yml ships with), not a mix of runs.
    assert "| greet | 1.00 | 1.00 | 0.50 | 10 |" in text and "0.70 | 10" not in text


def test_the_seed_is_set_on_diet_only_and_the_shipped_config_has_diet():
    config = yaml.safe_load((ROOT / "config.yml").read_text())
    seeded = nlu_report.seeded_config(config, 7)
    assert [c.get("random_seed") for c in seeded["pipeline"] if c["name"] == "DIETClassifier"] == [7]
    assert all(p.get("random_seed") != 7 for p in seeded["policies"])
    with pytest.raises(ValueError):
        nlu_report.seeded_config({"pipeline": [{"name": "SpacyNLP"}]}, 7)
