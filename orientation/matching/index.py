"""The records, grouped once per région (plus the national ones) into column blocks, so a query touches
only the person's région and the national records. Large blocks (the 100,000-service benchmark) also get
numpy copies of their columns for vectorised filters; small ones (the real base) are looped in Python,
which is faster there. Same data either way: orientation/matching/scoring.py reads both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Dict, List, NamedTuple, Optional, Tuple

import numpy as np

from knowledge.models import Initiative
from orientation.matching import criteria, eligibility, quartiers, territory
from orientation.matching.places import NATIONAL, REGION, RecordPlace, record_place
from orientation.matching.scoring import is_historical, record_quality


class Columns(NamedTuple):
    """numpy copies of a large block's columns: one vector op per rule instead of a Python loop per row."""

    features: np.ndarray
    restrictions: np.ndarray
    age_min: np.ndarray
    age_max: np.ndarray
    legal_min: np.ndarray
    quality: np.ndarray
    regionwide: np.ndarray
    zone_rank: np.ndarray
    ended: np.ndarray


@dataclass
class Block:
    """Records of one région (or the national ones) as columns, rows sorted by id."""

    entries: List[Initiative]
    ids: List[str]
    historical: List[bool]
    features: List[int]
    restrictions: List[int]
    age_min: List[int]
    age_max: List[int]
    # Legal floor (eligibility.legal_floor, 0 when none): only a KNOWN age below it keeps the row out.
    legal_min: List[int]
    quality: List[float]
    # Covers its whole région (niveau region): not "another département", so never held back for a closer one.
    regionwide: List[bool]
    # Closeness at which the person is inside the record's own zone (territory.zone_rank).
    zone_rank: List[int]
    # The text says it ended (statut historique), not merely old (scoring.shown_as_example).
    ended: List[bool]
    # Code → row positions (lists; numpy arrays once the block has `columns`).
    by_commune: Dict[str, List[int]] = field(default_factory=dict)
    by_epci: Dict[str, List[int]] = field(default_factory=dict)
    by_departement: Dict[str, List[int]] = field(default_factory=dict)
    # Residents-only records: code of a commune, département or région whose residents it serves → rows.
    by_resident: Dict[str, List[int]] = field(default_factory=dict)
    columns: Optional[Columns] = None


Row = Tuple[Initiative, RecordPlace, bool]


def build_block(rows: List[Row], vector_from: int) -> Block:
    rows.sort(key=lambda row: row[0].id)
    bounds = [eligibility.effective_age_bounds(record) for record, _, _ in rows]
    block = Block(
        entries=[record for record, _, _ in rows],
        ids=[record.id for record, _, _ in rows],
        historical=[hist for _, _, hist in rows],
        features=[criteria.features(record) for record, _, _ in rows],
        restrictions=[eligibility.restrictions(record) for record, _, _ in rows],
        age_min=[eligibility.NO_AGE_MIN if lo is None else lo for lo, _ in bounds],
        age_max=[eligibility.NO_AGE_MAX if hi is None else hi for _, hi in bounds],
        legal_min=[eligibility.legal_floor(record) for record, _, _ in rows],
        quality=[record_quality(record, hist) for record, _, hist in rows],
        regionwide=[record.zone.niveau == REGION for record, _, _ in rows],
        zone_rank=[territory.zone_rank(record) for record, _, _ in rows],
        ended=[record.statut == "historique" for record, _, _ in rows],
    )
    for position, (record, place, _) in enumerate(rows):
        for index, codes in (
            (block.by_commune, place.communes),
            (block.by_epci, place.epcis),
            (block.by_departement, place.departements),
        ):
            for code in codes:
                index.setdefault(code, []).append(position)
        for code in quartiers.resident_keys(record):
            block.by_resident.setdefault(code, []).append(position)
    if len(rows) >= vector_from:
        # Position lists become arrays too: numpy indexes with them directly, and they take less room.
        for index in (block.by_commune, block.by_epci, block.by_departement, block.by_resident):
            for code, positions in index.items():
                index[code] = np.array(positions, dtype=np.int64)  # type: ignore[assignment]
        block.columns = Columns(
            features=np.array(block.features, dtype=np.int64),
            restrictions=np.array(block.restrictions, dtype=np.int64),
            age_min=np.array(block.age_min, dtype=np.int32),
            age_max=np.array(block.age_max, dtype=np.int32),
            legal_min=np.array(block.legal_min, dtype=np.int32),
            quality=np.array(block.quality, dtype=np.float64),
            regionwide=np.array(block.regionwide, dtype=bool),
            zone_rank=np.array(block.zone_rank, dtype=np.int64),
            ended=np.array(block.ended, dtype=bool),
        )
    return block


class Index(NamedTuple):
    regions: Dict[str, Block]
    national: Block


def build_index(records: Tuple[Initiative, ...], today: date, vector_from: int) -> Index:
    by_region: Dict[str, List[Row]] = {}
    national: List[Row] = []
    for record in records:
        if not eligibility.is_offerable(record):
            continue
        row = (record, record_place(record), is_historical(record, today))
        if record.zone.niveau == NATIONAL:
            national.append(row)
        else:
            for region in row[1].regions:
                by_region.setdefault(region, []).append(row)
    return Index(
        {code: build_block(rows, vector_from) for code, rows in by_region.items()}, build_block(national, vector_from)
    )
