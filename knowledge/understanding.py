"""Reads profile facts out of what a person types, deterministically. The NLU model's entities are
hints; these parsers are what the bot trusts, so several facts in one message ("jai 19 ans jhabite a
vaulx en velin g pa le permi") and SMS spelling work even where the model missed an entity."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Dict, Iterable, List, Optional, Tuple

from knowledge.text import normalize

_UNITS = {
    "zero": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
    "quinze": 15, "seize": 16,
}
_TENS = {"vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60}


def french_number(words: str) -> Optional[int]:
    """'vingt-deux' → 22, 'dix sept' → 17, 'soixante et onze' → 71, 'quatre vingt' → 80 (up to 99)."""
    tokens = [t for t in re.split(r"[\s-]+", normalize(words)) if t and t != "et"]
    if not tokens:
        return None
    total, index = 0, 0
    if tokens[0] == "quatre" and len(tokens) > 1 and tokens[1] in ("vingt", "vingts"):
        total, index = 80, 2
    elif tokens[0] in _TENS:
        total, index = _TENS[tokens[0]], 1
    rest = tokens[index:]
    if not rest:
        return total or None
    if len(rest) == 1 and rest[0] in _UNITS:
        return total + _UNITS[rest[0]]
    if len(rest) == 2 and rest[0] == "dix" and rest[1] in _UNITS and _UNITS[rest[1]] <= 9:
        return total + 10 + _UNITS[rest[1]]
    return None


_NUMBER_WORD = r"(?:zero|une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingts?|trente|quarante|cinquante|soixante)"
_WORD_NUMBER = rf"{_NUMBER_WORD}(?:[\s-]+(?:et[\s-]+)?{_NUMBER_WORD}){{0,3}}"
_HALF = r"(?:\s*(?:ans?)?\s*(?:et\s+demi|1/2|,5|\.5))"


@dataclass(frozen=True)
class AgeReading:
    """An age as read from text. `value` may be absurd (3, 150): validation decides, not the parser."""

    value: float
    from_birth: bool = False


def _age_from_birth(year: int, month: int, day: int, today: date) -> float:
    years = today.year - year - ((today.month, today.day) < (month, day))
    return float(years)


def parse_age(text: str, *, expecting_age: bool = False, today: Optional[date] = None) -> Optional[AgeReading]:
    """Finds an age: '19 ans', 'vingt-deux ans', '17 ans et demi', 'né en 2004', 'née le 12/03/2005'.
    With `expecting_age` (the bot just asked), a bare number ('19', 'vingt deux') is an age too."""
    today = today or date.today()
    t = normalize(text)
    birth_date = re.search(r"\b(?:ne|nee|naissance|le)?\s*(\d{1,2})[/.-](\d{1,2})[/.-]((?:19|20)\d{2})\b", t)
    if birth_date:
        day, month, year = (int(g) for g in birth_date.groups())
        if 1 <= month <= 12 and 1 <= day <= 31:
            return AgeReading(_age_from_birth(year, month, day, today), from_birth=True)
    birth_year = re.search(r"\b(?:ne|nee|naissance|annee)\b[^0-9]{0,12}((?:19|20)\d{2})\b", t)
    if birth_year or (expecting_age and re.fullmatch(r"(?:19|20)\d{2}", t)):
        year = int((birth_year or re.fullmatch(r"(\d{4})", t)).group(1))
        # Without a birthday we cannot know whether it has passed this year: count it as passed.
        return AgeReading(float(today.year - year), from_birth=True)
    digits = re.search(rf"\b(\d{{1,3}})\s*(?:ans?|an|a)\b({_HALF})?", t)
    if digits:
        return AgeReading(int(digits.group(1)) + (0.5 if digits.group(2) else 0.0))
    words = re.search(rf"\b({_WORD_NUMBER})\s*ans?\b({_HALF})?", t)
    if words:
        value = french_number(words.group(1))
        if value is not None:
            return AgeReading(value + (0.5 if words.group(2) else 0.0))
    if expecting_age:
        bare = re.fullmatch(rf"(?:j ai |jai |g |j |moi )?(\d{{1,3}})({_HALF})?(?: ans?)?", t)
        if bare:
            return AgeReading(int(bare.group(1)) + (0.5 if bare.group(2) else 0.0))
        bare_words = re.fullmatch(rf"(?:j ai |jai |g )?({_WORD_NUMBER})({_HALF})?", t)
        if bare_words:
            value = french_number(bare_words.group(1))
            if value is not None:
                return AgeReading(value + (0.5 if bare_words.group(2) else 0.0))
    return None


# Negation as people type it: "pas", "pa", "ps", "sans", "aucun", "jamais", "n'ai pas", "g pa".
_NEG = r"(?:pas|pa|ps|sans|aucun|aucune|jamais|point|plus|pas encore|toujours pas|non|ni)"


def _has(pattern: str, t: str) -> bool:
    return re.search(pattern, t) is not None


def parse_permis(text: str) -> Optional[bool]:
    t = normalize(text)
    if not _has(r"\bpermi[st]?\b|\bpermis b\b|\bcode de la route\b", t):
        return None
    if _has(rf"\b{_NEG}\b(?:\s+\w+){{0,3}}\s+(?:le |de |d )?permi", t) or _has(r"\bpermi[st]?\b\s*(?::\s*)?(?:non|nan|no)\b", t):
        return False
    if _has(r"\b(?:passe|passer|prepare|preparer|en train|j ai le code|g le code|ai eu le code)\b", t) and not _has(r"\b(?:j ai|jai|g|j l ai)\s+(?:eu\s+)?(?:mon |le )?permi", t):
        return False  # learning to drive: the licence is not there yet
    if _has(r"\b(?:j ai|jai|g|ai|avec|titulaire|j l ai|j ai eu|obtenu|mon)\b(?:\s+\w+){0,2}\s+permi", t) or _has(r"\bpermi[st]?\b\s*(?:b\s*)?(?:oui|ok|yes|en poche)\b", t):
        return True
    return None


_VEHICLES = r"(?:voiture|vehicule|caisse|auto|bagnole|scooter|scoot|moto|mobylette|velo|trottinette|voiture sans permis|vsp)"


def parse_vehicule(text: str) -> Optional[bool]:
    t = normalize(text)
    if _has(r"\b(?:pas|pa|non)\s+vehicule[e]?\b", t):
        return False
    if _has(r"\b(?:suis|chui|jsuis|je suis)\s+vehicule", t):
        return True
    if not _has(rf"\b{_VEHICLES}s?\b", t):
        return None
    if _has(rf"\b{_NEG}\b(?:\s+\w+){{0,3}}\s+(?:de |d |la |le |ma |mon |une |un )?{_VEHICLES}", t):
        return False
    if _has(rf"\b(?:j ai|jai|g|ai|mon|ma|avec|possede)\b(?:\s+\w+){{0,2}}\s+{_VEHICLES}", t):
        return True
    return None


_LOGEMENT_PATTERNS: Tuple[Tuple[str, str], ...] = (
    ("sans-domicile", r"\b(?:a la rue|dans la rue|sans domicile|sdf|sans logement|sans abri|pas de logement|"
                      r"nulle part ou dormir|dors? dehors|dehors|squat|dans ma voiture|115|pas de toit|expulse)\b"),
    ("foyer-fjt", r"\b(?:fjt|foyer|habitat jeunes?|residence jeunes?|chrs|centre d hebergement)\b"),
    ("heberge-tiers", r"\b(?:heberge|hebergee|hebergement|chez (?:un|une|des|mon|ma|mes) (?:pote|potes|ami|amie|amis|copain|copine|cousin|cousine|tante|oncle|frere|soeur|grand|grands|famille|connaissance)|chez des gens|"
                      r"chez quelqu un|chez qqn|de gauche a droite|a droite a gauche|je squatte chez)\b"),
    ("chez-parents", r"\b(?:chez (?:mes|ma|mon) (?:parents|daron|darons|daronne|mere|pere|reum|mere|vieux|famille)|"
                     r"chez papa|chez maman|avec mes parents|avec ma mere|avec mon pere|chez les parents|famille d accueil)\b"),
    ("stable", r"\b(?:mon appart|mon appartement|mon logement|mon studio|ma maison|mon propre|je loue|locataire|"
               r"proprietaire|en coloc|colocation|un appart|mon chez moi|chez moi seul|mon t1|mon t2)\b"),
)


def parse_logement(text: str) -> Optional[str]:
    t = normalize(text)
    for category, pattern in _LOGEMENT_PATTERNS:
        if _has(pattern, t):
            return category
    return None


def parse_handicap(text: str) -> Optional[str]:
    t = normalize(text)
    if _has(rf"\b{_NEG}\b(?:\s+\w+){{0,2}}\s+(?:de |d )?(?:handicap|rqth)", t):
        if _has(r"\brqth\b", t) and _has(r"\bhandicap", t) and not _has(rf"\b{_NEG}\b(?:\s+\w+){{0,2}}\s+(?:de |d )?handicap", t):
            return "oui-sans-rqth"
        return "non"
    if _has(r"\b(?:rqth|reconnaissance (?:de la )?qualite de travailleur handicape|travailleur handicape|reconnu handicape|reconnue handicapee|mdph m a reconnu)\b", t):
        return "rqth"
    if _has(r"\b(?:handicap|handicape|handicapee|maladie|malade|dyslexi\w*|autis\w*|trouble|troubles|sourd|sourde|malvoyant\w*|fauteuil)\b", t):
        return "oui-sans-rqth"
    return None


_BESOIN_PATTERNS: Tuple[Tuple[str, str], ...] = (
    ("apprentissage", r"\b(?:apprentissage|apprenti|apprentie|alternance|alternant|contrat pro|contrat de professionnalisation|cfa)\b"),
    ("mobilite-permis", r"\b(?:passer (?:mon|le) permi[st]?|financer (?:mon|le) permi[st]?|aide (?:pour|au) (?:le )?permi[st]?|permis de conduire|auto ecole|me deplacer|mobilite|code de la route)\b"),
    ("creation-activite", r"\b(?:creer (?:ma|mon|une|un) (?:boite|entreprise|activite|societe|business)|monter (?:ma|mon|une|un) (?:boite|entreprise|business|projet)|auto entrepreneur|micro entreprise|creation d entreprise|me mettre a mon compte|entreprendre)\b"),
    ("formation", r"\b(?:formation|me former|reprendre (?:les|mes) etudes|diplome a passer|passer un diplome|apprendre un metier|cap|bac pro|qualification|remise a niveau)\b"),
    ("logement", r"\b(?:cherche (?:un|une) (?:logement|appart|appartement|studio|toit|chambre)|trouver (?:un|une) (?:logement|appart|appartement|studio|chambre)|besoin d un logement|me loger|un toit)\b"),
    ("emploi", r"\b(?:emploi|travail|taf|boulot|job|taff|bosser|travailler|cdi|cdd|interim|embauche|petit boulot|stage)\b"),
    ("ne-sait-pas", r"\b(?:sais pas quoi faire|aucune idee de metier|perdu|orientation|m orienter|savoir quoi faire|trouver ma voie)\b"),
)


def parse_besoin(text: str) -> Optional[str]:
    t = normalize(text)
    for category, pattern in _BESOIN_PATTERNS:
        if _has(pattern, t):
            return category
    return None


def parse_quartier(text: str) -> Optional[str]:
    """A neighbourhood named after a cue word: 'quartier de la Villeneuve', 'à la cité des Bosquets'."""
    match = re.search(r"\b(?:quartiers?|cit[eé]s?)\s+(?:de la |du |des |de l'|de l’|d'|de )?([^,.;!?\n]{2,40})", text, flags=re.IGNORECASE)
    if not match:
        return None
    name = re.split(r"\s+(?:et|mais|j'|je|g|jai|j ai|a|à)\s+", match.group(1).strip(), maxsplit=1)[0]
    return name.strip(" '\"") or None


YES = r"(?:oui|ouais|ouai|ouep|yes|yep|ok|okay|d accord|bien sur|exact|exactement|voila|carrement|grave|oe|wé|we|si)"
NO = r"(?:non|nan|no|nope|pas du tout|absolument pas|jamais|non merci|nn)"


def parse_yes_no(text: str) -> Optional[bool]:
    t = normalize(text)
    if re.fullmatch(rf"(?:{NO})(?: \w+){{0,2}}", t):
        return False
    if re.fullmatch(rf"(?:{YES})(?: \w+){{0,2}}", t):
        return True
    return None
