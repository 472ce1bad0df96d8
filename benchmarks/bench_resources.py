"""What it costs to stand Aiguillage up, beside the bare `rasa init` bot on the same French spaCy pipeline.

    .venv/bin/python benchmarks/bench_resources.py                 # trains both bots, serves both (≈ 15 min)
    .venv/bin/python benchmarks/bench_resources.py --model models  # reuses a trained Aiguillage model (no training)

For each bot, in the same run: training wall time and CPU time (user + sys of `rasa train`); time from
launching the servers to the first answer over REST; Rasa server RSS right after that first answer
(model loaded) and after 200 messages over REST; the action server's RSS; Rasa's CPU time per message.
Each Aiguillage figure is given beside the bare bot's, as a ratio. The bare bot is Rasa's own
`rasa init` project (English stories, no custom action) with config.yml in place of its config: what the
same pipeline costs before anything of Aiguillage. Servers are started as scripts/run.sh starts them
(aiguillage.servers.rasa_server, aiguillage.servers.action_server; SQLite store as tests/support/stack.py;
jemalloc when installed, aiguillage/servers/allocator.py), the bare one with `rasa run` / `rasa run actions`.
The machine is shared: CPU seconds are the steadier figure, wall times move with the load, which is written
beside them (1-minute load average, at the start and end of each step).
Writes benchmarks/results/resources.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Dict, List, Optional

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.dialogue import Person, question_asked, shows_suggestions  # noqa: E402
from tests.support.stack import BotStack, Service, free_port, http_json, wait_until  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "resources.md"
VENV_BIN = Path(sys.executable).parent
INIT_PROJECT = Path(__import__("rasa").__file__).parent / "cli" / "initial_project"
MESSAGES = 200
# The bare bot's stories: greet, mood, bot challenge — cycled until MESSAGES.
BARE_MESSAGES = ["hello", "I am sad", "yes", "great", "are you a bot?", "bye", "hi", "very good", "no", "goodbye"]
# Issue 18's aims on this machine.
TARGETS = {"train_wall": (300.0, "s"), "rasa_rss_loaded": (1800.0, "MB"), "cpu_per_message": (60.0, "ms")}


def load1() -> float:
    return os.getloadavg()[0]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a running process, from /proc/<pid>/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class Figures:
    name: str
    values: Dict[str, float] = field(default_factory=dict)
    loads: Dict[str, str] = field(default_factory=dict)


def timed(figures: Figures, key: str, step: Callable[[], None]) -> None:
    """Runs a step and records its wall time and the load around it."""
    before = load1()
    started = time.monotonic()
    step()
    figures.values[f"{key}_wall"] = time.monotonic() - started
    figures.loads[key] = f"{before:.1f}→{load1():.1f}"


def train(
    figures: Figures,
    cwd: Path,
    config: Path,
    domain: Path,
    data: Path,
    out: Path,
    nice: int,
    extra_env: Optional[Dict[str, str]] = None,
) -> Path:
    """`rasa train` in a child process: wall time and its user + sys CPU (the children's rusage)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    command = [
        str(VENV_BIN / "rasa"),
        "train",
        "--config",
        str(config),
        "--domain",
        str(domain),
        "--data",
        str(data),
        "--out",
        str(out),
        "--fixed-model-name",
        "bench",
        "--quiet",
    ]
    if nice:
        command = ["nice", "-n", str(nice), *command]
    # An empty training cache: Rasa reuses cached components (.rasa/cache), which would time a partial training.
    env = {
        **os.environ,
        "RASA_TELEMETRY_ENABLED": "false",
        "RASA_CACHE_DIRECTORY": str(out / "cache"),
        **(extra_env or {}),
    }
    timed(figures, "train", lambda: subprocess.run(command, cwd=cwd, check=True, capture_output=True, env=env))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    figures.values["train_cpu"] = (after.ru_utime - usage.ru_utime) + (after.ru_stime - usage.ru_stime)
    return out / "bench.tar.gz"


def first_answer(url: str, message: str, timeout: float = 900) -> None:
    def answered() -> bool:
        return bool(
            http_json("POST", f"{url}/webhooks/rest/webhook", {"sender": "bench-first", "message": message}, timeout=60)
        )

    wait_until(answered, timeout, "first answer")


def say(url: str, sender: str, message: str) -> list:
    return http_json("POST", f"{url}/webhooks/rest/webhook", {"sender": sender, "message": message}, timeout=60) or []


def aiguillage_messages(url: str, count: int) -> int:
    """Complete conversations (the load test's simulated person) until `count` messages are sent."""
    sent, number = 0, 0
    while sent < count:
        sender, replies = f"bench-{number}", None
        number += 1
        person = Person(age=f"{16 + number % 10} ans")
        replies = say(url, sender, "bonjour")
        sent += 1
        while sent < count and not shows_suggestions(replies):
            replies = say(url, sender, person.answer(question_asked(replies)))
            sent += 1
    return sent


def bare_messages(url: str, count: int) -> int:
    for index in range(count):
        say(url, f"bench-{index // len(BARE_MESSAGES)}", BARE_MESSAGES[index % len(BARE_MESSAGES)])
    return count


def measure_serving(
    figures: Figures,
    rasa_pid: Callable[[], int],
    actions_pid: Callable[[], int],
    url: str,
    first: str,
    messages: Callable[[str, int], int],
    launched: float,
    load_before: float,
) -> None:
    first_answer(url, first)
    figures.values["first_answer_wall"] = time.monotonic() - launched
    figures.loads["first_answer"] = f"{load_before:.1f}→{load1():.1f}"
    rasa, actions = rasa_pid(), actions_pid()
    figures.values["rasa_rss_loaded"] = rss_mb(rasa)
    figures.values["actions_rss_loaded"] = rss_mb(actions)
    figures.values["rasa_cpu_start"] = cpu_seconds(rasa)
    figures.values["actions_cpu_start"] = cpu_seconds(actions)
    cpu_rasa, cpu_actions, before = cpu_seconds(rasa), cpu_seconds(actions), load1()
    started = time.monotonic()
    sent = messages(url, MESSAGES)
    figures.values["messages_wall"] = time.monotonic() - started
    figures.loads["messages"] = f"{before:.1f}→{load1():.1f}"
    figures.values["cpu_per_message"] = (cpu_seconds(rasa) - cpu_rasa) / sent * 1000
    figures.values["actions_cpu_per_message"] = (cpu_seconds(actions) - cpu_actions) / sent * 1000
    figures.values["wall_per_message"] = figures.values["messages_wall"] / sent * 1000
    figures.values["rasa_rss_after"] = rss_mb(rasa)
    figures.values["actions_rss_after"] = rss_mb(actions)


def bench_bare(work: Path, config: Path, nice: int, model: Optional[Path]) -> Figures:
    figures = Figures("rasa init (bare)")
    bot = work / "bare"
    shutil.copytree(INIT_PROJECT, bot, ignore=shutil.ignore_patterns("__pycache__", "tests"))
    shutil.copy(config, bot / "config.yml")
    if model is None:
        model = train(figures, bot, bot / "config.yml", bot / "domain.yml", bot / "data", bot / "models", nice)
    actions_port, rasa_port = free_port(), free_port()
    (bot / "endpoints.yml").write_text(f'action_endpoint:\n  url: "http://127.0.0.1:{actions_port}/webhook"\n')
    env = {"RASA_TELEMETRY_ENABLED": "false"}
    load_before, launched = load1(), time.monotonic()
    actions = start_in(
        bot,
        "bare-actions",
        [str(VENV_BIN / "rasa"), "run", "actions", "--actions", "actions", "--port", str(actions_port)],
        env,
    )
    rasa = start_in(
        bot,
        "bare-rasa",
        [
            str(VENV_BIN / "rasa"),
            "run",
            "--model",
            str(model),
            "--endpoints",
            "endpoints.yml",
            "--port",
            str(rasa_port),
        ],
        env,
    )
    try:
        # `rasa` is a Python console script: the pid started is the server's own.
        measure_serving(
            figures,
            lambda: rasa.process.pid,
            lambda: actions.process.pid,
            f"http://127.0.0.1:{rasa_port}",
            "hello",
            bare_messages,
            launched,
            load_before,
        )
    finally:
        rasa.stop()
        actions.stop()
    return figures


def start_in(folder: Path, name: str, args: List[str], env: Dict[str, str]) -> Service:
    """tests.support.stack.start_process, in the bare bot's folder instead of the repository."""
    handle = (folder / f"{name}.log").open("w")
    process = subprocess.Popen(
        args, cwd=folder, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True, env={**os.environ, **env}
    )
    return Service(name, process, folder / f"{name}.log")


def bench_aiguillage(work: Path, config: Path, nice: int, model: Optional[Path], env: Dict[str, str]) -> Figures:
    figures = Figures("Aiguillage")
    if model is None:
        model = train(figures, ROOT, config, ROOT / "domain.yml", ROOT / "bot", work / "models", nice, env)
    models = model if model.is_dir() else model.parent
    load_before, launched = load1(), time.monotonic()
    stack = BotStack(models=models, workdir=work / "stack", env=env)
    (work / "stack").mkdir(exist_ok=True)
    try:
        stack.start()
        measure_serving(
            figures,
            lambda: stack.services["rasa"].process.pid,
            lambda: stack.services["actions"].process.pid,
            stack.url,
            "bonjour",
            aiguillage_messages,
            launched,
            load_before,
        )
    finally:
        stack.stop()
    return figures


ROWS = [
    ("train_wall", "training, wall", "s", "{:.0f}"),
    ("train_cpu", "training, CPU (user+sys)", "s", "{:.0f}"),
    ("first_answer_wall", "start → first answer, wall", "s", "{:.0f}"),
    ("rasa_cpu_start", "Rasa start-up, CPU", "s", "{:.0f}"),
    ("rasa_rss_loaded", "Rasa RSS, model loaded", "MB", "{:.0f}"),
    ("rasa_rss_after", f"Rasa RSS, after {MESSAGES} messages", "MB", "{:.0f}"),
    ("actions_rss_loaded", "action server RSS, started", "MB", "{:.0f}"),
    ("actions_rss_after", f"action server RSS, after {MESSAGES} messages", "MB", "{:.0f}"),
    ("cpu_per_message", "Rasa CPU per message", "ms", "{:.0f}"),
    ("actions_cpu_per_message", "action server CPU per message", "ms", "{:.1f}"),
    ("wall_per_message", "wall per message (one at a time)", "ms", "{:.0f}"),
]


def render(real: Figures, bare: Figures, args: argparse.Namespace, started: str, loads: str) -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = next(
        line.split(":", 1)[1].strip()
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    lines = [
        "# Resources — Aiguillage beside the bare `rasa init` bot (benchmarks/bench_resources.py)",
        "",
        f"Run {started} on {os.cpu_count()} cores ({cpu}), {memory} RAM, Python {platform.python_version()}; "
        f"config {args.config.name}; training under `nice -n {args.nice}`"
        + (f"; Aiguillage model reused from {args.model} (not trained in this run)" if args.model else "")
        + (f"; Aiguillage's environment: {' '.join(args.env)}" if args.env else "")
        + ".",
        f"Machine load (1-minute average) during the run: {loads}. The machine is shared: CPU seconds are the "
        "steadier figure; wall times grow with the load shown in the last column.",
        "",
        "| measure | Aiguillage | bare `rasa init` | ratio | load (Aiguillage / bare) |",
        "|---|---|---|---|---|",
    ]
    load_of = {
        "train_wall": "train",
        "train_cpu": "train",
        "first_answer_wall": "first_answer",
        "wall_per_message": "messages",
        "cpu_per_message": "messages",
    }
    for key, label, unit, fmt in ROWS:
        if key not in real.values and key not in bare.values:
            continue
        mine, theirs = real.values.get(key), bare.values.get(key)
        ratio = f"{mine / theirs:.2f}" if mine is not None and theirs else "–"
        where = load_of.get(key)
        load = f"{real.loads.get(where, '–')} / {bare.loads.get(where, '–')}" if where else ""
        shown = ["–" if v is None else fmt.format(v) + f" {unit}" for v in (mine, theirs)]
        lines.append(f"| {label} | {shown[0]} | {shown[1]} | {ratio} | {load} |")
    lines += [
        "",
        "Aims (issue 18, this machine): "
        + ", ".join(
            f"{key.replace('_', ' ')} ≤ {aim:g} {unit} → "
            + ("met" if real.values.get(key, float("inf")) <= aim else "NOT met")
            + (f" ({real.values[key]:.0f})" if key in real.values else " (not measured)")
            for key, (aim, unit) in TARGETS.items()
        )
        + ".",
        "",
        f"CPU per message: Rasa's user+sys time over {MESSAGES} REST messages sent one at a time (Aiguillage: "
        "complete conversations of the load test's simulated person; bare bot: its greet/mood stories), after "
        "the first answer. Start → first answer: from launching both servers to a non-empty REST answer "
        "(make run adds the start-up check and the web page, a few seconds). "
        "RSS: /proc/<pid>/status VmRSS of the server process.",
    ]
    return "\n".join(lines) + "\n"


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", type=Path, default=ROOT / "config.yml")
    parser.add_argument("--model", type=Path, help="a trained Aiguillage model (file or folder): skip its training")
    parser.add_argument("--bare-model", type=Path, help="a trained bare model: skip its training")
    parser.add_argument("--nice", type=int, default=10, help="niceness of the training (default 10: a shared machine)")
    parser.add_argument("--only", choices=["aiguillage", "bare"], help="measure one bot only")
    parser.add_argument(
        "--env",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="environment of Aiguillage's training and servers (to measure a setting; repeatable)",
    )
    parser.add_argument("--json", type=Path, help="also write the raw figures there")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    args.config = args.config.resolve()
    extra_env = dict(item.split("=", 1) for item in args.env)
    started = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    start_load = load1()
    with tempfile.TemporaryDirectory(prefix="aiguillage-resources-") as tmp:
        work = Path(tmp)
        bare = Figures("bare")
        real = Figures("Aiguillage")
        if args.only != "bare":
            print("Aiguillage…", file=sys.stderr, flush=True)
            real = bench_aiguillage(
                work, args.config, args.nice, args.model.resolve() if args.model else None, extra_env
            )
            print(json.dumps(real.values), file=sys.stderr, flush=True)
        if args.only != "aiguillage":
            print("bare rasa init…", file=sys.stderr, flush=True)
            bare = bench_bare(work, args.config, args.nice, args.bare_model.resolve() if args.bare_model else None)
            print(json.dumps(bare.values), file=sys.stderr, flush=True)
    loads = f"{start_load:.1f} at the start, {load1():.1f} at the end"
    text = render(real, bare, args, started, loads)
    if args.json:
        args.json.write_text(json.dumps({"aiguillage": real.__dict__, "bare": bare.__dict__, "loads": loads}, indent=1))
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
