"""Checks every initiative's `eligibilite` against the contract (notes/contracts.md, issue 14) and writes
knowledge/data/eligibility-review.md: one line per record with its ages, reserved publics, residents,
diploma bounds and seed line, so that a reviewer sees every restriction of the base in one place.

Run from the repository root: .venv/bin/python scripts/eligibility_review.py [--check]
--check: write nothing; exit 1 when the committed table differs from a fresh one or a record breaks the contract.

It reads the YAML files directly (yaml.safe_load), not through knowledge.loader, so that it keeps working
while the loader and the JSON schema move to the new keys."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any, Dict, Iterator, List, Mapping, Tuple

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # knowledge.geo, when run as a plain script

from knowledge import geo  # noqa: E402
from knowledge.models import DIPLOMA_LEVELS, RESERVED_PUBLICS  # noqa: E402
from knowledge.sectors import sectors_by_id  # noqa: E402

INITIATIVES_DIR = ROOT / "knowledge" / "data" / "initiatives"
REVIEW_PATH = ROOT / "knowledge" / "data" / "eligibility-review.md"

# The contract of `eligibilite` (notes/contracts.md). Order = the order the table lists publics in.
KEYS = (
    "age_min",
    "age_max",
    "reserve_a",
    "residents",
    "diplome_max",
    "diplome_min",
    "secteurs",
    "exclut_qui_a",
    "conditions_acces",
)
PUBLICS = RESERVED_PUBLICS  # one list: knowledge/models.py (the JSON schema's enum is checked against it)
RESIDENT_LEVELS = ("communes", "departements", "regions")
DIPLOMES = DIPLOMA_LEVELS  # ascending
OLD_BOOLEANS = (
    "femmes_uniquement",
    "salaries_siae_uniquement",
    "suivi_mission_locale",
    "qpv",
    "rqth",
    "refugies_uniquement",
)

Record = Mapping[str, Any]


def load_records(directory: Path = INITIATIVES_DIR) -> Iterator[Tuple[str, Record]]:
    """(file name, record) for every initiative, in file order."""
    for path in sorted(directory.glob("*.yaml")):
        for record in yaml.safe_load(path.read_text(encoding="utf-8"))["initiatives"]:
            yield path.name, record


def _place_exists(level: str, code: str) -> bool:
    lookup = {"communes": geo.get_commune, "departements": geo.get_departement, "regions": geo.get_region}[level]
    return lookup(code) is not None


def problems(elig: Any) -> List[str]:
    """Every way one `eligibilite` mapping breaks the contract; [] when it is valid."""
    if not isinstance(elig, dict):
        return [f"eligibilite must be a mapping, not {type(elig).__name__}"]
    found = [f"old key {k!r} (use reserve_a)" for k in elig if k in OLD_BOOLEANS]
    found += [f"unknown key {k!r}" for k in elig if k not in KEYS and k not in OLD_BOOLEANS]
    ages = {k: elig[k] for k in ("age_min", "age_max") if k in elig}
    for key, value in ages.items():
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 120:
            found.append(f"{key} must be an int between 0 and 120, not {value!r}")
    if len(ages) == 2 and all(isinstance(v, int) for v in ages.values()) and ages["age_min"] > ages["age_max"]:
        found.append(f"age_min {ages['age_min']} > age_max {ages['age_max']}")
    reserved = elig.get("reserve_a", [])
    if not isinstance(reserved, list) or not reserved and "reserve_a" in elig:
        found.append(f"reserve_a must be a non-empty list, not {reserved!r}")
    else:
        found += [f"unknown public {p!r} in reserve_a" for p in reserved if p not in PUBLICS]
        found += [f"{p!r} twice in reserve_a" for p, n in Counter(reserved).items() if n > 1]
    residents = elig.get("residents", {})
    if not isinstance(residents, dict) or not residents and "residents" in elig:
        found.append(f"residents must be a non-empty mapping, not {residents!r}")
    else:
        for level, codes in residents.items():
            if level not in RESIDENT_LEVELS:
                found.append(f"unknown residents level {level!r}")
            elif not isinstance(codes, list) or not codes or not all(isinstance(c, str) for c in codes):
                found.append(f"residents.{level} must be a non-empty list of code strings, not {codes!r}")
            else:
                found += [
                    f"residents.{level}: no such code {c!r} in knowledge/data/geo"
                    for c in codes
                    if not _place_exists(level, c)
                ]
                found += [f"residents.{level}: {c!r} twice" for c, n in Counter(codes).items() if n > 1]
    for key in ("diplome_max", "diplome_min"):
        if key in elig and elig[key] not in DIPLOMES:
            found.append(f"{key} must be one of {', '.join(DIPLOMES)}, not {elig[key]!r}")
    low, high = elig.get("diplome_min"), elig.get("diplome_max")
    if low in DIPLOMES and high in DIPLOMES and DIPLOMES.index(low) > DIPLOMES.index(high):
        found.append(f"diplome_min {low!r} is above diplome_max {high!r}")
    trades = elig.get("secteurs", [])
    if not isinstance(trades, list) or not trades and "secteurs" in elig:
        found.append(f"secteurs must be a non-empty list, not {trades!r}")
    else:
        found += [f"unknown secteur {t!r} (knowledge/data/secteurs.yaml)" for t in trades if t not in sectors_by_id()]
    if "conditions_acces" in elig and not (
        isinstance(elig["conditions_acces"], str) and elig["conditions_acces"].strip()
    ):
        found.append("conditions_acces must be a non-empty string")
    return found


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _ages(elig: Record) -> str:
    low, high = elig.get("age_min"), elig.get("age_max")
    if low is None and high is None:
        return ""
    if low is None:
        return f"≤ {high}"
    return f"≥ {low}" if high is None else f"{low}–{high}"


def _residents(elig: Record) -> str:
    names = {
        "communes": lambda c: geo.get_commune(c).nom,
        "departements": geo.departement_name,
        "regions": geo.region_name,
    }
    parts = []
    for level in RESIDENT_LEVELS:
        codes = elig.get("residents", {}).get(level, [])
        if len(codes) > 6:  # a whole intercommunalité: the count and the first ones are enough to review
            shown = ", ".join(f"{names[level](c)} ({c})" for c in codes[:3])
            parts.append(f"{level} : {shown} … ({len(codes)} en tout)")
        elif codes:
            parts.append(f"{level} : " + ", ".join(f"{names[level](c)} ({c})" for c in codes))
    return " ; ".join(parts)


def _diplomes(elig: Record) -> str:
    low, high = elig.get("diplome_min"), elig.get("diplome_max")
    return " ; ".join(part for part in (f"min {low}" if low else "", f"max {high}" if high else "") if part)


def render(records: List[Tuple[str, Record]]) -> str:
    counts: Counter = Counter(p for _, r in records for p in (r.get("eligibilite") or {}).get("reserve_a", []))
    with_residents = sum(1 for _, r in records if (r.get("eligibilite") or {}).get("residents"))
    with_diploma = sum(1 for _, r in records if {"diplome_min", "diplome_max"} & set(r.get("eligibilite") or {}))
    with_trade = sum(1 for _, r in records if (r.get("eligibilite") or {}).get("secteurs"))
    lines = [
        "<!-- Generated by scripts/eligibility_review.py from knowledge/data/initiatives/*.yaml: "
        "do not edit by hand. -->",
        "# Eligibility of every initiative — review table",
        "",
        "Each line is one record's `eligibilite` (schema: knowledge/SCHEMA.md). `reserve_a`: the action is only for",
        "people known to belong to ALL of these publics; `residents`: only for people living there (not where it",
        "takes place); ages and diplomas are bounds; `secteurs`: only for people known to want one of these trades",
        "(a company's recruitment, a preparation for one trade); « pas pour qui a » (`exclut_qui_a`): not for people "
        "known to have it already (a permis course). The free text `conditions_acces` is in the YAML.",
        "",
        f"{len(records)} records; {with_residents} limited to residents of named places; "
        f"{with_diploma} with a diploma bound; {with_trade} for one trade.",
        "",
        "| reserved public | records |",
        "|---|---|",
    ]
    lines += [f"| {p} | {counts[p]} |" for p in PUBLICS if counts[p]]
    lines += _wide_records(records)
    lines += [
        "",
        "| id | nom | âge | reserve_a | residents | diplôme | secteurs | source |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for _, record in records:
        elig = record.get("eligibilite") or {}
        sources = ", ".join(f"{s['seed'][:3]}:{s['line']}" for s in record["sources"])
        lines.append(
            "| "
            + " | ".join(
                _cell(x)
                for x in (
                    record["id"],
                    record["nom"],
                    _ages(elig),
                    " ; ".join(
                        x
                        for x in (
                            ", ".join(elig.get("reserve_a", [])),
                            "pas pour qui a : " + ", ".join(elig["exclut_qui_a"]) if elig.get("exclut_qui_a") else "",
                        )
                        if x
                    ),
                    _residents(elig),
                    _diplomes(elig),
                    ", ".join(elig.get("secteurs", [])),
                    sources,
                )
            )
            + " |"
        )
    return "\n".join(lines) + "\n"


def _wide(record: Record) -> bool:
    """A record that matches everywhere, or across régions: its real audience matters most."""
    zone = record["zone"]
    return zone["niveau"] == "national" or len(zone.get("regions") or ()) > 1


def _audience(record: Record) -> str:
    elig = record.get("eligibilite") or {}
    parts = [
        f"âge {_ages(elig)}" if _ages(elig) else "",
        "réservée : " + ", ".join(elig["reserve_a"]) if elig.get("reserve_a") else "",
        _diplomes(elig),
        "secteurs : " + ", ".join(elig["secteurs"]) if elig.get("secteurs") else "",
    ]
    return " ; ".join(part for part in parts if part) or "aucune restriction"


def _wide_records(records: List[Tuple[str, Record]]) -> List[str]:
    """The records that come up everywhere (national, or several régions), with who they are really for:
    reviewed against their seed for issue 14 (a company's recruitment for one trade says its trade)."""
    wide = [record for _, record in records if _wide(record)]
    lines = ["", f"Records that match everywhere (national or several régions): {len(wide)}.", ""]
    for record in wide:
        lines.append(
            f"- `{record['id']}` ({record['zone']['niveau']}) — publics : {', '.join(record['publics'])} ; "
            f"thématiques : {', '.join(t.split('--')[-1] for t in record['thematiques'])} ; "
            f"{_audience(record)}"
        )
    return lines


def all_problems(records: List[Tuple[str, Record]]) -> Dict[str, List[str]]:
    found = {f"{name} {r['id']}": problems(r.get("eligibilite", {})) for name, r in records}
    return {key: value for key, value in found.items() if value}


def main(argv: List[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="write nothing, fail when out of date or invalid")
    args = parser.parse_args(argv)
    records = list(load_records())
    bad = all_problems(records)
    for key, found in bad.items():
        print(f"{key}: " + "; ".join(found), file=sys.stderr)
    table = render(records)
    if args.check:
        current = REVIEW_PATH.read_text(encoding="utf-8") if REVIEW_PATH.exists() else ""
        if current != table:
            print(f"{REVIEW_PATH.relative_to(ROOT)} is out of date: run scripts/eligibility_review.py", file=sys.stderr)
            return 1
    else:
        REVIEW_PATH.write_text(table, encoding="utf-8")
        print(f"wrote {REVIEW_PATH.relative_to(ROOT)} ({len(records)} records)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
