"""Finding communes in a free sentence, where most words are not places and a commune named like a
common word (« Pas », « Y », « Orange ») needs a cue such as « j'habite à »."""

from __future__ import annotations

from typing import Sequence

from knowledge.geo.index import _Geo, _geo, _population, _ranked, communes_by_postal_code
from knowledge.geo.lexicon import phrases, words
from knowledge.geo.names import _ARTICLES, _POSTAL, _tokens
from knowledge.geo.records import Candidate
from knowledge.geo.resolution import (
    _PREFIX_CANDIDATES,
    _QUALIFIER_GLUE,
    _bigger_near_misses,
    _fuzzy,
    _Qualifier,
    _qualifier,
    _satisfies,
)

_COMMON_WORDS = words("commune_common_words")
_NEVER_UNASKED = words("never_unasked")
_PARTICLES = words("particles")
_STRONG_CUES = words("strong_cues")
_BEING_VERBS = words("being_verbs")
_WEAK_CUES = words("weak_cues")
_FUNCTION_WORDS = words("function_words")
_MONEY_WORDS = words("money_words")
_CORRECTION_CUES = words("correction_cues")
_LOCUTIONS = phrases("not_a_place_locutions")
# « à côté de Lille », « près de Lille »: a landmark, not where the person lives, when another place is named.
_NEAR_WORDS = frozenset({"cote", "pres", "proche", "loin", "environs"})
_NEAR = -1  # ranks below a place named without any cue
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
_FUZZY_MAX_TOKENS = 4
# After a weak cue (« de », « à »), a short form counts only for a town this big (offered, to confirm).
_WEAK_PREFIX_MIN_POPULATION = 20_000
# A common word that starts a big city's name (« sur aix »: Aix-en-Provence, Aix-les-Bains…) is offered after a cue;
# one that starts only smaller towns' names (« au bar », « au salon ») is not.
_COMMON_PREFIX_MIN_POPULATION = _BIG_CITY_POPULATION


def _cue(tokens: Sequence[str], start: int) -> int:
    """How strongly the words before ``tokens[start]`` announce a place."""
    j = start - 1
    while j >= 0 and tokens[j] in _ARTICLES:
        j -= 1
    if j >= 0 and tokens[j] in _WEAK_CUES:
        before = tokens[j - 1] if j > 0 else ""
        if before in _STRONG_CUES or before in _BEING_VERBS:
            return _STRONG  # « habite à », « ville de », « je suis de », « jsuis sur »
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
            qualifier = _qualifier(geo, tokens[j : j + size])
            if qualifier:
                return qualifier, j + size
    return None


def _area_name_at(geo: _Geo, tokens: Sequence[str], start: int) -> int | None:
    """The end of a département's or région's name of several words starting at ``start``, else None. One-word
    names (« paris », « ain ») stay communes' business: the commune of that name is meant as often."""
    for size in (4, 3, 2):
        if start + size <= len(tokens):
            qualifier = _qualifier(geo, tokens[start : start + size])
            if qualifier and qualifier[0] in ("departement", "region"):
                return start + size
    return None


# A mention found in a sentence: its candidates and the index of the token after it.
_Mention = tuple[list[Candidate], int]


def _exact_mention(geo: _Geo, tokens: Sequence[str], start: int, cue: int) -> _Mention | None:
    """Longest known name starting at ``start`` that is plausible there: (candidates, end)."""
    for size in range(min(geo.max_phrase_tokens, len(tokens) - start), 0, -1):
        phrase = tokens[start : start + size]
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
        phrase = tokens[start : start + size]  # « j'habite à Vitry » -> Vitry-sur-Seine...
        positions = geo.by_prefix.get(" ".join(phrase), ())[:_PREFIX_CANDIDATES]
        if cue == _WEAK and positions and _population(geo.communes[positions[0]]) < _WEAK_PREFIX_MIN_POPULATION:
            continue  # « j'en peux plus » is no short form of Peux-et-Couffouleux; « de Brive » is Brive-la-Gaillarde
        common = all(t in _PARTICLES or t in _COMMON_WORDS for t in phrase)
        if (
            positions
            and not any(t in _NEVER_UNASKED for t in phrase)
            and (not common or _population(geo.communes[positions[0]]) >= _COMMON_PREFIX_MIN_POPULATION)
        ):
            return [Candidate(geo.communes[pos], 0.9, "prefix", " ".join(phrase)) for pos in positions], start + size
    return None


def _fuzzy_mention(geo: _Geo, tokens: Sequence[str], start: int) -> _Mention | None:
    """Misspelt name right after a strong cue (« j'habite a vaux en velin »): (candidates, end)."""
    best: _Mention | None = None
    best_score = 0.0
    for size in range(min(_FUZZY_MAX_TOKENS, len(tokens) - start), 0, -1):
        phrase = tokens[start : start + size]
        if (
            phrase[-1] in _PARTICLES
            or any(t in _FUNCTION_WORDS or t in _NEVER_UNASKED for t in phrase)
            or all(t in _PARTICLES or t in _COMMON_WORDS for t in phrase)
        ):
            continue  # « j'habite chez ma mère », « en ville »: no misspelt commune there
        found = [
            c
            for c in _fuzzy(geo, phrase, " ".join(phrase))
            if _plausible(_tokens(c.commune.nom), _STRONG, _population(c.commune))
        ]
        top = max((c.score for c in found), default=0.0)
        if top > best_score:  # longer phrases are tried first and kept on ties
            best, best_score = (found, start + size), top
    return best


def locution_end(tokens: Sequence[str], start: int) -> int | None:
    """The end of a way of moving or a position said at ``start`` (« a pied », « a cote », « a la maison »), else None:
    its words are never a place, whatever cue precedes them (play-test F: « jsuis a pied » was Pied-de-Borne)."""
    for phrase in _LOCUTIONS:
        if tuple(tokens[start : start + len(phrase)]) == phrase:
            # « à Côte-Saint-André », « à La Rue-Saint-Pierre »: a longer commune name that starts like it stays one.
            phrases = _geo().by_phrase
            tail = range(start + len(phrase) + 1, min(len(tokens), start + 1 + _geo().max_phrase_tokens) + 1)
            if any(" ".join(tokens[first:end]) in phrases for first in (start, start + 1) for end in tail):
                return None
            return start + len(phrase)
    return None


def _long_name_at(geo: _Geo, tokens: Sequence[str], start: int) -> bool:
    """Whether a commune's name of three words or more starts at ``start``: « la ville du bois », « la ville aux
    dames » begin with everyday words, but the whole name is no everyday phrase."""
    return any(
        " ".join(tokens[start : start + size]) in geo.by_phrase
        for size in range(3, min(geo.max_phrase_tokens, len(tokens) - start) + 1)
    )


def _last_correction(tokens: Sequence[str]) -> int:
    """The index after the last correction word (« enfin », « plutôt », « en fait »), 0 when there is none."""
    for j in range(len(tokens) - 1, -1, -1):
        if tokens[j] in _CORRECTION_CUES and (tokens[j] != "fait" or (j > 0 and tokens[j - 1] == "en")):
            return j + 1
    return 0


def _after_near_word(tokens: Sequence[str], start: int) -> bool:
    """« à côté de Lille », « près de Lyon », « pas loin de Nantes »."""
    j = start - 1
    while j >= 0 and tokens[j] in _ARTICLES:
        j -= 1
    return j >= 1 and tokens[j] in ("de", "d", "du", "des") and tokens[j - 1] in _NEAR_WORDS


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
    mentions: list[tuple[int, Candidate]] = []
    # « jhabite a mende … enfin a coté a badaroux »: the places after the last correction word win.
    corrected_from = _last_correction(tokens)
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if _POSTAL.match(token):
            following = tokens[i + 1] if i + 1 < len(tokens) else ""
            if following not in _MONEY_WORDS:
                mentions += [(_STRONG, Candidate(c, 1.0, "postal-code", token)) for c in communes_by_postal_code(token)]
            i += 1
            continue
        named = _area_name_at(geo, tokens, i) or locution_end(tokens, i)
        if named:
            i = named  # « pas de calais » is the département, not Calais; « la réunion », the région; « a pied »
            continue
        if token in _NEVER_UNASKED and not _long_name_at(geo, tokens, i):
            i += 1  # « alors », « plus », « rien »: never the start of a place in a sentence
            continue
        cue = _cue(tokens, i)
        if cue == _NO_CUE and i > 0 and tokens[i - 1] in _ARTICLES:
            i += 1  # « la Villeneuve » is not the commune Villeneuve: a quartier, a noun...
            continue
        start = i
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
        rank = _NEAR if _after_near_word(tokens, start) else cue
        if start < corrected_from:
            rank = _NEAR - 1  # said before the person corrected themselves
        mentions += [(rank, c) for c in _ranked(candidates, len(candidates))]
    # « j'ai vécu à Paris mais maintenant j'habite à Évreux »: where the person lives outranks where
    # they went, worked or come from.
    strongest = max((cue for cue, _ in mentions), default=_NO_CUE)
    mentions = [c for cue, c in mentions if cue == strongest or c.reason == "postal-code"]
    unique: dict[str, Candidate] = {}
    for candidate in mentions:  # a commune named twice counts once, at its first mention
        unique.setdefault(candidate.commune.code_insee, candidate)
    return sorted(unique.values(), key=lambda c: -c.score)[: max(limit, 0)]
