"""The one reader of the commune in a message (reading/facts.py calls `read_commune`): a button's code, an answer
to the commune question (with the homonyms offered and the département said), or a place pointed to in a
sentence, which moves a commune already known only after a cue (reading/commune_cues.py). Pure, no Rasa.
"""

from __future__ import annotations

from typing import Any, Dict, Mapping, Optional

from knowledge import geo
from knowledge.text import normalize
from reading import commune_cues
from reading.quartier import names_own_qpv
from reading.understanding import parse_yes_no

# A commune already known is replaced only by a commune said after a cue (« en fait j'habite à Lyon »,
# « jsuis a saint vaury », reading/commune_cues.py) or typed alone with no question pending (« Mérignac »
# after the list), not by a place named in passing (« je suis à la Villeneuve » answering the quartier question).
_MOVE_CUE = commune_cues.MOVE_CUE
# Misses on the commune question after which only the département is asked (and skipping is offered).
COMMUNE_MAX_MISSES = 2


def _commune_slots(commune: geo.Commune) -> Dict[str, Any]:
    return {
        "commune": commune.nom,
        "code_insee": commune.code_insee,
        "departement": commune.departement,
        "commune_candidates": None,
    }


def _apply_choice(choice: geo.Choice, facts: Any, text: str = "") -> None:
    if choice.commune is not None:
        facts.slots.update(_commune_slots(commune_cues.with_arrondissement(choice.commune, text)))
    elif choice.candidates:
        facts.slots["commune_candidates"] = commune_cues.offered_codes(choice.candidates, text)
    elif choice.departement:
        facts.slots.update({"departement": choice.departement, "commune_candidates": None})


def read_commune(
    text: str,
    code: Optional[str],
    asked: bool,
    intent: Optional[str],
    known: Mapping[str, Any],
    facts: Any,
    requested_slot: Optional[str] = None,
) -> None:
    """The one reader of the commune: a button's code, an answer to the commune question, or a place
    pointed to in a sentence. NLU `commune` entities are not used: the full-text pass keeps hyphenated
    names whole and knows which words are no places (see knowledge/geo/)."""
    if code:
        commune = geo.get_commune(code)
        if commune:
            facts.slots.update(_commune_slots(commune))
        return
    offered = list(known.get("commune_candidates") or [])
    if asked:
        if len(offered) == 1:  # « Marseille (13) ? »
            answer = {"affirm": True, "deny": False}.get(intent or "")
            answer = parse_yes_no(text) if answer is None else answer
            if answer is True:
                _apply_choice(geo.Choice(commune=geo.get_commune(offered[0])), facts)
                return
            if answer is False:
                facts.slots["commune_candidates"] = None
                facts.rejected = "commune-non:"
                return
        if intent in ("affirm", "deny"):
            return
        compound = (
            None
            if offered
            else commune_cues.compound_communes(text)
            or commune_cues.ranked_arrondissements(text, known.get("departement"))
        )
        choice = (
            commune_cues.compound_choice(compound, text)
            if compound
            else geo.read_answer(text, offered, known.get("departement"))
        )
        if choice.departement and not choice.commune and not choice.candidates:
            attempts = known.get("attempts") or {}
            if isinstance(attempts, Mapping) and attempts.get("commune", 0) >= COMMUNE_MAX_MISSES:
                facts.skipped.append("commune")  # after two misses the département is enough
        if choice.empty:
            if text.strip():
                facts.rejected = f"commune:{text.strip()[:60]}"
            return
        _apply_choice(choice, facts, text)
        return
    compound = commune_cues.compound_communes(text)
    if compound:
        choice = commune_cues.compound_choice(compound, text)
    else:
        choice = geo.choose(geo.find_communes_in_text(text))
        if choice.candidates and not choice.commune:
            narrowed = commune_cues.narrow_by_departement(choice.candidates, text)  # « … dans le 82 »
            if len(narrowed) < len(choice.candidates):
                choice = commune_cues.compound_choice(narrowed, text)
    if choice.empty:
        return
    named_alone = requested_slot is None and bool(commune_cues.named_alone(text))
    moved = _MOVE_CUE.search(normalize(text)) or commune_cues.CLEAR_MOVE_CUE.search(geo.normalize(text))
    if known.get("code_insee") and not (moved or named_alone):
        return  # a place named in passing does not move someone whose commune is known
    if known.get("code_insee") and commune_cues.stays_in_known_commune(text, requested_slot):
        return  # « elle habite le quartier de la Reyssouze » at Bourg-en-Bresse: its quartier, not Reyssouze (01)
    if known.get("code_insee") and requested_slot == "qpv" and choice.commune is None:
        return  # « il habite à l'Alma » answering the quartier question: a quartier, not a guessed commune
    if known.get("code_insee") and requested_slot == "qpv" and names_own_qpv(text, str(known["code_insee"])):
        return  # « non, je suis à Jas de Bouffan » at Aix: its own QPV, not Jas (Loire)
    _apply_choice(choice, facts, text)
    if known.get("code_insee") and choice.commune is None and choice.candidates:
        facts.slots.update({"commune": None, "code_insee": None})  # the form then asks which one
