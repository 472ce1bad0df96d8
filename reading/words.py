"""Words the readers of reading/understanding.py and reading/need.py share: negation as people type it, and
the ways to say one has nowhere to sleep (both a need and a housing situation)."""

from __future__ import annotations

# Negation as people type it: "pas", "pa", "ps", "sans", "aucun", "jamais", "n'ai pas", "g pa".
NEG = r"(?:pas|pa|ps|po|sans|aucun|aucune|jamais|point|plus|pas encore|toujours pas|non|ni)"

# « nulle part où pioncer » says both the need and the situation (no place tonight); « un endroit pour dormir »
# asks for one: the need, the situation left to the housing question (it may be for a move, a job…).
NOWHERE = (
    r"(?:nul+e? ?part|null part|nulpart) (?:ou|pour|a) (?:dormir|pioncer|crecher|aller|vivre|loger|me poser|squatter)"
)
PLACE_TO_SLEEP = (
    r"(?:endroit|coin|lieu|place|plan) (?:pour|ou|a) (?:dormir|pioncer|crecher|passer la nuit|me poser ce soir)"
)
