"""Play-test personas as facts: most of the young people of the play-tests have neither a licence nor a vehicle, so a
persona says its age, town and need, and only what differs from that. Gives a dict, to build a Profile
(`Profile(**persona(...))`) or to fill a tracker's slots."""

from typing import Any, Dict


def persona(age: float, code_insee: str, besoin: str, **facts: Any) -> Dict[str, Any]:
    return {"age": age, "code_insee": code_insee, "permis": False, "vehicule": False, "besoin": besoin, **facts}
