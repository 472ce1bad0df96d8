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
from collections import Counter
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
_CODE = re.compile(r"^(?:\d{5}|2[ab]\d{3})$")  # postal or INSEE code (Corsica: 2A004)
_WORD = re.compile(r"[a-z0-9]+")


def _strip_accent(char: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))


# Precomputed for Latin-1 and Latin Extended-A: one str.translate instead of NFKD per call.
_FOLD_TABLE = {code: _strip_accent(chr(code)) for code in range(0xC0, 0x180)}
_FOLD_TABLE.update({ord("œ"): "oe", ord("æ"): "ae", ord("’"): "'"})


def _fold(text: str) -> str:
    """Lowercase ASCII: accents, ligatures and « ÿ » as people type them without."""
    text = text.lower().replace("s/", " sur ")
    if not text.isascii():
        text = text.translate(_FOLD_TABLE)
        if not text.isascii():  # rarer scripts and combining marks
            text = _strip_accent(text)
    return text


def _tokens(text: str) -> list[str]:
    """Word tokens; hyphens and apostrophes split (« l'haÿ-les-roses » -> l hay les roses)."""
    out = _WORD.findall(_fold(text))
    for i, token in enumerate(out):
        if token in _ABBREVIATIONS:
            out[i] = _ABBREVIATIONS[token]
        elif token[0].isdigit():
            ordinal = _ORDINAL.match(token)
            if ordinal:
                out[i] = f"{ordinal.group(1)}e"
    return out


def normalize(text: str) -> str:
    """Comparable form of a place name: « Saint-Étienne » and « st etienne » -> "saint etienne"."""
    return " ".join(_tokens(text))


# Phonetic skeleton: names spelt as they sound (« bordo », « marseil », « fougere ») share
# the skeleton of the real name.
_SKELETON_SUBS = (("eaux", "o"), ("eau", "o"), ("au", "o"), ("ph", "f"), ("qu", "k"), ("y", "i"))
_DOUBLE = re.compile(r"(?<=([a-z]))\1+")  # "ll" -> "l"; no replacement template: faster
# One silent ending per word (fougeres -> fouger, vaulx -> vaul); consonants like t or d are
# kept, or « nant », « nante » and « nantes » would not all land on the same skeleton.
_SILENT_TAIL = re.compile(r"(?<=[a-z]{2})(?:es|e|s|x)(?= |$)")


def _skeleton(phrase: str) -> str:
    """Skeleton of a normalised, space-separated name."""
    text = phrase
    for old, new in _SKELETON_SUBS:
        text = text.replace(old, new)
    text = text.replace("ch", "\0").replace("sh", "\1").replace("h", "")  # silent h
    text = _DOUBLE.sub("", text.replace("\0", "ch").replace("\1", "sh"))
    return _SILENT_TAIL.sub("", text).replace(" ", "")


def _deletions(word: str) -> set[str]:
    """``word`` and every string one deletion away (SymSpell's deletion neighbourhood).

    Two words within one edit (insertion, deletion, substitution) share such a string.
    """
    out = {word[:i] + word[i + 1:] for i in range(len(word))}
    out.add(word)
    return out


def _within_one_edit(a: str, b: str) -> bool:
    """True if ``a`` and ``b`` differ by at most one edit or one swap of neighbours, in O(n)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    i, shortest = 0, min(len(a), len(b))
    while i < shortest and a[i] == b[i]:
        i += 1
    if len(a) > len(b):
        return a[i + 1:] == b[i:]
    if len(a) < len(b):
        return a[i:] == b[i + 1:]
    if a[i + 1:] == b[i + 1:]:
        return True  # substitution
    return a[i] == b[i + 1:i + 2] and a[i + 1:i + 2] == b[i] and a[i + 2:] == b[i + 2:]  # swap


def _distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance, capped at ``limit + 1``.

    Only the diagonal band of width ``limit`` is computed: cells outside it exceed the cap.
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    cap = limit + 1
    previous2: list[int] = []
    previous = [j if j <= limit else cap for j in range(len(b) + 1)]
    for i in range(1, len(a) + 1):
        current = [cap] * (len(b) + 1)
        if i <= limit:
            current[0] = i
        for j in range(max(1, i - limit), min(len(b), i + limit) + 1):
            cost = a[i - 1] != b[j - 1]
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if cost and i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, previous2[j - 2] + 1)
            current[j] = min(value, cap)
        if min(current) >= cap:
            return cap
        previous2, previous = previous, current
    return previous[-1]


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
# A name cut after these is no usable short form (« saint », « la », « sur »): too many names.
_NOT_A_PREFIX_END = frozenset(
    "le la les l de du des d sur sous en et a au aux saint sainte saints saintes".split()
)


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
        # Deletion neighbourhood (SymSpell): every key and its one-letter deletions point to
        # the key, so that keys one edit apart share an entry and a query finds them with
        # ~len(query) dict probes. ~380,000 entries, built with comprehensions and C-level
        # dict/Counter work: a plain Python loop over them would double the load time.
        keys = self.typo_keys
        entries = [key[:i] + key[i + 1:] for key in keys for i in range(len(key))] + keys
        owners = [kid for kid, key in enumerate(keys) for _ in key] + list(range(len(keys)))
        self.typo_owner: dict[str, int] = dict(zip(entries, owners))  # last owner wins...
        shared = {entry for entry, count in Counter(entries).items() if count > 1}
        self.typo_others: dict[str, list[int]] = {}  # ...so shared entries list them all
        for entry, kid in [pair for pair in zip(entries, owners) if pair[0] in shared]:
            self.typo_others.setdefault(entry, []).append(kid)

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
        if tokens[0] in _ARTICLES and len(tokens) > 1:
            yield tokens[1:], 0.97, "alias"  # « Rochelle », « au Havre »: article left out
        if "(" in commune.nom:  # « Château-Chinon (Ville) » is just « Château-Chinon »
            yield _tokens(_PARENTHESISED.sub(" ", commune.nom)), 0.97, "alias"

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
    if qualifier is None or qualifier[0] != "departement":
        return None
    return geo.departements.get(qualifier[1])


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


def _neighbours(geo: _Geo, probes: Iterable[str]) -> set[str]:
    """Compact keys filed under any of ``probes`` in the deletion neighbourhood."""
    found: set[int] = set()
    for probe in probes:
        others = geo.typo_others.get(probe)
        if others:
            found.update(others)
        else:
            owner = geo.typo_owner.get(probe)
            if owner is not None:
                found.add(owner)
    return {geo.typo_keys[kid] for kid in found}


def _fuzzy(geo: _Geo, tokens: Sequence[str], matched: str) -> list[Candidate]:
    """Names a few typos away, or spelt as they sound; exact names are left to :func:`_exact`.

    One edit (or a phonetic spelling: « bordo » -> Bordeaux) scores 0.9, two edits 0.8,
    for names long enough to afford them (:func:`_max_edits`).
    """
    key = "".join(tokens)
    limit = _max_edits(len(key))
    if limit == 0 or not key.isalpha():  # digits: only arrondissements, matched exactly
        return []
    if len(key) > geo.longest_typo_key + limit:
        # Longer than any name by more than the typos allowed: a sentence, not a misspelt name.
        # Probing it would cost len(key)² deletions (seconds for a 200-word message).
        return []
    edits_by_key = {other: 1 for other in geo.by_skeleton.get(_skeleton(" ".join(tokens)), ())}
    for other in _neighbours(geo, _deletions(key)):
        # Sharing a deletion means one edit apart, or two (two deletions at different places).
        edits_by_key.setdefault(other, 1 if _within_one_edit(key, other) else 2)
    if limit > 1 and not edits_by_key:
        # Long names may take two typos: probe the deletions of the deletions as well.
        probes = {key[:i] + key[i + 1:j] + key[j + 1:] for j in range(len(key)) for i in range(j)}
        for other in _neighbours(geo, probes):
            if _distance(key, other, limit) <= limit:
                edits_by_key[other] = 2
    out: list[Candidate] = []
    for other, edits in edits_by_key.items():
        if other != key and edits <= limit:
            out += [Candidate(geo.communes[pos], round(score - 0.1 * edits, 2), "fuzzy", matched)
                    for pos, score, _ in geo.by_key[other]]
    return _merge(out)


# Past this population an exact hit is taken as meant: a misspelt bigger town is too unlikely
# to be worth the search (« lyon », « paris »).
_NO_BIGGER_NEAR_MISS = 100_000


_PREFIX_CANDIDATES = 5


def _lookup(geo: _Geo, tokens: Sequence[str]) -> list[Candidate]:
    """Exact hits, plus near misses and longer names that are bigger towns than any exact hit.

    « fougere » is exactly Fougeré (85, 1,200 people) but the user more likely misspelt
    Fougères (35, 20,000 people); « aix » is exactly Aix (19, 350 people) but more likely
    short for Aix-en-Provence: a bigger near miss stays visible.
    """
    exact = _exact(geo, "".join(tokens), " ".join(tokens))
    return exact + _bigger_near_misses(geo, tokens, exact)


def _bigger_near_misses(geo: _Geo, tokens: Sequence[str], exact: list[Candidate]) -> list[Candidate]:
    biggest = max((_population(c.commune) for c in exact), default=-1)
    if biggest >= _NO_BIGGER_NEAR_MISS:
        return []
    matched = " ".join(tokens)
    longer = [Candidate(geo.communes[pos], 0.9, "prefix", matched)
              for pos in geo.by_prefix.get(matched, ())[:_PREFIX_CANDIDATES]]
    return [c for c in _merge(longer + _fuzzy(geo, tokens, matched)) if _population(c.commune) > biggest]


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
        qualifier = _qualifier(geo, _tokens(inside))
        if qualifier:
            qualifiers.append(qualifier)
        else:
            name_parts.append(inside)  # « Château-Chinon (Ville) » keeps its « Ville »
    tokens = _tokens(" ".join([_PARENTHESISED.sub(" ", text), *name_parts]))
    tokens = [t for t in tokens if t not in _ARRONDISSEMENT_WORDS] or tokens
    if not tokens:
        return []

    if len(tokens) == 1 and _CODE.match(tokens[0]):  # people type postal codes, not INSEE ones
        code = tokens[0]
        by_code = [Candidate(geo.communes[pos], 1.0, "postal-code", code)
                   for pos in geo.by_postal.get(code, ())]
        commune = geo.by_code.get(code.upper())
        if not by_code and commune:
            by_code = [Candidate(commune, 1.0, "insee-code", code)]
        return _ranked(by_code, limit)

    candidates = _lookup(geo, tokens)
    if not any(c.score == 1.0 for c in candidates) and tokens[0] in _LEADING_FILLERS:
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


# --------------------------------------------------------------------------- find_communes_in_text

# Commune names that are also everyday words (or first names) people write in a sentence:
# « je sais pas » must not be Le Pas (53), « il y a » not Y (80), « trop nice » not Nice.
# Derived from commune names found in a French word list (wfrench) with a wordfreq Zipf
# frequency >= 3.3, plus short names and chat words; cities mostly meant as cities
# (Paris, Lyon, Bordeaux, Rennes, Metz...) were taken out by hand.
_COMMON_WORDS = frozenset("""
abondance aigle aiguilles aire aires aix alan alex alix allier allons ally ames amy ange
angles angoisse anse appelle arcs argentine armes aron arrest ars athee attaques aube
aubin aucun aurons aveux avion avoine avril azur baby bach bains baleine ballon ballons
banlieue bannieres bar barils baron barre bars bart basses bats baume bay beaux berg
bernard berne bert besson bey bidon bien bille bio blanc blond bo bois bonhomme bonne
bonnes bonnet bono bords born borne bosse bou bouchon boue bouillante bouillie bouillon
boulot bouquet bourdon bourg bouteille brain branches bras bray breves brie brousse
brunet brusque bu buis buisson bulle bulles bure bus busy by cabanes cagnotte camarade
came campagne cannelle caro cars casses cast cause cavalerie caves celle celles centre
centres cercueil cerise cesse chaise chambre champagne champs change chantilly chapeau
chapelle chapelles charge charme charmes chars chateau chatte chaudiere chaussee chauve
chaux chemin chene cheville choisies choux cieux cite clans claviers clefs colombe
colonne comte conde confort conte contes contest contre coquille cordon corn corps cos
cote couches coudes courant courbes couronne cours courtes couture cox creances creuse
croix cros cry cultures cutting cuve dangers dauphin degre demie deserts detroit devise
diamant die don donjon doree doux douze drap dry dun dunes echelle echelles ecole ecurie
engins ens epine eps erin erre escale espere etais etalon etangs etoile eu eus eve
falaise faucon faux fay faye fermete fete feux fille fins flotte folie folies folles
fontaine fontaines force forestiere forge forges forteresse fosse fosses four fourneaux
fours frais francs frise fry gaillard garde gars gas gets gland goes gorges gouts graces
grand grange gras grasse grave gray grenade gres guise gy habit haies halles ham hanches
hans haye hermes his hommes hopital hotellerie hours irai irais iron island isle issus
jardin job joyeuse joyeux jsp juif jumeaux jumelles jure jury lacs lama lance landes
laps lasse lay laye lee lent lentilles leon leves levier lies ligne lilas lime linge
lisses loge loges long lorrain loue louer loupe lourde lourdes luc luce lucy lue lutter
lux luxe lys machine madeleine mage maille maillot maire maisons mana mano manoir many
marais marchais marche marches mare marges marie marin marines marne marques marquise
marre mars martel martyre mary mas mathieu maux mdr mene mens menton menus mer mere
messe mire miroir moisson monastere monnaie mons mont montagne monte monts morte motte
mouche mouches moule moulins mousse mouton moyen murs mus nancy ney nice non noue novel noyer
nuits oie ok oms ondes ongles oo orange orgueil ouais oui our oz pace paille palais
palme pannes parc parce parent pas passa passage pauvres peintre peintures pelouse
perche pere peri perron pia piano pierre pierres pieux pin pince pins pis pla place
places plaine plaisance plaisir plan planche planches plans plats pleure pleurs poil
poisson poissons pons pont ponts port porta portes poses possession precieux pres priez
prince publier puits pure puy py quarante quartier racines rai raids ramasse rancon rang
real relevant remy rene retail reunion reveillon ri riche richelieu riez ris rives
riviere rivieres robert roc roche rocher roches rom romain romaine romans ronde
roquettes rouge rouille routes routier roux rue russ ry sabres sache sai sains saint
saintes sales salle salles salon sana sand saul saurais sauvages sauve sees sen sens
sentinelle serez serpent serre serres sers servant seuil signes simple sion son sos
souche soudan soupir sourd souterraine soyons stage still suisse sure sus sy syndicat
table tablier tache taf talon tampon target tasse taule tech temple tendu teneur termes
terrasse this thor tierce titre tkt tombe tonnerre touche touches tour tourne tours
toussaint trait treve trinite tronche trop tulle union ur us uz vaillant val vallee
vanne vannes vaux ventes ver verger vers vert very veuve vienne viens vieux vif vignes
village ville villes vire vitre vives vogue voisines vou voue vue y yves
""".split())
# Small words inside a name that carry no identity (« Le Pas », « Champs-sur-Marne »).
_PARTICLES = frozenset("le la les l de du des d sur sous en et a au aux".split())
# Words that make what follows a place of residence: « j'habite à », « je vis sur »,
# « ville de », « originaire de ». SMS spellings included.
_STRONG_CUES = frozenset(
    "habite habites habitons habitez habitent habitais habitait habiter jhabite jhabitais "
    "jabite abite vis vit vivons vivez vivent vivais reside resides residons resident "
    "residant residante domicilie domiciliee originaire commune ville village localite".split()
)
# Prepositions that may introduce a place: weaker, « je suis de bonne humeur ».
_WEAK_CUES = frozenset("a au aux de du d des sur en dans vers pres".split())
# Grammar words that (nearly) never belong to a commune name, unlike « en », « sur », « la »,
# « à » or « notre »: a phrase holding one is no misspelt name (« j'habite chez ma mère »).
_FUNCTION_WORDS = frozenset(
    "je j tu il elle on nous vous ils elles moi toi lui eux me m te t se s y ma mon mes ta ton "
    "tes sa son ses nos votre vos leur leurs un une cet cette ces c avec pour par depuis "
    "pendant chez pas plus ne n ni ou mais donc car quand comme que qu qui quoi dont tout "
    "tous toute toutes ici labas loin actuellement maintenant toujours encore aussi seul "
    "seule tres trop bien mal suis sont ai as ont".split()
)
_CUE_WORDS = _STRONG_CUES | _WEAK_CUES | _ARTICLES  # never the start of a misspelt name
_NO_CUE, _WEAK, _STRONG = 0, 1, 2
# A commune named like a common word counts only for a town at least this big, after a
# strong cue (« j'habite à Orange ») or a weak one (« je suis sur Tours »).
_COMMON_WORD_MIN_POPULATION = {_STRONG: 10_000, _WEAK: 50_000}
# Without any cue, a name must look like a name (this many letters) and be a town, not a
# hamlet: a bare « la Villeneuve » is more likely a quartier, a bare « Lanester » is a town.
# A big city needs neither (« lyon », « metz »).
_BARE_NAME_MIN_LETTERS = 5
_BARE_NAME_MIN_POPULATION = 2_000
_BIG_CITY_POPULATION = 100_000
# A 5-digit number followed by these is money, not a postal code (« 35000 € »).
_MONEY_WORDS = frozenset("euros euro eur e k ke balles brut bruts net nets par".split())
_FUZZY_MAX_TOKENS = 4


def _cue(tokens: Sequence[str], start: int) -> int:
    """How strongly the words before ``tokens[start]`` announce a place."""
    j = start - 1
    while j >= 0 and tokens[j] in _ARTICLES:
        j -= 1
    if j >= 0 and tokens[j] in _WEAK_CUES:
        before = tokens[j - 1] if j > 0 else ""
        if before in _STRONG_CUES or (before == "suis" and tokens[j] in {"de", "d"}):
            return _STRONG  # « habite à », « ville de », « je suis de »
        return _WEAK
    return _STRONG if j >= 0 and tokens[j] in _STRONG_CUES else _NO_CUE


def _plausible(phrase: Sequence[str], cue: int, population: int) -> bool:
    """Whether ``phrase``, found in a sentence after ``cue``, may really name a commune."""
    core = [t for t in phrase if t not in _PARTICLES]
    if len(core) <= 1 and (not core or core[0] in _COMMON_WORDS):
        return cue != _NO_CUE and population >= _COMMON_WORD_MIN_POPULATION[cue]
    if cue != _NO_CUE:
        return True
    if population >= _BIG_CITY_POPULATION:
        return True
    return sum(map(len, core)) >= _BARE_NAME_MIN_LETTERS and population >= _BARE_NAME_MIN_POPULATION


def _trailing(geo: _Geo, tokens: Sequence[str], start: int) -> tuple[_Qualifier, int] | None:
    """A qualifier right after a mention (« saint denis dans le 93 »): (qualifier, end)."""
    j = start
    while j < len(tokens) and j < start + 3 and tokens[j] in _QUALIFIER_GLUE:
        j += 1
    for size in (3, 2, 1):
        if j + size <= len(tokens):
            qualifier = _qualifier(geo, tokens[j:j + size])
            if qualifier:
                return qualifier, j + size
    return None


# A mention found in a sentence: its candidates and the index of the token after it.
_Mention = tuple[list[Candidate], int]


def _exact_mention(geo: _Geo, tokens: Sequence[str], start: int, cue: int) -> _Mention | None:
    """Longest known name starting at ``start`` that is plausible there: (candidates, end)."""
    for size in range(min(geo.max_phrase_tokens, len(tokens) - start), 0, -1):
        phrase = tokens[start:start + size]
        hits = geo.by_phrase.get(" ".join(phrase))
        if not hits:
            continue
        population = max(_population(geo.communes[pos]) for pos, _, _ in hits)
        if _plausible(phrase, cue, population):
            matched = " ".join(phrase)
            found = [Candidate(geo.communes[pos], score, reason, matched) for pos, score, reason in hits]
            if cue == _STRONG:  # « j'habite a fougere »: Fougeré, or rather Fougères?
                found += _bigger_near_misses(geo, phrase, found)
            return found, start + size
    if cue == _NO_CUE:
        return None
    for size in range(min(geo.max_phrase_tokens, len(tokens) - start), 0, -1):
        phrase = tokens[start:start + size]  # « je bosse à Vitry » -> Vitry-sur-Seine...
        positions = geo.by_prefix.get(" ".join(phrase), ())[:_PREFIX_CANDIDATES]
        if positions and not all(t in _PARTICLES or t in _COMMON_WORDS for t in phrase):
            return [Candidate(geo.communes[pos], 0.9, "prefix", " ".join(phrase)) for pos in positions], start + size
    return None


def _fuzzy_mention(geo: _Geo, tokens: Sequence[str], start: int) -> _Mention | None:
    """Misspelt name right after a strong cue (« j'habite a vaux en velin »): (candidates, end)."""
    best: _Mention | None = None
    best_score = 0.0
    for size in range(min(_FUZZY_MAX_TOKENS, len(tokens) - start), 0, -1):
        phrase = tokens[start:start + size]
        if (phrase[-1] in _PARTICLES or any(t in _FUNCTION_WORDS for t in phrase)
                or all(t in _PARTICLES or t in _COMMON_WORDS for t in phrase)):
            continue  # « j'habite chez ma mère », « en ville »: no misspelt commune there
        found = [c for c in _fuzzy(geo, phrase, " ".join(phrase))
                 if _plausible(_tokens(c.commune.nom), _STRONG, _population(c.commune))]
        top = max((c.score for c in found), default=0.0)
        if top > best_score:  # longer phrases are tried first and kept on ties
            best, best_score = (found, start + size), top
    return best


def find_communes_in_text(text: str, limit: int = 5) -> list[Candidate]:
    """Communes mentioned in a free sentence, best first (at most ``limit``).

    « jai 19 ans jhabite a vaulx en velin g pa le permi » -> Vaulx-en-Velin. The longest
    known name wins (« vaulx en velin » over « vaulx »). A name that is also a common word
    (« pas », « y », « orange ») needs a cue such as « j'habite à » and a town big enough;
    a bare name needs 5+ letters and 2,000 inhabitants (or a big city); typos are only
    corrected right after a strong cue. A postal code always counts. Mentions keep their
    text order among equal scores.
    """
    geo = _geo()
    tokens = _tokens(text.replace("€", " euros "))
    mentions: list[Candidate] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if _POSTAL.match(token):
            following = tokens[i + 1] if i + 1 < len(tokens) else ""
            if following not in _MONEY_WORDS:
                mentions += [Candidate(c, 1.0, "postal-code", token) for c in communes_by_postal_code(token)]
            i += 1
            continue
        cue = _cue(tokens, i)
        if cue == _NO_CUE and i > 0 and tokens[i - 1] in _ARTICLES:
            i += 1  # « la Villeneuve » is not the commune Villeneuve: a quartier, a noun...
            continue
        found = _exact_mention(geo, tokens, i, cue)
        if found is None and cue == _STRONG and token not in _CUE_WORDS:
            found = _fuzzy_mention(geo, tokens, i)
        if found is None:
            i += 1
            continue
        candidates, i = found
        trailing = _trailing(geo, tokens, i)
        if trailing:
            qualifier, end = trailing
            narrowed = [c for c in candidates if _satisfies(c.commune, qualifier)]
            if narrowed:
                candidates, i = narrowed, end
        mentions += _ranked(candidates, len(candidates))
    unique: dict[str, Candidate] = {}
    for candidate in mentions:  # a commune named twice counts once, at its first mention
        unique.setdefault(candidate.commune.code_insee, candidate)
    return sorted(unique.values(), key=lambda c: -c.score)[:max(limit, 0)]
