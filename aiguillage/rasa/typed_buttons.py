"""A button's title typed by hand means what pressing the button means.

People on Telegram, in the terminal, or simply used to typing write « Je ne sais pas encore » or « English: reach
a person » instead of tapping: the NLU read some of these as nothing (the need question was asked again five
times) and the safety model took « English: reach a person » for a cry for help. A typed title of the bot's own
buttons (domain.yml) becomes that button's payload before anything reads it — but only for payloads whose
meaning does not depend on the question asked: `/inform{…}` with its facts and a few context-free requests.
« Oui », « Non », « C'est quoi ? » or « Je ne sais pas » mean different things at different questions: they
stay text, for the NLU and the form to read in context.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Dict, FrozenSet, Optional, Set

import yaml

from knowledge.text import normalize

DOMAIN = Path(__file__).resolve().parents[2] / "domain.yml"
# Payloads that mean the same thing wherever the button was shown (/start: « Reprendre », « Continuer en
# français » — typed after the English answer, it was « Pardon, je n'ai pas compris »).
_CONTEXT_FREE = re.compile(r"^/(inform\{.+\}|english_help|request_summary|human_handoff|start)$")


def _key(title: str) -> str:
    """« Hébergé·e par quelqu'un ! » and « hebergee par quelqu un » are the same title."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", normalize(title.replace("·", ""))).split())


@functools.cache
def _buttons(domain: Path = DOMAIN) -> Dict[str, FrozenSet[str]]:
    """Normalised title → every payload it has in the domain's responses."""
    payloads: Dict[str, Set[str]] = {}
    responses = (yaml.safe_load(domain.read_text(encoding="utf-8")) or {}).get("responses") or {}
    for variants in responses.values():
        for variant in variants or ():
            for button in variant.get("buttons") or ():
                # Responses escape braces for Rasa's slot templating: « {{ » in the file is « { » when sent.
                payload = str(button["payload"]).replace("{{", "{").replace("}}", "}")
                payloads.setdefault(_key(str(button["title"])), set()).add(payload)
    return {title: frozenset(found) for title, found in payloads.items()}


def payload_for(text: str, domain: Path = DOMAIN) -> Optional[str]:
    """The payload a typed button title stands for, or None (not a title, or its meaning depends on the question)."""
    if not text or text.startswith("/") or len(text) > 80:
        return None
    found = _buttons(domain).get(_key(text), frozenset())
    if len(found) != 1:
        return None
    payload = next(iter(found))
    return payload if _CONTEXT_FREE.match(payload) else None


def is_own_title(text: str, domain: Path = DOMAIN) -> bool:
    """Whether the text is one of the bot's own button titles (any payload): the bot offered these words."""
    return bool(text) and len(text) <= 80 and _key(text) in _buttons(domain)
