"""The mission locale that hosts the bot: its name, sites and permanences, and the territory it serves.

A mission locale writes this in a YAML file (deployment.example.yml, documented in the README) and points
AIGUILLAGE_DEPLOYMENT at it. Without the variable the bot names no mission locale (it never invents one);
with it, a broken file stops the start with one French line that names the file and the field, in the
style of knowledge/loader.py.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, FrozenSet, List, Optional, Tuple

import jsonschema
import yaml

from knowledge.places.hours import hours_phrase
from knowledge.schema_errors import french_error

DEPLOYMENT_ENV = "AIGUILLAGE_DEPLOYMENT"
SCHEMA_PATH = Path(__file__).parent / "schemas" / "deployment.schema.json"
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
SITE_TYPES = {"siege": "siège", "antenne": "antenne", "permanence": "permanence"}

# The example file's placeholders: a deployment still holding one would show a fake contact to a young person.
_PLACEHOLDER = re.compile(r"à remplacer|a remplacer|\bexample\.(?:org|com|net)\b|\.example\b", re.IGNORECASE)
_PLACEHOLDER_PHONE = re.compile(r"^(\+33 ?[1-9]|0[1-9])( ?00){4}$")


class DeploymentError(Exception):
    """The deployment file is unusable. The message is for the person who edits it."""

    def __init__(self, file: Path, field: Optional[str], problem: str):
        self.file, self.field, self.problem = file, field, problem
        where = f"fichier de déploiement {file}"
        if field:
            where += f", champ « {field} »"
        super().__init__(f"{where} : {problem}")


@dataclass(frozen=True)
class Site:
    nom: str
    type: str  # siege | antenne | permanence
    adresse: str
    code_insee: str
    telephone: Optional[str] = None
    courriel: Optional[str] = None
    prise_de_rendez_vous: Optional[str] = None
    horaires: Tuple[Tuple[str, str], ...] = ()  # (weekday, "09:00-12:00 / 13:30-17:00" or "fermé")
    precisions: Optional[str] = None

    def hours_on(self, day: date) -> Optional[str]:
        """Opening hours on that day, « fermé » when the file says so, None when the file does not say."""
        weekday = WEEKDAYS[day.weekday()]
        if not self.horaires:
            return None
        return dict(self.horaires).get(weekday, "fermé")

    def contact_lines(self, today: Optional[date] = None) -> List[str]:
        """What a person needs to go there or call: address, phone, email, today's hours, booking link."""
        lines = [f"Adresse : {self.adresse}"]
        if self.telephone:
            lines.append(f"Téléphone : {self.telephone}")
        if self.courriel:
            lines.append(f"Courriel : {self.courriel}")
        if today is not None:
            hours = self.hours_on(today)
            if hours == "fermé":
                lines.append("Fermé aujourd'hui.")
            elif hours:
                lines.append(f"Ouvert aujourd'hui {hours_phrase(hours)}.")  # the one formatter of hours
        if self.precisions:
            lines.append(self.precisions)
        if self.prise_de_rendez_vous:
            lines.append(f"Prendre rendez-vous : {self.prise_de_rendez_vous}")
        return lines

    def week_hours(self) -> List[str]:
        """« lundi : de 9 h à 12 h », one line per day the file gives, in weekday order."""
        given = dict(self.horaires)
        return [
            f"{day} : {given[day] if given[day] == 'fermé' else hours_phrase(given[day])}"
            for day in WEEKDAYS
            if day in given
        ]


@dataclass(frozen=True)
class MissionLocale:
    nom: str
    sites: Tuple[Site, ...]
    communes: FrozenSet[str] = frozenset()
    epci: FrozenSet[str] = frozenset()
    departements: FrozenSet[str] = frozenset()
    site_web: Optional[str] = None

    def serves(self, code_insee: Optional[str]) -> bool:
        """Whether the person's commune is in the territory (communes, EPCI or départements listed)."""
        if not code_insee:
            return False
        from knowledge import geo

        commune = geo.get_commune(code_insee)
        if commune is None:
            return False
        codes = {commune.code_insee, commune.arrondissement_de} - {None}
        return bool(codes & self.communes) or (commune.epci in self.epci) or (commune.departement in self.departements)

    def nearest_site(self, code_insee: Optional[str]) -> Site:
        """The site closest to the person: by distance when known, else same commune, EPCI, département."""
        if not code_insee:
            return self.sites[0]
        return min(self.sites, key=lambda site: _closeness(code_insee, site.code_insee))


def _closeness(person: str, place: str) -> Tuple[float, int]:
    from knowledge import geo

    try:  # owned by the « places » work; absent until it lands, then used
        from knowledge.places.distance import distance_km
    except ImportError:  # pragma: no cover - depends on the merge order
        distance_km = None
    km = distance_km(person, place) if distance_km else None
    a, b = geo.get_commune(person), geo.get_commune(place)
    if a is None or b is None:
        level = 4
    elif a.code_insee == b.code_insee:
        level = 0
    elif a.epci and a.epci == b.epci:
        level = 1
    else:
        level = 2 if a.departement == b.departement else 3
    return (km if km is not None else float("inf"), level)


# --------------------------------------------------------------------------- loading


@lru_cache(maxsize=1)
def _schema() -> Dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


_PATTERN_HINTS = {
    "telephone": " (attendu : « 03 24 00 00 00 » ou « +33 3 24 00 00 00 »)",
    "code_insee": " (code commune INSEE à 5 caractères, par exemple 08409 pour Sedan)",
    "communes": " (code commune INSEE à 5 caractères)",
    "epci": " (numéro SIREN de l'EPCI, 9 chiffres)",
    "prise_de_rendez_vous": " (adresse web complète, commençant par https://)",
    "site_web": " (adresse web complète, commençant par https://)",
}
_PATTERN_HINTS.update({day: " (attendu : « 09:00-12:00 / 13:30-17:00 » ou « fermé »)" for day in WEEKDAYS})


def _field(path: List[Any]) -> Optional[str]:
    """["mission_locale", "sites", 0, "telephone"] -> « mission_locale.sites[1].telephone » (counted from 1)."""
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or None


def _check_values(path: Path, node: Any, where: List[Any]) -> None:
    """Refuses the example's placeholders and codes unknown to the official geography."""
    if isinstance(node, dict):
        for key, value in node.items():
            _check_values(path, value, where + [key])
    elif isinstance(node, list):
        for index, value in enumerate(node):
            _check_values(path, value, where + [index])
    elif isinstance(node, str) and (
        _PLACEHOLDER.search(node) or (where and where[-1] == "telephone" and _PLACEHOLDER_PHONE.match(node))
    ):
        raise DeploymentError(path, _field(where), f"valeur d'exemple {node!r} : remplacez-la par la vraie information")


def _check_geography(path: Path, raw: Dict[str, Any]) -> None:
    from knowledge import geo

    territory = raw["territoire"]
    for index, code in enumerate(territory.get("communes", ())):
        if geo.get_commune(code) is None:
            raise DeploymentError(
                path, f"mission_locale.territoire.communes[{index + 1}]", f"code commune inconnu {code!r}"
            )
    for index, code in enumerate(territory.get("epci", ())):
        if geo.get_epci(code) is None:
            raise DeploymentError(
                path, f"mission_locale.territoire.epci[{index + 1}]", f"EPCI inconnu {code!r} (SIREN)"
            )
    for index, code in enumerate(territory.get("departements", ())):
        if geo.get_departement(code) is None:
            raise DeploymentError(
                path, f"mission_locale.territoire.departements[{index + 1}]", f"département inconnu {code!r}"
            )
    for index, site in enumerate(raw["sites"]):
        if geo.get_commune(site["code_insee"]) is None:
            raise DeploymentError(
                path, f"mission_locale.sites[{index + 1}].code_insee", f"code commune inconnu {site['code_insee']!r}"
            )


def load_deployment(path: Path) -> MissionLocale:
    """Reads and checks a deployment file; DeploymentError (French, names the field) if anything is wrong."""
    path = Path(path)
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DeploymentError(path, None, "fichier introuvable") from None
    except (OSError, UnicodeDecodeError) as error:
        raise DeploymentError(path, None, f"fichier illisible ({error})") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"ligne {mark.line + 1}, colonne {mark.column + 1} : " if mark is not None else ""
        problem = " ".join(str(getattr(error, "problem", None) or error).split())
        raise DeploymentError(path, None, f"YAML illisible ({where}{problem})") from None
    errors = list(jsonschema.Draft7Validator(_schema()).iter_errors(document))
    if errors:
        error = max(errors, key=lambda e: len(e.absolute_path))  # the deepest error names the field
        raise DeploymentError(path, _field(list(error.absolute_path)), french_error(error, _PATTERN_HINTS))
    _check_values(path, document, [])
    raw = document["mission_locale"]
    _check_geography(path, raw)
    territory = raw["territoire"]
    return MissionLocale(
        nom=raw["nom"].strip(),
        site_web=raw.get("site_web"),
        communes=frozenset(territory.get("communes", ())),
        epci=frozenset(territory.get("epci", ())),
        departements=frozenset(territory.get("departements", ())),
        sites=tuple(
            Site(
                nom=site["nom"].strip(),
                type=site["type"],
                adresse=" ".join(site["adresse"].split()),
                code_insee=site["code_insee"],
                telephone=site.get("telephone"),
                courriel=site.get("courriel"),
                prise_de_rendez_vous=site.get("prise_de_rendez_vous"),
                horaires=tuple((day, site["horaires"][day]) for day in WEEKDAYS if day in site.get("horaires", {})),
                precisions=site.get("precisions"),
            )
            for site in raw["sites"]
        ),
    )


@lru_cache(maxsize=1)
def current_deployment() -> Optional[MissionLocale]:
    """The deployment named by $AIGUILLAGE_DEPLOYMENT, loaded once per process; None when unset."""
    value = os.environ.get(DEPLOYMENT_ENV, "").strip()
    return load_deployment(Path(value)) if value else None


def deployment_problem() -> Optional[str]:
    """For start-up checks: the French problem with $AIGUILLAGE_DEPLOYMENT, or None when fine or unset."""
    current_deployment.cache_clear()
    try:
        current_deployment()
    except DeploymentError as error:
        return str(error)
    return None
