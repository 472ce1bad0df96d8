"""Reads profile facts out of what a person types, deterministically. These parsers are what the bot
trusts (knowledge/facts.py says which code owns each fact), so several facts in one message ("jai 19 ans
jhabite a vaulx en velin g pa le permi"), SMS spelling and third person (a conseiller typing « il a 19 ans,
il vit chez ses parents ») work even where the NLU model missed an entity."""

from __future__ import annotations

import re
from typing import Optional, Tuple

from knowledge.age import AgeReading, french_number, parse_age  # noqa: F401  (the age reader lives apart)
from knowledge.schooling import parse_diplome, parse_scolarite  # noqa: F401
from knowledge.text import emoji_answer, normalize

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
    if _has(r"\b(?:j ai|jai|g|ai|il a|elle a|avec|titulaire|j l ai|j ai eu|obtenu|mon|son)\b(?:\s+\w+){0,2}\s+permi", t) or _has(r"\bpermi[st]?\b\s*(?:b\s*)?(?:oui|ok|yes|en poche)\b", t):
        return True
    return None


_VEHICLES = r"(?:voiture|vehicule|caisse|auto|bagnole|scooter|scoot|moto|mobylette|velo|trottinette|voiture sans permis|vsp)"


def parse_vehicule(text: str) -> Optional[bool]:
    t = normalize(text)
    if _has(r"\b(?:pas|pa|non)\s+vehicule[e]?\b", t):
        return False
    if _has(r"\b(?:suis|chui|jsuis|je suis|est|il est|elle est)\s+vehicule", t):
        return True
    if not _has(rf"\b{_VEHICLES}s?\b", t):
        return None
    if _has(rf"\b{_NEG}\b(?:\s+\w+){{0,3}}\s+(?:de |d |la |le |ma |mon |une |un )?{_VEHICLES}", t):
        return False
    if _has(rf"\b(?:j ai|jai|g|ai|il a|elle a|mon|ma|son|sa|avec|possede)\b(?:\s+\w+){{0,2}}\s+{_VEHICLES}", t):
        return True
    return None


# « nulle part où pioncer », « un endroit pour dormir »: a place to sleep tonight is both a need and a situation.
_NOWHERE = (r"(?:nul+e? ?part|null part|nulpart) (?:ou|pour|a) (?:dormir|pioncer|crecher|aller|vivre|loger|me poser|squatter)"
            r"|(?:endroit|coin|lieu|place|plan) (?:pour|ou|a) (?:dormir|pioncer|crecher|passer la nuit|me poser ce soir)")
_POSSESSIVE = r"(?:mes|ma|mon|ses|sa|son|leurs?|les|nos|notre)"
_LOGEMENT_PATTERNS: Tuple[Tuple[str, str], ...] = (
    ("sans-domicile", r"\b(?:a la rue|dans la rue|sans domicile|sdf|sans logement|sans abri|pas de logement|"
                      rf"{_NOWHERE}|dor[st]? dehors|dehors|squat|dans (?:ma|sa) voiture|115|pas de toit|expulsee?)\b"),
    ("foyer-fjt", r"\b(?:fjt|foyer|habitat jeunes?|residence jeunes?|chrs|centre d hebergement)\b"),
    ("heberge-tiers", rf"\b(?:heberge|hebergee|hebergement|chez (?:un|une|des|{_POSSESSIVE}) (?:pote|potes|ami|amie|amis|copain|copine|cousin|cousine|tante|oncle|frere|soeur|grand|grands|famille|connaissance|copains|copines)|chez des gens|"
                      r"chez quelqu un|chez qqn|de gauche a droite|a droite a gauche|je squatte chez)\b"),
    ("chez-parents", rf"\b(?:chez {_POSSESSIVE} (?:parents|daron|darons|daronne|mere|pere|reum|vieux|famille)|"
                     r"chez papa|chez maman|avec (?:mes|ses) parents|avec (?:ma|sa) mere|avec (?:mon|son) pere|famille d accueil)\b"),
    # « je cherche un appart » is a need with the situation unknown: only a flat the person *has* is stable.
    ("stable", r"\b(?:mon appart|mon appartement|mon logement|mon studio|ma maison|mon propre|je loue|locataire|"
               r"proprietaire|en coloc|colocation|(?:j ai|jai|g|il a|elle a) (?:un|son|mon) (?:appart|appartement|studio|logement)|"
               r"son appart|son propre|mon chez moi|chez moi seul|mon t1|mon t2)\b"),
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


_WANT = (r"(?:j?(?:e )?(?:re)?cherch\w*|trouver|besoin d(?:e|u|un|une)?|veux|veut|voudrai[st]?|aimerai[st]?|faut|"
         r"demande|galere a trouver|galere pour trouver)")
_HOUSING_WORDS = r"(?:logement|logements|appart|appartement|studio|toit|chambre|hebergement|piaule|endroit|lit|foyer|coloc|colocation|f1|t1|t2|f2)"
_BESOIN_PATTERNS: Tuple[Tuple[str, str], ...] = (
    ("apprentissage", r"\b(?:apprentissage|apprenti|apprentie|alternance|alternant|alternante|contrat pro|contrat de professionnalisation|cfa)\b"),
    ("mobilite-permis", r"\b(?:passer (?:mon|le) permi[st]?|financer (?:mon|le) permi[st]?|aide (?:pour|au) (?:le )?permi[st]?|permis de conduire|auto ecole|me deplacer|mobilite|code de la route)\b"),
    ("creation-activite", r"\b(?:creer (?:ma|mon|une|un) (?:boite|entreprise|activite|societe|business)|monter (?:ma|mon|une|un) (?:boite|entreprise|business|projet)|auto entrepreneur|micro entreprise|creation d entreprise|me mettre a mon compte|entreprendre)\b"),
    # A CAP the person *has* is a diploma (knowledge/schooling.py), not a need: only one to get is.
    ("formation", r"\b(?:formation|formations|me former|se former|reprendre (?:les|mes|ses) etudes|diplome a passer|"
                  r"(?:passer|faire|preparer|obtenir|reprendre|cherche) (?:un|le|mon|une) (?:cap|bep|bac|bac pro|bts|diplome|titre pro)|"
                  r"apprendre un metier|qualification|remise a niveau)\b"),
    ("logement", rf"(?:\b{_WANT}\s+(?:\w+\s+){{0,2}}{_HOUSING_WORDS}\b|\bme loger\b|\bse loger\b|\bun toit\b|\b{_NOWHERE}\b)"),
    ("emploi", r"\b(?:emploi|travail|taf|boulot|job|jobs|taff|bosser|boss|travailler|cdi|cdd|interim|embauche|petit boulot|stage|"
               r"turbin|charbonner|gagner (?:de l argent|ma vie|des sous|des thunes))\b"),
    ("ne-sait-pas", r"\b(?:sais pas quoi faire|aucune idee de metier|perdu|perdue|orientation|m orienter|savoir quoi faire|trouver ma voie)\b"),
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
    emoji = emoji_answer(text)
    if emoji is not None:
        return emoji
    t = normalize(text)
    if re.fullmatch(rf"(?:{NO})(?: \w+){{0,2}}", t):
        return False
    if re.fullmatch(rf"(?:{YES})(?: \w+){{0,2}}", t):
        return True
    return None
