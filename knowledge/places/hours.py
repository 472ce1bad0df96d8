"""The one formatter of opening hours, for every place the bot names (France services in the list and in the fiche,
a mission locale's sites): « de 8 h 30 à 12 h et de 13 h 30 à 17 h ».

The ANCT table gives some days as several overlapping ranges (« 08:30 - 16:30 / 08:30 - 16:00 », 48 day-cells of
2,845 sites in August 2024: sites of a « multisites » France services, or a day's general hours beside its
sessions). Which range holds for which desk is not said, so they are shown as the hours they span together, marked
« horaires variables », with the advice to call: never the raw string (play-test F), never one range guessed."""

from __future__ import annotations

from typing import List, Optional, Sequence, Tuple

from knowledge.places.france_services import _RANGE, _SEPARATORS, DayHours, _hhmm, parse_day

Interval = Tuple[str, str]
VARIABLE = "horaires variables, appelez avant de passer"


def time_text(hhmm: str) -> str:
    """« 09:00 » → « 9 h », « 13:30 » → « 13 h 30 »."""
    hours, minutes = hhmm.split(":")
    return f"{int(hours)} h" if minutes == "00" else f"{int(hours)} h {minutes}"


def intervals_text(intervals: Sequence[Interval]) -> str:
    """« de 9 h à 12 h et de 13 h 30 à 17 h »."""
    parts = [f"de {time_text(a)} à {time_text(b)}" for a, b in intervals]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " et " + parts[-1]


def _ranges(raw: str) -> Optional[List[Interval]]:
    """Every range of a day the source wrote with overlaps, its « 00:00 - 00:00 » placeholders left out; None when
    a part is no range at all (then the text is a sentence, shown as written)."""
    found: List[Interval] = []
    for part in _SEPARATORS.split(raw):
        match = _RANGE.match(part)
        if match is None:
            return None
        start, end = _hhmm(match.group(1), match.group(2)), _hhmm(match.group(3), match.group(4))
        if start == end == "00:00":
            continue
        if start is None or end is None or start >= end:
            return None
        found.append((start, end))
    return found or None


def _spanned(ranges: Sequence[Interval]) -> List[Interval]:
    """The hours the ranges cover together: overlapping or touching ranges joined."""
    joined: List[Interval] = []
    for start, end in sorted(ranges):
        if joined and start <= joined[-1][1]:
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
        else:
            joined.append((start, end))
    return joined


def day_text(hours: DayHours) -> str:
    """One day's hours in French; « » when the day has none."""
    if hours.intervals:
        return intervals_text(hours.intervals)
    if not hours.raw:
        return ""
    ranges = _ranges(hours.raw)
    if ranges:
        return f"{intervals_text(_spanned(ranges))} ({VARIABLE})"
    return f"{hours.raw} (appelez avant de passer)"  # a sentence of the source (« sur rendez-vous »), no hours to read


def hours_phrase(text: str) -> str:
    """Hours written by another source (« 09:00-12:00 / 13:30-17:00 ») through the same formatter."""
    return day_text(parse_day(text))
