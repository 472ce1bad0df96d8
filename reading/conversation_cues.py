"""What a message says about the conversation itself, where the NLU misfires on ordinary words (play-test G).

- « oui, Bellevue, je l'ai dit au début » was read as « recommencer » (everything erased): only an explicit
  request restarts (`explicit_restart`).
- « je l'ai dit », « je viens de l'écrire », « comme je disais », « relis » are a reproach (`is_reproach`): the
  bot says it keeps what was said, and keeps any fact the message carries.
- « faire garder mon fils », « garder le chômage » got the privacy answer: it is given only when the message is
  about the person's data or answers (`about_own_data`).
- « jai droit a une aide pour la creche ? » set the sector « aide à la personne »: a question about one's rights or
  how to do something never sets the sector; a wish said in a question still does (`asks_rather_than_wishes`).

Pure, no Rasa; aiguillage/rasa/answer_first.py applies it to the NLU result, actions/ to what they say.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Mapping, Optional

from knowledge.text import normalize
from reading.interlocutor import wished_sector

# « recommencer », « on reprend à zéro », « repartir de zéro », « retour au début », « nouvelle recherche »: the
# words of bot/nlu/control.yml's start_over examples, each a request. « au début » alone is not one.
_RESTART = re.compile(
    r"\b(?:recommenc\w*|redemarr\w*|reset|restart|nouvelle recherche|tout refaire|tout reprendre|"
    r"(?:reprendre|reprend|reprends|reprenons|repartir|repart|repars|remettre|remet|remets|retour|refaire|refait|"
    r"relance|recommencer|reprise|remise)\b.{0,25}\b(?:debut|zero|0|depart|premiere question)|"
    r"(?:remettre|remet|remise) (?:a|tout a) (?:zero|0)|refaire le questionnaire|on refait tout)\b"
)

# A reproach: the person says they gave the answer already. « je l'ai dit », « je te l'ai écrit », « je viens de
# le dire », « comme je disais », « relis », « c'est écrit plus haut », « j'ai déjà répondu ».
_TOLD = r"(?:dit|dis|ecrit|ecris|marque|mis|tape|precise|explique|donne|repondu|raconte)"
_REPROACH = re.compile(
    # « je l'ai dit », « je te l'ai écrit », « jte l'ai dit », « j'ai déjà dit » — not « j'ai dit à ma conseillère »
    r"\b(?:je|j|jte|jvous|jtai|jlai|jl|jt)\s*(?:(?:(?:te|vous|t|l|le|la|les)\s+){1,2}(?:ai|lai)\s+(?:deja\s+)?|"
    r"(?:ai\s+)?deja\s+|ai\s+(?=(?:dit|ecrit) (?:au debut|plus haut|avant))|(?<=jlai )|(?<=jtai ))" + _TOLD + r"\b"
    r"|\b(?:jlai|jtai|jl ai|jt ai) (?:deja )?" + _TOLD + r"\b"
    r"|\b(?:je|j) (?:viens|venais) (?:juste )?de (?:(?:te|vous|le|la|l|les|t)\s+){0,2}(?:dire|ecrire|mettre|marquer|"
    r"taper|preciser|donner|repondre|expliquer)\b"
    r"|\bcomme (?:je|j) (?:(?:te|vous|l|le)\s+)?(?:disais|dis|ai dit|ecrivais|l ai dit|te disais|vous disais)\b"
    r"|\brelis\w*\b|\brelire\b|\bdeja (?:dit|ecrit|repondu|donne|precise)\b"
    r"|\b(?:c est|cest|c) (?:ecrit|marque|dit) (?:plus haut|au debut|avant|juste avant|au dessus)\b"
    # « tu sais déjà », « tu le sais déjà », « vous l'avez déjà » (play-test H)
    r"|\b(?:tu|vous|tu le|tu la|tu l|vous le|vous la|vous l) (?:sais|savez|connais|connaissez) deja\b"
    r"|\b(?:tu|vous) (?:l|les) (?:as|avez) deja\b"
)


def explicit_restart(text: str) -> bool:
    """Whether the message asks in so many words to start again (« recommencer », « on reprend à zéro »)."""
    return bool(_RESTART.search(normalize(text or "")))


def is_reproach(text: str) -> bool:
    """Whether the message says the answer was given already (« je l'ai dit au début », « je viens de l'écrire »)."""
    return bool(_REPROACH.search(normalize(text or "")))


# What a reproach may still ask in so many words (play-test H h10/x03: « je te l'ai deja dit la duchere » at the
# QPV question printed the whole fiche, the NLU having learnt « déjà » and « dit » from request_summary's « c quoi mes
# réponses déjà », « tu me fais un résumé de ce que j'ai dit »). A reproach keeps the intent the NLU gave only when
# it also names that intent's request: the fiche, a restart, a goodbye, a thank-you, the person's data, a change.
_ASKS_FICHE = re.compile(
    r"\b(?:fiche|resume|recap\w*|synthese|bilan|profil|pdf|document)\b"
    r"|\b(?:voir|revoir|relire|montre\w*|remontre\w*|affiche\w*|liste|repete\w*|rappelle\w*) .{0,25}\b(?:mes|ce que)\b"
)
_SAYS_GOODBYE = re.compile(r"\b(?:au revoir|aurevoir|bye|ciao|adieu|a plus|a bientot|bonne (?:journee|soiree))\b")
_SAYS_THANKS = re.compile(r"\b(?:merci|mercii+|mrc|thanks|thx)\b")
_ABOUT_DATA = re.compile(
    r"\b(?:donnee|donnees|confidenti\w*|anonym\w*|rgpd|cnil|cookies?|enregistr\w*|stock\w*|partag\w*|revend\w*)\b"
)
_CHANGES = re.compile(r"\b(?:modifi\w*|chang\w*|corrig\w*|trompe\w*|erreur)\b")
_NAMED_REQUEST = {
    "request_summary": _ASKS_FICHE,
    "start_over": _RESTART,
    "goodbye": _SAYS_GOODBYE,
    "thank": _SAYS_THANKS,
    "ask_privacy": _ABOUT_DATA,
    "change_answer": _CHANGES,
}
# The intents a reproach can be misread as, and that would act (print, erase, close, answer something else).
# « stop » and « effacer mes données » are not here: stopping and erasing must always work.
REPROACH_MISREADS = frozenset(_NAMED_REQUEST) | {"chitchat", "bot_challenge", "greet"}


def reproach_misread(text: str, intent: Optional[str]) -> bool:
    """Whether `intent` is the NLU misfiring on a reproach (« je te l'ai déjà dit ») that asks nothing of the kind."""
    if intent not in REPROACH_MISREADS or not is_reproach(text):
        return False
    request = _NAMED_REQUEST.get(intent)
    return request is None or not request.search(normalize(text or ""))


# Where the reproach was said (« au début », « plus haut »): no fact, dropped with the reproach.
_WHERE_SAID = re.compile(
    r"^\s*(?:(?:bah|ben|deja|au debut|plus haut|avant|juste avant|au dessus|tout a l heure)\b\s*)+"
)


def without_reproach(text: str) -> str:
    """The message, normalised, without its reproach: « je te l'ai deja dit la duchere » → « la duchere », which the
    parsers read as the quartier (play-test H h10); the reproach words alone hid it. Unchanged without a reproach."""
    norm = normalize(text or "")
    if not _REPROACH.search(norm):
        return text
    kept = []
    for part in _REPROACH.split(norm):
        kept.append(_WHERE_SAID.sub(" ", part) if kept else part)
    return " ".join(" ".join(kept).split())


# The privacy answer is about what the bot keeps of the person: their data, answers, words, identity.
_OWN_DATA = re.compile(
    r"\b(?:donnee|donnees|info|infos|informations?|reponses?|confidenti\w*|anonym\w*|rgpd|cnil|cookies?|secret|"
    r"prive|privee|securise\w*|protege\w*|enregistr\w*|stock\w*|partag\w*|revend\w*|trace|identite|vrai nom|"
    r"mon nom|mon numero|historique|conversation|entre nous|tomber dessus|(?:lie|liee|relie) a mon dossier)\b"
    r"|\bce (?:que|qu) (?:je|j|on|tu) (?:\w+ ){0,2}(?:dis|dit|ecris|ecrit|raconte|tape)\b"
    r"|\b(?:peut|peuvent|va|vont|pourra|pourront) (?:voir|lire|savoir)\b|\bretiens\b|\bretenir\b"
)


def about_own_data(text: str) -> bool:
    """Whether a message is about the person's data or answers (« vous gardez mes données ? »), not about keeping
    something else (« faire garder mon fils », « garder le chômage »)."""
    return bool(_OWN_DATA.search(normalize(text or "")))


# A question about one's rights or how to do something (« j'ai droit à… ? », « est-ce que je peux… », « comment… »,
# « ça coûte combien ? »). A bare « et la coiffure ? » is a wish about the list (play-test D), and so is a wish
# stated in a question (« il est intéressé par le numérique, vous avez quelque chose ? »).
_ASKS = re.compile(
    r"\b(?:j ai droit|jai droit|ai je droit|droit a|droit au|droit aux|est ce|comment|combien|pourquoi|pk|quand|"
    r"quel|quelle|quels|quelles|conditions?|faut il|il faut|je peux|jpeux|j peux|on peut|peut on|peux je|puis je|"
    r"peut|c est possible|ca marche|"
    r"aide pour|aides pour|aide a|paye|payee|payer|payant|payante|financ\w*|coute|coutent|gagne|gratuit\w*|"
    r"perds|perdre|garde|garder)\b"
)
_WISH = re.compile(
    r"\b(?:interess\w*|attir\w*|passionn\w*|envie de|j aimerais|jaimerais|aimerait|je voudrais|jvoudrais|voudrait|"
    r"souhait\w*|je veux|jveux|veut|plutot dans|(?:t as|tas|tu as|vous avez|vous auriez|t aurais|y a) "
    r"(?:quoi|quelque chose|qqch|qqc|un truc|des trucs|rien|des actions|une action|des offres)|quoi dans|"
    r"(?:travailler|bosser|taffer|devenir|faire carriere) (?:dans|en|comme))\b"
)


def asks_rather_than_wishes(text: str) -> bool:
    """Whether the message asks about rights or how-to without stating a wish: then a trade it names (« la
    crèche », « un logement social ») is the topic of the question, not the sector the person is looking for."""
    norm = normalize(text or "")
    return bool(_ASKS.search(norm)) and not _WISH.search(norm)


def sector_wished(text: str, entities: Iterable[Mapping[str, Any]] = ()) -> Optional[str]:
    """The trade a message wishes (knowledge/sectors.py), None when it only asks about one; the speaker's own job
    (« je suis travailleuse sociale au CHRS ») is no wish either (reading/interlocutor.py, play-test G g21)."""
    if asks_rather_than_wishes(text):
        return None
    return wished_sector(text, [dict(e) for e in entities or ()])
