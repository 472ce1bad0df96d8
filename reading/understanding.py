"""Reads profile facts out of what a person types, deterministically. These parsers are what the bot
trusts (reading/facts.py says which code owns each fact), so several facts in one message ("jai 19 ans
jhabite a vaulx en velin g pa le permi"), SMS spelling and third person (a conseiller typing « il a 19 ans,
il vit chez ses parents ») work even where the NLU model missed an entity."""

from __future__ import annotations

import re
from typing import Optional, Tuple

from rapidfuzz.distance import OSA
from rapidfuzz.process import extractOne

from knowledge.negation import affirmed_search, negated_search
from knowledge.text import emoji_answer, normalize
from reading.age import AgeReading, french_number, parse_age  # noqa: F401  (the age reader lives apart)
from reading.schooling import parse_diplome, parse_scolarite  # noqa: F401

# Negation as people type it: "pas", "pa", "ps", "sans", "aucun", "jamais", "n'ai pas", "g pa".
_NEG = r"(?:pas|pa|ps|po|sans|aucun|aucune|jamais|point|plus|pas encore|toujours pas|non|ni)"


def _has(pattern: str, t: str) -> bool:
    return re.search(pattern, t) is not None


def parse_permis(text: str) -> Optional[bool]:
    t = normalize(text)
    if _has(r"^(?:le )?permis b$", t):
        return True  # the answer to « Avez-vous le permis (permis B) ? »
    if _has(r"\b(?:j ai|jai|g|j)\s+(?:que|juste|seulement)\s+le code\b|^juste le code$", t):
        return False  # the theory test alone is not the licence
    if _has(
        r"^(?:il est |mon permis est |le permis est )?(?:suspendu|retire|annule|invalide)$|\bplus de points\b|\b0 points?\b",
        t,
    ):
        return False  # the answer to the permis question: a suspended licence is no licence today
    if not _has(r"\bpermi[st]?\b|\bpermis b\b|\bcode de la route\b", t):
        return None
    if _has(rf"\b{_NEG}\b(?:\s+\w+){{0,3}}\s+(?:le |de |d )?permi", t) or _has(
        r"\bpermi[st]?\b\s*(?::\s*)?(?:non|nan|no)\b", t
    ):
        return False
    # « j'ai raté le permis », « on m'a retiré le permis », « permis suspendu », « le permis je l'ai pas »
    if _has(
        r"\b(?:rate|perdu|retire|suspendu|annule|loupe|foire)\w*\s+(?:\w+\s+)?permi|\bpermi[st]?\s+(?:b\s+)?(?:suspendu|retire|annule|invalide)"
        r"|\bpermi[st]?\b.{0,12}\bl ai (?:pas|pa|po)\b",
        t,
    ):
        return False
    if _has(
        r"\b(?:passe|passer|prepare|preparer|en train|j ai le code|g le code|ai eu le code|que le code|juste le code)\b",
        t,
    ) and not _has(r"\b(?:j ai|jai|g|j l ai)\s+(?:eu\s+)?(?:mon |le )?permi", t):
        return False  # learning to drive: the licence is not there yet
    if _has(
        r"(?:\b(?:j ai|jai|g|ai|il a|elle a|avec|titulaire|j l ai|j ai eu|obtenu|mon|son)\b|^(?:oui )?a\b)(?:\s+\w+){0,2}\s+permi",
        t,
    ) or _has(r"\bpermi[st]?\b\s*(?:b\s*)?(?:oui|ok|yes|en poche)\b", t):
        return True
    return None


_VEHICLES = r"(?:voiture|voitur|vehicule|caisse|auto|bagnole|scooter|scoot|moto|mob|mobylette|velo|trottinette|voiture sans permis|vsp)"


# A vehicle sent as an emoji (« 🚲 » answering « Avez-vous un véhicule ? »): its word, then read as text.
_VEHICLE_SIGN_WORDS = {
    "🚲": "velo",
    "🛵": "scooter",
    "🏍": "moto",
    "🚗": "voiture",
    "🚙": "voiture",
    "🛴": "trottinette",
    "🚌": "bus",
    "🚍": "bus",
    "🚎": "bus",
    "🚇": "metro",
    "🚆": "train",
    "🚊": "tram",
    "🚋": "tram",
    "🚶": "a pied",
}
_VEHICLE_SIGNS = re.compile("|".join(map(re.escape, _VEHICLE_SIGN_WORDS)))


def parse_vehicule(text: str) -> Optional[bool]:
    t = normalize(_VEHICLE_SIGNS.sub(lambda m: f" {_VEHICLE_SIGN_WORDS[m.group(0)]} ", text))
    if _has(
        r"\b(?:pas|pa|non)\s+(?:vehicule|motorise)e?\b|\brien pour (?:me|se) deplacer\b|\ba pied\b|\bque les transports\b"
        r"|\bqu en transports?\b|\b(?:que|juste|seulement|uniquement) (?:le |les |en |par le )?(?:bus|tram|metro|train|rer|car|transports?)\b|^(?:en |le |par le )?(?:bus|tram|metro|train|rer|transports? en commun)$"
        r"|\b(?:prend|prends|je prends|j prend|jprend|jprends) (?:le |les )?(?:bus|tram|metro|train|rer|transports?)\b",
        t,
    ):
        return False
    if _has(r"^(?:je suis |jsuis |chui )?(?:vehicule|motorise)e?$", t):
        return True
    if _has(r"\b(?:suis|chui|jsuis|je suis|est|il est|elle est)\s+(?:vehicule|motorise)", t):
        return True
    if not _has(rf"\b{_VEHICLES}s?\b", t):
        return None
    if _has(rf"\b{_NEG}\b(?:\s+\w+){{0,3}}\s+(?:de |d |la |le |ma |mon |une |un )?{_VEHICLES}", t):
        return False
    # The vehicle alone answers the question (« scooter », « oui un vélo », « une voiture ») — it is in the question.
    if _has(rf"^(?:oui |ouais |ui |yes )?(?:j ai |jai |g )?(?:un |une |mon |ma |le |la )?{_VEHICLES}s?(?: \w+)?$", t):
        return True
    if _has(rf"\b(?:j ai|jai|g|ai|il a|elle a|mon|ma|son|sa|avec|possede)\b(?:\s+\w+){{0,2}}\s+{_VEHICLES}", t):
        return True
    # « il a le permis et une voiture », « je me déplace à vélo », « je roule en scooter »
    if _has(
        rf"(?:\b(?:j ai|jai|g|ai|il a|elle a)\b|^(?:oui )?a\b)(?:\s+\w+){{0,3}}\s+et (?:un|une|sa|son|ma|mon) {_VEHICLES}"
        rf"|\b(?:deplace|deplacer|deplacons|roule|roules|circule|vais|va|bouge)\s+(?:a|en) {_VEHICLES}",
        t,
    ):
        return True
    return None


# « nulle part où pioncer » says both the need and the situation (no place tonight); « un endroit pour dormir »
# asks for one: the need, the situation left to the housing question (it may be for a move, a job…).
_NOWHERE = (
    r"(?:nul+e? ?part|null part|nulpart) (?:ou|pour|a) (?:dormir|pioncer|crecher|aller|vivre|loger|me poser|squatter)"
)
_PLACE_TO_SLEEP = (
    r"(?:endroit|coin|lieu|place|plan) (?:pour|ou|a) (?:dormir|pioncer|crecher|passer la nuit|me poser ce soir)"
)
_POSSESSIVE = r"(?:mes|ma|mon|ses|sa|son|leurs?|les|nos|notre)"
_CHEZ = r"(?:chez|che|ches|cher)"  # « ché mes parent » (normalised to « che »)
_LOGEMENT_PATTERNS: Tuple[Tuple[str, str], ...] = (
    (
        "sans-domicile",
        r"\b(?:a la rue|dans la rue|sans domicile|sdf|s\.d\.f|sans logement|sans abri|sans toit|pas de logement|"
        rf"{_NOWHERE}|dor[st]? dehors|dehors|squat|dans (?:ma|sa) voiture|115|pas de toit|expulsee?|"
        r"hebergement d urgence|hotel social|hotel du 115)\b",
    ),
    ("foyer-fjt", r"\b(?:fjt|foyer|habitat jeunes?|residence jeunes?|chrs|centre d hebergement)\b"),
    (
        "heberge-tiers",
        rf"\b(?:heberge|hebergee|hebergement|{_CHEZ} (?:un|une|des|{_POSSESSIVE}) (?:pote|potes|ami|amie|amis|copain|copine|cousin|cousine|tante|oncle|frere|soeur|grand|grands|famille|connaissance|copains|copines|mec|meuf|copain|chere et tendre)|chez des gens|"
        r"chez quelqu un|chez qqn|(?:dor\w*|vi[st]|loge\w*|heberge\w*|crech\w*|squatt?\w*)(?: \w+){0,2} (?:de gauche a droite|a droite a gauche)|je squatte chez|canape d (?:un|une|des) \w+)\b",
    ),
    (
        "chez-parents",
        rf"\b(?:{_CHEZ} {_POSSESSIVE} (?:parents?|parants?|daron|darons|daronne|mere|mer|pere|reum|vieux|famille|maman|papa|mama|mere et \w+)|"
        r"chez papa|chez maman|avec (?:mes|ses) parents|avec (?:ma|sa) mere|avec (?:mon|son) pere|famille d accueil|"
        r"domicile (?:familial|parental))\b",
    ),
    # « je cherche un appart » is a need with the situation unknown: only a flat the person *has* is stable.
    (
        "stable",
        r"\b(?:mon appart|mon appartement|mon logement|mon studio|ma maison|mon propre|je loue|locataire|"
        r"proprietaire|en coloc|en colloc|colocation|en location|hlm|logement social|un bail|mon bail|"
        r"(?:j ai|jai|g|il a|elle a) (?:un|son|mon) (?:appart|appartement|studio|logement)|"
        r"son appart|son propre|mon chez moi|chez moi seul|mon t1|mon t2|"
        r"dans (?:son|sa|mon|ma) (?:propre )?(?:logement|appart|appartement|studio|maison))\b",
    ),
)


# Answering « Où habitez-vous ? », a bare « chez moi » / « en appart » is one's own place; in a sentence
# (« je suis chez moi à Lyon ») it says nothing about housing.
_BARE_OWN_PLACE = re.compile(
    r"(?:oui |bah |ben |euh )?(?:chez moi|a la maison chez moi|(?:tout )?seule?|(?:en |un |dans un |mon )?"
    r"(?:appart|appartement|studio)(?: seule?)?|(?:j ai|jai|g) (?:mon|un) chez moi)"
)


# Answering the housing question, « parents » or « 🏠 parents » (the button's label typed) says where one lives.
_BARE_FAMILY = re.compile(
    r"(?:oui |bah |ben |euh )?(?:chez |avec )?(?:mes |les |ma |mon )?"
    r"(?:parents?|parants?|darons?|daronne|famille|mere|pere|maman|papa|mere et \w+|pere et \w+)"
)


def parse_logement(text: str, *, expecting: bool = False) -> Optional[str]:
    """The housing situation; with `expecting` (the housing question was asked), a bare « chez moi » says it."""
    t = normalize(text)
    for category, pattern in _LOGEMENT_PATTERNS:
        if affirmed_search(pattern, t):  # « jsuis pas en foyer » says no housing (knowledge/negation.py)
            return category
    if expecting and _BARE_OWN_PLACE.fullmatch(t):
        return "stable"
    if expecting and _BARE_FAMILY.fullmatch(t):
        return "chez-parents"
    return None


def negated_logement(text: str) -> Optional[str]:
    """The housing a message denies (« jsuis pas en foyer moi »), or None."""
    t = normalize(text)
    return next((category for category, pattern in _LOGEMENT_PATTERNS if negated_search(pattern, t)), None)


_HEALTH = (
    r"\b(?:handicap|handicape|handicapee|maladie|malade|dyslexi\w*|dyspraxi\w*|autis\w*|trouble|troubles|sourd|sourde|"
    r"malvoyant\w*|fauteuil|probleme de sante|problemes de sante|mdph)\b"
)
_RQTH_PENDING = r"\b(?:demande de (?:la )?rqth|rqth en cours|attente (?:de )?(?:la |ma )?rqth|attends? (?:la |ma )?rqth|dossier mdph)\b"


# Answering « Avez-vous une RQTH ? »: asked for, not granted yet (« en cours », « j'ai fait la demande »).
_RQTH_ASKED_FOR = re.compile(
    r"(?:(?:oui |bah |ben |euh )?(?:c est |cest |elle est |il est |ca est |la demande est |le dossier est |j ai |jai |g )?)?"
    r"(?:(?:la |ma |une )?(?:demande|dossier|rqth) )?(?:en cours|en attente|demandee?)\b.*"
    r"|.*\b(?:fait|depose|deposee|envoye|envoyee) (?:la|ma|une|le|mon) (?:demande|dossier)\b.*"
    r"|.*\b(?:j attends|jattends|attends|attend) (?:la reponse|la rqth|ma rqth|la mdph)\b.*"
)


def rqth_asked_for(text: str) -> bool:
    """An answer to the RQTH question saying it is requested but not granted yet."""
    return _RQTH_ASKED_FOR.fullmatch(normalize(text)) is not None


# « je ne sais pas », « jsp », « chai pas », « aucune idée »: the person does not know (not a refusal).
_DONT_KNOW = re.compile(
    r"(?:euh |bah |ben |hmm |alors )?(?:(?:je |j )?(?:ne |n )?(?:sais|sai|sait|c|chai|chais) (?:pas|pa|po)"
    r"|jsp|jsais pas|jsai pas|chai pas|chais pas|sais pas|aucune idee|j en sais rien|jen sais rien|"
    r"je sais pas trop|pas sure?|ch sais pas)(?: (?:trop|du tout|vraiment|encore|dsl|desole|desolee))?"
)


def says_dont_know(text: str) -> bool:
    return _DONT_KNOW.fullmatch(normalize(text)) is not None


def parse_handicap(text: str) -> Optional[str]:
    t = normalize(text)
    if _has(rf"\b{_NEG}\b(?:\s+\w+){{0,3}}\s+(?:de |d |en situation de )?(?:handicap|rqth|probleme)", t):
        # « dyslexique mais pas de RQTH »: a health condition said, only the recognition denied.
        health_denied = _has(rf"\b{_NEG}\b(?:\s+\w+){{0,3}}\s+(?:de |d |en situation de )?(?:handicap|probleme)", t)
        if _has(r"\brqth\b", t) and _has(_HEALTH, t) and not health_denied:
            return "oui-sans-rqth"
        return "non"
    if _has(_RQTH_PENDING, t):
        return "oui-sans-rqth"  # asked for, not granted yet
    if _has(
        r"\b(?:rqth|reconnaissance (?:de la )?qualite de travailleur handicape|travailleu(?:r|se) handicapee?|reconnue? handicapee?|"
        r"reconnue? travailleu(?:r|se)|reconnue? th|mdph m a reconnue?)\b",
        t,
    ):
        return "rqth"
    if _has(_HEALTH, t):
        return "oui-sans-rqth"
    return None


_WANT = (
    r"(?:j?(?:e )?(?:re)?cherch\w*|trouver|besoin d(?:e|u|un|une)?|veux|veut|voudrai[st]?|aimerai[st]?|faut|"
    r"demande|galere a trouver|galere pour trouver)"
)
_HOUSING_WORDS = r"(?:logement|logements|appart|appartement|studio|toit|chambre|hebergement|piaule|endroit|lit|foyer|coloc|colocation|f1|t1|t2|f2)"
_BESOIN_PATTERNS: Tuple[Tuple[str, str], ...] = (
    (
        "apprentissage",
        r"\b(?:apprentissage|apprenti|apprentie|alternance|alternant|alternante|contrat pro|contrat de professionnalisation|cfa)\b",
    ),
    (
        "mobilite-permis",
        r"\b(?:(?:passer|financer|payer|avoir|faire) (?:mon|le) (?:permi[st]?|code)|aide (?:pour|au) (?:le )?permi[st]?|permis de conduire|auto ecole|"
        r"me deplacer|mobilite|code de la route|moyen de transport|(?:acheter|louer) (?:un|une) (?:voiture|scooter|velo|vehicule|moto))\b",
    ),
    (
        "creation-activite",
        r"\b(?:(?:creer|monter|lancer|ouvrir) (?:ma|mon|une|un|de|d) (?:boite|entreprise|activite|societe|business|food truck|commerce|boutique|restaurant|resto|salon|projet)|"
        r"auto entrepreneur|micro entreprise|creation d entreprise|(?:me mettre|me lancer) a mon compte|entreprendre)\b",
    ),
    # A CAP the person *has* is a diploma (reading/schooling.py), not a need: only one to get is.
    (
        "formation",
        r"\b(?:formation|formations|me former|se former|me qualifier|me reconvertir|reconversion|"
        r"(?:reprendre|retourner a|retourner en) (?:les |mes |ses |l )?(?:etudes|ecole|cours)|diplome a passer|"
        r"(?:passer|faire|preparer|obtenir|reprendre|cherche|avoir) (?:un|le|mon|une) (?:cap|bep|bac|bac pro|bts|diplome|titre pro)|"
        r"apprendre un metier|qualification|remise a niveau)\b",
    ),
    (
        "logement",
        rf"(?:\b{_WANT}\s+(?:\w+\s+){{0,2}}{_HOUSING_WORDS}\b|\bme loger\b|\bse loger\b|\bun toit\b|\b{_NOWHERE}\b|"
        rf"\b{_PLACE_TO_SLEEP}\b|\b(?:quitter|partir de) chez (?:mes|ses) parents\b|\bune place en (?:foyer|fjt)\b)",
    ),
    (
        "emploi",
        r"\b(?:(?:faut|dois|doit|veux|voudrais|aimerais) (?:que |qu )?(?:je |j |il |elle )?(?:bosse|taffe|travaille|charbonne)|"
        r"emploi|travail|taf|boulot|boulots|job|jobs|taff|taffer|bosser|boss|travailler|cdi|cdd|interim|embauche|"
        r"un poste|turbin|charbonner|gagner (?:de l argent|ma vie|des sous|des thunes))\b",
    ),
    (
        "ne-sait-pas",
        r"\b(?:(?:(?:sais|sait|jsais) (?:pas|plus)|jsp) (?:trop )?(?:quoi faire|ce que (?:je veux|j veux|il veut|elle veut) faire|ce qu (?:il|elle|ils|elles) veu(?:t|lent)|ce que (?:je|j) veux)|"
        r"aucune idee de metier|pas d idee de metier|(?:suis|chui|jsuis|jsui|un peu|completement|trop|est) perdue?|orientation|m orienter|savoir quoi faire|"
        r"trouver ma voie|cherche ma voie|decouvrir (?:des|les) metiers)\b",
    ),
)
# Answering « Que cherchez-vous ? » (or opening the conversation), a bare « un appart » is the need.
_BARE_DIPLOMA = re.compile(r"(?:un |une |le |mon )?(?:cap|bep|bac pro|bac|bts|diplome|titre pro)(?: \w+){0,2}")
_BARE_DONT_KNOW = re.compile(
    r"(?:(?:euh |bah |ben )?(?:jsp|jsais pas|je sais pas|je ne sais pas|sais pas|chais pas|j sais pas|aucune idee|"
    r"pas d idee|je sais plus|jsp trop|je sais pas trop|no idea)(?: du tout| trop| encore| vraiment)?(?: dsl| desole)?)"
)
# « le permis », « ben le permis » answering « Que cherchez-vous ? »: the licence to get.
_BARE_PERMIS = re.compile(
    r"(?:euh |bah |ben |bin |alors )?(?:le |mon |un |du )?(?:permi[st]?|code)(?: b| de conduire| voiture)?(?: svp| stp)?"
)
_BARE_HOUSING = re.compile(rf"(?:un |une |1 |le |du |d un |des )?{_HOUSING_WORDS}(?: \w+){{0,2}}")


# Words that say a need alone, corrected when misspelt (« emplio », « formaton », « aprentissage ») — only where
# a need is meant: the need question, the opening message, or right after « je cherche un… ».
_NEED_WORDS = {
    "emploi": "emploi",
    "travail": "emploi",
    "boulot": "emploi",
    "formation": "formation",
    "apprentissage": "apprentissage",
    "alternance": "apprentissage",
    "logement": "logement",
    "hebergement": "logement",
    "appartement": "logement",
    "orientation": "ne-sait-pas",
}
_NEED_CUE = re.compile(rf"\b{_WANT}\s+(?:(?:un|une|du|de|d|des|le|la|l|mon|ma)\s+)?(\w+)")
_FUZZY_MIN_LETTERS = 5


def _misspelt_need(word: str) -> Optional[str]:
    """The need a misspelt need word stands for: one edit (a swap counts as one) for 5–7 letters, two for 8–10,
    three beyond (« aprantisage »: a double letter dropped twice and a vowel changed)."""
    if len(word) < _FUZZY_MIN_LETTERS or not word.isalpha():
        return None
    limit = 1 if len(word) < 8 else 2 if len(word) < 11 else 3
    found = extractOne(word, _NEED_WORDS.keys(), scorer=OSA.distance, score_cutoff=limit)
    # A word spelt right is the patterns' to read (they know « pas d'apprentissage »): only misspellings here.
    return _NEED_WORDS[found[0]] if found and found[1] > 0 else None


def _fuzzy_besoin(t: str, expecting: bool) -> Optional[str]:
    if re.search(rf"\b{_NEG}\b", t):
        return None  # « pas d'aprentissage »: a negated need is never guessed
    if expecting and len(t.split()) <= 3:  # « emplio », « un emplio svp »
        for word in t.split():
            need = _misspelt_need(word)
            if need:
                return need
    cue = _NEED_CUE.search(t)
    return _misspelt_need(cue.group(1)) if cue else None


def is_bare_diploma(text: str) -> bool:
    """« cap cuisine », « bac pro », « bac+2 »: a diploma named alone, with no wish verb."""
    return _BARE_DIPLOMA.fullmatch(normalize(text)) is not None


def parse_besoin(text: str, *, expecting: bool = False, asked: bool = False) -> Optional[str]:
    """The need; with `expecting` (the need was asked, or the conversation opens), a bare noun says it.
    A diploma named alone is the need only when `asked` (answering « Que cherchez-vous ? »): elsewhere it
    is the diploma held (reading/facts.py), and only a wish verb (« passer un CAP ») makes it a need."""
    t = normalize(text)
    for category, pattern in _BESOIN_PATTERNS:
        if affirmed_search(pattern, t):  # « un appart pas un apprentissage »: the affirmed need wins
            return category
    if expecting and _BARE_HOUSING.fullmatch(t):
        return "logement"
    if expecting and _BARE_PERMIS.fullmatch(t):
        return "mobilite-permis"
    if asked and _BARE_DIPLOMA.fullmatch(t):
        return "formation"  # « un bac pro » as what one is looking for
    if expecting and _BARE_DONT_KNOW.fullmatch(t):
        return "ne-sait-pas"  # « jsp du tout » answering « Que cherchez-vous ? »
    return _fuzzy_besoin(t, expecting)


def negated_besoin(text: str) -> Optional[str]:
    """The need a message denies (« jveux pas créer de boîte »), or None."""
    t = normalize(text)
    return next((category for category, pattern in _BESOIN_PATTERNS if negated_search(pattern, t)), None)


def parse_quartier(text: str) -> Optional[str]:
    """A neighbourhood named after a cue word: 'quartier de la Villeneuve', 'à la cité des Bosquets'."""
    match = re.search(
        r"\b(?:quartiers?|cit[eé]s?)\s+(?:de la |du |des |de l'|de l’|d'|de )?([^,.;!?\n]{2,40})",
        text,
        flags=re.IGNORECASE,
    )
    if not match:
        return None
    name = re.split(r"\s+(?:et|mais|j'|je|g|jai|j ai|a|à)\s+", match.group(1).strip(), maxsplit=1)[0]
    return name.strip(" '\"") or None


YES = r"(?:oui|ouais|ouai|ouep|yes|yep|ok|okay|d accord|bien sur|exact|exactement|voila|carrement|grave|oe|wé|we|si)"
NO = r"(?:non|nan|no|nope|pas du tout|absolument pas|jamais|non merci|nn|(?:je |j )?(?:crois|pense) pas|jcrois pas|jpense pas|pas que je sache)"


def parse_yes_no(text: str) -> Optional[bool]:
    emoji = emoji_answer(text)
    if emoji is not None:
        return emoji
    t = normalize(text)
    if re.fullmatch(rf"(?:{NO})(?: \w+){{0,2}}", t):
        return False
    if re.fullmatch(rf"(?:{YES})(?: \w+){{0,2}}", t):
        return True
    # A yes/no said first answers the question, whatever follows (« non jai 17 ans mdr », « oui depuis 2 ans »).
    if re.match(r"(?:non|nan|nope|nn|no)\b(?! (?:plus|seulement|juste)\b)", t):
        return False
    if re.match(r"(?:oui|ouais|ouai|yes|yep)\b", t):
        return True
    return None
