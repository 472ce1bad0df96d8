"""Finds danger signals in one message. The patterns are data (knowledge/data/safety/signaux.yaml)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, List, Pattern, Tuple

import yaml

from knowledge.text import strip_accents
from reading.safety import shown_names
from reading.safety.model import THRESHOLD, probability

SIGNALS_FILE = Path(__file__).resolve().parents[2] / "knowledge" / "data" / "safety" / "signaux.yaml"
# Long messages are read whole (danger is often said last), but within a bound that keeps the work
# small: the head and the tail, where people put what matters.
MAX_READ_CHARS = 20_000
_MACRO = re.compile(r"\{([A-Z_]+)\}")
_REPEATS = re.compile(r"([a-z])\1{2,}")
# SMS contractions of « je »: « jme », « jveux », « jsuis », « jdors » (no French word starts with j and a
# consonant), and the few with a vowel: « jai », « jen », « jattends »… are split so that the patterns see
# « j me », « j veux ».
_J_CONSONANT = re.compile(r"\bj(?=[bcdfghklmnpqrstvwxz][a-z])")
_J_VOWEL = re.compile(
    r"\bj(?=(?:ai|en|y|etais|etait|avais|attends|arrive|avale|aime|essaie|ecris|aurais|irai|arrete|"
    r"oublie|ecoute|ose|entends|aimerais|etai|habite|hesite|existe|espere|envoie)\b)"
)
# Elisions typed without the apostrophe: « cest », « quil », « dla ».
_ELIDED = {
    "cest": "c est",
    "quil": "qu il",
    "quils": "qu ils",
    "quelle": "qu elle",
    "quon": "qu on",
    "dla": "de la",
    "lair": "l air",
    "jtai": "j t ai",
    "ya": "il y a",
}
_ELISIONS = re.compile(r"\b(?:" + "|".join(_ELIDED) + r")\b")
_WORD = re.compile(r"[a-z']+")

# The signals a message may carry, in the order the answer considers them.
DANGER_SIGNALS = ("suicide", "violence", "expulse", "sans_abri", "sante", "grossesse", "faim", "detresse")
# Set by the second net alone: worrying, but no pattern says what about.
MODEL_SIGNAL = "inquietude"
MODEL_MIN_WORDS = 4


@dataclass(frozen=True)
class Detection:
    """What one message signals. `signals` ⊆ DANGER_SIGNALS (+ « inquietude » when only the second net,
    reading/safety/model.py, finds the message worrying); `age_hint` is « mineur », « majeur » or None."""

    signals: FrozenSet[str]
    age_hint: str | None = None
    english: bool = False

    @property
    def alarming(self) -> bool:
        return bool(self.signals) or self.english


@dataclass(frozen=True)
class _Signal:
    motifs: Tuple[Pattern[str], ...]
    exclusions: Tuple[Pattern[str], ...]
    annulations: Tuple[Pattern[str], ...] = ()


@dataclass(frozen=True)
class _Lexicon:
    signals: Dict[str, _Signal]
    distress_emoji: FrozenSet[str]
    english_words: FrozenSet[str]
    french_words: FrozenSet[str]
    english_alone: FrozenSet[str]
    english_phrases: Tuple[Pattern[str], ...]
    plain_answers: Tuple[Pattern[str], ...]  # whole messages the second net does not judge
    ordinary_clauses: Tuple[Pattern[str], ...]  # clauses the second net sets aside in a short message


def normalise(text: str) -> str:
    """Lower case, no accents, apostrophes and punctuation as spaces, letters said thrice kept once."""
    text = strip_accents(text.replace("’", "'")).lower()
    text = re.sub(r"[^a-z0-9]+", " ", text)
    text = _REPEATS.sub(r"\1", text)
    text = _J_VOWEL.sub("j ", _J_CONSONANT.sub("j ", text))
    text = _ELISIONS.sub(lambda m: _ELIDED[m.group(0)], text)
    return " ".join(text.split())


def _compile(expression: str, macros: Dict[str, str]) -> Pattern[str]:
    # A macro may use another (DEPUIS uses QUAND): expand until none is left, a few levels at most.
    for _ in range(4):
        expression = _MACRO.sub(lambda m: macros[m.group(1)], expression)
    if _MACRO.search(expression):
        raise ValueError(f"macros nested too deep in {expression[:80]!r}")
    return re.compile(expression)


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    data = yaml.safe_load(SIGNALS_FILE.read_text(encoding="utf-8"))
    macros = data.get("macros") or {}
    signals = {
        name: _Signal(
            motifs=tuple(_compile(e, macros) for e in spec.get("motifs") or ()),
            exclusions=tuple(_compile(e, macros) for e in spec.get("exclusions") or ()),
            annulations=tuple(_compile(e, macros) for e in spec.get("annulations") or ()),
        )
        for name, spec in data["signaux"].items()
    }
    english = data["anglais"]
    return _Lexicon(
        signals=signals,
        distress_emoji=frozenset(data["emoji_detresse"]),
        english_words=frozenset(w.replace("'", "") for w in english["mots"]),
        english_alone=frozenset(english["seuls"]),
        french_words=frozenset(english["mots_francais"]),
        english_phrases=tuple(re.compile(p) for p in english["phrases"]),
        plain_answers=tuple(_compile(e, macros) for e in data.get("reponses_ordinaires") or ()),
        ordinary_clauses=tuple(_compile(e, macros) for e in data.get("propos_ordinaires") or ()),
    )


def _bounded(text: str) -> str:
    if len(text) <= MAX_READ_CHARS:
        return text
    half = MAX_READ_CHARS // 2
    return text[:half] + " . " + text[-half:]


def _holds(signal: _Signal, text: str) -> bool:
    if any(annulation.search(text) for annulation in signal.annulations):
        return False
    for exclusion in signal.exclusions:
        text = exclusion.sub(" | ", text)
    return any(motif.search(text) for motif in signal.motifs)


def model_text(norm: str) -> str:
    """What the second net reads: the normalised text with every exclusion blanked (« me frappe pas »,
    « mort de rire » say there is no danger, for the model as for the patterns)."""
    for signal in _lexicon().signals.values():
        for exclusion in signal.exclusions:
            norm = exclusion.sub(" ", norm)
    return " ".join(norm.split())


# « jsuis au tonkin », « chui a la duchere »: where one lives, said the way one says how one is (play-test F: the
# net read « j suis au » + an unknown word as distress). A word of an official QPV's name after these is a place.
# At the end of the message a conseiller's « il est au … » and a few more words count too; inside it, only the
# first person and the plainer prepositions.
_I_LIVE = r"j suis|je suis|chui|chuis|j habite|je vis|j vis"
_AT = r"au|aux|a la|a l|a|dans le|dans la|vers le|vers la|vers"
_PLACE = re.compile(
    rf"\b(?:{_I_LIVE}|il est|elle est|il habite|elle habite) (?:dans les|vers les|du cote de|{_AT}) (?P<word>[a-z]+)"
    rf"(?: [a-z]+){{0,2}}\s*$|\b(?:{_I_LIVE}) (?:{_AT}) (?P<inner>[a-z]+)\b"
)


def _without_places(text: str) -> str:
    """The text without « jsuis au <quartier> » clauses whose word names an official QPV (knowledge/geo/qpv.py)."""
    from knowledge.geo.qpv import is_quartier_word

    def blank(match: re.Match) -> str:
        word = match.group("word") or match.group("inner")
        return " " if is_quartier_word(word) else match.group(0)

    return " ".join(_PLACE.sub(blank, text).split())


def _net_alarms(text: str, lexicon: _Lexicon) -> bool:
    """Whether the second net finds the model's text in danger. A message that is little more than ordinary
    clauses about the bot's topics (« et pour le médecin ? », « jsuis au rsa ») is judged on what is left: the
    net had learnt « médecin », « depuis » from messages in danger, and such a short question is no sentence.
    What is left must then look like danger by itself (« jsuis plus au lycée, jai peur » still does)."""
    if len(text.split()) < MODEL_MIN_WORDS or probability(text) < THRESHOLD:
        return False
    placed = _without_places(text)
    if placed != text:  # a place said: the rest of the message is judged on its own
        if not placed:
            return False
        if len(placed.split()) < MODEL_MIN_WORDS:
            return probability(placed) >= THRESHOLD
        return _net_alarms(placed, lexicon)
    rest = text
    for clause in lexicon.ordinary_clauses:
        rest = clause.sub(" ", rest)
    rest = " ".join(rest.split())
    return len(rest.split()) >= MODEL_MIN_WORDS or (bool(rest) and probability(rest) >= THRESHOLD)


def _only_emoji(raw: str) -> bool:
    return bool(raw.strip()) and not re.search(r"[A-Za-z0-9À-ÿ]", raw)


def _is_english(words: List[str], norm: str, lexicon: _Lexicon) -> bool:
    if any(p.search(norm) for p in lexicon.english_phrases):
        return True
    if len(words) == 1:
        return words[0] in lexicon.english_alone
    english = sum(1 for w in words if w in lexicon.english_words)
    french = sum(1 for w in words if w in lexicon.french_words)
    # Two different English words at least: « yes yes », « hello hello » are said in French too.
    return len({w for w in words if w in lexicon.english_words}) >= 2 and english > french


def names_alarm(norm: str) -> bool:
    """Whether a normalised name says a danger by itself, to the patterns (reading/safety/shown_names.py leaves
    such a name to be read: « hébergement d'urgence »)."""
    lexicon = _lexicon()
    return any(_holds(lexicon.signals[name], norm) for name in DANGER_SIGNALS if name in lexicon.signals)


def pattern_alarm(text: str) -> bool:
    """Whether the patterns alone (not the second net) see danger or English in the message."""
    return bool(detect(text, use_model=False).alarming)


def detect(text: str, use_model: bool = True) -> Detection:
    """The danger signals of one message (a button payload « /intent… » carries none)."""
    if not isinstance(text, str) or not text.strip() or text.lstrip().startswith("/"):
        return Detection(frozenset())
    raw = _bounded(text)
    lexicon = _lexicon()
    # The names of the actions the bot shows are no words of the person's (« Lulu dans ma rue »).
    norm = shown_names.blank(normalise(raw))
    signals = {name for name in DANGER_SIGNALS if name in lexicon.signals and _holds(lexicon.signals[name], norm)}
    # Sad emoji alone, or with a word or two (« 🥀💔 jsp »), say distress; in a sentence they are colour.
    if any(e in raw for e in lexicon.distress_emoji) and (_only_emoji(raw) or len(norm.split()) <= 3):
        signals.add("detresse")
    age_hint = None
    if _holds(lexicon.signals["mineur"], norm):
        age_hint = "mineur"
    elif _holds(lexicon.signals["majeur"], norm):
        age_hint = "majeur"
    words = [w for w in norm.split() if not w.isdigit()]
    english = _is_english(words, norm, lexicon)
    # The second net judges sentences, not one-word answers (« jsais pas », « dehors ») that the patterns read.
    plain_answer = any(answer.fullmatch(norm) for answer in lexicon.plain_answers)
    if use_model and not signals and not english and not plain_answer and _net_alarms(model_text(norm), lexicon):
        signals.add(MODEL_SIGNAL)
    return Detection(frozenset(signals), age_hint, english=english)
