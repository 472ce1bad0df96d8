"""French geography for the bot: communes, départements, régions, EPCI.

Pure Python, no Rasa import. Tables come from ``knowledge/data/geo/`` (built by
``build_geo_data.py`` from ``@etalab/decoupage-administratif``) and are loaded once, on
first use, into dict indexes so that a lookup never scans the 35,000 communes.

Two entry points understand what people type:

* :func:`resolve_commune` for an answer to « Tu habites où ? »: the whole text is meant to
  be a place (« st denis 93 », « marseille 13eme », « fougere », « 35300 »).
* :func:`find_communes_in_text` for a free sentence, where most words are not places and a
  commune named like a common word (« Pas », « Y », « Orange ») must need a cue.

Both return ranked :class:`Candidate` lists; several candidates sharing the top score
mean "ambiguous, ask the user", e.g. Saint-Denis (93) and Saint-Denis (974).
"""

from __future__ import annotations

import gzip
import re
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Sequence

__all__ = [
    "Candidate", "Commune", "Departement", "Epci", "Region",
    "communes_by_postal_code", "departement_name", "find_communes_in_text", "get_commune",
    "get_departement", "get_epci", "get_region", "load", "normalize", "region_name",
    "resolve_commune", "resolve_departement",
]

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "geo"


# --------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class Commune:
    """A current commune (type "COM") or a municipal arrondissement (type "ARM")."""

    code_insee: str
    nom: str
    codes_postaux: tuple[str, ...]
    departement: str
    region: str
    epci: str | None  # SIREN of the EPCI; None for the few communes outside any
    population: int | None
    type: str  # INSEE typecom: "COM" or "ARM" (arrondissement of Paris, Lyon, Marseille)
    arrondissement_de: str | None = None  # parent commune code, for "ARM" only

    @property
    def label(self) -> str:
        """Name with its département, the form to show when asking « lequel ? »."""
        return f"{self.nom} ({self.departement})"


@dataclass(frozen=True, slots=True)
class Departement:
    code: str
    nom: str
    region: str


@dataclass(frozen=True, slots=True)
class Region:
    code: str
    nom: str


@dataclass(frozen=True, slots=True)
class Epci:
    siren: str
    nom: str
    type: str  # CC, CA, CU, METRO, MET69


@dataclass(frozen=True, slots=True)
class Candidate:
    """One possible reading of the user's text.

    ``score`` is in 0..1 (1.0: exact); ``reason`` says how it matched: "exact", "alias"
    (article or parenthesised part left out), "arrondissement", "postal-code",
    "insee-code" or "fuzzy"; ``matched`` is the normalised text that matched.
    """

    commune: Commune
    score: float
    reason: str
    matched: str = ""


# --------------------------------------------------------------------------- normalisation

_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}
# "13e", "13eme", "13ème", "1er", "2nd": one canonical ordinal token, "13e".
_ORDINAL = re.compile(r"^(\d{1,2})(?:e|er|ere|eme|ieme|em|me|nd|nde)$")
_ARTICLES = frozenset({"le", "la", "les", "l"})
_LEADING_ARTICLE = re.compile(r"^(?:les?|la|l['’])[\s-]*", re.IGNORECASE)
_PARENTHESISED = re.compile(r"\(([^()]*)\)")
_ARRONDISSEMENT_WORDS = frozenset({"arrondissement", "arrondissements", "arr", "arrt", "ardt", "arrdt"})
_POSTAL = re.compile(r"^\d{5}$")


def _fold(text: str) -> str:
    """Lowercase ASCII: accents, ligatures and « ÿ » as people type them without."""
    text = text.lower().replace("œ", "oe").replace("æ", "ae").replace("s/", " sur ")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _tokens(text: str) -> list[str]:
    """Word tokens; hyphens and apostrophes split (« l'haÿ-les-roses » -> l hay les roses)."""
    out: list[str] = []
    for token in re.findall(r"[a-z0-9]+", _fold(text)):
        token = _ABBREVIATIONS.get(token, token)
        ordinal = _ORDINAL.match(token)
        out.append(f"{ordinal.group(1)}e" if ordinal else token)
    return out


def normalize(text: str) -> str:
    """Comparable form of a place name: « Saint-Étienne » and « st etienne » -> "saint etienne"."""
    return " ".join(_tokens(text))


# Phonetic skeleton: folds the misspellings that sound right (« bordo », « marseil »,
# « fougere »), so that one edit in skeleton space covers most real typos.
_SKELETON_SUBS = (("eaux", "o"), ("eau", "o"), ("au", "o"), ("ph", "f"), ("qu", "k"),
                  ("ck", "k"), ("y", "i"), ("ain", "in"), ("ein", "in"))
_SILENT_H = re.compile(r"(?<![cs])h")
_DOUBLE = re.compile(r"(.)\1+")
_SILENT_TAIL = re.compile(r"(?<=...)[sxtdze]+$")


def _skeleton(tokens: Iterable[str]) -> str:
    parts = []
    for token in tokens:
        for old, new in _SKELETON_SUBS:
            token = token.replace(old, new)
        token = _DOUBLE.sub(r"\1", _SILENT_H.sub("", token))
        parts.append(_SILENT_TAIL.sub("", token))
    return "".join(parts)


def _deletes(word: str) -> Iterator[str]:
    """All strings one deletion away (the deletion neighbourhood of SymSpell)."""
    for i in range(len(word)):
        yield word[:i] + word[i + 1:]


def _distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance, or ``limit + 1`` as soon as it exceeds ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if cost and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)


def _max_edits(length: int) -> int:
    """Typos tolerated for a name of ``length`` letters: short names are too easy to hit."""
    return 0 if length < 4 else 1 if length < 8 else 2


# --------------------------------------------------------------------------- loading


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


class _Geo:
    """All tables and indexes, built once by :func:`_geo`."""

    def __init__(self) -> None:
        self.communes: list[Commune] = []
        for code, nom, postaux, dep, reg, epci, pop, kind, parent in _read_tsv("communes"):
            self.communes.append(Commune(
                code, nom, tuple(postaux.split(",")) if postaux else (), dep, reg,
                epci or None, int(pop) if pop else None, kind, parent or None,
            ))
        self.by_code = {c.code_insee: c for c in self.communes}
        self.departements = {r[0]: Departement(*r) for r in _read_tsv("departements")}
        self.regions = {r[0]: Region(*r) for r in _read_tsv("regions")}
        self.epcis = {r[0]: Epci(*r) for r in _read_tsv("epci")}

        self.by_postal: dict[str, list[int]] = {}
        self.by_key: dict[str, list[_Hit]] = {}  # compact key ("saintdenis") -> hits
        self.by_phrase: dict[str, list[_Hit]] = {}  # spaced key ("saint denis") -> hits
        self.max_phrase_tokens = 1
        skeleton_ids: dict[str, int] = {}
        self.skeleton_keys: list[str] = []
        # Per skeleton: the names behind it, as (commune position, compact key, score).
        self.skeleton_members: list[list[tuple[int, str, float]]] = []
        self._index_postal()
        for pos, commune in enumerate(self.communes):
            for tokens, score, reason in self._name_variants(commune):
                self._add(tokens, (pos, score, reason))
                if reason == "arrondissement":
                    continue  # « paris 18 » is matched exactly or not at all
                skeleton = _skeleton(tokens)
                sid = skeleton_ids.setdefault(skeleton, len(skeleton_ids))
                if sid == len(self.skeleton_keys):
                    self.skeleton_keys.append(skeleton)
                    self.skeleton_members.append([])
                self.skeleton_members[sid].append((pos, "".join(tokens), score))
        # Deletion neighbourhood of every skeleton: a query finds names one edit away by
        # looking up its own deletions, i.e. about len(query) dict probes, no scan.
        self.skeleton_neighbours: dict[str, list[int]] = {}
        for skeleton, sid in skeleton_ids.items():
            if len(skeleton) < 3:
                continue
            for key in {skeleton, *_deletes(skeleton)}:
                self.skeleton_neighbours.setdefault(key, []).append(sid)

        self.place_qualifiers = self._index_qualifiers()

    def _index_postal(self) -> None:
        # A postal code held by an arrondissement points to it, not to the whole city.
        held_by_arrondissement = {
            (c.arrondissement_de, cp) for c in self.communes if c.type == "ARM"
            for cp in c.codes_postaux
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
        bare = _LEADING_ARTICLE.sub("", commune.nom)
        if bare != commune.nom:  # « Rochelle », « au Havre »: the article is often left out
            yield _tokens(bare), 0.97, "alias"
        if "(" in commune.nom:  # « Château-Chinon (Ville) » is just « Château-Chinon »
            yield _tokens(_PARENTHESISED.sub(" ", commune.nom)), 0.97, "alias"

    def _add(self, tokens: list[str], hit: _Hit) -> None:
        for index, key in ((self.by_key, "".join(tokens)), (self.by_phrase, " ".join(tokens))):
            hits = index.setdefault(key, [])
            if all(h[0] != hit[0] for h in hits):
                hits.append(hit)
        self.max_phrase_tokens = max(self.max_phrase_tokens, len(tokens))

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


_GEO: _Geo | None = None
_LOCK = threading.Lock()


def _geo() -> _Geo:
    global _GEO
    if _GEO is None:
        with _LOCK:
            if _GEO is None:
                _GEO = _Geo()
    return _GEO


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


def resolve_departement(text: str) -> Departement | None:
    """A département from its code or name (« 93 », « seine st denis », « la réunion »)."""
    geo = _geo()
    qualifier = geo.place_qualifiers.get("".join(_tokens(text)))
    return geo.departements.get(qualifier[1].upper()) if qualifier and qualifier[0] == "departement" else None


def _population(commune: Commune) -> int:
    return commune.population or 0


def _by_population(communes: Iterable[Commune]) -> list[Commune]:
    return sorted(communes, key=lambda c: (-_population(c), c.code_insee))


def _ranked(candidates: Iterable[Candidate], limit: int) -> list[Candidate]:
    ordered = sorted(candidates, key=lambda c: (-c.score, -_population(c.commune), c.commune.code_insee))
    return ordered[:max(limit, 0)]


# --------------------------------------------------------------------------- resolve_commune

# Words around a place name in an answer (« j'habite à Lyon », « ville de Rennes »).
_LEADING_FILLERS = frozenset(
    "je j jhabite habite habites vis vit suis viens reside a au aux sur de d du dans en vers "
    "pres ville commune village cp code postal".split()
)
# A qualifier narrows homonyms: ("departement", "93"), ("region", "04") or ("postal", "93200").
_Qualifier = tuple[str, str]


def _qualifier(geo: _Geo, tokens: Sequence[str]) -> _Qualifier | None:
    key = "".join(tokens)
    if _POSTAL.match(key):
        return ("postal", key) if key in geo.by_postal else None
    found = geo.place_qualifiers.get(key)
    if found and found[0] == "departement" and key.isdigit() and len(key) < 2:
        return None  # « lyon 8 » is an arrondissement, never the Ardennes
    return found


def _satisfies(commune: Commune, qualifier: _Qualifier) -> bool:
    kind, value = qualifier
    if kind == "postal":
        return value in commune.codes_postaux
    if kind == "region":
        return commune.region == value
    return commune.departement.upper() == value.upper()


def _exact(geo: _Geo, key: str, matched: str) -> list[Candidate]:
    return [Candidate(geo.communes[pos], score, reason, matched)
            for pos, score, reason in geo.by_key.get(key, ())]


def _fuzzy(geo: _Geo, tokens: Sequence[str], matched: str) -> list[Candidate]:
    """Names within a few edits, plain or phonetic; exact names are left to :func:`_exact`.

    A phonetic match (« bordo » -> Bordeaux) counts as one edit, so the effective distance
    is min(plain distance, skeleton distance + 1), and must fit :func:`_max_edits`.
    """
    key = "".join(tokens)
    limit = _max_edits(len(key))
    if limit == 0:
        return []
    skeleton = _skeleton(tokens)
    if len(skeleton) < 3:
        return []
    skeleton_ids: set[int] = set()
    for probe in (skeleton, *_deletes(skeleton)):
        skeleton_ids.update(geo.skeleton_neighbours.get(probe, ()))
    out: list[Candidate] = []
    for sid in skeleton_ids:
        skeleton_distance = _distance(skeleton, geo.skeleton_keys[sid], limit)
        for pos, name_key, base_score in geo.skeleton_members[sid]:
            if name_key == key:
                continue
            edits = skeleton_distance + 1
            if edits > 1:  # the plain spelling may still be closer than the phonetic one
                edits = min(edits, _distance(key, name_key, limit))
            if edits <= limit:
                score = round(base_score - 0.1 * edits, 2)
                out.append(Candidate(geo.communes[pos], score, "fuzzy", matched))
    return _merge(out)


def _lookup(geo: _Geo, tokens: Sequence[str]) -> list[Candidate]:
    """Exact hits, plus near misses that are bigger towns than any exact hit.

    « fougere » is exactly Fougeré (49 and 85, ~1,000 people) but the user more likely
    misspelled Fougères (35, 20,000 people): a near miss that is bigger stays visible.
    """
    key, matched = "".join(tokens), " ".join(tokens)
    exact = _exact(geo, key, matched)
    biggest = max((_population(c.commune) for c in exact), default=-1)
    near = [c for c in _fuzzy(geo, tokens, matched) if _population(c.commune) > biggest]
    return exact + near


def _merge(candidates: Iterable[Candidate]) -> list[Candidate]:
    best: dict[str, Candidate] = {}
    for cand in candidates:
        code = cand.commune.code_insee
        if code not in best or cand.score > best[code].score:
            best[code] = cand
    return list(best.values())


def _apply(candidates: list[Candidate], qualifier: _Qualifier | None) -> list[Candidate]:
    """Keep the candidates in the given place; if none is, keep all but lower their score."""
    if qualifier is None:
        return candidates
    inside = [c for c in candidates if _satisfies(c.commune, qualifier)]
    if inside:
        return inside
    return [Candidate(c.commune, round(c.score * 0.8, 2), c.reason, c.matched) for c in candidates]


# Words between a name and its qualifier: « saint denis dans le 93 », « st pierre en martinique ».
_QUALIFIER_GLUE = frozenset({"dans", "en", "du", "de", "d", "le", "la", "les", "l", "departement", "dep"})


def _split_qualifier(geo: _Geo, tokens: list[str]) -> tuple[list[str], _Qualifier] | None:
    """Trailing département/région/postal code: « saint denis 974 », « st pierre reunion »."""
    for size in range(1, min(4, len(tokens) - 1) + 1):
        qualifier = _qualifier(geo, tokens[-size:])
        if qualifier:
            head = tokens[:-size]
            while head and head[-1] in _QUALIFIER_GLUE:
                head = head[:-1]
            return (head, qualifier) if head else None
    return None


def resolve_commune(text: str, limit: int = 5) -> list[Candidate]:
    """Rank the communes ``text`` may name, best first (at most ``limit``).

    Handles accents/case/hyphens, « st »/« ste », a missing or extra article, small typos,
    postal codes, arrondissements (« Marseille 13e », « lyon 8 », « 75018 ») and a
    département, région or postal code narrowing homonyms (« Saint-Denis (93) »,
    « saint denis 974 »). Homonyms are ordered by population; an exact unique name gives a
    single candidate scored 1.0, an ambiguous one several.
    """
    geo = _geo()
    qualifiers: list[_Qualifier] = []
    name_parts: list[str] = []
    for inside in _PARENTHESISED.findall(text):
        found = _qualifier(geo, _tokens(inside))
        if found:
            qualifiers.append(found)
        else:
            name_parts.append(inside)  # « Château-Chinon (Ville) » keeps its « Ville »
    tokens = _tokens(" ".join([_PARENTHESISED.sub(" ", text), *name_parts]))
    tokens = [t for t in tokens if t not in _ARRONDISSEMENT_WORDS] or tokens
    if not tokens:
        return []

    if len(tokens) == 1 and _POSTAL.match(tokens[0]):
        code = tokens[0]
        found = [Candidate(geo.communes[pos], 1.0, "postal-code", code) for pos in geo.by_postal.get(code, ())]
        if not found and code in geo.by_code:
            found = [Candidate(geo.by_code[code], 1.0, "insee-code", code)]
        return _ranked(found, limit)

    candidates = _lookup(geo, tokens)
    if not any(c.score == 1.0 for c in candidates):
        while len(tokens) > 1 and tokens[0] in _LEADING_FILLERS:
            tokens = tokens[1:]  # « j'habite à Lyon », « ville de Rennes »
        candidates = _merge(candidates + _lookup(geo, tokens))
    # Always tried, even after an exact hit: « marseille 13 » is both the 13e arrondissement
    # and Marseille in the Bouches-du-Rhône; the user is asked which.
    split = _split_qualifier(geo, tokens)
    if split:
        head, qualifier = split
        from_head = _lookup(geo, head)
        if candidates:
            candidates = _merge(candidates + [c for c in from_head if _satisfies(c.commune, qualifier)])
        else:
            candidates = _apply(from_head, qualifier)
    for qualifier in qualifiers:
        candidates = _apply(candidates, qualifier)
    return _ranked(candidates, limit)
