"""Load test: N simulated people hold complete conversations at the same time over REST.

    .venv/bin/python benchmarks/load_test.py                       # starts its own servers (BotStack), 50 users
    .venv/bin/python benchmarks/load_test.py --users 20 --think 0   # no pause between messages: saturation
    .venv/bin/python benchmarks/load_test.py --url http://localhost:5005 --token $AIGUILLAGE_API_TOKEN

Each person has their own age and commune, answers the bot's questions (tests/support/dialogue.py) until
the suggestions, pausing before each message as people do to read and type on a phone (--think, 5–15 s by
default; « --think 0 » measures saturation instead). Reported: latency of
every turn (p50/p95/p99, overall and by question), errors (HTTP, timeouts, empty or non-French answers,
« problème technique »), conversations per minute, cross-talk (each tracker's slots, read from the HTTP
API, must be exactly what that person said), and the memory (RSS) of the Rasa and action servers before
and after. Bounded: --users × --conversations conversations, at most --max-seconds. A benchmark, not a
test: it prints and writes benchmarks/results/load.txt, and exits 1 if the aims are missed
(0 errors, 0 cross-talk, p95 < 600 ms).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.dialogue import Person, question_asked, reply_problems, shows_suggestions  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "load.txt"
P95_AIM_MS = 600.0
MAX_TURNS = 16
# Towns with one commune of that name, so that the answer gives one code: each person gets their own.
TOWNS = [
    "Grenoble",
    "Rennes",
    "Nantes",
    "Bordeaux",
    "Toulouse",
    "Montpellier",
    "Strasbourg",
    "Lille",
    "Dijon",
    "Angers",
    "Brest",
    "Limoges",
    "Amiens",
    "Perpignan",
    "Besançon",
    "Orléans",
    "Rouen",
    "Mulhouse",
    "Caen",
    "Nancy",
    "Argenteuil",
    "Roubaix",
    "Tourcoing",
    "Avignon",
    "Poitiers",
    "Pau",
    "Calais",
    "La Rochelle",
    "Dunkerque",
    "Béziers",
    "Cholet",
    "Quimper",
    "Vannes",
    "Lorient",
    "Fougères",
    "Vitré",
    "Laval",
    "Le Mans",
    "Tours",
    "Blois",
    "Chartres",
    "Bourges",
    "Niort",
    "Angoulême",
    "Périgueux",
    "Agen",
    "Tarbes",
    "Bayonne",
    "Narbonne",
    "Nîmes",
    "Chambéry",
    "Annecy",
    "Colmar",
    "Metz",
    "Reims",
    "Troyes",
    "Auxerre",
    "Nevers",
    "Vichy",
    "Clermont-Ferrand",
    "Aurillac",
    "Rodez",
    "Albi",
    "Montauban",
    "Vaulx-en-Velin",
    "Villeurbanne",
    "Vénissieux",
    "Saint-Brieuc",
    "Lannion",
    "Morlaix",
    "Dinan",
    "Redon",
    "Châteaubriant",
    "Saint-Nazaire",
    "Cherbourg-en-Cotentin",
    "Alençon",
    "Évreux",
    "Beauvais",
    "Compiègne",
    "Soissons",
]
BESOINS = [
    "je cherche un emploi",
    "je cherche une formation",
    "je veux faire une alternance",
    "je veux passer le permis",
]


@dataclass
class User:
    index: int
    sender: str
    person: Person
    age: int
    code_insee: str
    latencies: List[Tuple[str, float]] = field(default_factory=list)
    errors: List[str] = field(default_factory=list)
    completed: int = 0
    cross_talk: List[str] = field(default_factory=list)


def towns_with_codes(count: int) -> List[Tuple[str, str]]:
    """(name, INSEE code) for `count` towns that the bot reads unambiguously, as it will read them."""
    from reading.facts import read_facts

    found = []
    for name in TOWNS:
        slots = read_facts(name, intent="inform", requested_slot="commune").slots
        if slots.get("code_insee"):
            found.append((name, slots["code_insee"]))
    if len(found) < count:
        raise SystemExit(f"only {len(found)} distinct towns for {count} users: lower --users")
    return found[:count]


def make_users(count: int, run_id: str) -> List[User]:
    users = []
    for index, (town, code) in enumerate(towns_with_codes(count)):
        age = 16 + index % 14  # 16–29, and the town makes every person distinct
        person = Person(besoin=BESOINS[index % len(BESOINS)], age=f"j'ai {age} ans", commune=town)
        users.append(User(index, f"load-{run_id}-{index:03d}", person, age, code))
    return users


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


class Load:
    def __init__(self, url: str, token: Optional[str], args: argparse.Namespace) -> None:
        self.url, self.token, self.args = url.rstrip("/"), token, args
        self.deadline = 0.0

    async def say(
        self, session: aiohttp.ClientSession, user: User, message: str, label: str
    ) -> Optional[List[Dict[str, Any]]]:
        started = time.perf_counter()
        try:
            async with session.post(
                f"{self.url}/webhooks/rest/webhook", json={"sender": user.sender, "message": message}
            ) as response:
                body = await response.json(content_type=None)
                status = response.status
        except (aiohttp.ClientError, asyncio.TimeoutError) as error:
            user.errors.append(f"{label}: {type(error).__name__} {error}")
            return None
        user.latencies.append((label, (time.perf_counter() - started) * 1000))
        if status != 200:
            user.errors.append(f"{label}: HTTP {status}")
            return None
        problems = reply_problems(body)
        if problems:
            user.errors.append(f"{label}: {'; '.join(problems)}")
        return body

    async def think(self) -> None:
        low, high = self.args.think
        if high > 0:
            await asyncio.sleep(random.uniform(low, high))

    async def conversation(self, session: aiohttp.ClientSession, user: User, number: int) -> None:
        sender = user.sender if number == 0 else f"{user.sender}-{number}"
        user.sender = sender
        replies = await self.say(session, user, "bonjour", "bonjour")
        for _ in range(MAX_TURNS):
            if replies is None or time.monotonic() > self.deadline:
                return
            if shows_suggestions(replies):
                user.completed += 1
                await self.check_slots(session, user)
                return
            question = question_asked(replies)
            await self.think()
            replies = await self.say(session, user, user.person.answer(question), question or "besoin")
        user.errors.append(f"pas de suggestions après {MAX_TURNS} messages")

    async def check_slots(self, session: aiohttp.ClientSession, user: User) -> None:
        if not self.token:
            return
        async with session.get(
            f"{self.url}/conversations/{user.sender}/tracker", params={"token": self.token}
        ) as response:
            slots = (await response.json())["slots"]
        if slots.get("age") != user.age or slots.get("code_insee") != user.code_insee:
            user.cross_talk.append(
                f"{user.sender}: attendu âge {user.age} et {user.code_insee}, "
                f"trouvé âge {slots.get('age')} et {slots.get('code_insee')}"
            )

    async def user_loop(self, session: aiohttp.ClientSession, user: User) -> None:
        await asyncio.sleep(user.index * self.args.ramp_up / max(1, self.args.users))
        for number in range(self.args.conversations):
            if time.monotonic() > self.deadline:
                return
            await self.conversation(session, user, number)

    async def warm_up(self) -> None:
        """One conversation first, not measured: the first calls build TensorFlow graphs."""
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=120)) as session:
            self.deadline = time.monotonic() + 300
            await self.conversation(session, User(-1, f"load-warmup-{os.getpid()}", Person(), 19, "35115"), 0)

    async def run(self, users: List[User]) -> float:
        timeout = aiohttp.ClientTimeout(total=self.args.request_timeout)
        connector = aiohttp.TCPConnector(limit=0)
        async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
            started = time.monotonic()
            self.deadline = started + self.args.max_seconds
            await asyncio.gather(*(self.user_loop(session, user) for user in users))
            return time.monotonic() - started


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


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50, help="personnes simultanées (défaut 50)")
    parser.add_argument("--conversations", type=int, default=1, help="conversations complètes par personne (défaut 1)")
    parser.add_argument(
        "--think",
        type=lambda s: tuple(float(x) for x in s.split("-")) if "-" in s else (float(s), float(s)),
        default=(5.0, 15.0),
        help="pause avant chaque message, en secondes : « 5-15 » (défaut) ou « 0 »",
    )
    parser.add_argument("--ramp-up", type=float, default=10.0, help="les personnes arrivent sur ce nombre de secondes")
    parser.add_argument("--max-seconds", type=float, default=600.0, help="durée maximale de la mesure")
    parser.add_argument("--request-timeout", type=float, default=30.0)
    parser.add_argument("--url", help="serveur Rasa déjà lancé (sinon le script lance le sien)")
    parser.add_argument(
        "--token", default=os.environ.get("AIGUILLAGE_API_TOKEN"), help="jeton de l'API HTTP, pour lire les slots"
    )
    parser.add_argument("--rasa-pid", type=int), parser.add_argument("--actions-pid", type=int)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    if args.users > len(TOWNS):
        parser.error(f"--users au plus {len(TOWNS)}")
    return args


def main(argv: Optional[List[str]] = None) -> int:
    args = parse_args(argv)
    users = make_users(args.users, f"{int(time.time())}")
    stack = None
    if args.url:
        url, token, pids, target = (
            args.url,
            args.token,
            {"rasa": args.rasa_pid, "action server": args.actions_pid},
            args.url,
        )
    else:
        from tests.support.stack import BotStack

        print("Démarrage des serveurs (BotStack)…", file=sys.stderr)
        stack = BotStack().__enter__()
        url, token = stack.url, stack.token
        pids = {name: service.process.pid for name, service in stack.services.items()}
        pids = {"rasa": pids.get("rasa"), "action server": pids.get("actions")}
        target = f"serveurs lancés par le script (BotStack, modèle {stack.models}, SQLite)"
    args.token_known = bool(token)
    try:
        load = Load(url, token, args)
        asyncio.run(load.warm_up())
        before = {name: rss_mb(pid) for name, pid in pids.items()}
        cpu_before = {name: cpu_seconds(pid) for name, pid in pids.items()}
        print(f"{args.users} personnes, pause {args.think[0]:g}–{args.think[1]:g} s…", file=sys.stderr)
        elapsed = asyncio.run(load.run(users))
        after = {name: rss_mb(pid) for name, pid in pids.items()}
        cpu_after = {name: cpu_seconds(pid) for name, pid in pids.items()}
        cpu = {
            name: None if cpu_before[name] is None or cpu_after[name] is None else cpu_after[name] - cpu_before[name]
            for name in pids
        }
    finally:
        if stack is not None:
            stack.__exit__(None, None, None)
    text, ok = report(users, elapsed, args, {name: (before[name], after[name]) for name in pids}, cpu, target)
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
