"""The bot's replies as the person reads them (text, numbered buttons), and the forgiving
comparisons with what a scenario expects."""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any, Dict, List, Sequence, Union

from aiguillage.scenarios.files import ScenarioError

TRUE_WORDS = {"oui", "vrai", "true", "yes"}
FALSE_WORDS = {"non", "faux", "false", "no"}
Reply = Dict[str, Any]


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
        raise ScenarioError(
            f"plusieurs boutons correspondent à « {choice} » : {titles}. Écrivez le titre exact ou le numéro."
        )
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
