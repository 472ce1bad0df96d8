"""Trades a person may ask for after the suggestions (« dans la vente », « plutôt le bâtiment »).

The vocabulary is data (knowledge/data/secteurs.yaml): what people type, and the words that show a record
touches the trade. Matching is on whole words of normalised text, so « magasinage » is not « magasin » and
« chantier d'insertion » is not the building trade."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, Iterable, Optional, Pattern, Tuple

import yaml

from knowledge.models import Initiative
from knowledge.negation import affirmed_search, negated_search
from knowledge.text import normalize
from knowledge.vocab import DATA_DIR

SECTORS_FILE = DATA_DIR / "secteurs.yaml"


@dataclass(frozen=True)
class Sector:
    id: str
    libelle: str  # « la vente et le commerce », used in « pour la vente et le commerce »
    said: Pattern[str]  # what a person types
    in_record: Pattern[str]  # what a record's text says
    exclude: Tuple[str, ...] = ()


def _words_pattern(words: Iterable[str], plural: bool) -> Pattern[str]:
    # Longest first, so « agent de securite » wins over « securite » in the alternation.
    cleaned = sorted({normalize(w) for w in words if normalize(w)}, key=len, reverse=True)
    if not cleaned:
        raise ValueError("liste de mots vide")
    suffix = r"(?:s|x)?" if plural else ""
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in cleaned) + r")" + suffix + r"\b")


def load_sectors(path: Path = SECTORS_FILE) -> Tuple[Sector, ...]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not data.get("date") or not data.get("source"):
        raise ValueError(f"{path} : « date » et « source » sont obligatoires")
    sectors = []
    seen = set()
    for entry in data.get("secteurs") or ():
        missing = [key for key in ("id", "libelle", "mots", "fiches") if not entry.get(key)]
        if missing:
            raise ValueError(f"{path}, secteur {entry.get('id')!r} : champ(s) manquant(s) {', '.join(missing)}")
        if entry["id"] in seen:
            raise ValueError(f"{path} : secteur {entry['id']!r} en double")
        seen.add(entry["id"])
        sectors.append(
            Sector(
                id=entry["id"],
                libelle=entry["libelle"],
                said=_words_pattern(entry["mots"], plural=False),
                in_record=_words_pattern(entry["fiches"], plural=True),
                exclude=tuple(normalize(p) for p in entry.get("exclure") or ()),
            )
        )
    return tuple(sectors)


@lru_cache(maxsize=1)
def default_sectors() -> Tuple[Sector, ...]:
    return load_sectors()


def sectors_by_id(sectors: Optional[Tuple[Sector, ...]] = None) -> Dict[str, Sector]:
    return {s.id: s for s in (sectors if sectors is not None else default_sectors())}


# A diploma's speciality is what the person learnt, not what they ask for: « j'ai un CAP cuisine », « bac pro
# commerce », « BEP vente » were read as wishes for cuisine or sales (play-test round C), unless a wish comes
# right before (« je veux passer un CAP cuisine »).
_DIPLOMA_SPECIALITY = re.compile(
    r"\b(?:cap|bep|bac pro|bac professionnel|bts|bp|dut|but|licence pro|mention complementaire|titre pro)"
    r"((?: [a-z]+){1,3})"
)
_WISH_BEFORE = re.compile(
    r"\b(?:veux|veut|voudrais|aimerais|cherche|cherch\w*|prepare\w*|passer|faire|reprendre|envie de)"
    r"(?: \w+){0,2} $"
    # « jsuis en cap maçon » (play-test D): the trade being learnt is the one wished, not a diploma held.
    r"|\b(?:suis|jsuis|jsui|chui|chuis|est|actuellement|encore) en $"
)


def _without_held_diplomas(text: str) -> str:
    """Blanks the speciality of a diploma held (keeping positions), not of one wished for."""

    def blank(match: re.Match) -> str:
        if _WISH_BEFORE.search(text[: match.start()]):
            return match.group(0)
        return match.group(0)[: match.start(1) - match.start()] + " " * len(match.group(1))

    return _DIPLOMA_SPECIALITY.sub(blank, text)


def find_sector(text: str, sectors: Optional[Tuple[Sector, ...]] = None) -> Optional[str]:
    """The trade a message names, or None. With two trades named, the first one written wins."""
    if not text or text.lstrip().startswith("/"):
        return None  # a button payload carries entities, not words
    t = _without_held_diplomas(normalize(text))
    found = []
    for sector in sectors if sectors is not None else default_sectors():
        # « du social pas de la vente »: a trade named after a negation is not asked for (knowledge/negation.py).
        match = affirmed_search(sector.said.pattern, _without(t, sector.exclude))
        if match:
            found.append((match.start(), sector.id))
    return min(found)[1] if found else None


def read_sector(
    text: str, entities: Iterable[Dict[str, object]] = (), sectors: Optional[Tuple[Sector, ...]] = None
) -> Optional[str]:
    """The words of the message first (they know negations: « pas la vente, la logistique »), else a `secteur`
    entity (an id, or the words the model tagged) that the words do not deny."""
    found = find_sector(text, sectors)
    if found:
        return found
    known = sectors_by_id(sectors)
    t = normalize(text or "")
    for entity in entities or ():
        if entity.get("entity") == "secteur" and entity.get("value") is not None:
            value = str(entity["value"])
            tagged = value if value in known else find_sector(value, sectors)
            if tagged and not negated_search(known[tagged].said.pattern, t):
                return tagged
    return None


def record_text(record: Initiative) -> str:
    parts = [record.nom, record.description, record.porteur.nom, record.eligibilite.conditions_acces or ""]
    return normalize(" ".join(parts))


def _without(text: str, phrases: Tuple[str, ...]) -> str:
    """Blanks excluded phrases, keeping every other character where it was (the first trade written wins)."""
    for phrase in phrases:
        text = re.sub(r"\b" + re.escape(phrase) + r"\b", lambda m: " " * len(m.group(0)), text)
    return text


def record_in_sector(record: Initiative, sector: Sector) -> bool:
    if sector.id in record.eligibilite.secteurs:  # a one-trade action says its trade as data
        return True
    return bool(sector.in_record.search(_without(record_text(record), sector.exclude)))
