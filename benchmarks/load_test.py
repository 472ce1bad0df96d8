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

The people are made in benchmarks/load_people.py; measures and report in benchmarks/load_report.py.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import time
from pathlib import Path
from typing import Any, Dict, List, Optional

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.load_people import TOWNS, User, make_users  # noqa: E402
from benchmarks.load_report import cpu_seconds, report, rss_mb  # noqa: E402
from tests.support.dialogue import Person, question_asked, reply_problems, shows_suggestions  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "load.txt"
MAX_TURNS = 16


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
