"""The words of knowledge/data/lexicon/vehicles.yaml as patterns for parse_vehicule and parse_permis
(reading/understanding.py): motor vehicles, ways of getting about that are no motor vehicle (a bike), car models,
and the licences that are not the car licence (« permis A », « le BSR »)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Dict, Tuple

import yaml

from knowledge.text import normalize
from knowledge.vocab import DATA_DIR

VEHICLES_FILE = DATA_DIR / "lexicon" / "vehicles.yaml"
# « la 206 », « une vieille clio », « ma twingo », « la clio de ma mère »: car models are feminine in French.
_BEFORE_MODEL = r"\b(?:la|une|ma|ta|sa|notre|votre|leur|cette)(?: (?:vieille|vielle|petite|grosse|nouvelle|bonne))? "


def _alternation(words: object) -> str:
    # A list keeps multi-word entries whole (« voiture sans permis »); a string is words separated by spaces.
    entries = words.split() if isinstance(words, str) else list(words or ())
    items = sorted({normalize(str(w)) for w in entries if normalize(str(w))}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w) for w in items) + ")"


@lru_cache(maxsize=1)
def _lexicon(path: Path = VEHICLES_FILE) -> Dict[str, str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not data.get("date") or not data.get("source"):
        raise ValueError(f"{path} : « date » et « source » sont obligatoires")
    keys = ("motorises", "non_motorises", "modeles", "autres_permis", "autres_permis_seuls")
    return {key: _alternation(data[key]) for key in keys}


def patterns() -> Tuple[str, str]:
    """(motor vehicles, non-motor ways of getting about) as regex alternations of normalised words."""
    lexicon = _lexicon()
    return lexicon["motorises"], lexicon["non_motorises"]


def cars_named(t: str) -> Tuple[str, bool]:
    """Normalised text `t` with every car model named after an article written « voiture », and whether any was."""
    model = re.compile(rf"({_BEFORE_MODEL}){_lexicon()['modeles']}\b")
    replaced, count = model.subn(lambda m: f"{m.group(1)}voiture", t)
    return replaced, count > 0


# « permis à 1 euro », « passer le permis à 17 ans », « le permis à Lyon »: « à » spelt « a », not the category A.
_NOT_A_CATEGORY_AFTER = (
    r"(?!\s+(?:\d|un|une|la|le|les|l|mon|ma|mes|son|sa|ses|ce|cette|partir|cause|cote|moins|plus|quel|quelle)\b)"
)
OTHER_LICENCE = "autrelicence"


def other_licences(t: str) -> Tuple[str, bool]:
    """Normalised text `t` with every licence that is not the car licence written OTHER_LICENCE, and whether any
    was: « il a seulement le permis A » → « il a seulement le autrelicence ». « permis A et B » keeps the B."""
    lexicon = _lexicon()
    named = re.compile(
        rf"\bpermi[st]?\s+(?:de |du |categorie |cat )?{lexicon['autres_permis']}\b{_NOT_A_CATEGORY_AFTER}"
        rf"|\b{lexicon['autres_permis_seuls']}\b"
    )
    replaced, count = named.subn(f" {OTHER_LICENCE} ", t)
    # « le permis A et B », « permis A/B »: the car licence is there too.
    replaced = re.sub(rf"{OTHER_LICENCE}\s*(?:et|,|/|\+|&)\s*(?:le )?(?:permis )?b\b", "permis b", replaced)
    return " ".join(replaced.split()), count > 0


# « j'ai le permis + une caisse », « permis et voiture », « permis + caisse » (play-test F): both held, said in one
# breath. « + » is read as « et » (normalize drops it). Not a wish (« je veux le permis et une voiture ») nor the car
# licence alone (« le permis voiture »: the licence, no car).
_WISH = (
    r"\b(?:j?veux|veut|j?voudrais|voudrait|j?aimerais|j?cherche|besoin|acheter|payer|financer|passer)(?: \w+){0,3} $"
)


def with_plus_as_and(text: str) -> str:
    return text.replace("+", " et ")


def licence_and_vehicle(t: str) -> bool:
    """Normalised text `t` says the car licence and a motor vehicle held together (the negations are read before)."""
    motor = patterns()[0]
    both = re.search(
        rf"\bpermi[st]?(?: b)? et (?:(?:un|une|sa|son|ma|mon|la|le|leur) )?"
        rf"(?:(?:vieille|petite|vieux|petit) )?{motor}s?\b",
        t,
    )
    return both is not None and re.search(_WISH, t[: both.start()]) is None


def without_car_licence(t: str) -> str:
    """« le permis voiture », « permis auto »: the car licence, no car — the vehicle words taken out."""
    return re.sub(r"\bpermi[st]? (?:de |d )?(?:voiture|auto|bagnole)\b", "permis", t)
