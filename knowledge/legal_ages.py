"""Legal ages (knowledge/data/ages-legaux.yaml): rules of law the matcher applies on top of each record's own
eligibility. Today one: nobody is employed before 16 in France (Code du travail, L4153-1), so an action that
only places people in jobs is not for a 15-year-old unless its record says it admits younger people."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Optional, Tuple

import yaml

from knowledge.models import Initiative
from knowledge.vocab import DATA_DIR

LEGAL_AGES_FILE = DATA_DIR / "ages-legaux.yaml"


@dataclass(frozen=True)
class LegalAge:
    id: str
    age_min: int
    themes: Tuple[str, ...]  # theme prefixes the rule is about (one needed)
    companions: Tuple[str, ...]  # theme prefixes that go with them without opening the record to younger people
    source: str  # the article, for a reviewer
    regle: str = ""  # the rule in plain French, said to a person who asks (« je peux travailler à 14 ans ? »)

    def applies_to(self, record: Initiative) -> bool:
        """The record is only about what the rule governs (employment only: job placement, recruitment)."""
        themes = record.thematiques
        return any(t.startswith(self.themes) for t in themes) and all(
            t.startswith(self.themes + self.companions) for t in themes
        )


def load_legal_ages(path: Path = LEGAL_AGES_FILE) -> Tuple[LegalAge, ...]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data.get("date"), date):
        raise ValueError(f"{path} : « date » (AAAA-MM-JJ) est obligatoire")
    out = []
    for entry in data.get("ages") or ():
        source = entry.get("source") or {}
        if not (source.get("texte") and source.get("legifrance") and isinstance(source.get("consulte"), date)):
            raise ValueError(f"{path}, {entry.get('id')!r} : source (texte, legifrance, consulte) obligatoire")
        out.append(
            LegalAge(
                id=entry["id"],
                age_min=int(entry["age_min"]),
                themes=tuple(entry["thematiques_emploi"]),
                companions=tuple(entry.get("thematiques_associees") or ()),
                source=source["texte"],
                regle=" ".join(str(entry.get("regle") or "").split()),
            )
        )
    return tuple(out)


@lru_cache(maxsize=1)
def legal_ages() -> Tuple[LegalAge, ...]:
    return load_legal_ages()


def legal_age_min(record: Initiative) -> Optional[int]:
    """The legal floor for this record, unless the record states its own age_min (its word wins)."""
    if record.eligibilite.age_min is not None:
        return None
    floors = [rule.age_min for rule in legal_ages() if rule.applies_to(record)]
    return max(floors) if floors else None
