"""The scenario file format: a YAML file read into a `Scenario`, or a `ScenarioError` in French
saying what to fix (format in scenarios/README.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Tuple, Union

import yaml

SCENARIO_KEYS = {"nom", "description", "messages", "attendu"}
MESSAGE_KEYS = {"texte", "bouton", "reponse_contient"}
EXPECTED_KEYS = {"slots", "suggestions_contiennent", "suggestions_absentes"}


class ScenarioError(ValueError):
    """A scenario file that cannot be played, with a message for the conseiller who wrote it."""


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
        raise ScenarioError(
            f"{where} : clé inconnue « {', '.join(sorted(map(str, unknown)))} » "
            f"(clés possibles : {', '.join(sorted(MESSAGE_KEYS))})."
        )
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


def _only_known_keys(data: Dict[Any, Any], known: Iterable[str], where: str) -> None:
    """A misspelt key (« atendu ») would be silently ignored: name it, with the keys possible."""
    unknown = set(data) - set(known)
    if unknown:
        raise ScenarioError(
            f"{where}clé inconnue « {', '.join(sorted(map(str, unknown)))} » "
            f"(clés possibles : {', '.join(sorted(known))})."
        )


def parse_scenario(data: Any, path: Optional[Path] = None) -> Scenario:
    """A Scenario from the loaded YAML, or ScenarioError saying what to fix, in French."""
    if not isinstance(data, dict):
        raise ScenarioError("le fichier doit contenir « nom », « messages » et « attendu ».")
    _only_known_keys(data, SCENARIO_KEYS, "")
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
        raise ScenarioError(
            "messages, n° 1 : le premier message ne peut pas être un bouton (aucun n'est encore affiché)."
        )
    expected = data.get("attendu") or {}
    if not isinstance(expected, dict):
        raise ScenarioError("« attendu » doit contenir slots, suggestions_contiennent ou suggestions_absentes.")
    _only_known_keys(expected, EXPECTED_KEYS, "attendu : ")
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
        raise ScenarioError(
            f"{path.name} : YAML illisible{line} — vérifiez l'indentation et les deux-points."
        ) from error
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
