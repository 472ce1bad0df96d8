"""The INSEE codes and candidate helpers shared by the knowledge.geo tests (tests/test_geo*.py)."""

from __future__ import annotations

from knowledge import geo

PARIS, LYON, MARSEILLE = "75056", "69123", "13055"
SAINT_DENIS_93, SAINT_DENIS_974 = "93066", "97411"
FOUGERES, VAULX_EN_VELIN, SAINT_ETIENNE = "35115", "69256", "42218"


def codes(candidates: list[geo.Candidate]) -> list[str]:
    return [c.commune.code_insee for c in candidates]


def top_codes(candidates: list[geo.Candidate]) -> set[str]:
    """Codes sharing the best score: more than one means the bot must ask."""
    best = max((c.score for c in candidates), default=None)
    return {c.commune.code_insee for c in candidates if c.score == best}
