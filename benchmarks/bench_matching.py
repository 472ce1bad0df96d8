"""Benchmark of orientation.matching: latency per match (p50/p99/max) and peak memory, on the real base and on
100,000 synthetic services (benchmarks/generate_services.py, in memory, never committed).

Run from the repository root: ``python benchmarks/bench_matching.py [--queries 3000] [--services 100000]``.
Prints the figures and writes them to benchmarks/results/matching.txt. No assertions: machines differ.
Targets from the issue: under 2 ms p99 on the real base, under 30 ms at 100,000 services.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import random
import statistics
import sys
import time
import tracemalloc
from dataclasses import replace
from itertools import accumulate
from pathlib import Path
from typing import Callable, List, Sequence, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a plain script

from benchmarks.generate_services import generate, real_communes  # noqa: E402
from knowledge import geo  # noqa: E402
from knowledge.loader import KnowledgeBase, load_knowledge  # noqa: E402
from knowledge.profile import BESOINS, DIPLOMES, HANDICAPS, LOGEMENTS, SCOLARITES, Profile  # noqa: E402
from orientation.matching import Matcher  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "matching.txt"
PROFILE_SEED = 7


def profiles(count: int, seed: int = PROFILE_SEED) -> List[Profile]:
    """Random but plausible profiles, living where people live (communes weighted by population)."""
    rng = random.Random(seed)
    communes = real_communes()
    cumulative = list(accumulate(max(c.population, 1) for c in communes))
    maybe = (None, True, False)
    out = []
    for _ in range(count):
        out.append(
            Profile(
                age=rng.choice((None, rng.randint(16, 30), rng.randint(16, 60))),
                code_insee=rng.choices(communes, cum_weights=cumulative)[0].code,
                qpv=rng.choice(maybe),
                permis=rng.choice(maybe),
                vehicule=rng.choice(maybe),
                femme=rng.choice(maybe),
                refugie=rng.choice((None, None, True, False)),
                minima_sociaux=rng.choice(maybe),
                diplome=rng.choice((None, *DIPLOMES)),
                scolarite=rng.choice((None, *SCOLARITES)),
                logement=rng.choice((None, *LOGEMENTS)),
                handicap=rng.choice((None, *HANDICAPS)),
                besoin=rng.choice((None, *BESOINS)),
            )
        )
    return out


def _percentile(sorted_values: Sequence[float], fraction: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(round(fraction * (len(sorted_values) - 1))))]


def latency(matcher: Matcher, queries: Sequence[Profile]) -> Tuple[List[float], List[float]]:
    """Sorted per-match times in ms, wall clock and process CPU, one recommend() per profile.

    CPU time is reported next to wall time because a shared machine's load inflates the wall clock.
    """
    for profile in queries[:50]:
        matcher.recommend(profile)
    wall, cpu = [], []
    gc.disable()  # collector pauses belong to the process, not to one match
    try:
        for profile in queries:
            start_wall, start_cpu = time.perf_counter_ns(), time.process_time_ns()
            matcher.recommend(profile)
            cpu.append((time.process_time_ns() - start_cpu) / 1e6)
            wall.append((time.perf_counter_ns() - start_wall) / 1e6)
    finally:
        gc.enable()
    return sorted(wall), sorted(cpu)


def _figures(timings: List[float]) -> str:
    return (
        f"p50 {_percentile(timings, 0.5):.3f}  p99 {_percentile(timings, 0.99):.3f}"
        f"  max {timings[-1]:.3f}  moyenne {statistics.fmean(timings):.3f}"
    )


def memory(make_kb: Callable[[], KnowledgeBase], queries: Sequence[Profile]) -> Tuple[float, float, float]:
    """MiB (records, index on top of them, peak while building and matching), traced by tracemalloc."""
    gc.collect()
    tracemalloc.start()
    kb = make_kb()
    data = tracemalloc.get_traced_memory()[0]
    matcher = Matcher(kb)
    total = tracemalloc.get_traced_memory()[0]
    for profile in queries[:200]:
        matcher.recommend(profile)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return data / 2**20, (total - data) / 2**20, peak / 2**20


def measure(label: str, make_kb: Callable[[], KnowledgeBase], queries: Sequence[Profile]) -> List[str]:
    """Timings first (no tracing), then memory on a fresh build under tracemalloc (which slows everything)."""
    started = time.perf_counter()
    kb = make_kb()
    load_s = time.perf_counter() - started
    started = time.perf_counter()
    matcher = Matcher(kb)
    index_s = time.perf_counter() - started
    wall, cpu = latency(matcher, queries)
    suggested = sum(len(matcher.recommend(p).local) for p in queries[:500]) / min(500, len(queries))
    del matcher, kb
    data, index, peak = memory(make_kb, queries)
    return [
        f"{label}",
        f"  chargement ou génération {load_s:.2f} s, construction de l'index {index_s:.2f} s",
        f"  latence par match, horloge (ms) : {_figures(wall)}",
        f"  latence par match, CPU (ms)     : {_figures(cpu)}",
        f"  ({len(queries)} profils aléatoires, {suggested:.1f} suggestions locales en moyenne)",
        f"  mémoire (tracemalloc) : enregistrements {data:.1f} Mio, index {index:.1f} Mio, pic {peak:.1f} Mio",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description="Mesure la vitesse et la mémoire du moteur de suggestions.")
    parser.add_argument("--queries", type=int, default=3000, help="profils tirés au hasard (3000)")
    parser.add_argument("--services", type=int, default=100_000, help="services synthétiques (100000)")
    args = parser.parse_args()

    geo.load()  # geography is shared by everything; not part of the matcher's cost
    queries = profiles(args.queries)
    real = load_knowledge()

    lines = [
        f"Benchmark orientation.matching — Python {platform.python_version()}, {platform.machine()},"
        f" {os.cpu_count()} CPU, charge moyenne {os.getloadavg()[0]:.1f}, {time.strftime('%Y-%m-%d')}",
        "Objectifs : p99 < 2 ms sur la base réelle, < 30 ms à 100 000 services.",
        "",
    ]
    lines += measure(f"Base réelle : {len(real.initiatives)} initiatives", load_knowledge, queries)
    lines.append("")
    lines += measure(
        f"Base synthétique : {args.services} services (generate_services, graine fixe)",
        lambda: replace(real, initiatives=generate(args.services)),
        queries,
    )
    text = "\n".join(lines)
    print(text)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
