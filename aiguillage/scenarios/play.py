"""Playing a scenario against a bot (`HttpBot` over REST, or a fake one in tests), checking what
it expects, and the transcript and verdict shown to the conseiller."""

from __future__ import annotations

import json
import re
import textwrap
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Protocol, Sequence

from aiguillage.scenarios.files import Expectations, Scenario, ScenarioError
from aiguillage.scenarios.replies import Reply, contains, find_button, normalize, reply_text, slot_matches

OK, KO, WARN = "✔", "✘", "⚠"


class Bot(Protocol):
    def send(self, sender: str, message: str) -> List[Reply]: ...

    def slots(self, sender: str) -> Optional[Dict[str, Any]]:
        """The tracker's slots, or None when they cannot be read (no token)."""


class BotUnreachable(RuntimeError):
    pass


class HttpBot:
    """The running bot: REST channel for messages, tracker API (needs the token) for slots."""

    def __init__(self, url: str = "http://localhost:5005", token: Optional[str] = None, timeout: float = 60.0) -> None:
        self.url = url.rstrip("/")
        self.token = token or None
        self.timeout = timeout

    def _call(self, method: str, path: str, body: Any = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            self.url + path, data=data, method=method, headers={"Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                raw = response.read()
        except urllib.error.HTTPError as error:
            if error.code in (401, 403):
                raise BotUnreachable(f"le bot refuse le jeton ({error.code}) : vérifiez --token.") from error
            raise BotUnreachable(f"le bot a répondu une erreur {error.code} à {path.split('?')[0]}.") from error
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise BotUnreachable(
                f"impossible de joindre le bot à {self.url} ({reason}). Est-il lancé (make run) ?"
            ) from error
        return json.loads(raw) if raw else None

    def send(self, sender: str, message: str) -> List[Reply]:
        return self._call("POST", "/webhooks/rest/webhook", {"sender": sender, "message": message}) or []

    def slots(self, sender: str) -> Optional[Dict[str, Any]]:
        if not self.token:
            return None
        query = urllib.parse.urlencode({"token": self.token})
        tracker = self._call("GET", f"/conversations/{urllib.parse.quote(sender, safe='')}/tracker?{query}")
        return (tracker or {}).get("slots") or {}


@dataclass
class Check:
    ok: Optional[bool]  # None: not checked (warning)
    label: str
    detail: str = ""

    def line(self) -> str:
        mark = WARN if self.ok is None else OK if self.ok else KO
        return f"  {mark} {self.label}" + (f" — {self.detail}" if self.detail else "")


@dataclass
class Result:
    scenario: Scenario
    lines: List[str] = field(default_factory=list)
    checks: List[Check] = field(default_factory=list)
    error: Optional[str] = None  # the scenario could not be played to its end

    @property
    def passed(self) -> bool:
        return self.error is None and all(c.ok is not False for c in self.checks)

    @property
    def failures(self) -> List[Check]:
        return [c for c in self.checks if c.ok is False]


def format_replies(replies: Sequence[Reply]) -> List[str]:
    """« Aiguillage : … » lines, buttons numbered [1] [2]… across the whole turn."""
    lines: List[str] = []
    number = 0
    indent = " " * len("Aiguillage : ")
    for reply in replies:
        text = str(reply.get("text") or "").strip()
        if not text and reply.get("custom"):
            text = json.dumps(reply["custom"], ensure_ascii=False)
        if text:
            first, *rest = text.splitlines()
            lines.append(f"Aiguillage : {first}")
            lines.extend(f"{indent}{line}" if line.strip() else "" for line in rest)
        titles = []
        for button in reply.get("buttons") or []:
            number += 1
            titles.append(f"[{number}] {button.get('title', '')}")
        if titles:
            lines.append(indent + "   ".join(titles))
    if not replies:
        lines.append("Aiguillage : (pas de réponse)")
    return lines


def expectation_checks(
    expected: Expectations, last_replies: Sequence[Reply], slots: Optional[Dict[str, Any]]
) -> List[Check]:
    """The final checks of a scenario, against the replies to its last message and the slots."""
    checks: List[Check] = []
    if expected.slots:
        if slots is None:
            checks.append(Check(None, "slots non vérifiés", "il faut le jeton de l'API du bot (--token)"))
        else:
            for name, value in expected.slots.items():
                actual = slots.get(name)
                if name not in slots:
                    checks.append(Check(False, f"slot {name} = {_show(value)}", "ce slot n'existe pas dans le bot"))
                else:
                    ok = slot_matches(value, actual)
                    checks.append(
                        Check(ok, f"slot {name} = {_show(value)}", "" if ok else f"valeur trouvée : {_show(actual)}")
                    )
    text = reply_text(last_replies)
    for needle in expected.present:
        ok = contains(text, needle)
        checks.append(Check(ok, f"les dernières réponses contiennent « {needle} »", "" if ok else "absent"))
    for needle in expected.absent:
        ok = not contains(text, needle)
        checks.append(Check(ok, f"les dernières réponses ne contiennent pas « {needle} »", "" if ok else "présent"))
    return checks


def _show(value: Any) -> str:
    if value is None:
        return "vide"
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def new_sender(scenario: Scenario) -> str:
    stem = scenario.path.stem if scenario.path else re.sub(r"\W+", "-", normalize(scenario.name))[:30]
    return f"scenario-{stem}-{uuid.uuid4().hex[:8]}"


def play(scenario: Scenario, bot: Bot, sender: Optional[str] = None) -> Result:
    """Plays every message with a fresh conversation, then checks `attendu`."""
    sender = sender or new_sender(scenario)
    result = Result(scenario)
    replies: List[Reply] = []
    for index, step in enumerate(scenario.steps, start=1):
        if step.button is not None:
            try:
                button = find_button(replies, step.button)
            except ScenarioError as error:
                result.error = f"message n° {index} : {error}"
                result.lines.append(f"  {KO} {result.error}")
                return result
            result.lines.append(f"Vous : [{button.get('title', '')}]")
            message = str(button.get("payload") or button.get("title") or "")
        else:
            result.lines.append(f"Vous : {step.text}")
            message = str(step.text)
        replies = bot.send(sender, message)
        result.lines.extend(format_replies(replies))
        for needle in step.reply_contains:
            ok = contains(reply_text(replies), needle)
            check = Check(ok, f"la réponse contient « {needle} »", "" if ok else "absent")
            result.checks.append(check)
            result.lines.append(check.line())
        result.lines.append("")
    final = expectation_checks(scenario.expected, replies, bot.slots(sender) if scenario.expected.slots else None)
    if final:
        result.lines.append("Vérifications :")
        result.lines.extend(check.line() for check in final)
    result.checks.extend(final)
    return result


def report(result: Result) -> str:
    scenario = result.scenario
    where = f" ({scenario.path.name})" if scenario.path else ""
    head = [f"━━ {scenario.name}{where}"]
    if scenario.description:
        head.extend(textwrap.wrap(scenario.description, width=100, initial_indent="   ", subsequent_indent="   "))
    verdict = f"{OK} réussi" if result.passed else f"{KO} échoué"
    return "\n".join([*head, "", *result.lines, f"→ {verdict}", ""])


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n >= 2 else ''}"  # French: 0 and 1 are singular


def summary(passed: int, failed: int) -> str:
    return f"{_plural(passed + failed, 'scénario')}, {_plural(passed, 'réussi')}, {_plural(failed, 'échoué')}"
