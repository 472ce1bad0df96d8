"""A question after the list that neither changes a fact nor asks for details (issue 14 item 6, play-test D).

The bot cannot answer everything, but it must never resend the same list as if it had answered. This module
decides what it can say: the glossary entries of the terms the question names (« Cap emploi ou la mission
locale ? » → both, which say whom each serves: one mechanism for every term, no per-message code), why a
suggestion is there (« pourquoi ? » with or without its number), or else an honest sentence with the next
steps. The sentences are in orientation/wording.py. Pure, used by actions/after_list.py and action_recommend.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Sequence, Tuple

from knowledge.legal_ages import legal_ages
from knowledge.models import GlossaryTerm, Network
from knowledge.text import normalize
from orientation.named_choice import asked_position, asks_why, ordinal_choice
from reading.glossary import is_definition_question, terms_in
from reading.need import parse_besoin

# « et pour le logement ? », « tu as quoi pour le permis » — a need asked for by its noun (reading/need.py reads it).
_FOR_NEED = re.compile(r"\bpour (?:le |la |l |un |une |du |des )?(\w+)")
# Housing needed at once (play-test D d05: « c'est urgent mon pote va me virer »): the 115 comes first.
_URGENT = re.compile(
    r"\b(?:urgent|urgence|ce soir|cette nuit|va me virer|vont me virer|me met dehors|mettre dehors|a la rue)\b"
)


# A question about the person's own case, which no definition answers (play-test E e22: « si je trouve pas de
# patron je perds mon CAP ? jai combien de temps ? » got the CAP's entry): an honest sentence instead.
_SPECIFIC = re.compile(
    r"\b(?:combien|quand|comment|jusqu a quand|est ce que|je peux|jpeux|j peux|on peut|peut on|peux je|"
    r"ai je|j ai le droit|jai le droit|je perds|je vais perdre|payant|payante|ca coute|gratuit|"
    r"can i|do you|is it|are there|is there)\b"
)
# « pourquoi vous ne proposez pas la MLDS ? », « vous n'avez pas de CFA ? »: what follows « pas » names it.
_AFTER_PAS = re.compile(r"\bpas ((?:\w+ ?){1,5})")
# Working at an age (« je peux travailler a 14 ans ? genre babysitting », « je peux commencer a 15 ans ? »).
_WORK = r"(?:travailler|travail|bosser|taffer|taf|boulot|job|babysitting|baby sitting|embaucher?|commencer|apprenti\w*)"
_WORK_AGE = re.compile(rf"\b{_WORK}\b.*?\b(1[0-9]) ?ans\b|\b(1[0-9]) ?ans\b.*?\b{_WORK}\b")


def asks_legal_age(text: str) -> Optional[str]:
    """The legal ages table's answer (its rule and article) to « je peux travailler à 14 ans ? », or None."""
    norm = normalize(text or "")
    if not _WORK_AGE.search(norm) or not (_SPECIFIC.search(norm) or "?" in (text or "")):
        return None
    rule = next((r for r in legal_ages() if r.id == "emploi" and r.regle), None)
    return f"{rule.regle} (source : {rule.source})" if rule else None


def is_question(text: str) -> bool:
    """A message that asks something (a question mark, « pourquoi », a question about one's case)."""
    return "?" in (text or "") or asks_why(text) or specific_question(text)


def specific_question(text: str) -> bool:
    """A question about the person's own case (« combien de temps ? », « c'est payant ? », « je peux… ? »)."""
    return bool(_SPECIFIC.search(normalize(text or "")))


def _keys(network: Network) -> Tuple[str, ...]:
    """How a network is named: its name, the name before a bracket, what the bracket lists (« PIJ, BIJ »), and
    the phrases its offer quotes (« permis à 1 € par jour »)."""
    name = network.nom
    keys = [name, name.split("(")[0]]
    if "(" in name:
        keys += re.split(r"[,/]| ou ", name.split("(", 1)[1].rstrip(")"))
    keys += re.findall(r"«\s*([^»]+?)\s*»", network.ce_qui_est_propose or "")
    out = []
    for key in keys:
        norm = normalize(key.replace("€", " euro "))
        words = norm.split()
        # Four words are enough to name it (« permis a 1 euro » for « permis à 1 € par jour »); one short
        # common word is not (« ex »).
        if len(words) >= 2 or (len(words) == 1 and len(words[0]) >= 3):
            out.append(" ".join(words[:4]))
    # The initials people use for it: « CSS » for « Complémentaire santé solidaire », « FJT » for « Foyers de
    # jeunes travailleurs » (play-test H h10, h25); only from three long words or more, so that no initials of
    # two words (« pm ») stand for a name.
    main = normalize(name.split("(")[0]).split()
    # The main name's first three words, when two are long: « obligation de formation » for « … des 16-17 ans »
    # (play-test H h16).
    if len(main) > 3 and sum(len(w) >= 4 for w in main[:3]) >= 2:
        out.append(" ".join(main[:3]))
    long_words = [w for w in main if len(w) >= 4 and w.isalpha()]
    if len(long_words) >= 3:
        out.append("".join(w[0] for w in long_words))
    return tuple(dict.fromkeys(out))


def networks_named(text: str, networks: Sequence[Network]) -> Tuple[Network, ...]:
    """The networks a message names (« c'est quoi le permis à 1 euro ? » → « Aides pour payer le permis »), also
    with the article glued on (« lobligation de formation », « dla css »: play-test H h16)."""
    norm = f" {normalize((text or '').replace('€', ' euro '))} "
    return tuple(n for n in networks if any(f" {glued}{key} " in norm for key in _keys(n) for glued in ("", "l", "d")))


@dataclass(frozen=True)
class AfterListPlan:
    terms: Tuple[GlossaryTerm, ...] = ()  # entries to give, in the order the question names them
    why: Optional[str] = None  # the suggestion whose reasons to give
    ask_which: bool = False  # « pourquoi ? » among several: ask which, with buttons
    besoin: Optional[str] = None  # a need asked for (« et pour le logement ? »): the list is made again for it
    urgent: bool = False  # said to be urgent
    networks: Tuple[Network, ...] = ()  # networks named (« c'est quoi le permis à 1 euro ? »): their cards
    legal_age: Optional[str] = None  # « je peux travailler à 14 ans ? »: the rule and its article
    cannot_answer: bool = False  # a question about the person's own case: one honest sentence after what is known
    not_proposed: Tuple[Network, ...] = ()  # « pourquoi le CEJ ? » when the CEJ was not proposed (play-test G)


def asked_need(text: str) -> Optional[str]:
    """The need « et pour le logement tu as quoi ? » asks for, or None."""
    for noun in _FOR_NEED.findall(normalize(text or "")):
        besoin = parse_besoin(noun, expecting=True)
        if besoin is not None:
            return besoin
    return None


def plan_after_list(
    text: str,
    shown: Sequence[str],
    terms: Sequence[GlossaryTerm],
    networks: Sequence[Network] = (),
    shown_networks: Optional[Sequence[str]] = None,
) -> AfterListPlan:
    """What to answer to `text` after a list whose local suggestions are `shown` (ids, in order);
    `networks`: every network the bot knows (their names are known words); `shown_networks`: the ids of those the
    list gave, when known."""
    urgent = bool(_URGENT.search(normalize(text or "")))
    legal = asks_legal_age(text)
    if legal:
        return AfterListPlan(legal_age=legal)
    if shown_networks is not None and asks_why(text):
        # « Pourquoi le CEJ ? J'ai 27 ans » with no CEJ in the list: why not, and for whom it is (play-test G).
        missing = tuple(n for n in networks_named(text, networks) if n.id not in shown_networks)
        if missing:
            return AfterListPlan(not_proposed=missing)
    if not asks_why(text):
        besoin = asked_need(text)
        if besoin is not None:
            return AfterListPlan(besoin=besoin, urgent=urgent)
    named_terms = terms_in(text, terms)
    named_networks = networks_named(text, networks)
    after_pas = " ".join(_AFTER_PAS.findall(normalize(text or "")))
    why_not = bool(after_pas) and bool(terms_in(after_pas, terms) or networks_named(after_pas, networks))
    if asks_why(text) and shown and not why_not:
        if after_pas and ordinal_choice(text, shown) is None and not named_terms and not named_networks:
            # « pourquoi vous ne proposez pas la MLDS ? » with a name the bot does not know: not action 1's
            # reasons (play-test E e02), the honest sentence.
            return AfterListPlan(cannot_answer=True)
        chosen = ordinal_choice(text, shown)
        if chosen is not None:
            return AfterListPlan(why=chosen)
        if asked_position(text) is None:
            return AfterListPlan(why=shown[0]) if len(shown) == 1 else AfterListPlan(ask_which=True)
    specific = specific_question(text)
    if specific and not is_definition_question(text) and not why_not:
        # « je perds mon CAP ? » names the CAP but does not ask what it is: no entry, the honest sentence.
        return AfterListPlan(cannot_answer=True)
    # A glossary entry wins over a network of the same name (« CFA »: the entry says what it is).
    known = {normalize(t.terme) for t in named_terms}
    cards = tuple(n for n in named_networks if normalize(n.nom.split("(")[0]) not in known)
    return AfterListPlan(terms=named_terms, networks=cards if not named_terms else (), cannot_answer=specific)
