"""Import of the data·inclusion open-data dump (schema v1: structures + services, JSON array or CSV) as current
offers, written beside the seed initiatives (<data dir>/offres/data-inclusion.json) and loaded by the same
loader into the same matcher (knowledge/offers.py).

Each service keeps its structure's name, address and contacts when it has none of its own. Its publics become
the eligibility of the contract (docs: notes/contracts.md): a service for `femmes` only is reserved to women.
A bad row is reported (file, id, field, why) and skipped; it never stops the import.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from knowledge import geo, vocab
from knowledge.offers import epci_members

# JSON, not YAML: an import holds thousands of records, and PyYAML reads them ~100 times slower.
OFFERS_FILE = "data-inclusion.json"
STALE_AFTER_DAYS = 2 * 365
DESCRIPTION_MAX = 400
SOURCE_LABEL = "data·inclusion"

# A service is open to anyone in these publics, so none of them restricts it.
OPEN_PUBLICS = frozenset({"tous-publics", "jeunes", "actifs", "etudiants", "familles"})
# data·inclusion public -> contract `reserve_a` value (contracts.md).
RESERVED_PUBLICS: Dict[str, str] = {
    "femmes": "femmes",
    "personnes-en-situation-de-handicap": "handicap",
    "personnes-exilees": "exiles",
    "residents-qpv-frr": "qpv",
    "beneficiaires-des-minimas-sociaux": "minima-sociaux",
    "seniors": "seniors",
    "personnes-en-situation-durgence": "sans-domicile",
    "personnes-en-situation-juridique-specifique": "justice",
    "demandeurs-emploi": "demandeurs-emploi",
}
# A personal address (prenom.nom@) is a person's name: never written. Generic ones name a function.
_GENERIC_MAILBOX = re.compile(
    r"(contact|accueil|info|secretariat|direction|emploi|insertion|mission|jeunes|service|bonjour|"
    r"association|mairie|ccas|rdv|inscription|formation|orientation|social|admin|siege|antenne|cidff)",
    re.I,
)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
_URL = re.compile(r"^https?://\S+\.\S+$")
_SLUG_JUNK = re.compile(r"[^a-z0-9]+")


@dataclass
class Problem:
    file: str
    id: str
    field: str
    why: str

    def __str__(self) -> str:
        return f"{self.file}, {self.id}, champ « {self.field} » : {self.why}"


@dataclass
class ImportResult:
    offers: List[Dict[str, Any]] = field(default_factory=list)
    problems: List[Problem] = field(default_factory=list)
    read: int = 0
    filtered_out: int = 0

    @property
    def stale(self) -> int:
        return sum(1 for offer in self.offers if offer.get("mise_a_jour_ancienne"))


class RowError(Exception):
    def __init__(self, field_name: str, why: str):
        super().__init__(why)
        self.field, self.why = field_name, why


# --------------------------------------------------------------------------- reading


def read_rows(path: Path) -> List[Dict[str, Any]]:
    """A dump file: JSON array (or JSON lines) or CSV (`,` or `;`). Raises ValueError if unreadable."""
    text = Path(path).read_text(encoding="utf-8-sig")
    stripped = text.lstrip()
    if stripped.startswith("["):
        rows = json.loads(stripped)
        if not isinstance(rows, list):
            raise ValueError("un tableau JSON est attendu")
        return rows
    if stripped.startswith("{"):
        return [json.loads(line) for line in stripped.splitlines() if line.strip()]
    dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    return list(csv.DictReader(text.splitlines(), dialect=dialect))


def _text(row: Dict[str, Any], name: str) -> Optional[str]:
    value = row.get(name)
    if value is None:
        return None
    value = " ".join(str(value).split())
    return value or None


def _list(row: Dict[str, Any], name: str) -> List[str]:
    """A list field: a JSON list, or in CSV a JSON/Postgres-array string or `a,b` / `a;b` / `a|b`."""
    value = row.get(name)
    if value is None or value == "":
        return []
    if isinstance(value, (list, tuple, set)):
        return [str(v).strip() for v in value if str(v).strip()]
    text = str(value).strip()
    if text.startswith("["):
        try:
            parsed = json.loads(text)
            return [str(v).strip() for v in parsed if str(v).strip()]
        except ValueError:
            pass
    text = text.strip("[]{}")
    return [part.strip().strip("'\"") for part in re.split(r"[,;|]", text) if part.strip().strip("'\"")]


def _required(row: Dict[str, Any], name: str, min_length: int = 1) -> str:
    value = _text(row, name)
    if not value:
        raise RowError(name, "champ obligatoire manquant")
    if len(value) < min_length:
        raise RowError(name, f"trop court (au moins {min_length} caractères)")
    return value


def _date(row: Dict[str, Any], today: date) -> date:
    raw = _required(row, "date_maj")
    try:
        value = date.fromisoformat(raw[:10])
    except ValueError:
        raise RowError("date_maj", f"date illisible {raw!r} (attendu AAAA-MM-JJ)") from None
    if value < date(2000, 1, 1) or value > today:
        raise RowError("date_maj", f"date impossible {raw!r}")
    return value


def _vocab_list(row: Dict[str, Any], name: str, kind: str) -> List[str]:
    values = _list(row, name)
    allowed = vocab.values(kind)
    for value in values:
        if value not in allowed:
            raise RowError(name, f"valeur inconnue {value!r} (vocabulaire data·inclusion v1)")
    return sorted(set(values))


def _phone(raw: Optional[str]) -> Optional[str]:
    """E.164 (+33…) or national, shown as « 03 24 00 00 00 »; anything else is dropped, never guessed."""
    if not raw:
        return None
    digits = re.sub(r"[^\d+]", "", raw)
    if digits.startswith("+33"):
        digits = "0" + digits[3:]
    if re.fullmatch(r"0[1-9]\d{8}", digits):
        return " ".join(digits[i : i + 2] for i in range(0, 10, 2))
    if re.fullmatch(r"\d{4}|3\d{3}|1\d{1,2}", digits):  # short national numbers (39 49, 115)
        return raw.strip()
    return None


def _email(raw: Optional[str]) -> Optional[str]:
    if not raw or not _EMAIL.match(raw):
        return None
    local = raw.split("@", 1)[0]
    return raw if _GENERIC_MAILBOX.search(local) else None


def _url(raw: Optional[str]) -> Optional[str]:
    return raw if raw and _URL.match(raw) else None


# --------------------------------------------------------------------------- mapping


def _slug(service_id: str, taken: Dict[str, str]) -> str:
    base = "di-" + _SLUG_JUNK.sub("-", service_id.lower()).strip("-")[:70].strip("-")
    slug = base
    if slug in taken and taken[slug] != service_id:
        slug = f"{base}-{hashlib.sha1(service_id.encode()).hexdigest()[:8]}"
    taken[slug] = service_id
    return slug


def _commune_code(row: Dict[str, Any], name: str = "code_insee") -> Optional[str]:
    code = _text(row, name)
    if code and geo.get_commune(code) is None:
        raise RowError(name, f"code commune inconnu {code!r}")
    return code


def _zone(codes: Sequence[str], location: Optional[str]) -> Tuple[Dict[str, Any], Optional[Dict[str, Any]]]:
    """(zone where it serves, `residents` eligibility). zone_eligibilite lists communes, EPCI (expanded to
    their communes), départements or `france`; without it, the service serves its own commune."""
    communes: List[str] = []
    departements: List[str] = []
    epcis: List[str] = []
    national = False
    for code in codes:
        if code.lower() == "france" or code == "99100":
            national = True
        elif re.fullmatch(r"\d{9}", code):
            if geo.get_epci(code) is None:
                raise RowError("zone_eligibilite", f"EPCI inconnu {code!r}")
            epcis.append(code)  # kept as the EPCI: the loader expands it to its communes (a small file)
        elif len(code) == 5:
            if geo.get_commune(code) is None:
                raise RowError("zone_eligibilite", f"code commune inconnu {code!r}")
            communes.append(code)
        elif geo.get_departement(code) is not None:
            departements.append(code.upper())
        else:
            raise RowError("zone_eligibilite", f"code inconnu {code!r}")
    if national:
        return {"niveau": "national"}, None
    residents: Optional[Dict[str, Any]] = None
    if communes or departements or epcis:
        residents = {
            key: value
            for key, value in (
                ("communes", sorted(set(communes))),
                ("epci", sorted(set(epcis))),
                ("departements", sorted(set(departements))),
            )
            if value
        }
    elif location is None:
        raise RowError("code_insee", "ni lieu ni zone d'éligibilité : impossible de situer le service")
    # Where it takes place: its own commune; else the eligible communes (an EPCI's, when that is all we have).
    places = [location] if location else sorted(set(communes) | {c for e in epcis for c in epci_members().get(e, ())})
    deps = set(departements) | {geo.get_commune(c).departement for c in places}
    regions = {geo.get_departement(d).region for d in deps}
    niveau = "departement" if departements else ("epci" if epcis else "commune")
    zone = {"niveau": niveau, "communes": places, "departements": sorted(deps), "regions": sorted(regions)}
    return {k: v for k, v in zone.items() if v}, residents


def _reserve_a(publics: Sequence[str]) -> List[str]:
    """data·inclusion publics are alternatives (any one opens the service); the contract's reserve_a needs
    them all. A service for only restricted publics is reserved to them all: it may be shown to fewer
    people than allowed, never to someone not entitled."""
    if not publics or set(publics) & OPEN_PUBLICS:
        return []
    return sorted({RESERVED_PUBLICS[p] for p in publics if p in RESERVED_PUBLICS})


def _description(text: str) -> str:
    if len(text) <= DESCRIPTION_MAX:
        return text
    return text[: DESCRIPTION_MAX - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def map_service(
    service: Dict[str, Any], structure: Dict[str, Any], today: date, taken: Dict[str, str]
) -> Dict[str, Any]:
    """One service (with its structure) -> one offer record; RowError names the field that is wrong."""
    service_id = _required(service, "id")
    nom = _required(service, "nom", 3)
    description = _required(service, "description", 5)
    updated = _date(service, today)
    publics = _vocab_list(service, "publics", "publics")
    thematiques = _vocab_list(service, "thematiques", "thematiques")
    modes = _vocab_list(service, "modes_accueil", "modes_accueil")
    kind = _text(service, "type")
    if kind and kind not in vocab.values("types_de_services"):
        raise RowError("type", f"valeur inconnue {kind!r} (vocabulaire data·inclusion v1)")
    frais = _text(service, "frais")
    if frais and frais not in vocab.values("frais"):
        raise RowError("frais", f"valeur inconnue {frais!r} (gratuit ou payant)")
    location = _commune_code(service) or _commune_code(structure)
    zone, residents = _zone(_list(service, "zone_eligibilite"), location)

    own_address = _text(service, "adresse")
    holder = service if own_address else structure
    town = " ".join(p for p in (_text(holder, "code_postal"), _text(holder, "commune")) if p)
    address = ", ".join(p for p in (_text(holder, "adresse"), _text(holder, "complement_adresse"), town) if p)
    contact = {
        "adresse": address or None,
        "telephone": _phone(_text(service, "telephone")) or _phone(_text(structure, "telephone")),
        "courriel": _email(_text(service, "courriel")) or _email(_text(structure, "courriel")),
        "site_web": _url(_text(structure, "site_web")) or _url(_text(service, "lien_source")),
        "horaires": _text(service, "horaires_accueil") or _text(structure, "horaires_accueil"),
    }
    eligibilite: Dict[str, Any] = {}
    reserve = _reserve_a(publics)
    if reserve:
        eligibilite["reserve_a"] = reserve
    if residents:
        eligibilite["residents"] = residents
    conditions = "; ".join(p for p in (_text(service, "publics_precisions"), _text(service, "conditions_acces")) if p)
    if conditions:
        eligibilite["conditions_acces"] = conditions[:400]
    reseaux = [r for r in _list(structure, "reseaux_porteurs") if r in vocab.values("reseaux_porteurs")]
    offer: Dict[str, Any] = {
        "id": _slug(service_id, taken),
        "nom": nom[:200],
        "description": _description(description),
        "porteur": {"nom": _required(structure, "nom", 2), **({"type": reseaux[0]} if reseaux else {})},
        "publics": publics or ["tous-publics"],
        "thematiques": thematiques,
        "types": [kind] if kind else [],
        "modes_accueil": modes,
        "frais": frais,
        "frais_precisions": _text(service, "frais_precisions"),
        "eligibilite": eligibilite,
        "zone": zone,
        "contact": {k: v for k, v in contact.items() if v},
        "date_maj": updated.isoformat(),
        "mise_a_jour_ancienne": (today - updated).days > STALE_AFTER_DAYS,
        "reference": {
            "source": _required(service, "source"),
            "service": service_id,
            "structure": _required(structure, "id"),
        },
    }
    return {k: v for k, v in offer.items() if v not in (None, [], {})} | {
        "mise_a_jour_ancienne": offer["mise_a_jour_ancienne"]
    }


def _departement_of(service: Dict[str, Any], structure: Dict[str, Any]) -> Optional[str]:
    for row in (service, structure):
        code = _text(row, "code_insee")
        commune = geo.get_commune(code) if code else None
        if commune:
            return commune.departement
    return None


def import_dump(
    structures_path: Path, services_path: Path, departements: Iterable[str] = (), today: Optional[date] = None
) -> ImportResult:
    """Reads both files and maps every service; bad rows become Problems, never exceptions."""
    today = today or date.today()
    wanted = {d.strip().upper() for d in departements if d.strip()}
    result = ImportResult()
    structures: Dict[str, Dict[str, Any]] = {}
    for row in read_rows(structures_path):
        sid = _text(row, "id") if isinstance(row, dict) else None
        if not sid:
            result.problems.append(Problem(structures_path.name, "?", "id", "champ obligatoire manquant"))
            continue
        structures[sid] = row
    taken: Dict[str, str] = {}
    for index, service in enumerate(read_rows(services_path), 1):
        result.read += 1
        if not isinstance(service, dict):
            result.problems.append(Problem(services_path.name, f"ligne {index}", "-", "enregistrement illisible"))
            continue
        ident = _text(service, "id") or f"ligne {index}"
        structure = structures.get(_text(service, "structure_id") or "")
        if structure is None:
            result.problems.append(
                Problem(services_path.name, ident, "structure_id", "structure absente du fichier des structures")
            )
            continue
        try:
            if wanted and _departement_of(service, structure) not in wanted:
                result.filtered_out += 1
                continue
            result.offers.append(map_service(service, structure, today, taken))
        except RowError as error:
            result.problems.append(Problem(services_path.name, ident, error.field, error.why))
    result.offers.sort(key=lambda offer: offer["id"])
    return result


def write_offers(
    result: ImportResult, data_dir: Path, structures_path: Path, services_path: Path, today: Optional[date] = None
) -> Path:
    """Writes <data_dir>/offres/data-inclusion.json, replacing the previous import (written aside, then moved)."""
    today = today or date.today()
    target = Path(data_dir) / "offres" / OFFERS_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "source": SOURCE_LABEL,
        "licence": "Licence Ouverte 2.0 (data·inclusion, data.gouv.fr)",
        "importe_le": today.isoformat(),
        "fichiers": [Path(structures_path).name, Path(services_path).name],
        "offres": result.offers,
    }
    document = {
        "_note": "Généré par `aiguillage knowledge import-data-inclusion` : ne pas modifier à la main, "
        "relancer l'import (il remplace ce fichier).",
        **document,
    }
    partial = target.with_suffix(".json.partiel")
    partial.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    partial.replace(target)
    return target
