"""Reads the need (what the person is looking for: a job, a training, a place to live…) out of what they
type, and the need a message denies. Part of the deterministic readers of reading/understanding.py, which
re-exports `parse_besoin`, `negated_besoin` and `is_bare_diploma`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

from rapidfuzz.distance import OSA
from rapidfuzz.process import extractOne

from knowledge.negation import affirmed_search, negated_search
from knowledge.profile import BESOINS
from knowledge.text import normalize
from reading.words import NEG, NOWHERE, PLACE_TO_SLEEP

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
        r"\b(?:(?:passer|passe|financer|payer|avoir|faire) (?:mon|le) (?:permi[st]?|code)|(?:et|aussi) pour (?:le|mon) (?:permi[st]?|code)|aide (?:pour|au) (?:le )?permi[st]?|permis de conduire|auto ecole|"
        r"me deplacer|mobilite|code de la route|moyen de transport|(?:acheter|louer) (?:un|une) (?:voiture|scooter|velo|vehicule|moto))\b",
    ),
    (
        "creation-activite",
        # « il veut créer son food truck », « monter sa boîte » (play-test F: a conseillère speaks of him).
        r"\b(?:(?:creer|monter|lancer|ouvrir) (?:ma|mon|sa|son|une|un|de|d|leur|notre) (?:propre )?(?:boite|entreprise|activite|societe|business|food truck|foodtruck|commerce|boutique|restaurant|resto|salon|projet)|"
        r"auto entrepreneur|micro entreprise|creation d entreprise|(?:me mettre|me lancer) a mon compte|entreprendre)\b",
    ),
    # A CAP the person *has* is a diploma (reading/schooling.py), not a need: only one to get is.
    (
        "formation",
        r"\b(?:formation|formations|me former|se former|me qualifier|me reconvertir|reconversion|"
        r"(?:reprendre|retourner a|retourner en) (?:les |mes |ses |l )?(?:etudes|ecole|cours)|diplome a passer|"
        r"(?:passer|faire|preparer|obtenir|reprendre|cherche|avoir) (?:un|le|mon|une) (?:cap|bep|bac|bac pro|bts|diplome|titre pro)|"
        r"apprendre un metier|qualification|remise a niveau|"
        # A stage the school asks for (a PFMP of a bac pro, play-test G g12): part of the training; the stage
        # d'observation of a collégien is « trouver sa voie » (below) and both are the `stage-scolaire` subject
        # (reading/situation.py).
        r"(?:(?:je|j|il|elle) (?:dois|doit|cherche|recherche|veux|voudrais)|jdois|jcherche|jveux|(?:me|lui) faut|besoin d) "
        r"(?:trouver |faire )?(?:un |mon |une |ma )?(?:stage|pfmp)(?! (?:de |d |en )?(?:3e|3eme|troisieme|observation|decouverte)\b)|"
        r"stage (?:de|d) \d+ (?:semaines?|jours?|mois)|pfmp)\b",
    ),
    (
        "logement",
        rf"(?:\b{_WANT}\s+(?:\w+\s+){{0,2}}{_HOUSING_WORDS}\b|\bme loger\b|\bse loger\b|\bun toit\b|\b{NOWHERE}\b|"
        rf"\b{PLACE_TO_SLEEP}\b|\b(?:quitter|partir de) chez (?:mes|ses) parents\b|\bune place en (?:foyer|fjt)\b)",
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
        r"trouver ma voie|cherche ma voie|decouvrir (?:des|les) metiers|"
        # No need value of their own (play-test D): the service civique card and the « découvrir un métier »
        # thématiques are served to « trouver sa voie », as is a collégien's stage d'observation.
        r"service civique|stage (?:de |d |en )?(?:3e|3eme|troisieme|seconde|2nde|observation|decouverte))\b",
    ),
)
# « un job d'été pour me payer le permis »: what the money is for is the goal, the job is the need. A need
# said outside this clause wins over one said inside it.
_PURPOSE = re.compile(
    r"\bpour (?:me |se |lui |leur )?(?:payer|paye|financer|offrir|acheter) (?:le |la |les |mon |ma |mes |son |sa |un |une |l )?\w+(?: \w+)?"
)
# « jsuis en cap maçon en alternance », « je suis apprenti »: a status held (reading/schooling.py), not a need.
STATUS_APPRENTICE = (
    r"\b(?:je suis|jsuis|jsui|chui|chuis|suis|il est|elle est)\s+"
    r"(?:(?!pour\b|a la\b|cherche\w*|recherche\w*|dispo\w*|motive\w*|pret\w*|interesse\w*)\w+\s+){0,3}?"
    r"en (?:alternance|apprentissage)\b"
    r"|\b(?:je suis|jsuis|jsui|chui|chuis|il est|elle est|deja) (?:un |une |deja )?(?:apprentie?|alternante?)\b"
)
_STATUS_APPRENTICE = re.compile(STATUS_APPRENTICE)
# Money has no need value; answering « Que cherchez-vous ? », it is read as the job (the allowance of the
# contrat d'engagement jeune is signed on the same path, at the mission locale or France Travail).
_MONEY = re.compile(
    r"\b(?:aides? financieres?|(?:de l |d l )?argent|des sous|thunes?|de quoi vivre|une aide pour vivre|oseille|moula|"
    r"a sec|fauchee?|plus un rond)\b"
)
# « et aussi un logement », « un appart en plus »: the words that add a need around a bare one (place_need reads them).
_ADDED_EDGES = re.compile(r"^(?:et )?(?:aussi|en plus|egalement)\b|\b(?:aussi|en plus|egalement)$")
# « en fait plutôt le permis »: the words that correct a need around a bare one (place_need replaces it).
_INSTEAD = re.compile(r"^(?:(?:en fait|non|finalement|enfin|ah)\s+)?plutot\s+")
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
# A trade to become (play-test G g18: « souhaite devenir aide-soignante ») is reached by a training first — read
# only while no need is known: after a list, « je veux devenir mécanicien » names the trade of the list
# (orientation/refine.py), it does not change the need.
_BECOME = re.compile(
    r"\b(?:veux|veut|voudrais|voudrai|aimerais|aimerai|souhaite|souhaiterais|reve de|revais de) devenir "
    r"(?!autonome\b|independante?\b|riche\b|quelqu un\b|mon propre\b|ma propre\b|patronn?e?\b)\w+"
)
# « un stage », « stage » answering « Que cherchez-vous ? » (play-test G g12, asked three times): a training period.
_BARE_STAGE = re.compile(r"(?:un |une |mon |ma |le |des )?(?:stage|stages|pfmp)(?: \w+){0,3}")
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
    if re.search(rf"\b{NEG}\b", t):
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


# « pourquoi france travail ? jsuis au lycée moi » (play-test E): a why-question names what it objects to, it does
# not ask for it — its clause, up to the question mark, says no need. « pourquoi pas une formation » does.
_WHY_CLAUSE = re.compile(r"\b(?:pourquoi|pk|pq|pkoi|pourkoi)\b(?!\s+pas\b)[^?.!\n]*[?.!]?", re.IGNORECASE)
# « c'est loin ris orangis non ? » (play-test H h09): a question about distance or place asks about a line shown,
# it never says a need — its clause, up to the question mark, is dropped like a why-question.
_PLACE_QUESTION = re.compile(
    r"\b(?:c['’ ]?est|cest|est-ce|ça fait|ca fait|c['’ ]?est-y)\s+(?:pas\s+)?(?:trop\s+|très\s+|tres\s+|un peu\s+|super\s+)?"
    r"(?:loin|près|pres|proche|où|ou ça|ou ca)\b[^?.!\n]*[?.!]?"
    r"|\b(?:combien de (?:km|kilomètres|kilometres|temps)|comment (?:j['’ ]?y vais|y aller|on y va)|c['’ ]?est où)\b[^?.!\n]*[?.!]?",
    re.IGNORECASE,
)
# « il a pas le permis et c'est bloquant » (play-test H h19, a conseiller): the permis as a barrier is a need added
# to the one said, never one replacing it.
PERMIS_BLOCKS = re.compile(
    r"\b(?:pas|plus|sans) (?:le |de |d )?permi[st]?\b[^.?!;]{0,40}?\b(?:bloqu\w*|frein\w*|empeche\w*|probleme|galere\w*|handicap\w*)"
)


def parse_besoin(text: str, *, expecting: bool = False, asked: bool = False, unknown: bool = False) -> Optional[str]:
    """The need; with `expecting` (the need was asked, or the conversation opens), a bare noun says it.
    A diploma named alone is the need only when `asked` (answering « Que cherchez-vous ? »): elsewhere it
    is the diploma held (reading/facts.py), and only a wish verb (« passer un CAP ») makes it a need. A trade
    to become (« souhaite devenir aide-soignante ») is the training need only while no need is known (`unknown`)."""
    t = _STATUS_APPRENTICE.sub(" ", normalize(_PLACE_QUESTION.sub(" ", _WHY_CLAUSE.sub(" ", text or ""))))
    for reading in (_PURPOSE.sub(" ", t), t):  # a need outside « pour me payer le permis » first
        for category, pattern in _BESOIN_PATTERNS:
            if affirmed_search(pattern, reading):  # « un appart pas un apprentissage »: the affirmed need wins
                return category
    if PERMIS_BLOCKS.search(t):
        return "mobilite-permis"
    if asked and _MONEY.search(t):
        return "emploi"
    t = _ADDED_EDGES.sub("", t).strip()  # « et aussi un logement »: the bare need, added to a known one
    t = _INSTEAD.sub("", t)  # « en fait plutôt le permis »: the bare need, replacing the known one
    if expecting and _BARE_HOUSING.fullmatch(t):
        return "logement"
    if (asked or unknown) and _BECOME.search(t) and not negated_search(_BECOME.pattern, t):
        return "formation"
    if expecting and _BARE_STAGE.fullmatch(t):
        return "formation"
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


# « un taf et un logement »: what follows « et » in the clause of a need, read as a need alone.
# « un taf, faut aussi que je trouve un appart » (play-test H) start one too.
_AND = re.compile(
    r"\bet (?:aussi |puis |surtout |en plus )?|(?:,|\bmais) (?=(?:il )?(?:me |lui )?faut aussi\b|(?:je |j )?(?:veux|voudrais|cherche|dois) aussi\b)"
)
# « faut que je trouve un appart »: the subjunctive said as the verb the patterns read.
_SUBJUNCTIVE = {"trouve": "trouver", "passe": "passer", "cherche": "chercher"}
_SUBJUNCTIVE_RE = re.compile(r"\bque (?:je |j |il |elle )(trouve|passe|cherche)\b")
_CLAUSE_END = re.compile(r"[,.;:!?()]")
_AND_PHRASE_WORDS = 7


def second_besoin(text: str, first: str) -> Optional[str]:
    """Another need named after « et » in the same message (« j'ai besoin d'un taf et d'un logement »), or None.
    The profile holds one need (knowledge/profile.py): reading/facts.py keeps the first and says this one back."""
    t = normalize((text or "").replace("+", " et "))  # « une formation + un logement »
    parts = _AND.split(t)
    for part in parts[1:]:
        # Only a short phrase right after « et » (« et d'un logement svp »): in a story, « et depuis je fais des petits
        # boulots… » names past jobs, not a need (the clause ends at its punctuation).
        clause = _CLAUSE_END.split(part, maxsplit=1)[0].split()
        if len(clause) > _AND_PHRASE_WORDS:
            continue
        phrase = _SUBJUNCTIVE_RE.sub(lambda m: _SUBJUNCTIVE[m.group(1)], " ".join(clause))
        found = parse_besoin(phrase, expecting=True)
        if found and found != first and found != "ne-sait-pas":
            return found
    if first != "mobilite-permis" and PERMIS_BLOCKS.search(t):
        return "mobilite-permis"  # « cherche un emploi mais n'a pas le permis, ce qui bloque »
    return None


# What to type for a need after the suggestions (each is read by reading/need.py parse_besoin).
NEED_WORDS = {
    "emploi": "un emploi",
    "formation": "une formation",
    "apprentissage": "l'apprentissage",
    "mobilite-permis": "le permis",
    "logement": "un logement",
    "creation-activite": "créer mon activité",
}


def second_need_note(kept: str, also: str) -> str:
    """Both needs are kept (`besoins_autres`): the first said leads, the other is said back, not lost (play-test D, F)."""
    return f"C'est noté : {BESOINS[kept][0]}, et aussi {BESOINS[also][0]}."


# « et aussi une formation », « je veux aussi un logement », « un appart en plus » said once a need is known: a need
# added to it, not one replacing it (play-test F f13). « en fait plutôt une formation » replaces it.
_ALSO = re.compile(r"\b(?:aussi|en plus|egalement|en meme temps)\b|^et\b")


@dataclass
class Needs:
    """What a message does to the needs: the need to set (None: unchanged), the other needs (None: unchanged), a note."""

    besoin: Optional[str] = None
    autres: Optional[List[str]] = None
    note: Optional[str] = None


def place_need(text: str, said: str, known: Optional[str], others: Sequence[str], typed: bool = True) -> Needs:
    """Where the need `said` in `text` goes, given the need `known` and the `others` already said. `typed`: False for a
    button's payload (it says one need, and replaces)."""
    others = [need for need in others or () if need in BESOINS]
    also = second_besoin(text, said) if typed else None
    adds = _ALSO.search(normalize(text)) or (said == "mobilite-permis" and PERMIS_BLOCKS.search(normalize(text)))
    if typed and known and known != "ne-sait-pas" and said != "ne-sait-pas" and adds:
        added = [need for need in (said, also) if need and need != known and need not in others]
        if not added:
            return Needs()
        return Needs(autres=others + added, note=f"C'est noté : aussi {BESOINS[added[0]][0]}.")
    kept = [need for need in others if need != said]
    if also and also not in kept:
        kept.append(also)
    return Needs(
        besoin=said,
        autres=kept if kept != others else None,
        note=second_need_note(said, also) if also else None,
    )
