"""Who the bot speaks to: the young person (« vous ») or a conseiller typing for them (« la personne »).

The sentence tables are written once, in the « vous » form; where a sentence changes only by its pronouns, this small
mapping gives the « la personne » form (play-test E: « ce que vous cherchez », « ce qui est votre cas », « parlez-en
à votre conseiller mission locale » said to conseillers; « chez ses parents » said to the young person himself).
The voice comes from the slot `interlocuteur` (reading/interlocutor.py), passed down by the actions.
"""

from __future__ import annotations

import re
from typing import Optional, Sequence, Tuple

VOUS, PERSONNE = "vous", "la personne"
# Of a young man, as the conseiller wrote him (« un jeune homme », « il a 22 ans »: reading/interlocutor.py
# speaks_of_a_man): « le jeune » as the subject of a verb, then « il », « lui », « le » (play-test H h05: « près de
# chez elle », « signent avec elle » of a young man). Gender unknown or a woman: « la personne », then « elle ».
PERSONNE_IL = "la personne (il)"
_PRONOUNS = {
    PERSONNE: {"il": "elle", "lui": "elle", "la": "la", "e": "e", "sujet": "la personne"},
    PERSONNE_IL: {"il": "il", "lui": "lui", "la": "le", "e": "", "sujet": "le jeune"},
}

# « vous » phrase -> « la personne » phrase, longest first where one contains another; {il}, {lui}, {la}, {e}:
# the pronouns and ending of _PRONOUNS.
_TO_PERSONNE: Sequence[Tuple[str, str]] = (
    (
        "parlez-en à votre conseiller mission locale pour savoir si elles existent encore",
        "vérifiez auprès des structures si elles existent encore",
    ),
    ("demandez à votre conseiller si elles existent encore", "vérifiez auprès des structures si elles existent encore"),
    ("demandez à votre conseiller si elle existe encore", "vérifiez auprès de la structure si elle existe encore"),
    (", votre conseiller peut vous aider.", "."),
    ("Ce que je sais de votre situation", "Ce que je sais de la situation de la personne"),
    ("ce que vous cherchez", "ce que la personne cherche"),
    ("le secteur que vous avez demandé", "le secteur demandé"),
    ("à votre âge, vous pouvez l'être", "à son âge, la personne peut l'être"),
    ("vous pouvez y participer", "la personne peut y participer"),
    ("pouvoir vous déplacer", "pouvoir se déplacer"),
    ("vous montrent", "lui montrent"),
    ("chez vous", "chez {lui}"),
    ("le vôtre", "le sien"),
    ("la vôtre", "la sienne"),
    ("Je n'ai pas compris votre âge", "Je n'ai pas compris son âge"),
    ("Choisissez ce qui vous correspond le mieux", "Choisissez ce qui lui correspond le mieux"),
    ("vous correspondre", "correspondre à la personne que vous accompagnez"),
    # The network cards and the closing block (play-test F: « Contactez la mission locale de votre commune »,
    # « vous aident » said to conseillers). The conseiller is the one who knows: « votre conseiller » is anyone's.
    ("Votre conseiller (mission locale, France Travail) sait", "Un conseiller (mission locale, France Travail) sait"),
    ("votre propre activité", "sa propre activité"),
    ("vous y avez droit", "{il} y a droit"),
    ("à vous former", "à se former"),
    ("vous rendre utile", "se rendre utile"),
    ("vous renseigner", "se renseigner"),
    ("vous lancer", "se lancer"),
    ("vous y orienter", "l'y orienter"),
    ("vous y orientent", "l'y orientent"),
    ("vous orienter", "l'orienter"),
    ("vous aider", "l'aider"),
    ("vous aident", "l'aident"),
    ("vous suit", "{la} suit"),
    ("vous reçoit", "{la} reçoit"),
    ("vous reçoivent", "{la} reçoivent"),
    ("vous dirigera", "{la} dirigera"),
    ("vous mettre", "{la} mettre"),
    ("vous proposer", "lui proposer"),
    ("vous dire", "lui dire"),
    ("vous disent", "lui disent"),
    ("vous dit", "lui dit"),
    ("vous donner", "lui donner"),
    ("vous donnent", "lui donnent"),
    ("vous donne", "lui donne"),
    ("vous le confirme", "le lui confirme"),
    ("vous indiquer", "lui indiquer"),
    ("vous manque", "lui manque"),
    ("vous bloque", "{la} bloque"),
    ("vous paie", "{la} paie"),
    ("vous aide", "l'aide"),
    ("qui vous convient", "qui lui convient"),
    ("vous fait", "lui fait"),
    ("que vous n'en avez pas", "qu'{il} n'en a pas"),
    ("ou vous former", "ou se former"),
    (
        "que vous ayez un emploi, que vous en cherchiez un ou que vous soyez étudiant",
        "qu'{il} ait un emploi, qu'{il} en cherche un ou qu'{il} soit étudiant{e}",
    ),
    ("avec vous", "avec {lui}"),
    ("à vous", "à {lui}"),
    ("pour vous", "pour {lui}"),
)
# A sentence opening on « Vous » + verb: the same verb, of « la personne ».
_VERBS = {
    "avez": "a",
    "n'avez": "n'a",
    "êtes": "est",
    "n'êtes": "n'est",
    "vivez": "vit",
    "cherchez": "cherche",
    "voulez": "veut",
    "habitez": "habite",
    "n'habitez": "n'habite",
    "touchez": "touche",
    "ne touchez": "ne touche",
    "pouvez": "peut",
    "risquez": "risque",
    "ne savez": "ne sait",
}
_VERB_ALTERNATION = "|".join(sorted(map(re.escape, _VERBS), key=len, reverse=True))
_VOUS_VERB = re.compile(r"\bVous (" + _VERB_ALTERNATION + r")\b")
# Mid-sentence (« Quand vous avez 16 ans », « si vous êtes à la rue »): « la personne » too.
_vous_verb = re.compile(r"\bvous (" + _VERB_ALTERNATION + r")\b")
# « votre » + noun: « son » or « sa » by the noun (« son » before a vowel).
_SA = {
    "commune",
    "ville",
    "région",
    "voie",
    "situation",
    "mairie",
    "santé",
    "famille",
    "formation",
    "demande",
    "priorité",
    "réponse",
    "mission",  # « sa mission locale » (play-test I: « son mission locale »); before a vowel « son » stays (son agence)
    "caisse",
    "candidature",
    "recherche",
    "carte",
}
_VOTRE = re.compile(r"\b[Vv]otre (\w+)")
_VOS = re.compile(r"\b[Vv]os\b")


def _possessive(match: re.Match[str]) -> str:
    noun = match.group(1)
    word = "sa" if noun in _SA else "son"
    return (word.capitalize() if match.group(0)[0] == "V" else word) + " " + noun


# The recap's values are written of the person (« chez ses parents », for the fiche); said to the young person, « vos ».
_TO_VOUS: Sequence[Tuple[str, str]] = (
    ("dans son propre logement", "dans votre propre logement"),
    ("chez ses parents", "chez vos parents"),
)


def voice_of(interlocuteur: Optional[str], man: bool = False) -> str:
    """The voice for a value of the slot `interlocuteur` (« conseiller » / « jeune » / unset); `man`: the conseiller
    wrote of a young man."""
    if interlocuteur != "conseiller":
        return VOUS
    return PERSONNE_IL if man else PERSONNE


def of_person(voice: str) -> bool:
    """Whether ``voice`` speaks of the person to a conseiller (either gender)."""
    return voice in _PRONOUNS


# After its first mention in a line, « la personne » as a subject becomes « elle » / « il » (play-test H h11: four
# « la personne » in one pourquoi). Only before a verb of _VERBS: « pour la personne », « la personne que vous
# accompagnez » stay.
_SUBJECT_VERBS = "|".join(sorted(map(re.escape, set(_VERBS.values())), key=len, reverse=True))
_MENTION = re.compile(r"(\b[Qq]ue )?\b([Ll])(?:a personne|e jeune)\b(?= (" + _SUBJECT_VERBS + r")\b)?")


def _fewer_mentions(line: str, il: str) -> str:
    seen = 0

    def pronoun(match: re.Match[str]) -> str:
        nonlocal seen
        seen += 1
        if seen == 1 or match.group(3) is None:
            return match.group(0)
        if match.group(1):  # « que la personne a quitté » -> « qu'elle a quitté »
            return match.group(1)[0] + "u'" + il
        return il.capitalize() if match.group(2) == "L" else il

    return _MENTION.sub(pronoun, line)


def _apply(text: str, pairs: Sequence[Tuple[str, str]]) -> str:
    for old, new in pairs:
        text = re.sub(re.escape(old), new, text)
    return text


def in_voice(text: str, voice: str = VOUS) -> str:
    """A sentence written in the « vous » form, said in ``voice``."""
    if not of_person(voice):
        return text
    words = _PRONOUNS[voice]
    text = _apply(text, [(old, new.format(**words)) for old, new in _TO_PERSONNE])
    subject = words["sujet"]
    text = _VOUS_VERB.sub(lambda m: subject.capitalize() + " " + _VERBS[m.group(1)], text)
    text = _vous_verb.sub(lambda m: subject + " " + _VERBS[m.group(1)], text)
    text = _VOS.sub("ses", _VOTRE.sub(_possessive, text))
    text = "\n".join(_fewer_mentions(line, words["il"]) for line in text.split("\n"))
    return _QUE_IL.sub(r"\1u'\2", _SI_IL.sub(r"\1'il", text))


_SI_IL = re.compile(r"\b([Ss])i il\b")
_QUE_IL = re.compile(r"\b([Qq])ue (il|elle)\b")  # « qu'il y a droit », not « que il » (play-test I, i19, i23)


def said_to(value: str, voice: str = VOUS) -> str:
    """A profile value written of the person (« chez ses parents »), said in ``voice``."""
    return _apply(value, _TO_VOUS) if voice == VOUS else value
