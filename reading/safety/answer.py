"""Which help to give: from the signals of a message and the age already known, the answers to send.

Each answer is a response of domain.yml (`utter_urgence_<kind>`, `utter_urgence_en_<kind>` in English);
their numbers come from knowledge/data/safety/urgences.yaml (reading.safety.numbers).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, List, Optional, Tuple

# At most this many help messages in one turn (plus the offer to go on): a phone screen, not a leaflet.
MAX_HELP_MESSAGES = 2
ADULT_AGE = 18


@dataclass(frozen=True)
class SafetyAnswer:
    """The responses to send, in order, and the language (« fr » or « en »)."""

    kinds: Tuple[str, ...]
    language: str = "fr"

    @property
    def responses(self) -> Tuple[str, ...]:
        prefix = "utter_urgence_en_" if self.language == "en" else "utter_urgence_"
        return tuple(prefix + kind for kind in self.kinds)

    @property
    def closing_response(self) -> str:
        return "utter_urgence_en_reprendre" if self.language == "en" else "utter_urgence_reprendre"


def age_group(age_hint: Optional[str], known_age: Optional[float]) -> Optional[str]:
    """« mineur », « majeur » or None. What the message says of the age beats the age given earlier."""
    if age_hint in ("mineur", "majeur"):
        return age_hint
    if known_age is None:
        return None
    return "mineur" if known_age < ADULT_AGE else "majeur"


def _french_kinds(signals: frozenset, group: Optional[str]) -> List[str]:
    kinds: List[str] = []
    if "suicide" in signals:
        kinds.append("suicide")
    if "violence" in signals:
        kinds.append(
            {"mineur": "violence_mineur", "majeur": "violence_adulte"}.get(group or "", "violence_age_inconnu")
        )
    if signals & {"sans_abri", "expulse"}:
        shelter = {"mineur": "sans_abri_mineur", "majeur": "sans_abri"}.get(group or "", "sans_abri_age_inconnu")
        # The minor's violence answer already gives the 119 and the ASE, the route to a bed.
        if not (shelter == "sans_abri_mineur" and "violence_mineur" in kinds):
            kinds.append(shelter)
    if "grossesse" in signals:
        kinds.append("grossesse")
    if "sante" in signals:
        kinds.append("sante")
    # No food: the mairie's social service (aide alimentaire) and a listening line, not the crisis lines. The 3114
    # only when distress is said too (play-test E: « si vous pensez à vous faire du mal » to someone only hungry).
    if "faim" in signals:
        kinds.append("faim_detresse" if "detresse" in signals and "suicide" not in kinds else "faim")
    if not kinds and "detresse" in signals:
        kinds.append("detresse")
    if not kinds and "inquietude" in signals:
        kinds.append("inquietude")  # the second net alone: every number, the person picks
    return kinds


def _english_kinds(signals: frozenset) -> List[str]:
    kinds = ["intro"]
    for kind, triggers in (
        ("suicide", {"suicide"}),
        ("violence", {"violence"}),
        ("sans_abri", {"sans_abri", "expulse"}),
        ("grossesse", {"grossesse"}),
        ("sante", {"sante"}),
        ("detresse", {"detresse", "faim"}),
    ):
        if signals & triggers:
            kinds.append(kind)
    if len(kinds) > 1 and "detresse" in kinds and kinds.index("detresse") > 1:
        kinds.remove("detresse")
    return kinds


def plan_answer(
    signals: Iterable[str], age_hint: Optional[str] = None, known_age: Optional[float] = None, english: bool = False
) -> Optional[SafetyAnswer]:
    """The answer to a message with these signals, or None when it calls for none."""
    signals = frozenset(signals)
    if english:
        kinds = _english_kinds(signals)
        return SafetyAnswer(tuple(kinds[: 1 + MAX_HELP_MESSAGES]), language="en")
    kinds = _french_kinds(signals, age_group(age_hint, known_age))
    if not kinds:
        return None
    return SafetyAnswer(tuple(kinds[:MAX_HELP_MESSAGES]))


FRENCH_KINDS = (
    "suicide",
    "violence_mineur",
    "violence_adulte",
    "violence_age_inconnu",
    "sans_abri_mineur",
    "sans_abri",
    "sans_abri_age_inconnu",
    "grossesse",
    "sante",
    "faim",
    "faim_detresse",
    "detresse",
    "inquietude",
)
ENGLISH_KINDS = ("intro", "suicide", "violence", "sans_abri", "grossesse", "sante", "detresse")


def all_responses() -> Tuple[str, ...]:
    """Every response action_safety may send (domain.yml must have each; Rasa's validator cannot know them)."""
    french = SafetyAnswer(FRENCH_KINDS)
    english = SafetyAnswer(ENGLISH_KINDS, language="en")
    return (*french.responses, french.closing_response, *english.responses, english.closing_response)
