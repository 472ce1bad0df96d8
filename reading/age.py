"""Reads an age out of what a person types: « 21 ans », « jai 19 », « vingt et un ans », « 17 ans et demi »,
« né le 3 mars 2006 », « 03/03/2006 », « née en 2007 ».

Numbers in words are turned into digits by `text2num` (alpha2digit, French), dates in words by
`dateparser`: both are well-kept libraries that know French better than a list of our own.
What stays here is the *context*: a number is an age only inside an age phrase (« 19 ans »,
« j'ai 19 », « âge 18 », « il a 19 ans ») or when the bot has just asked the age. « paris 18 »,
« valence 26 », « 93 », « 35300 », « depuis 2 ans » never set it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Optional

from text_to_num import alpha2digit, text2num

from knowledge.text import normalize

_HALF = r"(?:\s*(?:ans?)?\s*(?:et\s+demi|1/2|,5|\.5))"
_UNIT = r"(?:ans?|piges?|balais|berges|years? old|yo)"
# « 16a », « 18a »: the unit glued to the number as typed on a phone (never « 20 a Lyon », « à » spelt a).
_GLUED_UNIT = re.compile(r"\b(\d{2})a\b(?! (?:rue|avenue|bd|boulevard|chemin|allee|bis)\b)")
# « je vais avoir 18 ans le mois prochain », « j'aurai 18 ans en mars »: one year less today.
_FUTURE_AGE = re.compile(
    r"\b(?:je vais avoir|jvais avoir|vais avoir|va avoir|j aurai|jaurai|aurai)\s+(\d{2})\b"
    rf"(?:\s*{_UNIT})?(?!\s*(?:enfants?|mois|euros?))"
)
# « depuis 2 ans », « il y a 3 ans », « travaillé 2 ans »: a duration, not an age.
_DURATION_BEFORE = re.compile(
    r"\b(?:depuis|dpuis|depui|dpui|dep|y a|ya|pendant|durant|fait|dans|pour|apres|avant|en|sur|encore|plus de|moins de|"
    r"travaille|bosse|passe|reste|vecu|habite|taffe|ete)\s*$"
)
_DURATION_AFTER = re.compile(
    r"^\s*(?:d |de |en |au )?(?:experience|chomage|galere|travail|boulot|taf|etudes?|anciennete|service|contrat|"
    r"interim|formation|fac|lycee|college|ecole|mariage|retard|plus tard|avant|apres)\b"
)
# « j'ai 2 enfants », « g 20 balles »: a count of something else.
_COUNT_AFTER = re.compile(
    r"^\s*(?:[/.,]\d|enfants?|gosses?|mois|semaines?|jours?|heures?|h\b|euros?|e\b|balles|freres?|soeurs?|points?|"
    r"km|kilometres?|personnes?|chiens?|chats?|x\b|fois|ans? d|ans? de|ans? en)"
)
# Play-test E: « avant mes 26 ans », « jusqu'à 14 ans » set the age. « N ans » is an age only when it states the
# present age: after « j'ai », « il a », « une jeune de », or alone (« 19 ans », « Kevin 21 ans »). Not a birthday
# (« mes 26 ans », « à ses 18 ans »), an age in a question or a rule (« à 14 ans », « à partir de 16 ans »,
# « les 16-25 ans »), nor a past one (« quand j'avais 15 ans », « 14 ans c'était l'âge où… »).
# The word before « a » that makes it « has » (« il a 19 ans », « la personne que j'accompagne a 20 ans »), and the
# word before « de » that makes « de 17 ans » an age (« une jeune de 17 ans », « âgé de 19 ans »).
_HAS_SUBJECT = frozenset(
    [
        "il",
        "elle",
        "qui",
        "on",
        "jeune",
        "fille",
        "fils",
        "garcon",
        "gars",
        "frere",
        "soeur",
        "cousin",
        "cousine",
        "personne",
        "accompagne",
        "beneficiaire",
        "eleve",
        "ado",
        "adolescent",
        "adolescente",
        "enfant",
        "copain",
        "copine",
        "pote",
        "mec",
        "meuf",
        "homme",
        "femme",
        "monsieur",
        "madame",
        "neveu",
        "niece",
        "petit",
        "petite",
        "gamin",
        "gamine",
        "etudiant",
        "etudiante",
        "stagiaire",
        "candidat",
        "candidate",
        "lyceen",
        "lyceenne",
        "demandeur",
        "demandeuse",
    ]
)
# « une jeune maman de 20 ans » (play-test F): a parent's age said with « de », never with « a » (« ma mère a 45 ans »
# is not the person's age).
_AGED = _HAS_SUBJECT | {"age", "agee", "ages", "agees", "maman", "papa", "mere", "pere"}
_NOT_PRESENT_BEFORE = re.compile(
    # a birthday: « avant mes 26 ans », « à ses 18 ans », « le jour de mes 21 ans »
    r"\b(?:mes|ses|tes|nos|vos|leurs|les|aux|ces)\s*$"
    # a range: « 16-25 ans », « entre 16 et 25 ans », « de 16 à 25 ans »
    r"|\d\s*(?:et|a|ou|/)?\s*$"
    r"|\b(?:des|vers|sous|jusqu|jusque|avant d avoir|apres avoir|pour avoir|sans avoir)\s*$"
    # the past: « quand j'avais 15 ans », « il était scolarisé jusqu'à 14 ans »
    r"|\b(?:avais|avait|avaient|avions|aviez)\s*$"
)
_PREPOSITION_BEFORE = re.compile(r"(?:^|\b(\w+) )(a|de)\s*$")
_NOT_PRESENT_AFTER = re.compile(r"^\s*,?\s*(?:c etait|c etais|cetait|quand|lorsque|a l epoque)\b")
# « jte lai dit 24 », « je vous l'ai dit, 22 » at the age question: the age said again.
_SAID_AGAIN = r"(?:(?:je|j|jte|jvous|je te|je vous|te|vous) ?l ?ai (?:deja )?dit|deja dit|jlai dit)"
_FIRST_PERSON = r"(?:j ai|jai|g|j|ai|il a|elle a|age|agee?|age de|agee? de|moi|moi c est|i m|im|i am)"


@dataclass(frozen=True)
class AgeReading:
    """An age as read from text. `value` may be absurd (3, 150): validation decides, not the parser."""

    value: float
    from_birth: bool = False


def french_number(words: str) -> Optional[int]:
    """'vingt-deux' → 22, 'dix sept' → 17, 'vingt et un' → 21, 'quatre-vingt-dix-neuf' → 99, else None."""
    t = " ".join(re.split(r"[\s-]+", normalize(words))).strip()
    if t == "zero":
        return 0  # text2num wants the accent, which normalize() has removed
    try:
        return int(text2num(t, "fr"))
    except (ValueError, TypeError, OverflowError):
        return None


def _in_digits(text: str) -> str:
    """Normalised text with every French number in digits (« vingt et un ans » → « 21 ans »)."""
    t = normalize(text)
    try:
        return alpha2digit(t, "fr", threshold=0)
    except Exception:  # a Rust panic or an overflow on odd input must not lose the message
        return t


def _age_from_birth(born: date, today: date) -> float:
    return float(today.year - born.year - ((today.month, today.day) < (born.month, born.day)))


@lru_cache(maxsize=256)
def _parse_date(span: str) -> Optional[date]:
    numeric = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})", span)
    if numeric:  # « 03/03/2006 », day first: no library needed (and none of dateparser's first-call second)
        day, month, year = (int(g) for g in numeric.groups())
        if year < 100:  # « 03/03/06 »: the century that makes it a past date
            year += 2000 if 2000 + year <= date.today().year else 1900
        try:
            return date(year, month, day)
        except ValueError:
            return None
    import dateparser  # imported on first use: it costs 0.2 s, and most messages carry no date

    try:
        parsed = dateparser.parse(
            span,
            languages=["fr"],
            settings={
                "DATE_ORDER": "DMY",
                "PREFER_DAY_OF_MONTH": "first",
                "REQUIRE_PARTS": ["year", "month"],
                "RETURN_AS_TIMEZONE_AWARE": False,
            },
        )
    except Exception:  # dateparser raises on some odd spans (overflowing years…): no date then
        return None
    return parsed.date() if parsed else None


_MONTHS = r"(?:janv|fev|mars|avr|mai|juin|juil|aout|sept|oct|nov|dec)[a-z]*"
# « 03/03/2006 », « 3-3-06 », « 3 mars 2006 », « 1er mars 2006 » (digits with spaces are phone numbers, not dates).
_FULL_DATE = re.compile(
    rf"\b(\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:19|20)?\d{{2}}|\d{{1,2}}(?:er)? {_MONTHS} (?:19|20)\d{{2}})\b"
)
_MONTH_YEAR = re.compile(rf"\b({_MONTHS} (?:19|20)\d{{2}})\b")
_BIRTH_CUE = re.compile(r"\b(?:ne|nee|nes|naissance|ddn|anniversaire)\b")
_BIRTH_YEAR = re.compile(
    r"\b(?:ne|nee|naissance|annee|suis de|je suis de|jsuis de|chui de)\b[^0-9]{0,12}((?:19|20)\d{2})\b"
)


def _birth(t: str, expecting_age: bool, today: date) -> Optional[AgeReading]:
    cue = _BIRTH_CUE.search(t)
    for pattern in (_FULL_DATE, _MONTH_YEAR):
        match = pattern.search(t, cue.start() if cue else 0)
        if match and (cue or expecting_age or pattern is _FULL_DATE):
            born = _parse_date(match.group(1))
            if born is None:
                continue
            reading = AgeReading(_age_from_birth(born, today), from_birth=True)
            # A bare date with no « né le » is a birth date only when it gives a person's age
            # (« j'ai arrêté l'école le 03/03/2024 » is not).
            if cue or expecting_age or 14 <= reading.value <= 99:
                return reading
    year = _BIRTH_YEAR.search(t)
    if year or (expecting_age and re.fullmatch(r"(?:19|20)\d{2}", t)):
        born_year = int((year or re.fullmatch(r"(\d{4})", t)).group(1))
        # Without a birthday we cannot know whether it has passed this year: count it as passed.
        return AgeReading(float(today.year - born_year), from_birth=True)
    return None


def _is_duration(t: str, start: int, end: int) -> bool:
    return bool(_DURATION_BEFORE.search(t[:start]) or _DURATION_AFTER.match(t[end:]))


def _not_present_age(t: str, start: int, end: int) -> bool:
    """« avant mes 26 ans », « à 14 ans », « quand j'avais 15 ans »: an age in a question, a rule or a story."""
    before = t[:start]
    if _NOT_PRESENT_BEFORE.search(before) or _NOT_PRESENT_AFTER.match(t[end:]):
        return True
    # « à 14 ans », « à partir de 16 ans »: unless a person has it (« il a 19 ans », « une jeune de 17 ans »).
    preposition = _PREPOSITION_BEFORE.search(before)
    if preposition:
        word = preposition.group(1)
        return word not in (_HAS_SUBJECT if preposition.group(2) == "a" else _AGED)
    return False


def parse_age(text: str, *, expecting_age: bool = False, today: Optional[date] = None) -> Optional[AgeReading]:
    """The age the message states, or None. With `expecting_age` (the bot just asked), a bare number
    (« 19 », « vingt deux », « 2004 ») is an age too; otherwise only an age phrase is."""
    today = today or date.today()
    t = _in_digits(text)
    reading = _birth(t, expecting_age, today)
    if reading:
        return reading
    future = _FUTURE_AGE.search(t)
    if future:
        return AgeReading(int(future.group(1)) - 1.0)
    # « 19 ans », « 17 ans et demi », « 18 piges »
    for match in re.finditer(rf"\b(\d{{1,3}})\s*{_UNIT}\b({_HALF})?", t):
        if _is_duration(t, match.start(), match.end()) or _not_present_age(t, match.start(), match.end()):
            continue
        return AgeReading(int(match.group(1)) + (0.5 if match.group(2) else 0.0))
    # « jai 19 », « g 20 », « âge : 18 », « il a 19 » — the unit left out, but the phrase says age.
    # Two digits: « j'ai un CAP » is « j ai 1 cap » once in digits, and nobody is 9 in this service.
    phrase = re.search(
        rf"\b(?:j ai|jai|g|il a|elle a|age|agee?|age de|agee? de|moi c est|i m|im|i am)\s+"
        rf"(\d{{2}})\b({_HALF})?",
        t,
    )
    if phrase and not _COUNT_AFTER.match(t[phrase.end(1) :]) and not _DURATION_AFTER.match(t[phrase.end() :]):
        return AgeReading(int(phrase.group(1)) + (0.5 if phrase.group(2) else 0.0))
    glued = _GLUED_UNIT.search(t)
    if glued and not _is_duration(t, glued.start(), glued.end()):
        return AgeReading(float(glued.group(1)))
    if expecting_age:
        # « 25 (26 en janvier) »: the age now, then the next one and when — the first is the age.
        now_then = re.fullmatch(
            rf"(?:{_FIRST_PERSON} )?(\d{{2}})(?: {_UNIT})? (\d{{2}})(?: {_UNIT})? (?:en|le|au|a|fin|debut|dans) .*", t
        )
        if now_then and int(now_then.group(2)) == int(now_then.group(1)) + 1:
            return AgeReading(float(now_then.group(1)))
        bare = re.fullmatch(rf"(?:{_SAID_AGAIN},? )?(?:{_FIRST_PERSON} )?(\d{{1,3}})({_HALF})?(?: {_UNIT})?", t)
        if bare:
            return AgeReading(int(bare.group(1)) + (0.5 if bare.group(2) else 0.0))
    return None


def warm_up() -> None:
    """dateparser loads its French data on the first date in words (about a second): the action server
    pays it at start, not the first person who writes « né le 3 mars 2006 »."""
    _parse_date("3 mars 2006")
