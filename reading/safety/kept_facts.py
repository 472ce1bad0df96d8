"""What a message caught by the safety layer may still give, without its words.

Live testers wrote « I'm 21, I live in Bordeaux and I'm looking for a job »: the English answer came first, as
it must, but after « Continuer en français » the bot asked their age and commune again. English is not danger:
for a message the layer caught only for its language, the plain facts (age, commune, what they look for) travel
as entities of the `safety_alert` intent and action_safety keeps them.

A message that signals danger keeps nothing (issue 13: « nothing of the message itself is stored in a slot »).
Only the age it states is used, and only to choose the help (a 22-year-old sleeping in her car was told « si
vous avez moins de 18 ans, appelez plutôt le 119 »): it becomes the `danger_age` signal, never a slot.
"""

from __future__ import annotations

from typing import Any, Dict, List, Mapping

from reading.facts import read_facts
from reading.safety.detector import Detection

# The entity names are the domain's own (age, code_insee, besoin, quartier): one name per fact.
# Play-test E: « i live in Toulouse (Mirail) » lost the Mirail, and the QPV question was asked after « Continuer ».
KEPT = ("age", "code_insee", "besoin", "quartier")
# The same English message read as an answer to the QPV question (« yes mirail i said »): used by action_safety
# only when that question was pending.
QPV_ANSWER = "qpv_answer"
ADULT_AGE = 18


def kept_entities(text: str, detection: Detection) -> List[Dict[str, Any]]:
    """Entities to add to the layer's NLU result: the plain facts of an English-only message, or the age
    signal (mineur / majeur) of a message in danger that states an age in figures or words."""
    slots = read_facts(text=text, intent="inform").slots
    if detection.signals:
        age = slots.get("age")
        if detection.age_hint or not isinstance(age, (int, float)):
            return []
        hint = "majeur" if age >= ADULT_AGE else "mineur"
        return [{"entity": "danger_age", "value": hint, "start": 0, "end": 0}]
    kept = [
        {"entity": name, "value": slots[name], "start": 0, "end": 0} for name in KEPT if slots.get(name) is not None
    ]
    answer = read_facts(text=text, intent="inform", requested_slot="qpv").slots
    return kept + [
        {"entity": name, "value": answer[name], "role": QPV_ANSWER, "start": 0, "end": 0}
        for name in ("quartier", "qpv")
        if answer.get(name) is not None and "quartier" not in slots
    ]


def slot_values(entities: List[Mapping[str, Any]]) -> Dict[str, Any]:
    """The slots those entities set (the commune's name and département follow its code)."""
    from knowledge import geo

    said = {e.get("entity"): e.get("value") for e in entities if e.get("entity") in KEPT and not e.get("role")}
    values: Dict[str, Any] = {}
    if isinstance(said.get("age"), (int, float)):
        values["age"] = float(said["age"])
    commune = geo.get_commune(str(said["code_insee"])) if said.get("code_insee") else None
    if commune is not None:
        values.update(
            code_insee=commune.code_insee, commune=commune.nom, departement=commune.departement, commune_candidates=None
        )
    if said.get("besoin"):
        values["besoin"] = said["besoin"]
    if said.get("quartier"):
        values.update(_quartier(str(said["quartier"]), None, values.get("code_insee")))
    return values


def qpv_answer_values(entities: List[Mapping[str, Any]], code_insee: Any) -> Dict[str, Any]:
    """The quartier and QPV of an English answer to the QPV question (« yes mirail i said »), for action_safety."""
    said = {e.get("entity"): e.get("value") for e in entities if e.get("role") == QPV_ANSWER}
    if not said.get("quartier") and not isinstance(said.get("qpv"), bool):
        return {}
    return _quartier(str(said.get("quartier") or ""), said.get("qpv"), code_insee)


def _quartier(name: str, qpv: Any, code_insee: Any) -> Dict[str, Any]:
    """The quartier, and qpv = oui when the official list names it for the commune (knowledge/geo/qpv.py)."""
    from knowledge.geo.qpv import official_qpv

    values: Dict[str, Any] = {"quartier": name} if name else {}
    if isinstance(qpv, bool):
        values["qpv"] = qpv
    elif name and official_qpv(name, str(code_insee) if code_insee else None) is not None:
        values["qpv"] = True
    return values
