"""Turns one user message (text, NLU entities, intent, the question just asked) into slot updates.

Pure Python so that every rule is unit-tested without Rasa; the action server only forwards the result.

One owner per fact, so that a misread has one place to fix:

| fact                              | typed text read by                                  | NLU entity used?            |
|-----------------------------------|-----------------------------------------------------|-----------------------------|
| age                               | reading/age.py `parse_age` (text2num, dateparser) | never (« paris 18 »)        |
| besoin, besoins_autres, logement  | reading/need.py `parse_besoin`, `place_need`; understanding.py `parse_logement` | button payloads only |
| permis, vehicule, handicap, rqth  | reading/understanding.py `parse_permis/…` (motor vehicles and car models: knowledge/data/lexicon/vehicles.yaml) | button payloads only |
| scolarite, diplome                | reading/schooling.py                              | button payloads only        |
| yes/no to the question asked      | the intent (affirm/deny), else `parse_yes_no` (👍/👎 too) |                        |
| qpv said in a sentence            | reading/qpv.py `parse_qpv` (« quartier prioritaire »)     | never                       |
| minima_sociaux (never asked)      | reading/benefits.py `parse_minima_sociaux` (« jsuis au rsa ») | never                   |
| who types (`Facts.interlocuteur`) | reading/interlocutor.py (« il a 19 ans », « mon jeune »)  | never                       |
| commune, code_insee, quartier     | reading/commune.py `read_commune` + knowledge/geo (helper « places ») | commune entity is a hint |

A button payload (« /inform{"besoin": "emploi"} ») carries exact values: its entities are trusted and its
text is not read. For typed text the NLU's profile entities and synonyms (bot/nlu/synonyms.yml) are not
read: the model still learns from them to find the intent, and tests/test_facts.py checks that every
synonym listed there is read by the parsers, so the two cannot drift apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence

from knowledge import geo
from knowledge.geo.quartiers import find_quartier
from knowledge.profile import BESOINS, DIPLOMES, HANDICAPS, LOGEMENTS, SCOLARITES
from knowledge.text import bounded, emoji_answer, normalize
from reading import commune_cues
from reading.benefits import parse_minima_sociaux
from reading.commune import read_commune
from reading.conversation_cues import asks_rather_than_wishes
from reading.interlocutor import interlocutor
from reading.need import NEED_WORDS, place_need  # noqa: F401  (NEED_WORDS: the tests read it here)
from reading.qpv import doubts_qpv, parse_qpv
from reading.quartier import NOT_A_NAME_AFTER_YES as _NOT_A_NAME_AFTER_YES
from reading.quartier import (
    forget_quartier_of_old_commune,
    is_commune_name,
    official_qpv,
    qpv_unknown_after_a_name,
    qpv_unknown_in_a_clause,
    quartier_after_the_commune,
    quartier_before_the_commune,
    read_qpv_sentence,
    read_quartier,
)
from reading.situation import read_sujets
from reading.understanding import (
    UNSURE_NOTE,
    is_bare_diploma,
    negated_besoin,
    negated_logement,
    parse_age,
    parse_besoin,
    parse_diplome,
    parse_handicap,
    parse_logement,
    parse_permis,
    parse_scolarite,
    parse_vehicule,
    parse_yes_no,
    rqth_asked_for,
    rqth_denied,
    rqth_pending,
    says_dont_know,
    says_unsure,
)

YES_NO_SLOTS = ("qpv", "permis", "vehicule", "handicap", "rqth")
# Sensitive questions: an emoji is too light to record a handicap (« 👍 » may mean « got it »).
SENSITIVE_YES_NO = ("handicap", "rqth")
# The parsers read up to this much of a message (its head and tail beyond, knowledge.text.bounded): « sans diplôme »
# said in the middle of a long story counts. The NLU reads less (aiguillage/rasa/input_guard.py MAX_MESSAGE_CHARS: its
# time grows with every token), and input_guard passes this longer text on in the message's metadata (FULL_TEXT).
# The parsers take 20–40 ms on 4,000 characters.
MAX_TEXT_CHARS = 4_000
FULL_TEXT = "full_text"
_ENTITY_BOOLS = {"oui": True, "non": False, "true": True, "false": False}


# Neither « votre » nor « sa »: said to the young person and to a conseiller typing for them alike (play-test G g20).
RQTH_PENDING_NOTE = "C'est noté : la demande de RQTH est en cours, pas encore accordée."


@dataclass
class Facts:
    """What one message tells. `slots` are SlotSet values; `rejected` explains an answer we refused."""

    slots: Dict[str, Any] = field(default_factory=dict)
    skipped: List[str] = field(default_factory=list)
    rejected: Optional[str] = None
    # Questions answered « je ne sais pas » (also in `skipped`: not asked again), not refused: the fiche says
    # « ne sait pas » for these, « préfère ne pas le dire » for the others.
    unknown: List[str] = field(default_factory=list)
    # Sentences to say back (action_extract_profile passes them on in the `notes` slot).
    notes: List[str] = field(default_factory=list)
    # Who types, when the message says it (reading/interlocutor.py): not a profile fact, so apart from `slots`
    # (an answer « il habite à l'Alma » is still read as the answer alone).
    interlocuteur: Optional[str] = None

    @property
    def empty(self) -> bool:
        return not self.slots and not self.skipped and not self.unknown and self.rejected is None


def _entity_values(entities: Iterable[Mapping[str, Any]]) -> Dict[str, str]:
    values: Dict[str, str] = {}
    for entity in entities or ():
        name, value = entity.get("entity"), entity.get("value")
        if isinstance(name, str) and value is not None:
            values[name] = str(value)
    return values


# A bare number is an age only when it can be nothing else: no age known yet, a young person's age, and
# not answering the commune (a département, a postal code) nor the age itself (parsed as such).
_BARE_NUMBER = re.compile(r"\s*(\d{2})\s*")
BARE_AGE_RANGE = (16, 25)


def _bare_age(text: str, requested_slot: Optional[str], known: Mapping[str, Any]) -> bool:
    match = _BARE_NUMBER.fullmatch(text)
    if not match or known.get("age") is not None or requested_slot in (None, "age", "commune"):
        return False
    return BARE_AGE_RANGE[0] <= int(match.group(1)) <= BARE_AGE_RANGE[1]


def read_facts(
    text: str,
    entities: Sequence[Mapping[str, Any]] = (),
    intent: Optional[str] = None,
    requested_slot: Optional[str] = None,
    today: Optional[date] = None,
    known: Optional[Mapping[str, Any]] = None,
) -> Facts:
    """`known`: slots already set that change how a message reads (commune_candidates, departement,
    code_insee, attempts, besoin, besoins_autres, logement): « 26 » picks Valence (26) among the Valence offered."""
    known = known or {}
    from_button = (text or "").startswith("/")
    # A button payload: its entities say everything. Typed text: the parsers own the profile facts, and
    # the NLU's entities are used only for the commune (see the table above).
    text = "" if from_button else bounded(text or "", MAX_TEXT_CHARS)
    values = _entity_values(entities)
    button = values if from_button else {}
    facts = Facts()
    # Who types (a conseiller for « il a 19 ans »): kept for the conversation, so the questions speak of « la personne ».
    facts.interlocuteur = interlocutor(text)

    if intent == "decline" and requested_slot:
        facts.skipped.append(requested_slot)
        return facts
    unsure = requested_slot in YES_NO_SLOTS and says_unsure(text)
    if requested_slot and (
        intent == "dont_know" or says_dont_know(text) or unsure or (requested_slot == "qpv" and doubts_qpv(text))
    ):
        listed = not unsure and requested_slot == "qpv" and read_qpv_sentence(text, known, facts)
        if requested_slot == "besoin":
            facts.slots["besoin"] = "ne-sait-pas"
        elif listed and official_qpv(facts, known):
            pass  # « jsais pas, c'est aux Tarterêts »: the official list knows
        else:
            facts.skipped.append(requested_slot)  # not asked again…
            facts.unknown.append(requested_slot)  # …and said as « ne sait pas », not as a refusal
            facts.notes.extend([UNSURE_NOTE] * unsure)  # an unsure yes said back, so that a sure answer can follow
        return facts

    if requested_slot == "rqth" and rqth_asked_for(text):
        # « c'est en cours »: a handicap known, the RQTH asked for, not granted yet (nor « en cours » of school).
        facts.slots.update({"handicap": True, "rqth": False})
        facts.notes.append(RQTH_PENDING_NOTE)
        return facts

    besoin = (
        button.get("besoin")
        if button.get("besoin") in BESOINS
        else parse_besoin(
            text,
            expecting=requested_slot in (None, "besoin"),
            asked=requested_slot == "besoin",
            unknown=not known.get("besoin"),
        )
    )
    if besoin and known.get("besoin") and not button and asks_rather_than_wishes(text):
        besoin = None  # « est-ce que l'Agefiph peut financer ma formation ? » asks; the need stays (e2e, session 7)
    if besoin:  # a second need is kept beside the first (« un appart et un taf », « et aussi une formation »)
        needs = place_need(text, besoin, known.get("besoin"), known.get("besoins_autres") or (), typed=not button)
        if needs.besoin:
            facts.slots["besoin"] = needs.besoin
        if needs.autres is not None:
            facts.slots["besoins_autres"] = needs.autres
        if needs.note:
            facts.notes.append(needs.note)
    elif known.get("besoin") and negated_besoin(text) == known.get("besoin"):
        facts.slots["besoin"] = None  # « jveux pas créer de boîte » said of the known need: asked again

    age = parse_age(text, expecting_age=requested_slot == "age", today=today)
    if age is None and _bare_age(text, requested_slot, known):
        age = parse_age(text, expecting_age=True, today=today)  # « 19 » typed while the need was asked
    if age is not None:
        facts.slots["age"] = age.value
    elif requested_slot == "age" and intent in ("inform", "nlu_fallback") and text.strip():
        facts.rejected = "age:?"

    scolarite = (
        button.get("scolarite")
        if button.get("scolarite") in SCOLARITES
        else parse_scolarite(text, expecting=requested_slot == "diplome")
    )
    if scolarite:
        facts.slots["scolarite"] = scolarite
    diplome = (
        button.get("diplome")
        if button.get("diplome") in DIPLOMES
        # « cap cuisine » typed with no question pending (after the results) or answering another question than the
        # need (play-test F, at the handicap question) is the diploma held.
        else parse_diplome(
            text, expecting=requested_slot == "diplome" or (requested_slot != "besoin" and is_bare_diploma(text))
        )
    )
    if diplome:
        facts.slots["diplome"] = diplome

    # While the commune is asked, an answer that already gave another fact (« 20 ans ») is read as a sentence.
    asked_commune = requested_slot == "commune" and not facts.slots.keys() - {"commune_candidates"}
    # A quartier named with its cue is no commune: « j'habite au Chaudron à Saint-Denis » is not Chaudon (28).
    named_quartier = find_quartier(text)
    commune_text = commune_cues.without_diploma_speciality(text)  # « cap maçon » is no Mâcon
    if named_quartier and geo.find_communes_in_text(text[named_quartier[2] :]):
        _, start, end = named_quartier  # a commune follows: the quartier's name is not read as one
        commune_text = commune_text[:start] + " " * (end - start) + commune_text[end:]
    read_commune(commune_text, values.get("code_insee"), asked_commune, intent, known, facts, requested_slot)
    forget_quartier_of_old_commune(known, facts)

    # An entity value that is not oui/non (a span the synonyms missed) falls back to reading the text.
    permis = _ENTITY_BOOLS.get(button.get("permis", "").lower())
    permis = parse_permis(text) if permis is None else permis
    vehicule = _ENTITY_BOOLS.get(button.get("vehicule", "").lower())
    vehicule = parse_vehicule(text) if vehicule is None else vehicule
    logement = (
        button.get("logement")
        if button.get("logement") in LOGEMENTS
        else parse_logement(text, expecting=requested_slot == "logement")
    )
    handicap = (
        button.get("handicap")
        if button.get("handicap") in HANDICAPS
        else parse_handicap(text, expecting=requested_slot == "handicap")
    )
    if permis is not None:
        facts.slots["permis"] = permis
    if vehicule is not None:
        facts.slots["vehicule"] = vehicule
    if logement:
        facts.slots["logement"] = logement
    elif known.get("logement") and negated_logement(text) == known.get("logement"):
        facts.slots["logement"] = None  # « jsuis pas en foyer moi »: the housing read before was wrong
    if handicap:
        facts.slots["handicap"] = handicap != "non"
        facts.slots["rqth"] = handicap == "rqth"
        if handicap == "oui-sans-rqth":
            # not said: we will ask — unless denied in the same message (« … mais j'ai pas de RQTH »)
            facts.slots["rqth"] = False if rqth_denied(text) or rqth_pending(text) else None
            if rqth_pending(text):  # requested, not granted: not asked, and said back (play-test G g20)
                facts.notes.append(RQTH_PENDING_NOTE)

    # knowledge.geo.quartiers is the one reader of quartiers: an NLU span is often the commune's name
    # (« les minguettes » at Vénissieux), and the answer to the quartier question is read below.
    quartier = named_quartier[0] if named_quartier else quartier_after_the_commune(text, facts)
    # « je suis a la duchere lyon 9 »: a listed quartier right before its commune (play-test H h10)
    quartier = quartier or quartier_before_the_commune(text, facts.slots.get("code_insee") or known.get("code_insee"))
    if quartier and is_commune_name(quartier, facts.slots.get("code_insee") or known.get("code_insee")):
        quartier = None  # « jhabite au lamentin en martinique »: the commune, said with its place (play-test H)
    if quartier:
        facts.slots["quartier"] = quartier
    qpv = parse_qpv(text)  # « j'habite dans un quartier prioritaire » in any message: not asked again
    if qpv is not None:
        facts.slots["qpv"] = qpv
    benefit = parse_minima_sociaux(text)  # « jsuis au rsa »: opens the actions reserved to allocataires
    if benefit is not None:
        facts.slots["minima_sociaux"] = benefit
    read_sujets(text, known.get("sujets"), facts.slots, facts.notes)  # « pas de mode de garde », « pas de mutuelle »

    if requested_slot == "qpv" and "quartier" not in facts.slots and not facts.slots.keys() - {"qpv"}:
        read_qpv_sentence(text, known, facts)  # « Mermoz, c'est un QPV », « je vien de te dire frais vallon »
    # A plain yes/no answers the question just asked.
    if requested_slot in YES_NO_SLOTS and requested_slot not in facts.slots:
        # 👍 is « oui » whatever the model made of it (it has been read as « goodbye »).
        answer = emoji_answer(text)
        if answer is True and requested_slot in SENSITIVE_YES_NO:
            facts.rejected = f"{requested_slot}-emoji:"  # a handicap is never recorded from a thumbs-up: asked in words
            return facts
        if answer is None:
            answer = {"affirm": True, "deny": False}.get(intent or "")
        if answer is None:
            answer = parse_yes_no(text)
        if answer is not None:
            if requested_slot == "handicap" and not answer:
                facts.slots.update({"handicap": False, "rqth": False})
            else:
                facts.slots[requested_slot] = answer
            if requested_slot == "qpv" and answer and "quartier" not in facts.slots:
                rest = _YES_LEAD.sub("", text, count=1)
                if not _NOT_A_NAME_AFTER_YES.match(normalize(rest)):
                    read_quartier(rest, known, facts)  # « oui, Étouvie »: both kept
        elif requested_slot == "qpv" and "quartier" not in facts.slots and not facts.slots:
            read_quartier(text, known, facts)
    official_qpv(facts, known)
    qpv_unknown_after_a_name(requested_slot, facts)  # a name the official list does not know: not asked again
    qpv_unknown_in_a_clause(requested_slot, text, facts)  # « …, je sais pas pour le quartier »
    if requested_slot and facts.empty and intent in ("inform", "nlu_fallback") and text.strip():
        facts.rejected = f"{requested_slot}:?"
    return facts


# « oui, Étouvie », « ouais c'est Bellevue »: the yes said first, then the name.
_YES_LEAD = re.compile(r"^\s*(?:oui|ouais|ouai|yes|yep|si)\b[\s,.;:!-]*(?:c'est |c’est |cest )?", re.IGNORECASE)
