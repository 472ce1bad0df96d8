"""benchmarks/bench_resources.py's report: each Aiguillage figure beside the bare bot's, as a ratio, and the aims."""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _bench():
    spec = importlib.util.spec_from_file_location("bench_resources", ROOT / "benchmarks" / "bench_resources.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_report_gives_ratios_loads_and_aims():
    bench = _bench()
    real = bench.Figures(
        "Aiguillage",
        {"train_wall": 240.0, "train_cpu": 400.0, "rasa_rss_loaded": 1900.0, "cpu_per_message": 45.0},
        {"train": "1.0→2.0", "messages": "0.5→0.7"},
    )
    bare = bench.Figures(
        "bare",
        {"train_wall": 60.0, "train_cpu": 100.0, "rasa_rss_loaded": 1700.0, "cpu_per_message": 30.0},
        {"train": "1.5→1.5", "messages": "0.2→0.3"},
    )
    args = argparse.Namespace(config=ROOT / "config.yml", nice=10, model=None, env=["MALLOC_ARENA_MAX=2"])
    text = bench.render(real, bare, args, "2026-12-07 19:00 UTC", "1.0 at the start, 2.0 at the end")
    rows = {line.split(" | ")[0].lstrip("| "): line for line in text.splitlines() if line.startswith("| ")}
    assert "| 240 s | 60 s | 4.00 | 1.0→2.0 / 1.5→1.5 |" in rows["training, wall"]
    assert "| 1900 MB | 1700 MB | 1.12 |" in rows["Rasa RSS, model loaded"]
    assert "| 45 ms | 30 ms | 1.50 | 0.5→0.7 / 0.2→0.3 |" in rows["Rasa CPU per message"]
    assert "Rasa RSS, after 200 messages" not in rows  # not measured: no row rather than a made-up one
    assert "train wall ≤ 300 s → met (240)" in text
    assert "rasa rss loaded ≤ 1800 MB → NOT met (1900)" in text
    assert "MALLOC_ARENA_MAX=2" in text and "1.0 at the start, 2.0 at the end" in text
