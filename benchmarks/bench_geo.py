"""Benchmark of knowledge.geo: load time, resolve_commune and find_communes_in_text latency.

Run from the repository root: ``python benchmarks/bench_geo.py [--queries 2000] [--seed 7]``.
Prints figures only (no assertions): machines differ, the numbers are for comparison; also writes them
to benchmarks/results/geo.txt.
Also prints how often the intended commune comes first / in the top 5, per query kind.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import statistics
import string
import sys
import time
import timeit
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Callable, Sequence

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a plain script

from knowledge import geo  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "geo.txt"
_lines: list[str] = []


def report(line: str) -> None:
    print(line)
    _lines.append(line)


Query = tuple[str, str, str]  # (kind, text, expected INSEE code)


def _typo(rng: random.Random, word: str, edits: int) -> str:
    """``word`` with ``edits`` random letter edits (never on spaces or hyphens)."""
    chars = list(word)
    for _ in range(edits):
        letters = [i for i, c in enumerate(chars) if c.isalpha()]
        i = rng.choice(letters)
        kind = rng.choice(("delete", "insert", "substitute", "swap"))
        if kind == "delete":
            del chars[i]
        elif kind == "insert":
            chars.insert(i, rng.choice(string.ascii_lowercase))
        elif kind == "substitute":
            chars[i] = rng.choice(string.ascii_lowercase)
        elif i + 1 < len(chars) and chars[i + 1].isalpha():
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
    return "".join(chars)


def build_queries(rng: random.Random, count: int) -> list[Query]:
    communes = [c for c in geo._geo().communes if c.type == "COM" and c.codes_postaux]
    # People mostly name towns where people live: sample by population, plus a uniform share.
    weights = [max(c.population or 0, 1) ** 0.5 for c in communes]
    arrondissements = [c for c in geo._geo().communes if c.type == "ARM"]
    queries: list[Query] = []
    while len(queries) < count:
        commune = rng.choices(communes, weights)[0] if rng.random() < 0.7 else rng.choice(communes)
        name, code = commune.nom, commune.code_insee
        roll = rng.random()
        if roll < 0.25:
            queries.append(("exact", name, code))
        elif roll < 0.40:
            queries.append(("lowercase-no-accent", geo.normalize(name), code))
        elif roll < 0.55:
            queries.append(("typo-1", _typo(rng, name.lower(), 1), code))
        elif roll < 0.65 and len(name) >= 10:
            queries.append(("typo-2", _typo(rng, name.lower(), 2), code))
        elif roll < 0.80:
            queries.append(("postal-code", rng.choice(commune.codes_postaux), code))
        elif roll < 0.90:
            queries.append(("name+departement", f"{name} ({commune.departement})", code))
        else:
            arrondissement = rng.choice(arrondissements)
            city, rank = arrondissement.nom.split()[:2]
            suffix = rng.choice(("", "e", "eme", "ème", "e arrondissement"))
            text = f"{city} {rank.rstrip('er').rstrip('e')}{suffix}"
            queries.append(("arrondissement", text, arrondissement.code_insee))
    return queries


def build_sentences(rng: random.Random, queries: Sequence[Query]) -> list[Query]:
    templates = (
        "jai 19 ans jhabite a {} g pa le permi",
        "j'habite à {} depuis 2 ans",
        "je suis de {} et je cherche un taf",
        "bonjour, je vis sur {} avec ma mère",
        "{}",
    )
    negatives = (
        "je sais pas",
        "pas le permis",
        "il y a eu un souci avec mon dossier",
        "je cherche une formation en alternance",
        "trop bien merci",
        "je suis de bonne humeur",
    )
    sentences: list[Query] = []
    for kind, text, code in queries:
        if kind in {"exact", "lowercase-no-accent", "typo-1", "postal-code"}:
            sentences.append((kind, rng.choice(templates).format(text), code))
    sentences += [("negative", text, "") for text in negatives * 20]
    return sentences


def _percentiles(label: str, timings: list[float]) -> str:
    timings = sorted(timings)
    p99 = timings[min(len(timings) - 1, int(len(timings) * 0.99))]
    return (
        f"{label} p50 {statistics.median(timings):.3f} ms, p99 {p99:.3f} ms, "
        f"max {timings[-1]:.3f} ms, mean {statistics.fmean(timings):.3f} ms"
    )


def measure(function: Callable[[str], list[geo.Candidate]], queries: Sequence[Query]) -> None:
    wall: list[float] = []
    cpu: list[float] = []  # unlike wall time, not inflated by other processes on a busy machine
    first: dict[str, list[bool]] = defaultdict(list)
    top5: dict[str, list[bool]] = defaultdict(list)
    for kind, text, code in queries:
        start_wall, start_cpu = time.perf_counter(), time.process_time()
        found = function(text)
        cpu.append((time.process_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start_wall) * 1000)
        codes = [c.commune.code_insee for c in found]
        if code:
            first[kind].append(bool(codes) and codes[0] == code)
            top5[kind].append(code in codes[:5])
        else:
            first[kind].append(not codes)  # negatives: nothing found is right
            top5[kind].append(not codes)
    report(f"  {len(wall)} queries")
    report(_percentiles("    wall:", wall))
    report(_percentiles("    CPU: ", cpu))
    for kind in sorted(first):
        hits, near = first[kind], top5[kind]
        report(
            f"  {kind:22} n={len(hits):4}  first {100 * sum(hits) / len(hits):5.1f} %"
            f"  top-5 {100 * sum(near) / len(near):5.1f} %"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    # Reference figure to compare machines (about 10 ms on an idle recent x86 core).
    reference = min(timeit.repeat("sum(range(10**6))", number=5, repeat=5)) / 5 * 1000
    report(
        f"Benchmark knowledge.geo — Python {platform.python_version()}, {platform.machine()}, "
        f"{os.cpu_count()} CPU, load average {os.getloadavg()[0]:.1f}, {date.today()}"
    )
    report(f"machine: sum(range(10**6)) takes {reference:.1f} ms")
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    wall, cpu = time.perf_counter(), time.process_time()
    geo.load()
    report(
        f"load: {time.perf_counter() - wall:.3f} s wall, {time.process_time() - cpu:.3f} s CPU "
        f"({len(geo._geo().communes)} communes and arrondissements)"
    )
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    report(
        f"memory: peak RSS {rss_after / 1024:.0f} MiB ({(rss_after - rss_before) / 1024:.0f} MiB for the loaded tables)"
    )

    rng = random.Random(args.seed)
    queries = build_queries(rng, args.queries)
    for _, text, _ in queries[:200]:  # warm-up: first-call costs are not latency
        geo.resolve_commune(text)
    report("resolve_commune:")
    measure(geo.resolve_commune, queries)
    report("find_communes_in_text:")
    measure(geo.find_communes_in_text, build_sentences(rng, queries))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(_lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
