"""Quartiers named in what people type: « quartier de la Villeneuve », « la cité des 4000 », « j'habite
aux Minguettes à Vénissieux », or a short answer to « Dans quel quartier ? » (« le blosne »).

There is no table of quartiers here: the name is kept as typed (trimmed), for the matcher and the
conseiller; whether it is a quartier prioritaire is asked, not guessed."""

from __future__ import annotations

import re
from typing import Optional, Sequence, Tuple

from knowledge.geo.lexicon import words
from knowledge.geo.names import _fold
from knowledge.text import CLAUSE, CLAUSE_END

_NEVER_UNASKED = words("never_unasked")
_NEVER_QUARTIER = words("never_quartier")
_NOT_A_START = words("not_a_quartier_start")
_FUNCTION_WORDS = words("function_words")
_CLAUSE_STARTS = words("clause_start_words")
_MAX_WORDS = 5
# « quartier prioritaire », « cité QPV » say what kind of quartier, not its name (reading/qpv.py reads them).
_KIND_WORDS = frozenset({"prioritaire", "prioritaires", "qpv", "zus", "politique", "sensible", "sensibles"})
_ARTICLES = frozenset({"le", "la", "les", "l", "de", "du", "des", "d"})
# Leading words of an answer that are not the name: « jsuis à la », « j'habite dans le quartier du ».
# « je vous ai dit le mirail », « c'est la Villeneuve »: said again, or the name introduced.
# « je vien de te dire frais vallon », « jsais pas c vers franc moisin » (« c » for « c'est »).
_SAID = (
    r"(?:(?:je|j)\s+(?:vous\s+|te\s+|t\s+)?(?:l\s+)?ai\s+(?:deja\s+)?dit\s+|jvous\s+ai\s+dit\s+|jai\s+dit\s+|jtai\s+dit\s+"
    r"|(?:je\s+|j)viens?\s+de\s+(?:(?:te|vous)\s+)?(?:le\s+)?dire\s+|c\s+est\s+|cest\s+|c\s+"
    # « ben jte dis l'alma », « je vous dis la Busserine » (play-test F)
    r"|(?:je\s+|j)(?:te|vous|t)\s+dis\s+|jte\s+dis\s+|jvous\s+dis\s+|jdis\s+|je\s+dis\s+"
    # « i said it, the mirail », « it's the mirail » (play-test H h02, in English)
    r"|i\s+(?:already\s+)?(?:said|told\s+you|wrote)(?:\s+it)?\s+|(?:it\s+s|its|it\s+is)\s+)?"
)
# « ben », « bah », « euh » before an answer say nothing.
_INTERJECTIONS = r"(?:(?:ben|bah|ba|beh|euh|bon|bref)\s+)*"
# « mirail i said », « Neuhof je l'ai écrit »: said again after the name.
_SAID_TAIL = re.compile(
    r"\s+(?:(?:je|j)\s+(?:vous\s+|te\s+)?(?:l\s+)?ai\s+(?:deja\s+)?(?:dit|ecrit)|jl\s*ai\s+(?:dit|ecrit)"
    r"|jvous\s+(?:l\s+)?ai\s+dit|jtai\s+dit|jlai\s+(?:dit|ecrit)|i\s+(?:already\s+)?(?:said|told\s+you|wrote))\b.*$"
)
# The same words and nothing else: « i said it », « je te l'ai déjà dit » as a whole clause.
_ONLY_SAID = re.compile(_SAID_TAIL.pattern.replace(r"\b.*$", r"(?:\s+it)?\s*$"))
# A conseiller answers for the person: « il habite à l'Alma », « elle est à la Villeneuve ».
_LEAD = re.compile(
    rf"\s*{_INTERJECTIONS}{_SAID}(?:(?:je|j|moi|il|elle|on)\s+)?(?:(?:suis|jsuis|chui|chuis|est|habite|jhabite|vis|vit|jvis|reste)\b)?\s*"
    r"(?:(?:a|au|aux|dans|sur|en|vers|in)\b)?\s*(?:(?:les|le|la|l|the)\s+)?(?:quartiers?\s+)?(?:(?:de|du|des|d)\s+)?(?:(?:les|la|l)\s+)?"
)
_LEADING_ARTICLES = re.compile(r"\s*(?:(?:de|du|des|d)\s+)?(?:(?:les|le|la|l)\s+)?")
# « quartier X », « cité X », or « aux/au/à la X » right after « j'habite » and before « à <commune> ».
_NAMED = re.compile(
    r"\b(?P<kind>quartiers?|cites?)\s+(?P<name>[a-z0-9][a-z0-9 ]{1,40}?)(?=\s+(?:a|sur|de|et|mais|je|j|jai|g)\s|\s*$)"
)
_LIVE_IN = re.compile(
    r"\b(?:habite|jhabite|vis|jvis|vit|suis|jsuis|appartement|appart|studio|logement)\s+"
    r"(?:aux|au|a la|a l|dans le quartier(?: des| du| de la| de)?)\s+"
    r"(?P<name>[a-z0-9][a-z0-9 ]{1,30}?)\s+(?:a|sur)\s+[a-z]"
)
# « je vis à la Paillade et j'aimerais… », « j'habite aux Izards, j'ai 20 ans »: no commune after the name, so only
# after a verb of living (not « je suis à la », said of anything) and up to a clause's end (see _clause_end).
_LIVE_IN_CLAUSE = re.compile(
    r"\b(?:habite|jhabite|vis|jvis|vit)\s+(?:aux|au|a la|a l)\s+(?P<name>[a-z0-9][a-z0-9 ]{1,30}?)"
    r"(?=\s+(?:et|mais|je|j|jai|g|depuis|avec|chez|pour|donc)\s|\s*$)"
)


# Punctuation and quotes around a quartier's name, taken off both ends (a set of characters, not a word).
_EDGE_PUNCTUATION = '()[]{}.,;:!?"« » '


def same_length_fold(text: str) -> str:
    """Lowercase, accent-less, non-alphanumerics as spaces, the same length as ``text`` (see _clean)."""
    return _clean(text)


def _clean(text: str) -> str:
    """Lowercase, accent-less, non-alphanumerics as spaces, and the SAME LENGTH as ``text``, so that
    a span found here is the span of the name as typed (« Duchère », not « duchere »)."""
    out = []
    for char in text:
        folded = _fold(char)
        out.append(folded if len(folded) == 1 and (folded.isascii() and folded.isalnum()) else " ")
    return "".join(out)


def _is_a_name(name: str) -> bool:
    # Words apart from hyphens and apostrophes too: « Frais-Vallon » is two words, both letters.
    tokens = re.findall(r"[a-z0-9]+", _fold(name).lower())
    if not 0 < len(tokens) <= _MAX_WORDS or not any(t.isalpha() for t in tokens):
        return False
    return not any(
        t in _NEVER_UNASKED or t in _FUNCTION_WORDS or t in _KIND_WORDS or t in _NEVER_QUARTIER
        for t in tokens
        if t not in _ARTICLES
    )


def _as_typed(text: str, clean: str, start: int, end: int) -> str:
    """The name as typed, without a leading « de la », « des », « l' »."""
    lead = _LEADING_ARTICLES.match(clean, start)
    if lead and lead.end() < end:
        start = lead.end()
    return _as_written(text[start:end])


def _as_written(name: str) -> str:
    """Spaces tidied, the apostrophe kept (« l'Alma », not « l Alma »: the conseiller reads this name)."""
    return " ".join(name.replace("’", "'").split())[:60]


def _clause_end(text: str, start: int, end: int) -> int:
    """``end``, or the first punctuation between ``start`` and it."""
    stop = CLAUSE_END.search(text, start, end)  # the name stops there
    return stop.start() if stop else end


def find_quartier(text: str) -> Optional[Tuple[str, int, int]]:
    """A quartier named with a cue in a sentence, with its span in ``text`` (name, start, end), or None.
    The span lets the commune reader skip it: « au Chaudron à Saint-Denis » is no misspelt Chaudon.
    Each clause is read apart: « quartier Amiens Nord, hébergé en CHRS » ends the name at the comma."""
    clean = _clean(text)
    clauses = [m.span() for m in CLAUSE.finditer(text)]
    for clause_start, clause_end in clauses:
        match = _NAMED.search(clean, clause_start, clause_end)
        if match:
            start, end = match.span("name")
            if match.group("kind").startswith("cite"):
                start = match.start("kind")  # « la cité des 4000 » is the name
                name = " ".join(text[start:end].split())[:60]
            else:
                name = _as_typed(text, clean, start, end)
            return (name, start, end) if _is_a_name(name) else None
    for pattern in (_LIVE_IN, _LIVE_IN_CLAUSE):
        for clause_start, clause_end in clauses:
            match = pattern.search(clean, clause_start, clause_end)
            if match:
                start, end = match.span("name")
                name = _as_typed(text, clean, start, end)
                if pattern is _LIVE_IN_CLAUSE and _is_a_commune(clean[match.start("name") - 3 : end]):
                    return None  # « j'habite à la Rochelle »: no commune follows, so a commune's name is the commune
                first = clean[start:end].split()[:1]
                if not first or first[0] in _NOT_A_START or re.fullmatch(r"\d+(?:e|er|eme|ieme)", first[0]):
                    return None  # « au 3e étage », « au nord de Lyon », « à la ferme »: no quartier
                if _commune_runs_past(clean, start, end):
                    return None
                return (name, start, end) if _is_a_name(name) else None
    return None


def _commune_runs_past(clean: str, start: int, end: int) -> bool:
    """Whether a commune's name, with the article just before ``start``, runs on past ``end``: « j'habite à la Roche
    sur Yon » names La Roche-sur-Yon, not the quartier « Roche » of a commune « Yon »."""
    from knowledge.geo.index import _geo

    before = clean[:start].split()
    lead = before[-1:] if before and before[-1] in ("la", "le", "les", "l") else []
    spans = [m.end() for m in re.finditer(r"[a-z0-9]+", clean[start : start + 80])]
    tokens = lead + clean[start : start + 80].split()[: len(spans)]
    phrases = _geo().by_phrase
    for size in range(min(len(tokens), 6), len(lead) + 1, -1):
        last = start + spans[size - len(lead) - 1]
        if last > end and any(kind == "exact" for _, _, kind in phrases.get(" ".join(tokens[:size]), ())):
            return True
    return False


def _is_an_area(words: str) -> bool:
    """« le port à la réunion »: a région or a département after the commune, not a quartier."""
    from knowledge.geo.index import _geo

    return "".join(words.split()) in _geo().place_qualifiers


def _is_a_commune(words: str) -> bool:
    """Whether ``words`` (maybe after « la », « le », « l' ») is exactly a commune's name."""
    from knowledge.geo.index import _geo

    tokens = words.split()
    phrases = _geo().by_phrase
    return any(" ".join(tokens[i:]) in phrases for i in range(min(2, len(tokens))) if tokens[i:])


def _is_exactly_a_commune(words: str) -> bool:
    """« Lyon Villeurbanne »: a commune's exact name, not « Bastide » (an alias of La Bastide) at Bordeaux."""
    from knowledge.geo.index import _geo

    return any(kind == "exact" for _, _, kind in _geo().by_phrase.get(" ".join(words.split()), ()))


def quartier_in_text(text: str) -> Optional[str]:
    """A quartier named with a cue in a sentence, or None."""
    found = find_quartier(text)
    return found[0] if found else None


def quartier_after_commune(
    text: str, commune_words: Sequence[str], loose: bool = False, bare: bool = False
) -> Optional[str]:
    """A quartier named right after the commune: « Toulouse, au Mirail (Bellefontaine) », « vaulx en velin au mas du
    taureau », « Lyon 8e (Mermoz) », « paris 18 vers la goutte dor », « Toulouse du côté de Bagatelle ».
    ``commune_words``: the commune's name as words (« vaulx en velin »).
    ``loose``: « à », « sur » also announce it (« marseille 13eme a frais vallon »): the caller checks the name.
    ``bare``: no word at all (« Strasbourg Neuhof »): the caller checks the name (reading/quartier.py)."""
    if not commune_words:
        return None
    clean = _clean(text)
    city = r"\s+".join(re.escape(w) for w in commune_words)
    after = re.compile(
        rf"\b{city}(?:\s+\d{{1,2}}(?:e|er|eme|ieme)?)?\s+"
        r"(?P<prep>(?:au|aux|a la|a l|dans le quartier(?: des| du| de la| de)?|quartier(?: des| du| de la| de)?"
        r"|in the|in|vers (?:la|le|les|l)|du cote (?:de la|de l|des|du|de|d)" + (r"|a|sur" if loose else "") + r")\s+)?"
        r"(?P<name>[a-z0-9][a-z0-9 ]{1,80}?)(?=\s+(?:et|mais|je|j|jai|g|il|elle|a|sur)\s|\s*$|\s{2})"
    )
    for match in after.finditer(clean):
        start, end = match.span("name")
        bracketed = "(" in text[match.start(0) : start]
        if not match.group("prep") and not bracketed and not bare:
            continue  # « lyon et je cherche »: a preposition or brackets say a quartier follows
        stop = text.find(")", start) if bracketed else -1
        end = stop if stop > start else _clause_end(text, start, end)
        end = _before_next_clause(clean, start, end)
        name = _as_typed(text, clean, start, end)
        first = clean[start:end].split()[:1]
        if not first or first[0] in _NOT_A_START or _is_exactly_a_commune(clean[start:end]):
            continue  # « Lyon centre », « vers la gare », « Lyon Villeurbanne »: no quartier
        if _is_a_name(name) and not _is_an_area(clean[start:end]):
            return name
    return None


def _before_next_clause(clean: str, start: int, end: int) -> int:
    """The name stops before a word that starts the next clause in an SMS without commas (« roubaix a l'alma jcherche
    un apprentissage »: « alma »); its first word is kept whatever it is."""
    for word in re.finditer(r"[a-z0-9]+", clean[start:end]):
        if word.start() > 0 and (word.group() in _CLAUSE_STARTS or word.group() in _FUNCTION_WORDS):
            return start + len(clean[start : start + word.start()].rstrip())
    return end


def is_proper_name(name: str) -> bool:
    """« Wazemmes », « Bastide », « Part-Dieu » as typed: every word capitalised, and none shouted in capitals."""
    tokens = re.findall(r"[^\W\d_]+", name)
    words = [t for t in tokens if len(t) > 1]
    return bool(words) and all(t[0].isupper() and not t.isupper() for t in words)


def quartier_answer(text: str) -> Optional[str]:
    """The name in a short answer to the quartier question, or None when it is no name (« rien »,
    « jcrois pas », « non »)."""
    named = quartier_in_text(text)
    if named:
        return named
    clean = _clean(text)
    if _ONLY_SAID.match(" " + clean.strip()):
        return None  # « i said it », « je te l'ai déjà dit »: said again, no name in this clause (play-test H)
    lead = _LEAD.match(clean, len(clean) - len(clean.lstrip()))
    start = lead.end() if lead and lead.end() < len(clean.rstrip()) else 0
    if set(clean[:start].split()) <= {"les", "le", "la", "l"}:
        start = 0  # « la Villeneuve » answered alone: the article is part of the name
    tail = _SAID_TAIL.search(clean, start)
    end = tail.start() if tail and tail.start() > start else len(text)
    name = _as_written(text[start:end]).strip(_EDGE_PUNCTUATION)
    first = clean[start:end].split()[:1]
    if first and first[0] in _NOT_A_START:
        return None  # « il est rive droite »: an area, not a quartier's name (play-test E)
    return name if _is_a_name(name) else None
