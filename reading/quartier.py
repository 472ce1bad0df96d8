"""The quartier and the QPV in one message (reading/facts.py calls these; knowledge/geo/quartiers.py finds names).

- At the QPV question, a sentence around the name: « je vien de te dire frais vallon », « Mermoz, c'est un QPV »
  (quartier and QPV), « je sais pas trop, c'est a boissard » (the quartier, the QPV not known).
- A quartier of the person's commune in the official list of QPV (knowledge/geo/qpv.py) answers the question:
  « C'est noté : … d'après la liste officielle des QPV ». A name not in the list answers nothing.
"""

from __future__ import annotations

import re
from typing import Any, Mapping, Optional, Tuple

from knowledge import geo
from knowledge.geo.index import is_place_qualifier
from knowledge.geo.qpv import official_qpv as official_qpv_of
from knowledge.geo.quartiers import is_proper_name, quartier_after_commune, quartier_answer, same_length_fold
from knowledge.text import CLAUSE_END
from reading.qpv import mentions_qpv, parse_qpv

# « je sais pas (trop) » before the name: said of the QPV, not of the quartier.
_DONT_KNOW_LEAD = re.compile(
    r"(?:euh\s+|bah\s+|ben\s+)?(?:je\s+(?:ne\s+)?sais\s+pas|j\s*sais\s+pas|jsais\s+pas|chais\s+pas|jsp|jcp|aucune\s+idee)"
    r"(?:\s+(?:trop|vraiment|du\s+tout))?\b"
)
_YES_NO = re.compile(r"^(?:oui|ouais|ouai|yes|si|non|nan|nn|no)$")
# « ba oui la goutte dor », « yes mirail i said », « non, Wazemmes »: a yes or no, then the name.
# « oui je crois », « oui merci »: no name follows the yes.
NOT_A_NAME_AFTER_YES = re.compile(r"(?:je|j|jcrois|jpense|il|elle|on|moi|nous|vous|merci|bien|mais|par|de|du|un|une)\b")
_YES_LEAD = re.compile(r"(?:(?:ba|bah|ben|eh|ah)\s+)?(?:oui|ouais|ouai|yes|yep|(?P<no>non|nan|no))\s+(?=\S)")


def qpv_sentence(text: str) -> Tuple[Optional[str], Optional[bool]]:
    """(quartier, QPV said) in an answer to the QPV question written as a sentence: « Mermoz, c'est un QPV »
    -> (« Mermoz », True); « je sais pas trop, c'est a boissard » -> (« boissard », None). A clause about the QPV
    itself (« oui c'est QPV », « jsais pas si c'est un QPV ») is read by reading/qpv.py, never as a name."""
    said: Optional[bool] = None
    clauses = []
    for clause in re.split(r"[,;.!?]+", text):
        folded = same_length_fold(clause)  # the same length as the clause: a span here is a span there
        words = " ".join(folded.split())
        if not words or _YES_NO.match(words):
            continue
        if mentions_qpv(clause):
            said = parse_qpv(clause) if said is None else said
            continue
        lead = _DONT_KNOW_LEAD.match(folded.lstrip())
        yes = None if lead else _YES_LEAD.match(folded.lstrip())
        if yes and NOT_A_NAME_AFTER_YES.match(folded.lstrip()[yes.end() :]):
            continue  # « oui je crois »: the yes alone, read by reading/facts.py
        if yes and said is None:  # « ba oui la goutte dor », « yes mirail i said »: the yes answers the question
            said = yes.group("no") is None
        lead = lead or yes
        rest = clause[len(folded) - len(folded.lstrip()) + lead.end() :] if lead else clause
        if rest.strip():
            clauses.append(rest)
    for clause in clauses:
        name = quartier_answer(clause)
        if name:
            return name, said
    return None, said


_ARTICLE = re.compile(r"^(?:le|la|les|l)\s+")
# « lamentin en martinique », « nimes dans le gard »: the commune and where it lies.
# « Amiens Nord » with no word between is a quartier, not Amiens in the Nord.
_WHERE_IT_LIES = re.compile(r"^(?:en|a|au|aux|dans|dans le|dans la)\s+(?P<area>.+)$")


def is_commune_name(name: str, code_insee: Optional[str]) -> bool:
    """« nimes » answering the quartier question of someone living in Nîmes is the commune, not a quartier; so is
    « lamentin en martinique » at Le Lamentin (play-test H h13: « Votre quartier, lamentin en martinique… »)."""
    commune = geo.get_commune(str(code_insee)) if code_insee else None
    if commune is None:
        return False
    said, own = (_ARTICLE.sub("", geo.normalize(value)) for value in (name, commune.nom))
    if said == own:
        return True
    if not said.startswith(own + " "):
        return False
    where = _WHERE_IT_LIES.match(said[len(own) + 1 :])
    return bool(where) and is_place_qualifier(where.group("area"))


def official_qpv_note(slots: Mapping[str, Any], known: Mapping[str, Any]) -> Optional[str]:
    """When this message gave a quartier or a commune and the quartier is in the official list for that commune,
    the note to say back; the caller sets qpv. None otherwise (and when the QPV was already answered)."""
    if "quartier" not in slots and "code_insee" not in slots:
        return None
    if slots.get("qpv") is not None or known.get("qpv") is not None:
        return None
    quartier = slots["quartier"] if "quartier" in slots else known.get("quartier")
    code = slots["code_insee"] if "code_insee" in slots else known.get("code_insee")
    found = official_qpv_of(str(quartier or ""), str(code) if code else None)
    if found is None:
        return None
    return f"C'est noté : quartier prioritaire (QPV « {found.nom} »), d'après la liste officielle des QPV."


# The readers reading/facts.py calls (``facts``: its Facts, with slots, notes, skipped, unknown).
def read_quartier(text: str, known: Mapping[str, Any], facts: Any) -> None:
    name = quartier_answer(text) if text.strip() else None
    if name and not is_commune_name(name, known.get("code_insee")):
        facts.slots["quartier"] = name


def read_qpv_sentence(text: str, known: Mapping[str, Any], facts: Any) -> bool:
    """The quartier (and the QPV, when said) in a sentence answering the QPV question; whether a name was read."""
    name, said = qpv_sentence(text)
    if said is not None:
        facts.slots["qpv"] = said
    if name and not is_commune_name(name, known.get("code_insee")):
        facts.slots["quartier"] = name
        return True
    return False


def official_qpv(facts: Any, known: Mapping[str, Any]) -> bool:
    """qpv = oui when the quartier is in the official list for the commune (reading/quartier.py), said back."""
    note = official_qpv_note(facts.slots, known)
    if note is None:
        return False
    facts.slots["qpv"] = True
    facts.notes.append(note)
    facts.skipped[:] = [slot for slot in facts.skipped if slot != "qpv"]
    facts.unknown[:] = [slot for slot in facts.unknown if slot != "qpv"]
    return True


def _city(code: Optional[str]) -> Optional[str]:
    commune = geo.get_commune(str(code)) if code else None
    return (commune.arrondissement_de or commune.code_insee) if commune else None


def forget_quartier_of_old_commune(known: Mapping[str, Any], facts: Any) -> None:
    """A quartier belongs to a commune: moving (« en fait je cherche plutôt sur Lyon ») drops it and its QPV."""
    if not known.get("code_insee") or "code_insee" not in facts.slots and "commune_candidates" not in facts.slots:
        return
    new = facts.slots.get("code_insee")
    if (new is None and facts.slots.get("commune_candidates")) or (new and _city(new) != _city(known["code_insee"])):
        facts.slots.update({"quartier": None, "qpv": None})


def quartier_after_the_commune(text: str, facts: Any) -> Optional[str]:
    """« Toulouse, au Mirail », « vaulx en velin au mas du taureau », « Lyon 8e (Mermoz) »: named after the commune."""
    commune = geo.get_commune(str(facts.slots.get("code_insee") or ""))
    if commune is None:
        return None
    city = geo.get_commune(commune.arrondissement_de) if commune.arrondissement_de else commune
    words = geo.normalize((city or commune).nom).split()
    named = quartier_after_commune(text, words)
    if named is None:  # « marseille 13eme a frais vallon »: after « à », only a name of the official list
        named = quartier_after_commune(text, words, loose=True)
        if named is not None and official_qpv_of(named, commune.code_insee) is None:
            named = None
    if named is None:  # « Strasbourg Neuhof », « Lille Wazemmes »: a listed name, or a proper name as typed
        named = quartier_after_commune(text, words, bare=True)
        listed = named is not None and official_qpv_of(named, commune.code_insee) is not None
        # « Saint-Denis de la Réunion », « Rennes Bretagne »: the place's département or région, no quartier.
        if named is not None and not listed and (not is_proper_name(named) or is_place_qualifier(named)):
            named = None
    return named or listed_quartier_item(text, commune.code_insee)


def quartier_before_the_commune(text: str, code_insee: Optional[str]) -> Optional[str]:
    """« je suis a la duchere lyon 9 », « la duchère, Lyon 9e » (play-test H h10): the quartier said just before its
    commune, taken only when the official list of QPV names it for that commune (any other word there may be a verb)."""
    commune = geo.get_commune(str(code_insee)) if code_insee else None
    if commune is None:
        return None
    city = geo.get_commune(commune.arrondissement_de) if commune.arrondissement_de else commune
    folded = same_length_fold(text).lower()
    words = list(re.finditer(r"[a-z0-9]+", folded))
    city_words = geo.normalize((city or commune).nom).split()
    for i in range(1, len(words) - len(city_words) + 1):
        if [w.group() for w in words[i : i + len(city_words)]] != city_words:
            continue
        for start in range(max(0, i - 4), i):  # the longest name first: « grand mirail » before « mirail »
            first = words[start].group()
            if first in ("a", "au", "aux", "dans", "vers", "de", "du", "des"):
                continue
            name = _as_written(text[words[start].start() : words[i - 1].end()])
            if official_qpv_of(name, commune.code_insee) is not None and not is_commune_name(name, code_insee):
                return name
    return None


def _as_written(name: str) -> str:
    return " ".join(name.replace("’", "'").split()).strip(",;:.")


_AFTER_CUE = re.compile(r"\b(?:a|au|aux|a la|a l|dans|dans le|dans la|vers)\s+([a-z][a-z ]{2,40})$")


def names_own_qpv(text: str, code_insee: str) -> bool:
    """« non, je suis à Jas de Bouffan » at Aix: the place after the last cue is an official QPV of the person's own
    commune, not the commune Jas (Loire) it also starts with (play-test F)."""
    match = _AFTER_CUE.search(geo.normalize(text or "").strip())
    return bool(match) and official_qpv_of(match.group(1), code_insee) is not None


def listed_quartier_item(text: str, code_insee: str) -> Optional[str]:
    """« …du Havre. Un jeune de 19 ans, Caucriauville, sans logement… »: a quartier as a bare item of a list of
    facts, taken only when the official list of QPV names it for the commune (play-test E)."""
    commune = geo.get_commune(code_insee)
    city = geo.get_commune(commune.arrondissement_de) if commune and commune.arrondissement_de else commune
    for clause in CLAUSE_END.split(text):
        name = " ".join(clause.split())
        if any(char.isdigit() for char in name) or (city and geo.normalize(city.nom) in geo.normalize(name)):
            continue  # « marseille 3eme » is the commune, not the QPV « Centre Ville 3e Arrondissement »
        listed = 0 < len(name.split()) <= 3 and official_qpv_of(name, code_insee) is not None
        if listed and quartier_answer(name) == name and not is_commune_name(name, code_insee):
            return name
    return None


def qpv_unknown_after_a_name(requested_slot: Optional[str], facts: Any) -> None:
    """At the QPV question, a quartier the official list does not name (« Wazemmes », « les 4000 ») closes it: the
    name is what the person knows, the conseiller checks it (the fiche shows the quartier, no QPV line)."""
    if requested_slot == "qpv" and facts.slots.get("quartier") and facts.slots.get("qpv") is None:
        facts.slots.pop("qpv", None)
        if "qpv" not in facts.skipped:
            facts.skipped.append("qpv")
        # Not refused: the fiche says « ne sait pas », not « préfère ne pas le dire » (play-test F: « l'alma »).
        if "qpv" not in facts.unknown:
            facts.unknown.append("qpv")


# « je sais pas pour le quartier », « jsp si c'est prioritaire »: a clause saying the QPV is not known.
_DONT_KNOW_CLAUSE = re.compile(r"(?:\s+(?:pour|si|sur)\b.*)?\s*$")


def qpv_unknown_in_a_clause(requested_slot: Optional[str], text: str, facts: Any) -> None:
    """At the QPV question, « c'est ma ville le Lamentin, je sais pas pour le quartier » (play-test H h13): nothing
    else answers it, so it is « ne sait pas », not asked again with the same words."""
    if requested_slot != "qpv" or "quartier" in facts.slots or "qpv" in facts.slots or "qpv" in facts.skipped:
        return
    for clause in re.split(r"[,;.!?]+", text):
        folded = " ".join(same_length_fold(clause).split())
        lead = _DONT_KNOW_LEAD.match(folded)
        if lead and _DONT_KNOW_CLAUSE.match(folded, lead.end()):
            facts.skipped.append("qpv")
            facts.unknown.append("qpv")
            return


# Below this population a commune has no quartier prioritaire worth asking about.
QPV_MIN_POPULATION = 5000


def should_ask_qpv(code_insee: Optional[str]) -> bool:
    commune = geo.get_commune(code_insee) if code_insee else None
    return commune is not None and (commune.population or 0) >= QPV_MIN_POPULATION
