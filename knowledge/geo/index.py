"""The tables of knowledge/data/geo/ (built by build_geo_data.py from @etalab/decoupage-administratif),
loaded once, on first use, into dict indexes so that a lookup never scans the 35,000 communes; and the
plain lookups by code."""

from __future__ import annotations

import gzip
import sys
from pathlib import Path
from typing import Iterable, Iterator

from knowledge.geo.lexicon import words
from knowledge.geo.names import _ARTICLES, _LEADING_ARTICLE, _PARENTHESISED, _skeleton, _tokens
from knowledge.geo.records import Candidate, Commune, Departement, Epci, Region
from knowledge.geo.typos import DeletionIndex
from knowledge.lazy import Lazy

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "geo"


def _read_tsv(stem: str) -> list[list[str]]:
    """Rows of ``DATA_DIR/stem.tsv`` (or ``.tsv.gz``), without comment and header lines."""
    plain, packed = DATA_DIR / f"{stem}.tsv", DATA_DIR / f"{stem}.tsv.gz"
    if plain.is_file():
        text = plain.read_text(encoding="utf-8")
    else:
        text = gzip.decompress(packed.read_bytes()).decode("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return [line.split("\t") for line in lines[1:]]


# Index entry: (commune position, score, reason).
_Hit = tuple[int, float, str]
# A name cut after these is no usable short form (« saint », « la », « sur »): too many names.
_NOT_A_PREFIX_END = words("not_a_prefix_end")


def _glued_elisions(tokens: list[str]) -> list[str]:
    """« villeneuve d ascq » -> « villeneuve dascq », « l hay les roses » -> « lhay les roses »."""
    out: list[str] = []
    for token in tokens:
        if out and out[-1] in ("d", "l") and token[:1] in "aeiouyh":
            out[-1] += token
        else:
            out.append(token)
    return out


class _Geo:
    """All tables and indexes, built once by :func:`_geo`."""

    def __init__(self) -> None:
        self.communes: list[Commune] = []
        # Codes shared by many communes (département, région, EPCI, type, postal codes) are held once, not once
        # per commune: split() makes a new string each time (−8 MB in every process that reads a commune).
        one = sys.intern
        for code, nom, postaux, dep, reg, epci, pop, kind, parent in _read_tsv("communes"):
            self.communes.append(
                Commune(
                    code,
                    nom,
                    tuple(one(cp) for cp in postaux.split(",")) if postaux else (),
                    one(dep),
                    one(reg),
                    one(epci) if epci else None,
                    int(pop) if pop else None,
                    one(kind),
                    one(parent) if parent else None,
                )
            )
        self.by_code = {c.code_insee: c for c in self.communes}
        self.departements = {r[0]: Departement(*r) for r in _read_tsv("departements")}
        self.regions = {r[0]: Region(*r) for r in _read_tsv("regions")}
        self.epcis = {r[0]: Epci(*r) for r in _read_tsv("epci")}

        self.by_postal: dict[str, list[int]] = {}
        self.by_key: dict[str, list[_Hit]] = {}  # compact key ("saintdenis") -> hits
        self.by_phrase: dict[str, list[_Hit]] = {}  # spaced key ("saint denis") -> hits
        self.max_phrase_tokens = 1
        self._index_postal()
        # First words of compound names (« vitry » -> Vitry-sur-Seine, « noisy » -> Noisy-le-Grand,
        # « boulogne » -> Boulogne-Billancourt): people shorten them. Biggest towns first.
        self.by_prefix: dict[str, list[int]] = {}
        for pos, commune in enumerate(self.communes):
            for tokens, score, reason in self._name_variants(commune):
                self._add(tokens, (pos, score, reason))
                if reason == "exact":
                    for size in range(1, len(tokens)):
                        if tokens[size - 1] not in _NOT_A_PREFIX_END:
                            self.by_prefix.setdefault(" ".join(tokens[:size]), []).append(pos)
        for positions in self.by_prefix.values():
            positions.sort(key=lambda pos: -_population(self.communes[pos]))

        # Typo search works on the distinct spellings (homonyms share one); arrondissements,
        # the only keys with digits, are matched exactly or not at all.
        self.typo_keys = [key for key in self.by_key if key.isalpha()]
        self.longest_typo_key = max(map(len, self.typo_keys))
        self.by_skeleton: dict[str, list[str]] = {}  # phonetic skeleton -> compact keys
        for phrase in self.by_phrase:
            key = phrase.replace(" ", "")
            if key.isalpha():
                self.by_skeleton.setdefault(_skeleton(phrase), []).append(key)
        # Deletion neighbourhood (SymSpell): every key and its one-letter deletions point to the key
        # (~390,000 entries, held compact: knowledge/geo/typos.py).
        self.typo_index = DeletionIndex(self.typo_keys)

        self.place_qualifiers = self._index_qualifiers()

    def _index_postal(self) -> None:
        # A postal code held by an arrondissement points to it, not to the whole city.
        held_by_arrondissement = {
            (c.arrondissement_de, cp) for c in self.communes if c.type == "ARM" for cp in c.codes_postaux
        }
        for pos, commune in enumerate(self.communes):
            for cp in commune.codes_postaux:
                if (commune.code_insee, cp) not in held_by_arrondissement:
                    self.by_postal.setdefault(cp, []).append(pos)

    def _name_variants(self, commune: Commune) -> Iterator[tuple[list[str], float, str]]:
        tokens = _tokens(commune.nom)
        if commune.type == "ARM":
            # "Paris 18e Arrondissement" is typed « paris 18 », « paris 18e », « paris 18eme ».
            city, rank = tokens[0], tokens[1]
            yield [city, rank], 1.0, "arrondissement"
            yield [city, rank.rstrip("e")], 1.0, "arrondissement"
            return
        yield tokens, 1.0, "exact"
        if tokens[0] in _ARTICLES and len(tokens) > 1:
            yield tokens[1:], 0.97, "alias"  # « Rochelle », « au Havre »: article left out
        if "(" in commune.nom:  # « Château-Chinon (Ville) » is just « Château-Chinon »
            yield _tokens(_PARENTHESISED.sub(" ", commune.nom)), 0.97, "alias"
        elided = _glued_elisions(tokens)
        if elided != tokens:  # « villeneuve dascq »: the apostrophe of « d'Ascq » left out, the words glued
            yield elided, 0.97, "alias"

    def _add(self, tokens: list[str], hit: _Hit) -> None:
        hits = self.by_key.setdefault("".join(tokens), [])
        if not hits or hits[-1][0] != hit[0]:  # a commune's variants come in a row
            hits.append(hit)
        hits = self.by_phrase.setdefault(" ".join(tokens), [])
        if not hits or hits[-1][0] != hit[0]:
            hits.append(hit)
        if len(tokens) > self.max_phrase_tokens:
            self.max_phrase_tokens = len(tokens)

    def _index_qualifiers(self) -> dict[str, tuple[str, str]]:
        """Compact département/région names and codes -> ("departement"|"region", code)."""
        out: dict[str, tuple[str, str]] = {}
        for reg in self.regions.values():
            for name in (reg.nom, _LEADING_ARTICLE.sub("", reg.nom)):
                out["".join(_tokens(name))] = ("region", reg.code)
        for dep in self.departements.values():  # a département wins over a same-named région
            for name in (dep.nom, _LEADING_ARTICLE.sub("", dep.nom), dep.code):
                out["".join(_tokens(name))] = ("departement", dep.code)
        return out


_GEO: Lazy[_Geo] = Lazy(_Geo)


def _geo() -> _Geo:
    return _GEO.get()


def load() -> None:
    """Load the tables now (e.g. at action-server start) instead of on the first query."""
    _geo()


# --------------------------------------------------------------------------- lookups


def get_commune(code_insee: str) -> Commune | None:
    return _geo().by_code.get(code_insee.strip().upper())


def get_departement(code: str) -> Departement | None:
    return _geo().departements.get(code.strip().upper())


def get_region(code: str) -> Region | None:
    return _geo().regions.get(code.strip())


def get_epci(siren: str) -> Epci | None:
    return _geo().epcis.get(siren.strip())


def departement_name(code: str) -> str | None:
    dep = get_departement(code)
    return dep.nom if dep else None


def region_name(code: str) -> str | None:
    reg = get_region(code)
    return reg.nom if reg else None


def communes_by_postal_code(postal_code: str) -> list[Commune]:
    """Communes served by a postal code, most populated first (an arrondissement, not its city)."""
    geo = _geo()
    return _by_population(geo.communes[pos] for pos in geo.by_postal.get(postal_code.strip(), ()))


def is_place_qualifier(text: str) -> bool:
    """Whether the text names a département or a région (« Réunion », « la drôme », « bretagne », « 93 »)."""
    return "".join(_tokens(text)) in _geo().place_qualifiers


def resolve_departement(text: str) -> Departement | None:
    """A département from its code or name (« 93 », « seine st denis », « la réunion »)."""
    geo = _geo()
    qualifier = geo.place_qualifiers.get("".join(_tokens(text)))
    if qualifier is None or qualifier[0] != "departement":
        return None
    return geo.departements.get(qualifier[1])


def _population(commune: Commune) -> int:
    return commune.population or 0


def _by_population(communes: Iterable[Commune]) -> list[Commune]:
    return sorted(communes, key=lambda c: (-_population(c), c.code_insee))


def _ranked(candidates: Iterable[Candidate], limit: int) -> list[Candidate]:
    ordered = sorted(candidates, key=lambda c: (-c.score, -_population(c.commune), c.commune.code_insee))
    return ordered[: max(limit, 0)]
