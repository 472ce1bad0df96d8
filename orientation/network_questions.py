"""A question about one of the network cards the list showed, answered with that card's own text (play-test H).

« cest quoi lobligation de formation ? » got « Je ne connais pas encore ce mot », « pourquoi les FJT ? » and « la
css cest gratuit ? » got « aucune action recensée », « Pourquoi ? » after a list of cards « je ne sais pas
répondre », though each answer is on the card the bot had just shown (ce_qui_est_propose says « gratuite, ou 8 €
par mois », `quand` says for whom). One lookup for every card — its name, the name before its bracket, the
acronyms it is known by (CSS, FJT, CEJ, E2C, EPIDE, IAE, Carif-Oref: orientation/after_list.py `networks_named`) —
and one answer: the card (with its reasons when the list gave it), or why it was not proposed.
Pure; actions/recommend.py calls it before its other follow-up answers, for every intent a follow-up can get.
"""

from __future__ import annotations

import re
from typing import Optional, Sequence

from knowledge.models import GlossaryTerm, Network
from knowledge.text import normalize
from orientation import formatting, wording
from orientation.after_list import networks_named, specific_question
from orientation.matching import NetworkSuggestion
from orientation.named_choice import asks_why
from orientation.voice import VOUS, in_voice
from reading.glossary import terms_in

# « pourquoi ? », « pk ? », « mais pourquoi ? », « pourquoi ça ? »: a why-question that names nothing.
_BARE_WHY = re.compile(
    r"^(?:mais |et |ok |ah |euh )?(?:pourquoi|pourkoi|pk|pq|pkoi|prk|pkq|why)(?: (?:ca|sa|donc|alors|celle la|"
    r"celui la|ces trucs|ces structures|tout ca))?$"
)
# « pourquoi pas la mission locale ? », « pk vous proposez pas le CEJ »: why it is missing.
_WHY_NOT = re.compile(r"\b(?:pas|ne \w+ pas|n \w+ pas)\b")

# « c'est gratuit ? », « c'est payant ? », « ça coûte combien ? »: answered by a card only when it gives a price.
_PRICE_ASKED = re.compile(r"\b(?:gratuit\w*|payant\w*|coute\w*|combien|prix|cher|paye\w*)\b")
_PRICE_SAID = re.compile(r"\b(?:gratuit\w*|payant\w*|euros?|coute\w*|prix)\b")


def bare_why(text: str) -> bool:
    return bool(_BARE_WHY.match(" ".join(re.findall(r"[a-z0-9]+", normalize(text or ""))).strip()))


def network_answer(
    text: str,
    shown: Sequence[NetworkSuggestion],
    networks: Sequence[Network],
    terms: Sequence[GlossaryTerm] = (),
    has_local: bool = False,
    voice: str = VOUS,
) -> Optional[str]:
    """The answer to `text` from the network cards, or None when it is about none of them.
    `shown`: the cards the list gave, in order, with their reasons; `networks`: every card the bot knows;
    `terms`: the glossary (« c'est quoi le CEJ ? » keeps its entry when it has one); `has_local`: actions were
    listed too (then a bare « pourquoi ? » is about them, answered elsewhere)."""
    if not text or text.startswith("/"):
        return None
    by_id = {ns.network.id: ns for ns in shown}
    if bare_why(text):
        # « Pourquoi ? » right after a list of cards only: the first line's reasons (play-test H h07, h14).
        return formatting.network_text(shown[0], voice) if shown and not has_local else None
    named = networks_named(text, networks)
    if not named:
        return None
    why = asks_why(text)
    answers = []
    for network in named[:2]:
        ns = by_id.get(network.id)
        if ns is None and (why or _WHY_NOT.search(normalize(text))):
            answers.append(in_voice(wording.not_proposed_text(network.nom, network.quand), voice))
            continue
        if not why and not specific_question(text) and terms_in(text, terms):
            return None  # « c'est quoi le CEJ ? »: the glossary's entry says what it is
        card = formatting.network_text(ns or NetworkSuggestion(network, ()), voice)
        if _PRICE_ASKED.search(normalize(text)) and not (_PRICE_SAID.search(normalize(card)) or "€" in card):
            return None  # « la BGE c'est payant ? »: the card does not say; the honest sentence comes with it
        answers.append(card)
    return "\n\n".join(answers)
