"""The load test's measures (latency percentiles, memory and CPU from /proc) and its written report."""

from __future__ import annotations

import argparse
import os
import platform
import statistics
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from benchmarks.load_people import User

P95_AIM_MS = 600.0


def rss_mb(pid: Optional[int]) -> Optional[float]:
    """Resident memory of a process and its children, from /proc (psutil is not a dependency)."""
    if not pid:
        return None
    total = 0
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(c) for c in children]
    except OSError:
        pass
    for one in pids:
        try:
            for line in Path(f"/proc/{one}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024 if total else None


def cpu_seconds(pid: Optional[int]) -> Optional[float]:
    """User + system CPU time of a process, from /proc/<pid>/stat."""
    if not pid:
        return None
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: List[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, int(round(q / 100 * len(ordered) + 0.5)) - 1))
    return ordered[rank]


def report(
    users: List[User],
    elapsed: float,
    args: argparse.Namespace,
    rss: Dict[str, Tuple[Optional[float], Optional[float]]],
    cpu: Dict[str, Optional[float]],
    target: str,
) -> Tuple[str, bool]:
    latencies = [ms for u in users for _, ms in u.latencies]
    by_turn: Dict[str, List[float]] = defaultdict(list)
    for u in users:
        for label, ms in u.latencies:
            by_turn[label].append(ms)
    errors = [e for u in users for e in u.errors]
    cross = [c for u in users for c in u.cross_talk]
    completed = sum(u.completed for u in users)
    p95 = percentile(latencies, 95)
    ok = not errors and not cross and p95 < P95_AIM_MS and completed == len(users) * args.conversations
    cpu_model = (
        next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")
            ),
            platform.processor(),
        )
        if Path("/proc/cpuinfo").exists()
        else platform.processor()
    )
    lines = [
        f"Aiguillage — test de charge du {datetime.now():%Y-%m-%d %H:%M}",
        f"machine        : {os.cpu_count()} cœurs ({cpu_model}), Python {platform.python_version()}",
        f"cible          : {target}",
        f"réglages       : {args.users} personnes simultanées × {args.conversations} conversation(s), "
        f"pause {args.think[0]:g}–{args.think[1]:g} s "
        f"avant chaque message, montée en charge {args.ramp_up:g} s, limite {args.max_seconds:g} s",
        "",
        f"conversations  : {completed} terminées sur {len(users) * args.conversations} en {elapsed:.1f} s "
        f"→ {completed / elapsed * 60:.1f} conversations par minute",
        f"messages       : {len(latencies)} ({len(latencies) / elapsed:.1f} par seconde)",
        f"latence        : p50 {percentile(latencies, 50):.0f} ms   p95 {p95:.0f} ms   "
        f"p99 {percentile(latencies, 99):.0f} ms   "
        f"max {max(latencies, default=float('nan')):.0f} ms   (objectif p95 < {P95_AIM_MS:.0f} ms)",
        "par message    :"
        + "".join(
            f"\n  {label:<10} n={len(values):<4} p50 {percentile(values, 50):5.0f} ms   "
            f"p95 {percentile(values, 95):5.0f} ms   "
            f"p99 {percentile(values, 99):5.0f} ms"
            for label, values in sorted(by_turn.items(), key=lambda item: -statistics.median(item[1]))
        ),
        f"erreurs        : {len(errors)}" + "".join(f"\n  {e}" for e in errors[:20]),
        f"mélanges       : {len(cross)}"
        + ("" if args.token_known else " (non vérifié : pas de jeton d'API)")
        + "".join(f"\n  {c}" for c in cross[:20]),
        "CPU par message:"
        + "".join(
            f"\n  {name:<17} {seconds / max(1, len(latencies)) * 1000:6.0f} ms"
            for name, seconds in cpu.items()
            if seconds is not None
        ),
        "mémoire (RSS)  :"
        + "".join(
            f"\n  {name:<17} avant {before or float('nan'):6.0f} Mo   après {after or float('nan'):6.0f} Mo"
            for name, (before, after) in rss.items()
        ),
        "",
        "résultat       : " + ("objectifs atteints" if ok else "OBJECTIFS NON ATTEINTS"),
    ]
    return "\n".join(lines) + "\n", ok
