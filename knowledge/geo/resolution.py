"""Resolving an answer to « Dans quelle commune habitez-vous ? »: the whole text is meant to be a place
(« st denis 93 », « marseille 13eme », « fougere », « 35300 »), ranked into Candidates."""

from __future__ import annotations

from typing import Iterable, Sequence

from knowledge.geo.index import _Geo, _geo, _population, _ranked
from knowledge.geo.lexicon import words
from knowledge.geo.names import (
    _ARRONDISSEMENT_WORDS,
    _CODE,
    _PARENTHESISED,
    _POSTAL,
    _deletions,
    _distance,
    _max_edits,
    _skeleton,
    _tokens,
    _within_one_edit,
)
from knowledge.geo.records import Candidate, Commune

# Words around a place name in an answer (« j'habite à Lyon », « ville de Rennes »).
_LEADING_FILLERS = words("leading_fillers")
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
    return [Candidate(geo.communes[pos], score, reason, matched) for pos, score, reason in geo.by_key.get(key, ())]


def _neighbours(geo: _Geo, probes: Iterable[str]) -> set[str]:
    """Compact keys filed under any of ``probes`` in the deletion neighbourhood."""
    return geo.typo_index.keys_near(probes)


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
        probes = {key[:i] + key[i + 1 : j] + key[j + 1 :] for j in range(len(key)) for i in range(j)}
        for other in _neighbours(geo, probes):
            if _distance(key, other, limit) <= limit:
                edits_by_key[other] = 2
    out: list[Candidate] = []
    for other, edits in edits_by_key.items():
        if other != key and edits <= limit:
            out += [
                Candidate(geo.communes[pos], round(score - 0.1 * edits, 2), "fuzzy", matched)
                for pos, score, _ in geo.by_key[other]
            ]
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
    longer = [
        Candidate(geo.communes[pos], 0.9, "prefix", matched)
        for pos in geo.by_prefix.get(matched, ())[:_PREFIX_CANDIDATES]
    ]
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


_QUALIFIER_GLUE = words("qualifier_glue")


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
        by_code = [Candidate(geo.communes[pos], 1.0, "postal-code", code) for pos in geo.by_postal.get(code, ())]
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
    # A number right after Paris, Lyon or Marseille is an arrondissement (« marseille 13 »), not the
    # city in the département of that number.
    arrondissements = [c for c in candidates if c.reason == "arrondissement" and c.score >= 1.0]
    return _ranked(arrondissements or candidates, limit)
