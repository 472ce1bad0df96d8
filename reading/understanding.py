"""Reads profile facts out of what a person types, deterministically. These parsers are what the bot
trusts (reading/facts.py says which code owns each fact), so several facts in one message ("jai 19 ans
jhabite a vaulx en velin g pa le permi"), SMS spelling and third person (a conseiller typing « il a 19 ans,
il vit chez ses parents ») work even where the NLU model missed an entity."""

from __future__ import annotations

import re
from typing import Optional, Tuple

from knowledge.negation import affirmed_search, negated_search
from knowledge.text import emoji_answer, emoji_meaning, normalize
from reading import vehicles as vehicle_words
from reading.age import AgeReading, french_number, parse_age  # noqa: F401  (the age reader lives apart)
from reading.need import is_bare_diploma, negated_besoin, parse_besoin, second_besoin  # noqa: F401  (the need reader)
from reading.schooling import parse_diplome, parse_scolarite  # noqa: F401
from reading.words import NEG as _NEG  # shared with reading/need.py
from reading.words import NOWHERE as _NOWHERE


def _has(pattern: str, t: str) -> bool:
    return re.search(pattern, t) is not None


def parse_permis(text: str) -> Optional[bool]:
    # The permis slot is the car licence (permis B): a motorbike licence alone (« seulement le permis A pour sa
    # moto ») says the car licence is not there (lexicon: knowledge/data/lexicon/vehicles.yaml, play-test E).
    t, other = vehicle_words.other_licences(normalize(vehicle_words.with_plus_as_and(text)))
    if other and not _has(r"\bpermi[st]?\b|\bcode de la route\b", t):
        only = rf"\b(?:seulement|juste|que|uniquement|only)\s+(?:le |un |mon |son )?{vehicle_words.OTHER_LICENCE}"
        other_held = _has(only, t) or not _has(
            rf"\b{_NEG}\b(?:\s+\w+){{0,3}}\s+(?:le |de |d |mon |son )?{vehicle_words.OTHER_LICENCE}"
            r"|\b(?:passe|passer|prepare|preparer|en train|veux|voudrais|aimerais)\b",
            t,
        )
        return False if other_held else None
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
    if vehicle_words.licence_and_vehicle(t):
        return True  # « permis + caisse », « il a un CAP cuisine, permis et voiture »
    if _has(
        r"(?:\b(?:j ai|jai|g|ai|il a|elle a|avec|titulaire|j l ai|j ai eu|obtenu|mon|son)\b|^(?:oui )?a\b)(?:\s+\w+){0,2}\s+permi",
        t,
    ) or _has(r"\bpermi[st]?\b\s*(?:b\s*)?(?:oui|ok|yes|en poche)\b", t):
        return True
    return None


# Motor vehicles only (knowledge/data/lexicon/vehicles.yaml): a bike or a scooter board does not lift the
# distance limit a vehicle lifts (orientation/matching/scoring.py reach_km), so « un vélo » is « non » (play-test D).
_VEHICLES, _NON_MOTOR = vehicle_words.patterns()


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
    # « la 206 jtai dit », « la clio de ma mère »: a car named by its model is a car.
    text = vehicle_words.with_plus_as_and(_VEHICLE_SIGNS.sub(lambda m: f" {_VEHICLE_SIGN_WORDS[m.group(0)]} ", text))
    t, car_named = vehicle_words.cars_named(vehicle_words.without_car_licence(normalize(text)))
    motor = _motor_vehicle(t)
    if motor is not None:
        return motor
    if car_named and not _has(rf"\b{_NEG}\b(?:\s+\w+){{0,3}}\s+(?:\w+ )?voiture", t):
        return True
    if _has(rf"\b{_NON_MOTOR}s?\b", t) and not _has(
        rf"\b{_NEG}\b(?:\s+\w+){{0,3}}\s+(?:de |d |un |une )?{_NON_MOTOR}", t
    ):
        return False  # a bike, a scooter board: getting about on one's own, but no motor vehicle
    return None


def _motor_vehicle(t: str) -> Optional[bool]:
    if _has(
        r"\b(?:pas|pa|non)\s+(?:vehicule|motorise)e?\b|\brien pour (?:me|se) deplacer\b|\ba pied\b|\bque les transports\b"
        r"|\bqu en transports?\b|\b(?:que|juste|seulement|uniquement) (?:le |les |en |par le )?(?:bus|tram|metro|train|rer|car|transports?)\b|^(?:en |le |par le )?(?:bus|tram|metro|train|rer|transports? en commun)$"
        r"|\b(?:prend|prends|je prends|j prend|jprend|jprends) (?:le |les )?(?:bus|tram|metro|train|rer|car|transports?)\b",
        t,
    ):
        return False
    if vehicle_words.licence_and_vehicle(t):
        return True
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


_POSSESSIVE = r"(?:mes|ma|mon|ses|sa|son|leurs?|les|nos|notre)"
_CHEZ = r"(?:chez|che|ches|cher)"  # « ché mes parent » (normalised to « che »)
_LOGEMENT_PATTERNS: Tuple[Tuple[str, str], ...] = (
    (
        "sans-domicile",
        r"\b(?:a la rue|dans la rue|sans domicile|sdf|s\.d\.f|sans logement|sans abri|sans toit|pas de logement|"
        rf"{_NOWHERE}|dor[st]? dehors|dehors|squat|dans (?:ma|sa) voiture|115|pas de toit|expulsee?|"
        # A CHRS or a centre d'hébergement is emergency or temporary housing, like the hébergement d'urgence: not a
        # foyer de jeunes travailleurs (play-test G g21: the bot then said an FJT action was « son cas »).
        r"hebergement d urgence|hotel social|hotel du 115|chrs|centres? d hebergement)\b",
    ),
    ("foyer-fjt", r"\b(?:fjt|foyer|habitat jeunes?|residence jeunes?)\b"),
    (
        "heberge-tiers",
        rf"\b(?:heberge|hebergee|hebergement|{_CHEZ} (?:un|une|des|{_POSSESSIVE}) (?:pote|potes|ami|amie|amis|copain|copine|cousin|cousine|tante|oncle|frere|soeur|grand|grands|famille|connaissance|copains|copines|mec|meuf|copain|chere et tendre)|chez des gens|"
        r"chez quelqu un|chez qqn|(?:dor\w*|vi[st]|loge\w*|heberge\w*|crech\w*|squatt?\w*)(?: \w+){0,2} (?:de gauche a droite|a droite a gauche)|je squatte chez|canape d (?:un|une|des) \w+)\b",
    ),
    (
        "chez-parents",
        rf"\b(?:{_CHEZ} {_POSSESSIVE} (?:parents?|parants?|daron|darons|daronne|mere|mer|pere|reum|vieux|famille|maman|papa|mama|mere et \w+)|"
        r"chez papa|chez maman|avec (?:mes|ses) parents|avec (?:ma|sa) mere|avec (?:mon|son) pere|famille d accueil|"
        r"domicile (?:familial|parental)"
        # English (play-test F): « I live with my parents », « at my mom's »
        r"|(?:with|at) my (?:parents?|mum|mom|mother|dad|father|family))\b",
    ),
    # « je cherche un appart » is a need with the situation unknown: only a flat the person *has* is stable.
    (
        "stable",
        r"\b(?:mon appart|mon appartement|mon logement|mon studio|ma maison|mon propre|je loue|locataire|"
        r"proprietaire|en coloc|en colloc|colocation|en location|hlm|logement social|un bail|mon bail|"
        r"(?:j ai|jai|g|il a|elle a) (?:un|son|mon) (?:appart|appartement|studio|logement)|"
        r"son appart|son propre|mon chez moi|chez moi seul|mon t1|mon t2|my own \w+|my flat|my apartment|"
        # « elle vit avec son copain dans un appartement »: a flat lived in (parents and hosts are read first).
        r"(?:vi[st]|vivent|vivons|habite|habites|habitent|habitons)(?: \w+){0,4} dans un (?:appart|appartement|studio|t1|t2|t3)|"
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
# A RQTH asked for, not granted yet (play-test G g20: « dossier RQTH déposé à la MDPH… pas encore de réponse » was read
# as a recognition): the request, the file, the wait for the MDPH's answer, « pas encore accordée ».
_POSS = r"(?:la |ma |sa |une |son |mon |le )?"
_RQTH_PENDING = (
    rf"\b(?:demande (?:de |d )?{_POSS}rqth|dossier (?:de )?{_POSS}(?:rqth|mdph)|rqth (?:est |a ete )?"
    r"(?:en cours|en attente|demandee?|deposee?)"
    rf"|(?:attente|attends?|attend) (?:de |d )?{_POSS}(?:rqth|reponse (?:de |d )?(?:la )?mdph|mdph)"
    r"|(?:depose|deposee|envoye|envoyee|fait|monte) (?:un |une |le |la |mon |ma |son |sa )?(?:dossier|demande)\b.{0,30}"
    r"\b(?:mdph|rqth)"
    rf"|rqth (?:n est |est )?(?:pas encore|toujours pas) (?:accordee|obtenue|validee|reconnue|acceptee)"
    rf"|(?:pas encore|toujours pas) {_POSS}rqth|mdph (?:n )?(?:a )?(?:pas encore|toujours pas) (?:repondu|statue)"
    r"|pas encore (?:de |eu de )?reponse (?:de |d )?(?:la )?mdph)\b"
)


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
    r"je sais pas trop|pas sure?|ch sais pas"
    # English (play-test F: « i dont know » at the QPV question, after the bot offered to go on in French).
    r"|i (?:dont|don t|do not) know|i dunno|dunno|idk|no idea)(?: (?:trop|du tout|vraiment|encore|dsl|desole|desolee))?"
)


# An unsure yes (« jcrois que oui », « je pense », « peut-être »), maybe after « jsp »: at a yes/no question it is
# « ne sait pas », said back, not a yes (play-test F: at the QPV question a conseiller wants an unsure yes checked).
# A plain yes said first (« oui je crois ») stays a yes; « jcrois pas » stays a no (parse_yes_no).
_UNSURE_YES = re.compile(
    r"(?:(?:euh|bah|ben|bof|hmm|jsp|jsais pas|je sais pas|chais pas|j sais pas) )*"
    r"(?:je crois|jcrois|j crois|je pense|jpense|j pense|il me semble|jme semble|peut etre|ptet|ptete|ptetre|p e"
    r"|possible|c est possible|cest possible|probablement|peut etre bien)"
    r"(?: (?:que|ke|qu) (?:oui|ouais|si))?(?: (?:oui|ouais|bien|mais (?:je suis|jsuis|chui) pas sure?|pas sure?))?"
    r"(?: (?:jsp|jsais pas|je sais pas|pas sure?|trop|dsl))*"
)


# Said the same to the young person and to a conseiller typing for them (no « vous »).
UNSURE_NOTE = "C'est noté : pas sûr, j'indique « ne sait pas » ; la mission locale pourra vérifier."


def says_unsure(text: str) -> bool:
    """« jsp jcrois que oui », « je crois », « jpense », « peut-être »: a yes not sure of itself (the whole answer)."""
    return _UNSURE_YES.fullmatch(normalize(text)) is not None


def says_dont_know(text: str) -> bool:
    # « 🤷 » alone is a shrug: « je ne sais pas » (play-test D, at the QPV question).
    return _DONT_KNOW.fullmatch(normalize(text)) is not None or emoji_meaning(text) == "je ne sais pas"


# Answering the handicap question, a health condition named in passing says « yes, no RQTH said » (play-test D:
# « jsuis dys mais bon », « suivi pour une dépression », « mal au dos un peu »); elsewhere these words say
# nothing (« j'ai mal au dos » after the results is no answer to a question). Only the yes is kept, never the words.
_HEALTH_ANSWER = (
    r"\b(?:dys\w*|tdah|hyperacti\w*|depression|depressi\w*|burn out|anxi\w*|bipolaire|psychiatr\w*|psycholog\w*|"
    r"suivie? (?:par|chez) (?:un |une )?(?:psy\w*|medecin|docteur|specialiste)|suivie? psy|psy|"
    r"mal (?:au|aux) \w+|mal a la (?:tete|jambe|main|hanche|nuque|cheville)|douleurs?|chronique|asthm\w*|epilep\w*|"
    r"diabet\w*|cardiaque|blesse\w*|accident\w*|operee?|hernie|tendinite|allergi\w*|surdite|malentendant\w*)\b"
)
_RQTH_DENIED = rf"\b{_NEG}\b(?:\s+\w+){{0,3}}\s+(?:de |d |la |ma |une )?rqth\b"


# « j'ai pas fait de demande de RQTH »: knowledge.negation reads « j'ai pas » as a lack, not as a denial.
_NO_REQUEST = (
    r"\b(?:pas|jamais) (?:encore )?(?:fait|depose|envoye|demande|monte)\b.{0,20}\b(?:demande|dossier|rqth|mdph)\b"
)


def rqth_pending(text: str) -> bool:
    """« dossier RQTH déposé », « j'attends la réponse de la MDPH »: a RQTH asked for and not granted yet (a request
    said not made, « je n'ai pas fait de demande de RQTH », is none)."""
    t = normalize(text)
    return affirmed_search(_RQTH_PENDING, t) is not None and not _has(_NO_REQUEST, t)


def rqth_denied(text: str) -> bool:
    """« j'ai une maladie chronique mais pas de RQTH »: the recognition said absent, not to be asked again."""
    return _has(_RQTH_DENIED, normalize(text))


def parse_handicap(text: str, *, expecting: bool = False) -> Optional[str]:
    """rqth | oui-sans-rqth | non, or None; with `expecting` (the handicap question was asked), a health
    condition said in everyday words (_HEALTH_ANSWER) counts as « oui, sans RQTH »."""
    t = normalize(text)
    if rqth_pending(text):
        return "oui-sans-rqth"  # asked for, not granted yet (« il a pas encore sa RQTH » is no denial of a handicap)
    if _has(rf"\b{_NEG}\b(?:\s+\w+){{0,3}}\s+(?:de |d |en situation de )?(?:handicap|rqth|probleme)", t):
        # « dyslexique mais pas de RQTH »: a health condition said, only the recognition denied.
        health_denied = _has(rf"\b{_NEG}\b(?:\s+\w+){{0,3}}\s+(?:de |d |en situation de )?(?:handicap|probleme)", t)
        if _has(r"\brqth\b", t) and _has(_HEALTH, t) and not health_denied:
            return "oui-sans-rqth"
        return "non"
    if _has(
        r"\b(?:rqth|reconnaissance (?:de la )?qualite de travailleur handicape|travailleu(?:r|se) handicapee?|reconnue? handicapee?|"
        r"reconnue? travailleu(?:r|se)|reconnue? th|mdph m a reconnue?)\b",
        t,
    ):
        return "rqth"
    if _has(_HEALTH, t) or (expecting and _has(_HEALTH_ANSWER, t)):
        return "oui-sans-rqth"
    return None


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


_SAID_AGAIN = re.compile(
    r"(?:mais |bah |ben |j |je )?(?:(?:je )?viens de (?:dire|repondre)|(?:je )?(?:t|vous) ai (?:dit|repondu)|jtai dit|jvous ai dit"
    r"|j ai (?:dit|repondu)|jai dit|g dit|je dis|j dis|jdis)(?: que)? (non|oui|ouais|si)\b"
)


def parse_yes_no(text: str) -> Optional[bool]:
    emoji = emoji_answer(text)
    if emoji is not None:
        return emoji
    t = normalize(text)
    if re.fullmatch(rf"(?:{NO})(?: \w+){{0,2}}", t):
        return False
    if re.fullmatch(rf"(?:{YES})(?: \w+){{0,2}}", t):
        return True
    # « je viens de dire non », « jtai dit non »: the answer said again, the question asked once too often.
    said_again = _SAID_AGAIN.match(t)
    if said_again:
        return said_again.group(1) in ("oui", "ouais", "si")
    # « pas encore, je le passe en ce moment »: not yet is no, today.
    if re.match(r"(?:non |nan )?pas encore\b", t):
        return False
    # A yes/no said first answers the question, whatever follows (« non jai 17 ans mdr », « oui depuis 2 ans »).
    if re.match(r"(?:non|nan|nope|nn|no)\b(?! (?:plus|seulement|juste)\b)", t):
        return False
    if re.match(r"(?:oui|ouais|ouai|yes|yep)\b", t):
        return True
    return None
