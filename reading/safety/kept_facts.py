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

# The entity names are the domain's own (age, code_insee, besoin): one name per fact.
KEPT = ("age", "code_insee", "besoin")
ADULT_AGE = 18
WHO = "interlocuteur"  # the slot and entity of who types (reading/interlocutor.py)


def kept_entities(text: str, detection: Detection) -> List[Dict[str, Any]]:
    """Entities to add to the layer's NLU result: the plain facts of an English-only message, or the age
    signal (mineur / majeur) of a message in danger that states an age in figures or words."""
    read = read_facts(text=text, intent="inform")
    slots = read.slots
    # Who types is no fact of the message's danger: a conseiller's opener that called for help (« je suis
    # conseiller… une jeune enceinte ») keeps « la personne » for the questions after « Reprendre » (play-test E e20).
    who = [{"entity": WHO, "value": read.interlocuteur, "start": 0, "end": 0}] if read.interlocuteur else []
    if detection.signals:
        age = slots.get("age")
        if detection.age_hint or not isinstance(age, (int, float)):
            return who
        hint = "majeur" if age >= ADULT_AGE else "mineur"
        return [{"entity": "danger_age", "value": hint, "start": 0, "end": 0}, *who]
    return [
        {"entity": name, "value": slots[name], "start": 0, "end": 0} for name in KEPT if slots.get(name) is not None
    ] + who


def slot_values(entities: List[Mapping[str, Any]]) -> Dict[str, Any]:
    """The slots those entities set (the commune's name and département follow its code)."""
    from knowledge import geo

    said = {e.get("entity"): e.get("value") for e in entities if e.get("entity") in KEPT}
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
    who = next((e.get("value") for e in entities if e.get("entity") == WHO), None)
    if who in ("conseiller", "jeune"):
        values[WHO] = who
    return values
