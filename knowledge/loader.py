"""Loads and validates the knowledge base. Any problem stops the load with one message that names
the file, the record and the field, so a mission locale editing a YAML file sees what to fix."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

import jsonschema
import yaml

from knowledge import vocab
from knowledge.models import (
    DIPLOMA_LEVELS,
    Contact,
    Coverage,
    Eligibilite,
    GlossaryTerm,
    Initiative,
    NationalNumber,
    Network,
    Porteur,
    Replacement,
    Residents,
    Source,
    Zone,
)
from knowledge.schema_errors import french_error

DATA_DIR = vocab.DATA_DIR
SCHEMA_DIR = Path(__file__).parent / "schemas"


class KnowledgeError(Exception):
    """A knowledge file is invalid. The message is meant for the person who edits the data."""

    def __init__(self, file: Path, record: Optional[str], field: Optional[str], problem: str):
        self.file, self.record, self.field, self.problem = file, record, field, problem
        where = str(file)
        if record:
            where += f", enregistrement « {record} »"
        if field:
            where += f", champ « {field} »"
        super().__init__(f"{where} : {problem}")


@dataclass(frozen=True)
class KnowledgeBase:
    initiatives: Tuple[Initiative, ...]
    glossary: Tuple[GlossaryTerm, ...]
    networks: Tuple[Network, ...]

    def initiative(self, initiative_id: str) -> Optional[Initiative]:
        return _by_id(self.initiatives).get(initiative_id)

    def network(self, network_id: str) -> Optional[Network]:
        return _by_id(self.networks).get(network_id)


def _by_id(records: Sequence[Any]) -> Dict[str, Any]:
    return {record.id: record for record in records}


def _vocab_definitions() -> Dict[str, Any]:
    return {
        "public": {"enum": sorted(vocab.values("publics"))},
        "thematique": {"enum": sorted(vocab.values("thematiques"))},
        "type_de_service": {"enum": sorted(vocab.values("types_de_services"))},
        "mode_accueil": {"enum": sorted(vocab.values("modes_accueil"))},
        "reseau_porteur": {"enum": sorted(vocab.values("reseaux_porteurs"))},
        "porteur_type": {"enum": sorted(vocab.porteur_types())},
    }


@cache
def schema(kind: str) -> Dict[str, Any]:
    """The JSON Schema of one file kind, with the vocabularies filled in as enums."""
    with (SCHEMA_DIR / f"{kind}.schema.json").open(encoding="utf-8") as handle:
        loaded = json.load(handle)
    loaded["definitions"].update(_vocab_definitions())
    return loaded


def _read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except FileNotFoundError:
        raise KnowledgeError(path, None, None, "fichier introuvable") from None
    except yaml.YAMLError as exc:
        raise KnowledgeError(path, None, None, f"YAML illisible ({_yaml_problem(exc)})") from None


def _yaml_problem(exc: yaml.YAMLError) -> str:
    """One line (PyYAML's message spans several): where, then what."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    where = f"ligne {mark.line + 1}, colonne {mark.column + 1} : " if mark is not None else ""
    return where + " ".join(str(problem).split())


def _validate(path: Path, document: Any, kind: str, list_key: str) -> None:
    validator = jsonschema.Draft7Validator(schema(kind))
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    if not errors:
        return
    error = min(errors, key=lambda e: len(e.absolute_path) * -1)  # the deepest error names the field
    location = list(error.absolute_path)
    record_id = None
    if len(location) >= 2 and location[0] == list_key and isinstance(location[1], int):
        record = document[list_key][location[1]]
        record_id = record.get("id", f"n°{location[1] + 1}") if isinstance(record, dict) else None
        location = location[2:]
    field = ".".join(str(part) for part in location) or None
    raise KnowledgeError(path, record_id, field, french_error(error))


def _sources(raw: Iterable[dict]) -> Tuple[Source, ...]:
    return tuple(Source(seed=s["seed"], line=s["line"]) for s in raw)


def _eligibilite(raw: dict) -> Eligibilite:
    residents = raw.get("residents") or {}
    return Eligibilite(
        age_min=raw.get("age_min"),
        age_max=raw.get("age_max"),
        reserve_a=tuple(raw.get("reserve_a", ())),
        residents=Residents(
            communes=tuple(residents.get("communes", ())),
            departements=tuple(residents.get("departements", ())),
            regions=tuple(residents.get("regions", ())),
        ),
        diplome_min=raw.get("diplome_min"),
        diplome_max=raw.get("diplome_max"),
        secteurs=tuple(raw.get("secteurs", ())),
        exclut_qui_a=tuple(raw.get("exclut_qui_a", ())),
        conditions_acces=raw.get("conditions_acces"),
    )


def _initiative(raw: dict, document: dict, path: Path) -> Initiative:
    zone = raw["zone"]
    return Initiative(
        id=raw["id"],
        nom=raw["nom"].strip(),
        description=" ".join(raw["description"].split()),
        porteur=Porteur(**raw["porteur"]),
        publics=tuple(raw["publics"]),
        thematiques=tuple(raw["thematiques"]),
        zone=Zone(
            niveau=zone["niveau"],
            communes=tuple(zone.get("communes", ())),
            departements=tuple(zone.get("departements", ())),
            regions=tuple(zone.get("regions", ())),
            quartiers=tuple(zone.get("quartiers", ())),
            precisions=zone.get("precisions"),
            lieu_inconnu=bool(zone.get("lieu_inconnu", False)),
            certaines_villes=bool(zone.get("certaines_villes", False)),
        ),
        eligibilite=_eligibilite(raw.get("eligibilite") or {}),
        statut=raw["statut"],
        evenement_ponctuel=bool(raw.get("evenement_ponctuel", False)),
        sources=_sources(raw["sources"]),
        annee=raw.get("annee"),
        published=document.get("published"),
        types=tuple(raw.get("types", ())),
        modes_accueil=tuple(raw.get("modes_accueil", ())),
        partenaires=tuple(raw.get("partenaires", ())),
        contact=Contact(**raw.get("contact", {})),
        resultats=raw.get("resultats"),
        notes=raw.get("notes"),
        file=path.name,
        citation=document.get("citation") or _default_citation(document),
    )


def _default_citation(document: dict) -> Optional[str]:
    """« Titre, 2019 » when a file gives no `citation`: readable, never a file name."""
    title = document.get("document")
    if not title:
        return None
    return f"{title}, {document['published']}" if document.get("published") else title


def _check_initiative(path: Path, record: Initiative) -> None:
    from knowledge import geo  # geography is large: imported only when records are checked

    elig = record.eligibilite
    if elig.age_min is not None and elig.age_max is not None and elig.age_min > elig.age_max:
        raise KnowledgeError(path, record.id, "eligibilite.age_min", "âge minimum supérieur à l'âge maximum")
    if (
        elig.diplome_min is not None
        and elig.diplome_max is not None
        and DIPLOMA_LEVELS.index(elig.diplome_min) > DIPLOMA_LEVELS.index(elig.diplome_max)
    ):
        raise KnowledgeError(path, record.id, "eligibilite.diplome_min", "diplôme minimum au-dessus du diplôme maximum")
    residents = elig.residents
    for code in residents.communes:
        if geo.get_commune(code) is None:
            raise KnowledgeError(path, record.id, "eligibilite.residents.communes", f"code commune inconnu {code!r}")
    for code in residents.departements:
        if geo.get_departement(code) is None:
            raise KnowledgeError(path, record.id, "eligibilite.residents.departements", f"département inconnu {code!r}")
    for code in residents.regions:
        if geo.get_region(code) is None:
            raise KnowledgeError(path, record.id, "eligibilite.residents.regions", f"région inconnue {code!r}")
    for code in record.zone.communes:
        if geo.get_commune(code) is None:
            raise KnowledgeError(path, record.id, "zone.communes", f"code commune inconnu {code!r}")
    for code in record.zone.departements:
        if geo.get_departement(code) is None:
            raise KnowledgeError(path, record.id, "zone.departements", f"département inconnu {code!r}")
    for code in record.zone.regions:
        if geo.get_region(code) is None:
            raise KnowledgeError(path, record.id, "zone.regions", f"région inconnue {code!r}")
    if elig.secteurs:
        from knowledge.sectors import sectors_by_id

        unknown = [s for s in elig.secteurs if s not in sectors_by_id()]
        if unknown:
            raise KnowledgeError(
                path,
                record.id,
                "eligibilite.secteurs",
                f"secteur inconnu {unknown[0]!r} (voir knowledge/data/secteurs.yaml)",
            )
    if record.zone.niveau != "national" and not (
        record.zone.communes or record.zone.departements or record.zone.regions
    ):
        raise KnowledgeError(path, record.id, "zone", "zone locale sans commune, département ni région")


def load_initiatives(directory: Path = DATA_DIR / "initiatives") -> Tuple[Initiative, ...]:
    records: List[Initiative] = []
    seen: Dict[str, Path] = {}
    for path in sorted(directory.glob("*.yaml")):
        document = _read_yaml(path)
        _validate(path, document, "initiatives", "initiatives")
        for raw in document["initiatives"]:
            record = _initiative(raw, document, path)
            if record.id in seen:
                raise KnowledgeError(path, record.id, "id", f"identifiant déjà utilisé dans {seen[record.id].name}")
            seen[record.id] = path
            _check_initiative(path, record)
            records.append(record)
    return tuple(records)


def load_glossary(path: Path = DATA_DIR / "glossary.yaml") -> Tuple[GlossaryTerm, ...]:
    document = _read_yaml(path)
    _validate(path, document, "glossary", "terms")
    terms: List[GlossaryTerm] = []
    for raw in document["terms"]:
        replacement = raw.get("remplace_par")
        terms.append(
            GlossaryTerm(
                id=raw["id"],
                terme=raw["terme"],
                definition=" ".join(raw["definition"].split()),
                variantes=tuple(raw["variantes"]),
                sources=_sources(raw["sources"]),
                nom_complet=raw.get("nom_complet"),
                remplace_par=Replacement(**replacement) if replacement else None,
                voir_aussi=tuple(raw.get("voir_aussi", ())),
                hors_sources=raw.get("hors_sources", False),
            )
        )
    _check_unique(path, terms)
    return tuple(terms)


def _national_number(path: Path, raw: dict) -> Optional[NationalNumber]:
    """A network's number: written in place, or (`numero_urgence`) the id of an emergency number of
    knowledge/data/safety/urgences.yaml, the one table of those numbers, read from there with its wording."""
    if raw.get("numero_national"):
        return NationalNumber(**raw["numero_national"])
    ref = raw.get("numero_urgence")
    if not ref:
        return None
    from reading.safety import numbers  # the safety layer's table; imported here, only when referenced

    entry = next((e for e in numbers.numbers() if str(e["id"]) == ref), None)
    if entry is None:
        raise KnowledgeError(
            path,
            raw.get("id"),
            "numero_urgence",
            f"numéro d'urgence inconnu « {ref} » (les identifiants sont ceux de {numbers.URGENCES_FILE.name})",
        )
    return NationalNumber(numero=str(entry["numero"]), libelle=f"{entry['nom']}, {entry['quand']}", verifie=True)


def _with_number(path: Path, raw: dict, text: str) -> str:
    """« Composez le {numero} »: the referenced number written in, so the text never copies it."""
    if "{numero}" not in text:
        return text
    number = _national_number(path, raw)
    if number is None:
        raise KnowledgeError(
            path,
            raw.get("id"),
            "comment_trouver",
            "« {numero} » sans numéro : ajoutez numero_urgence ou numero_national",
        )
    return text.replace("{numero}", number.numero)


def load_networks(path: Path = DATA_DIR / "networks.yaml") -> Tuple[Network, ...]:
    document = _read_yaml(path)
    _validate(path, document, "networks", "networks")
    networks = tuple(
        Network(
            id=raw["id"],
            nom=raw["nom"],
            ce_qui_est_propose=" ".join(raw["ce_qui_est_propose"].split()),
            quand=raw["quand"],
            comment_trouver=_with_number(path, raw, raw["comment_trouver"]),
            declencheurs=tuple(raw["declencheurs"]),
            reseau_porteur=raw.get("reseau_porteur"),
            numero_national=_national_number(path, raw),
            site_officiel=raw.get("site_officiel"),
            thematiques=tuple(raw.get("thematiques", ())),
            sources=_sources(raw.get("sources", ())),
            couverture=Coverage(**raw["couverture"]) if raw.get("couverture") else None,
        )
        for raw in document["networks"]
    )
    _check_unique(path, networks)
    return networks


def _check_unique(path: Path, records: Sequence[Any]) -> None:
    seen = set()
    for record in records:
        if record.id in seen:
            raise KnowledgeError(path, record.id, "id", "identifiant en double")
        seen.add(record.id)


def load_knowledge(data_dir: Path = DATA_DIR) -> KnowledgeBase:
    from knowledge.offers import load_offers  # current offers (data·inclusion import), beside the seeds

    initiatives = load_initiatives(data_dir / "initiatives")
    return KnowledgeBase(
        initiatives=initiatives + load_offers(data_dir / "offres", {r.id for r in initiatives}),
        glossary=load_glossary(data_dir / "glossary.yaml"),
        networks=load_networks(data_dir / "networks.yaml"),
    )


# Another data directory (same layout as knowledge/data: initiatives/, glossary.yaml, networks.yaml), e.g. a
# mission locale's own records or a deliberately broken copy in tests. Geography and vocabularies stay shipped.
DATA_DIR_ENV = "AIGUILLAGE_DATA_DIR"


@lru_cache(maxsize=1)
def default_knowledge() -> KnowledgeBase:
    """The knowledge base the bot serves, loaded once per process: $AIGUILLAGE_DATA_DIR, else the shipped one."""
    override = os.environ.get(DATA_DIR_ENV)
    return load_knowledge(Path(override)) if override else load_knowledge()


def shown_names(data_dir: Optional[Path] = None) -> Tuple[str, ...]:
    """The names of every initiative, current offer and network the bot may show, read from the same files as
    default_knowledge() but without building nor validating the records: the safety layer (Rasa process) needs
    only these names (reading/safety/shown_names.py), not the whole base in memory nor its 5 s of validation."""
    from knowledge.offers import _read as read_offers  # JSON import or YAML

    override = os.environ.get(DATA_DIR_ENV)
    data_dir = data_dir or (Path(override) if override else DATA_DIR)
    names: List[str] = []
    for path in sorted((data_dir / "initiatives").glob("*.yaml")):
        names += [raw.get("nom") for raw in (_read_yaml(path) or {}).get("initiatives") or ()]
    offers = data_dir / "offres"
    if offers.is_dir():
        for path in sorted([*offers.glob("*.json"), *offers.glob("*.yaml")]):
            names += [raw.get("nom") for raw in (read_offers(path) or {}).get("offres") or ()]
    names += [raw.get("nom") for raw in (_read_yaml(data_dir / "networks.yaml") or {}).get("networks") or ()]
    return tuple(name for name in names if isinstance(name, str) and name.strip())
