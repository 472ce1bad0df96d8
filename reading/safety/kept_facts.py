"""What a message caught by the safety layer may still give, without its words.

Play-test E: « jsuis a la rue depuis 2 semaines jdors dans ma voiture a grenoble jai 24 ans » got the 115, then
« Quel âge avez-vous ? » and the commune again (« grenoble!!! jlai deja dit »); a conseiller's « une jeune de
22 ans, enceinte de 6 mois, … à Lunel, bac ES » lost the age, the commune, the need and the conseiller's voice.
Being asked again what one has just said, right after saying one is in danger, is what hurts.

So a message caught by the layer — in danger, or only in English — keeps its plain, non-sensitive facts, read
exactly as an ordinary message's (reading/facts.py read_facts): the age, the commune (code, département,
quartier, or the communes to choose from), the need, the schooling and diploma, and who types (a conseiller).
They travel as entities of the `safety_alert` intent (one `code_insee` per commune offered); action_safety sets
them as slots. The message's TEXT is still masked and never stored or logged, and nothing sensitive is kept
from it: no housing (« je dors dans ma voiture » is no `logement`, nor a `vehicule`), handicap, benefits or
anything about the danger — those are asked later, with care. The stated age also becomes the `danger_age`
signal (mineur / majeur), which chooses the help.
"""

from __future__ import annotations

from typing import Any, Dict, List, Mapping

from knowledge.profile import BESOINS, DIPLOMES, SCOLARITES
from reading.facts import read_facts
from reading.interlocutor import CONSEILLER, JEUNE
from reading.safety.detector import Detection

# The entity names are the domain's own, one per fact (slot names). Everything else read_facts finds is left.
KEPT = ("age", "code_insee", "departement", "quartier", "besoin", "scolarite", "diplome", "interlocuteur")
# The commune and what hangs on it: filled together, and only when no commune is known yet.
COMMUNE_SLOTS = ("commune", "code_insee", "departement", "commune_candidates", "quartier", "qpv")
# The same message read as an answer to the QPV question (« yes mirail i said », play-test E): used by
# action_safety only when that question was pending.
QPV_ANSWER = "qpv_answer"
ADULT_AGE = 18


def _entity(name: str, value: Any) -> Dict[str, Any]:
    return {"entity": name, "value": value, "start": 0, "end": 0}


def kept_entities(text: str, detection: Detection) -> List[Dict[str, Any]]:
    """Entities to add to the layer's NLU result: the plain facts of the message (see above), and for a message
    in danger whose age the patterns did not place, the age signal (mineur / majeur) from the age it states."""
    facts = read_facts(text=text, intent="inform")
    slots = facts.slots
    entities: List[Dict[str, Any]] = []
    age = slots.get("age")
    if isinstance(age, (int, float)):
        entities.append(_entity("age", float(age)))
        if detection.signals and not detection.age_hint:
            entities.append(_entity("danger_age", "majeur" if age >= ADULT_AGE else "mineur"))
    if slots.get("code_insee"):
        entities.append(_entity("code_insee", slots["code_insee"]))
    else:
        entities += [_entity("code_insee", code) for code in slots.get("commune_candidates") or ()]
        if slots.get("departement") and not slots.get("commune_candidates"):
            entities.append(_entity("departement", slots["departement"]))
    for name in ("quartier", "besoin", "scolarite", "diplome"):
        if slots.get(name):
            entities.append(_entity(name, slots[name]))
    if facts.interlocuteur:
        entities.append(_entity("interlocuteur", facts.interlocuteur))
    answer = read_facts(text=text, intent="inform", requested_slot="qpv").slots
    return entities + [
        {**_entity(name, answer[name]), "role": QPV_ANSWER}
        for name in ("quartier", "qpv")
        if answer.get(name) is not None and "quartier" not in slots
    ]


def slot_values(entities: List[Mapping[str, Any]], known: Mapping[str, Any] | None = None) -> Dict[str, Any]:
    """The slots those entities set (the commune's name and département follow its code; several codes are the
    communes to choose from). Values are checked: « /safety_alert{…} » can be typed by hand.

    `known`: slots already set. A caught message only fills what is not known yet — it is read without the
    conversation (the layer runs before Rasa), so a place named in passing must not move someone whose commune
    is known, nor an age said in a story replace the one given."""
    from knowledge import geo

    known = known or {}
    said: Dict[str, List[Any]] = {}
    for e in entities:
        if e.get("entity") in KEPT and e.get("value") is not None and not e.get("role"):
            said.setdefault(str(e["entity"]), []).append(e["value"])
    first = {name: values[0] for name, values in said.items()}
    values: Dict[str, Any] = {}
    if isinstance(first.get("age"), (int, float)) and not isinstance(first["age"], bool):
        values["age"] = float(first["age"])
    communes = [c for c in (geo.get_commune(str(code)) for code in said.get("code_insee", ())) if c is not None]
    if len(communes) == 1:
        commune = communes[0]
        values.update(
            code_insee=commune.code_insee, commune=commune.nom, departement=commune.departement, commune_candidates=None
        )
        if isinstance(first.get("quartier"), str):
            values.update(_quartier(first["quartier"], None, commune.code_insee))
    elif len(communes) > 1:
        values["commune_candidates"] = [c.code_insee for c in communes[:5]]
    elif isinstance(first.get("departement"), str) and len(first["departement"]) <= 3:
        values["departement"] = first["departement"]
    if first.get("besoin") in BESOINS:
        values["besoin"] = first["besoin"]
    if first.get("scolarite") in SCOLARITES:
        values["scolarite"] = first["scolarite"]
    if first.get("diplome") in DIPLOMES:
        values["diplome"] = first["diplome"]
    if first.get("interlocuteur") in (CONSEILLER, JEUNE):
        values["interlocuteur"] = first["interlocuteur"]
    if known.get("code_insee") or known.get("commune_candidates"):
        values = {k: v for k, v in values.items() if k not in COMMUNE_SLOTS}
    return {k: v for k, v in values.items() if k in COMMUNE_SLOTS or known.get(k) is None}


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
