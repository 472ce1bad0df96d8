"""Names as people type them: folding (accents, case, « st »), tokens, phonetic skeletons, and the
edit distances the typo search uses."""

from __future__ import annotations

import re
import unicodedata

from knowledge.geo.lexicon import mapping, words

_ABBREVIATIONS = mapping("abbreviations")
# "13e", "13eme", "13ème", "1er", "2nd": one canonical ordinal token, "13e".
_ORDINAL = re.compile(r"^(\d{1,2})(?:e|er|ere|eme|ieme|em|me|nd|nde)$")
_ARTICLES = words("articles")
_LEADING_ARTICLE = re.compile(r"^(?:les?|la|l['’])[\s-]*", re.IGNORECASE)
_PARENTHESISED = re.compile(r"\(([^()]*)\)")
_ARRONDISSEMENT_WORDS = words("arrondissement_words")
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
    out = {word[:i] + word[i + 1 :] for i in range(len(word))}
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
        return a[i + 1 :] == b[i:]
    if len(a) < len(b):
        return a[i:] == b[i + 1 :]
    if a[i + 1 :] == b[i + 1 :]:
        return True  # substitution
    return a[i] == b[i + 1 : i + 2] and a[i + 1 : i + 2] == b[i] and a[i + 2 :] == b[i + 2 :]  # swap


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
