"""The names of the actions and networks the bot itself shows, blanked before the safety layer reads a message.

Play-test E: « Pourquoi Lulu dans ma rue ? Il parle peu français et veut le bâtiment » got the whole crisis
list: the second net read « dans ma rue » in the name of an initiative the bot had just listed. A person who
names what the bot showed (« Lulu dans ma rue », « 100 Chances 100 Emplois », « Un toit un emploi »,
« Bougez vers l'emploi ») is talking about that action, not about themselves.

One generic mechanism, from the knowledge base (knowledge.loader.shown_names), not a list typed by hand: each
name — and its short forms, the part before a parenthesis and a title « in quotes » — normalised as the
detector reads text, of two words at least (« HOPE », « Adie » are words too), joined into one compiled
pattern, built once per process. Only the names are kept in memory, not the base.

A name that says a danger by itself (« Hébergement d'urgence (SAMU social et SIAO) ») is never blanked: someone
who asks for the 115 by its name may need it tonight.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, Iterable, List, Optional, Pattern, Set

MIN_WORDS = 2
_PARENTHESIS = re.compile(r"\s*\([^()]*\)")
_QUOTED = re.compile(r"«\s*([^»]+?)\s*»|\"([^\"]+)\"")


def variants(name: str) -> List[str]:
    """The forms a person may type of one shown name: whole, without its parentheses, its quoted title."""
    forms = [name, _PARENTHESIS.sub("", name)]
    forms += [a or b for a, b in _QUOTED.findall(name)]
    forms += [m for m in re.findall(r"\(([^()]*)\)", name)]
    return forms


def build_pattern(
    names: Iterable[str], normalise: Callable[[str], str], alarms: Callable[[str], bool]
) -> Optional[Pattern[str]]:
    """One pattern matching any shown name in normalised text, on word boundaries, longest names first.
    `alarms(normalised_form)`: whether a form says a danger by itself (such a form is left to the detector)."""
    forms: Set[str] = set()
    for name in names:
        for form in variants(name):
            norm = normalise(form)
            if len(norm.split()) >= MIN_WORDS and not alarms(norm):
                forms.add(norm)
    if not forms:
        return None
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(r"(?<![a-z0-9])(?:" + alternatives + r")(?![a-z0-9])")


@lru_cache(maxsize=1)
def _pattern() -> Optional[Pattern[str]]:
    from knowledge.loader import shown_names
    from reading.safety import detector

    return build_pattern(shown_names(), detector.normalise, detector.names_alarm)


def blank(normalised_text: str, pattern: Optional[Pattern[str]] = None) -> str:
    """The normalised text with every shown name replaced by a space."""
    pattern = pattern or _pattern()
    if pattern is None or not normalised_text:
        return normalised_text
    return " ".join(pattern.sub(" ", normalised_text).split())
