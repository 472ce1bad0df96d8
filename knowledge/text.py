"""Text normalisation shared by every parser: people type without accents, in capitals, with SMS spelling."""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans({"’": "'", "`": "'", "´": "'", "‘": "'", "œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"})


# What ends a clause in a message as typed, and a clause itself: a list of facts (« au RSA, CAP petite enfance »),
# a name that stops at its comma or bracket (« au Mirail (Bellefontaine) » is « Mirail »).
CLAUSE_END = re.compile(r"[,;.!?()\n]+")
CLAUSE = re.compile(r"[^,;.!?()\n]+")


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def normalize(text: str) -> str:
    """Lower case, no accents, apostrophes and punctuation as spaces, single spaces."""
    text = strip_accents(text.translate(_APOSTROPHES)).lower()
    text = re.sub(r"[^a-z0-9/.,]+", " ", text)
    return " ".join(text.split())


# A thumbs up answers « oui », a thumbs down « non » (any skin tone). Only a message made of such signs
# is an answer: « 👍 merci » is a thank-you.
_YES_SIGNS = frozenset("👍👌✅✔☑🆗🙆")
_NO_SIGNS = frozenset("👎❌✖🙅🚫")
_DECORATION = re.compile("[\\s\ufe0f\u200d\U0001f3fb-\U0001f3ff!.]")


def emoji_answer(text: str) -> bool | None:
    """True for « 👍 », « 👍🏽👍 », « ✅ »; False for « 👎 », « ❌ »; None for anything else."""
    signs = set(_DECORATION.sub("", text or ""))
    if signs and signs <= _YES_SIGNS:
        return True
    if signs and signs <= _NO_SIGNS:
        return False
    return None


# A shrug is « je ne sais pas »; a raised hand or a wave, sent alone as a first message, is a greeting.
_DONT_KNOW_SIGNS = frozenset("🤷")
_HELLO_SIGNS = frozenset("🙋👋")
# The gender signs of « 🤷‍♂️ », « 🙋‍♀️ » (joined by U+200D, removed with the decoration).
_GENDER = re.compile("[\u2640\u2642]")


def _signs(text: str) -> set:
    return set(_GENDER.sub("", _DECORATION.sub("", text or "")))


def emoji_meaning(text: str) -> str | None:
    """The words a message made only of answer signs means, for the NLU: « oui », « non », « je ne sais pas »,
    « bonjour »; None for any other message (« 🙋 bonjour » is read as typed)."""
    answer = emoji_answer(text)
    if answer is not None:
        return "oui" if answer else "non"
    signs = _signs(text)
    if signs and signs <= _DONT_KNOW_SIGNS:
        return "je ne sais pas"
    if signs and signs <= _HELLO_SIGNS:
        return "bonjour"
    return None


# Faces, hearts and their modifiers: decoration around words (« coucou 😊 » was « Pardon, je n'ai pas compris »,
# play-test E: the model had never seen the smiley). The answer signs above are not decoration when alone.
_SMILEYS = re.compile(
    "[\U0001f600-\U0001f64f\U0001f910-\U0001f92f\U0001f970-\U0001f97a\u263a\u2764\u2665"
    "\U0001f495-\U0001f49f\ufe0f\u200d\U0001f3fb-\U0001f3ff]+"
)


def without_smileys(text: str) -> str:
    """« coucou 😊 » → « coucou »: the words for the NLU. A message with no word left is returned as it was."""
    cleaned = " ".join(_SMILEYS.sub(" ", text or "").split())
    return cleaned if cleaned and cleaned != " ".join((text or "").split()) else text


def bounded(text: str, limit: int) -> str:
    """At most `limit` characters: the head and the tail of a longer message, cut at spaces.

    People state their situation at the start (« Bonjour, j'ai 20 ans… ») or sum it up at the end of a
    long story (« …bref 20 ans, Grenoble, formation »); the middle is the story. Keeping both ends keeps
    the facts while the work of the NLU (slower with every token) and of the parsers stays bounded."""
    if len(text) <= limit:
        return text
    gap = " … "
    head_size = (limit - len(gap)) // 2
    tail_size = limit - len(gap) - head_size
    head, tail = text[:head_size], text[len(text) - tail_size :]
    # Do not cut a word in two (« Grenoble » must stay whole); a text with no space is cut where it is.
    if " " in head[head_size // 2 :]:
        head = head[: head.rindex(" ")]
    if " " in tail[: tail_size // 2]:
        tail = tail[tail.index(" ") + 1 :]
    return f"{head}{gap}{tail}"
