"""Loads the current offers imported from data·inclusion (<data dir>/offres/*.json, written by
knowledge/data_inclusion.py) as Initiative records, so that the same matcher ranks them beside the seed
initiatives under the same eligibility rules. A broken file stops the load like any knowledge file.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Optional, Set, Tuple

from knowledge import loader
from knowledge.models import Initiative

# What a person reads as the source of an imported offer, e.g. « data·inclusion, mis à jour le 12/03/2025 ».
CITATION = "annuaire data·inclusion, fiche mise à jour le {date}"


def _french_date(iso: str) -> str:
    day = date.fromisoformat(iso)
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


@lru_cache(maxsize=1)
def epci_members() -> Dict[str, Tuple[str, ...]]:
    """EPCI SIREN -> its communes' codes (geo links a commune to its EPCI, not the reverse)."""
    from knowledge import geo

    members: Dict[str, List[str]] = {}
    for commune in geo._geo().communes:  # noqa: SLF001 - the one full list of communes
        if commune.epci and commune.type == "COM":
            members.setdefault(commune.epci, []).append(commune.code_insee)
    return {siren: tuple(codes) for siren, codes in members.items()}


def _contract_residents(residents: Dict[str, Any]) -> Dict[str, Any]:
    """The file keeps data·inclusion's EPCI codes; the contract's `residents` lists communes."""
    if "epci" not in residents:
        return residents
    out = {key: value for key, value in residents.items() if key != "epci"}
    communes = set(out.get("communes", ())) | {c for e in residents["epci"] for c in epci_members().get(e, ())}
    out["communes"] = sorted(communes)
    return out


def _eligibilite(raw: Dict[str, Any]) -> Dict[str, Any]:
    """The contract's eligibility as the loader takes it: the EPCI codes of `residents` become communes."""
    shaped = dict(raw)
    if "residents" in shaped:
        shaped["residents"] = _contract_residents(shaped["residents"])
    return shaped


def _record(raw: Dict[str, Any], document: Dict[str, Any], path: Path) -> Initiative:
    shaped = {
        **{key: raw[key] for key in ("id", "nom", "description", "publics", "zone") if key in raw},
        "porteur": {"nom": raw["porteur"]["nom"], "type": raw["porteur"].get("type")},
        "thematiques": raw.get("thematiques", []),
        "types": raw.get("types", []),
        "modes_accueil": raw.get("modes_accueil", []),
        "eligibilite": _eligibilite(raw.get("eligibilite", {})),
        "contact": raw.get("contact", {}),
        "statut": "a-verifier",
        "sources": [],
        "annee": int(raw["date_maj"][:4]),
    }
    record = loader._initiative(shaped, {"published": None}, path)  # noqa: SLF001 - one way to build a record
    reference = raw["reference"]
    return dataclasses.replace(
        record,
        citation=CITATION.format(date=_french_date(raw["date_maj"])),
        reference=(
            f"{document.get('source', 'data·inclusion')}, service {reference['service']} "
            f"(producteur {reference['source']}, structure {reference['structure']}), "
            f"import du {document['importe_le']}, {path.name}"
        ),
        date_maj=raw["date_maj"],
        mise_a_jour_ancienne=bool(raw.get("mise_a_jour_ancienne")),
        frais=raw.get("frais"),
        frais_precisions=raw.get("frais_precisions"),
    )


def _read(path: Path) -> Any:
    """A JSON import (written by knowledge/data_inclusion.py), or YAML written by hand."""
    if path.suffix == ".yaml":
        return loader._read_yaml(path)  # noqa: SLF001
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise loader.KnowledgeError(path, None, None, f"fichier illisible ({error})") from None
    except ValueError as error:
        raise loader.KnowledgeError(path, None, None, f"JSON illisible ({error})") from None


def load_offers(directory: Path, taken: Optional[Set[str]] = None) -> Tuple[Initiative, ...]:
    """Every offers file of the directory (none when it does not exist: the import is optional)."""
    if not directory.is_dir():
        return ()
    seen: Dict[str, str] = {key: "initiatives" for key in (taken or ())}
    records: List[Initiative] = []
    for path in sorted([*directory.glob("*.json"), *directory.glob("*.yaml")]):
        document = _read(path)
        loader._validate(path, document, "offres", "offres")  # noqa: SLF001
        for raw in document["offres"]:
            record = _record(raw, document, path)
            if record.id in seen:
                raise loader.KnowledgeError(path, record.id, "id", f"identifiant déjà utilisé dans {seen[record.id]}")
            seen[record.id] = path.name
            loader._check_initiative(path, record)  # noqa: SLF001
            records.append(record)
    return tuple(records)
