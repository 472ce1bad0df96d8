"""Conseillers' scenarios: YAML conversations played against the running bot over REST.

A scenario file (format in scenarios/README.md) lists what a young person writes or which button
they press, and what the bot must do: slot values at the end, words that must or must not appear in
its last replies, words expected after one message. Parsing, matching and the transcript live here
and are pure; `HttpBot` is the only part that talks to a server, so tests swap in a fake one.
"""

from __future__ import annotations

import json
import re
import textwrap
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Protocol, Sequence, Tuple, Union

import yaml

OK, KO, WARN = "✔", "✘", "⚠"
SCENARIO_KEYS = {"nom", "description", "messages", "attendu"}
MESSAGE_KEYS = {"texte", "bouton", "reponse_contient"}
EXPECTED_KEYS = {"slots", "suggestions_contiennent", "suggestions_absentes"}
TRUE_WORDS = {"oui", "vrai", "true", "yes"}
FALSE_WORDS = {"non", "faux", "false", "no"}

Reply = Dict[str, Any]


class ScenarioError(ValueError):
    """A scenario file that cannot be played, with a message for the conseiller who wrote it."""


# ------------------------------------------------------------------------------------------ format

@dataclass(frozen=True)
class Step:
    """One turn of the young person: typed text, or a button of the bot's last replies."""

    text: Optional[str] = None
    button: Optional[Union[str, int]] = None  # a title, or its number [n] in the transcript
    reply_contains: Tuple[str, ...] = ()


@dataclass(frozen=True)
class Expectations:
    slots: Dict[str, Any] = field(default_factory=dict)
    present: Tuple[str, ...] = ()
    absent: Tuple[str, ...] = ()


@dataclass(frozen=True)
class Scenario:
    name: str
    description: str
    steps: Tuple[Step, ...]
    expected: Expectations
    path: Optional[Path] = None


def _strings(value: Any, where: str) -> Tuple[str, ...]:
    """One string or a list of them (numbers accepted: « 115 » is easier to write without quotes)."""
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    for item in items:
        if isinstance(item, bool) or not isinstance(item, (str, int, float)) or str(item).strip() == "":
            raise ScenarioError(f"{where} : « {item} » n'est pas un texte à chercher.")
    return tuple(str(item) for item in items)


def _step(raw: Any, index: int) -> Step:
    where = f"messages, n° {index}"
    if isinstance(raw, (str, int, float)) and not isinstance(raw, bool):
        if str(raw).strip() == "":
            raise ScenarioError(f"{where} : message vide.")
        return Step(text=str(raw))
    if not isinstance(raw, dict):
        raise ScenarioError(f"{where} : un message est un texte, ou « texte: … » / « bouton: … ».")
    unknown = set(raw) - MESSAGE_KEYS
    if unknown:
        raise ScenarioError(f"{where} : clé inconnue « {', '.join(sorted(map(str, unknown)))} » "
                            f"(clés possibles : {', '.join(sorted(MESSAGE_KEYS))}).")
    has_text, has_button = raw.get("texte") is not None, raw.get("bouton") is not None
    if has_text == has_button:
        raise ScenarioError(f"{where} : indiquez soit « texte », soit « bouton » (un seul des deux).")
    contains = _strings(raw.get("reponse_contient"), f"{where}, reponse_contient")
    if has_text:
        if str(raw["texte"]).strip() == "":
            raise ScenarioError(f"{where} : message vide.")
        return Step(text=str(raw["texte"]), reply_contains=contains)
    button = raw["bouton"]
    if isinstance(button, bool) or not isinstance(button, (str, int)) or str(button).strip() == "":
        raise ScenarioError(f"{where} : « bouton » attend le titre du bouton, ou son numéro.")
    if isinstance(button, int) and button < 1:
        raise ScenarioError(f"{where} : les boutons sont numérotés à partir de 1.")
    return Step(button=button, reply_contains=contains)


def parse_scenario(data: Any, path: Optional[Path] = None) -> Scenario:
    """A Scenario from the loaded YAML, or ScenarioError saying what to fix, in French."""
    if not isinstance(data, dict):
        raise ScenarioError("le fichier doit contenir « nom », « messages » et « attendu ».")
    unknown = set(data) - SCENARIO_KEYS
    if unknown:
        raise ScenarioError(f"clé inconnue « {', '.join(sorted(map(str, unknown)))} » "
                            f"(clés possibles : {', '.join(sorted(SCENARIO_KEYS))}).")
    name = data.get("nom")
    if not isinstance(name, str) or not name.strip():
        raise ScenarioError("« nom » manque : donnez un titre court au scénario.")
    description = data.get("description") or ""
    if not isinstance(description, str):
        raise ScenarioError("« description » doit être un texte.")
    messages = data.get("messages")
    if not isinstance(messages, list) or not messages:
        raise ScenarioError("« messages » doit être une liste d'au moins un message.")
    steps = tuple(_step(raw, i) for i, raw in enumerate(messages, start=1))
    if isinstance(steps[0].button, (str, int)):
        raise ScenarioError("messages, n° 1 : le premier message ne peut pas être un bouton (aucun n'est encore affiché).")
    expected = data.get("attendu") or {}
    if not isinstance(expected, dict):
        raise ScenarioError("« attendu » doit contenir slots, suggestions_contiennent ou suggestions_absentes.")
    unknown = set(expected) - EXPECTED_KEYS
    if unknown:
        raise ScenarioError(f"attendu : clé inconnue « {', '.join(sorted(map(str, unknown)))} » "
                            f"(clés possibles : {', '.join(sorted(EXPECTED_KEYS))}).")
    slots = expected.get("slots") or {}
    if not isinstance(slots, dict) or not all(isinstance(k, str) for k in slots):
        raise ScenarioError("attendu, slots : une liste « nom_du_slot: valeur ».")
    present = _strings(expected.get("suggestions_contiennent"), "attendu, suggestions_contiennent")
    absent = _strings(expected.get("suggestions_absentes"), "attendu, suggestions_absentes")
    if not (slots or present or absent or any(step.reply_contains for step in steps)):
        raise ScenarioError("rien n'est vérifié : ajoutez « attendu » ou « reponse_contient ».")
    return Scenario(name.strip(), description.strip(), steps, Expectations(dict(slots), present, absent), path)


def load_scenario(path: Path) -> Scenario:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f" (ligne {mark.line + 1})" if mark is not None else ""
        raise ScenarioError(f"{path.name} : YAML illisible{line} — vérifiez l'indentation et les deux-points.") from error
    try:
        return parse_scenario(data, path)
    except ScenarioError as error:
        raise ScenarioError(f"{path.name} : {error}") from error


def scenario_files(paths: Iterable[Path]) -> List[Path]:
    """The .yaml/.yml files given, folders expanded (sorted, so that runs are repeatable)."""
    found: List[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()))
        else:
            found.append(path)
    return found


# ----------------------------------------------------------------------------------------- matching

def normalize(text: str) -> str:
    """Case, apostrophes, quotes and spaces do not matter; accents do (they change French words)."""
    text = unicodedata.normalize("NFC", text).casefold()
    text = text.translate(str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"', "–": "-", "—": "-"}))
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " ")).strip()


def contains(haystack: str, needle: str) -> bool:
    return normalize(needle) in normalize(haystack)


def buttons_of(replies: Sequence[Reply]) -> List[Dict[str, Any]]:
    """Every button of a turn, in the order they are numbered in the transcript."""
    return [b for reply in replies for b in (reply.get("buttons") or []) if isinstance(b, dict)]


def reply_text(replies: Sequence[Reply]) -> str:
    """What the person reads: the messages' text and the buttons' titles."""
    lines: List[str] = []
    for reply in replies:
        if reply.get("text"):
            lines.append(str(reply["text"]))
        if reply.get("custom"):
            lines.append(json.dumps(reply["custom"], ensure_ascii=False))
        lines.extend(str(b.get("title", "")) for b in reply.get("buttons") or [] if isinstance(b, dict))
    return "\n".join(lines)


def find_button(replies: Sequence[Reply], choice: Union[str, int]) -> Dict[str, Any]:
    """The button to press: by number, exact title, or a title part that only one button has."""
    buttons = buttons_of(replies)
    if not buttons:
        raise ScenarioError("le bot n'a affiché aucun bouton à cet endroit.")
    if isinstance(choice, int):
        if 1 <= choice <= len(buttons):
            return buttons[choice - 1]
        raise ScenarioError(f"pas de bouton [{choice}] : il y en a {len(buttons)}.")
    wanted = normalize(choice)
    exact = [b for b in buttons if normalize(str(b.get("title", ""))) == wanted]
    if exact:
        return exact[0]  # « Plus de détails » under each suggestion: the first; a number picks another
    partial = [b for b in buttons if wanted in normalize(str(b.get("title", "")))]
    titles = ", ".join(f"« {b.get('title')} »" for b in buttons)
    if len(partial) == 1:
        return partial[0]
    if partial:
        raise ScenarioError(f"plusieurs boutons correspondent à « {choice} » : {titles}. Écrivez le titre exact ou le numéro.")
    raise ScenarioError(f"aucun bouton « {choice} ». Boutons affichés : {titles}.")


def slot_matches(expected: Any, actual: Any) -> bool:
    """Forgiving comparison: « oui »/« non » for true/false, 19 for 19.0, case-insensitive text."""
    if isinstance(expected, str) and isinstance(actual, str) and normalize(expected) == normalize(actual):
        return True  # « aucun » is also a value (diplome: aucun), not only « empty »
    if expected is None or (isinstance(expected, str) and normalize(expected) in ("", "vide", "aucun", "null")):
        return actual is None or actual == [] or actual == ""
    if isinstance(actual, bool) or isinstance(expected, bool):
        wanted = expected
        if isinstance(expected, str):
            word = normalize(expected)
            wanted = True if word in TRUE_WORDS else False if word in FALSE_WORDS else expected
        return isinstance(actual, bool) and isinstance(wanted, bool) and actual == wanted
    if isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
        return abs(float(expected) - float(actual)) < 1e-6
    if isinstance(expected, (int, float)) and isinstance(actual, str):
        return normalize(actual) == normalize(str(expected))
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(expected) != len(actual):
            return False
        remaining = list(actual)
        for item in expected:
            match = next((i for i, a in enumerate(remaining) if slot_matches(item, a)), None)
            if match is None:
                return False
            remaining.pop(match)
        return True
    if isinstance(expected, str) and isinstance(actual, str):
        return normalize(expected) == normalize(actual)
    return expected == actual


# ------------------------------------------------------------------------------------------ playing

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
        request = urllib.request.Request(self.url + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                raw = response.read()
        except urllib.error.HTTPError as error:
            if error.code in (401, 403):
                raise BotUnreachable(f"le bot refuse le jeton ({error.code}) : vérifiez --token.") from error
            raise BotUnreachable(f"le bot a répondu une erreur {error.code} à {path.split('?')[0]}.") from error
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise BotUnreachable(f"impossible de joindre le bot à {self.url} ({reason}). Est-il lancé (make run) ?") from error
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


def expectation_checks(expected: Expectations, last_replies: Sequence[Reply], slots: Optional[Dict[str, Any]]) -> List[Check]:
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
                    checks.append(Check(ok, f"slot {name} = {_show(value)}", "" if ok else f"valeur trouvée : {_show(actual)}"))
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
