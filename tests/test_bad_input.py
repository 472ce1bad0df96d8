"""Property-based tests: every extraction and validation function, on any input a person (or a bot) can
type. Complements tests/test_understanding.py and tests/test_facts.py (which show the expected readings)
with what must hold for *all* inputs: no exception, values of the right type and range, kind answers.
"""

from __future__ import annotations

import math
import re
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.extract_profile import ActionExtractProfile
from actions.profile_form import MAX_ATTEMPTS, ActionAskCommune, ValidateProfileForm, remaining_questions
from actions.profile_slots import FORM_INTENTS, QUESTION_ORDER, profile_from_slots
from knowledge import geo
from knowledge.profile import AGE_MAX, AGE_MIN, BESOINS, DIPLOMES, HANDICAPS, LOGEMENTS, SCOLARITES
from reading.facts import YES_NO_SLOTS, read_facts, should_ask_qpv
from reading.understanding import (
    french_number,
    parse_age,
    parse_besoin,
    parse_diplome,
    parse_handicap,
    parse_logement,
    parse_permis,
    parse_quartier,
    parse_scolarite,
    parse_vehicule,
    parse_yes_no,
)
from tests.conftest import run_action, sdk_tracker, user_turn

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 25)
DOMAIN_SLOTS: Dict[str, Dict[str, Any]] = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["slots"]
PROFILE_SLOT_NAMES = {
    "besoin",
    "age",
    "commune",
    "code_insee",
    "departement",
    "commune_candidates",
    "quartier",
    "qpv",
    "permis",
    "vehicule",
    "logement",
    "handicap",
    "rqth",
    "scolarite",
    "diplome",
}
INTENTS = [None, *sorted(FORM_INTENTS | {"ask_definition", "chitchat", "out_of_scope", "stop"})]
REQUESTED = [None, *QUESTION_ORDER]

# What people and bots actually send, beyond random unicode: bits to be glued together.
FRAGMENTS = [
    "j'ai 19 ans",
    "jai 150 ans",
    "-1",
    "0",
    "999",
    "19.5",
    "1e308",
    "NaN",
    "né en 2099",
    "née le 31/02/2005",
    "Fougères",
    "35300",
    "saint denis",
    "Saint-Denis (93)",
    "lyon 8e",
    "Trifouillis-les-Oies",
    "quartier de la Villeneuve",
    "g pa le permi",
    "j'ai le permis",
    "pas de voiture",
    "je dors à la rue",
    "chez mes parents",
    "j'ai la rqth",
    "pas de handicap",
    "oui",
    "non",
    "je sais pas",
    "je préfère ne pas répondre",
    "un emploi",
    "une alternance",
    "<script>alert(1)</script>",
    "'; DROP TABLE events; --",
    '" OR 1=1 --',
    "{{7*7}}",
    "${jndi:ldap://x}",
    "/restart",
    '/inform{"age": -1}',
    '/inform{"commune": "<script>"}',
    "/inform{",
    "/",
    "//",
    "\\",
    "\u0000",
    "\u200f",
    "\u202e",
    "\ufeff",
    "\x1b[31m",
    "\r\n",
    "\t",
    "مرحبا أنا أبحث عن عمل",
    "שלום",
    "你好，我在找工作",
    "Привет",
    "hello I need a job",
    "😀😀😀",
    "🏳️‍🌈",
    "👍🏽",
    "ﷺ",
    "𝕛'𝕒𝕚 𝟙𝟡 𝕒𝕟𝕤",
    "١٩",
    "١٩ ans",
    "a" * 300,
    "ah" * 100,
    "12345678901234567890",
    "vingt-deux ans",
    "quatre-vingt-dix-neuf ans",
    "👍",
    "👎🏿",
    "né le 3 mars 2006",
    "née le 31 février 2006",
    "03/03/2006",
    "j'ai arrêté l'école",
    "jsui en 2nde",
    "pas de diplôme",
    "j'ai un cap cuisine",
    "bac+2",
    "paris 18",
    "g nulle part ou pioncer",
    "il a 19 ans",
]
messy_text = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=6).map(" ".join),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=20)), min_size=1, max_size=4).map("".join),
    st.text(alphabet=st.characters(whitelist_categories=("Cc", "Cf", "Zs", "Zl", "Zp", "Mn")), max_size=50),
)
entity_value = st.one_of(
    st.none(),
    st.text(max_size=40),
    st.integers(),
    st.floats(allow_nan=True),
    st.booleans(),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)
entities = st.lists(
    st.fixed_dictionaries(
        {
            "entity": st.one_of(
                st.sampled_from(sorted(PROFILE_SLOT_NAMES | {"naissance", "terme", "suggestion"})),
                st.text(max_size=10),
                st.none(),
                st.integers(),
            ),
            "value": entity_value,
        }
    ),
    max_size=4,
)
PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --------------------------------------------------------------------------------------- understanding

_UNITS = [
    "zéro",
    "un",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "treize",
    "quatorze",
    "quinze",
    "seize",
]
_TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}


def french_words(n: int, sep: str = "-") -> str:
    """A reference writer of French numbers 0–99 (« soixante et onze », « quatre-vingt-dix-neuf »)."""
    if n <= 16:
        return _UNITS[n]
    if n < 20:
        return f"dix{sep}{_UNITS[n - 10]}"
    tens, unit = divmod(n, 10)
    if tens in (7, 9):
        head = "soixante" if tens == 7 else f"quatre{sep}vingt"
        rest = french_words(10 + unit, sep)
        return f"{head} et onze" if n == 71 else f"{head}{sep}{rest}"
    head = (
        "quatre" + sep + "vingts"
        if tens == 8 and unit == 0
        else ("quatre" + sep + "vingt" if tens == 8 else _TENS[tens])
    )
    if unit == 0:
        return head
    if unit == 1 and tens != 8:
        return f"{head} et un"
    return f"{head}{sep}{_UNITS[unit]}"


@given(st.integers(0, 99), st.sampled_from(["-", " ", " - "]), st.sampled_from([str, str.upper, str.title]))
def test_every_french_number_up_to_99_is_read(n, sep, case):
    assert french_number(case(french_words(n, sep))) == n


@given(st.integers(2, 99), st.sampled_from(["j'ai {} ans", "{} ans", "J’AI {} ANS", "moi j ai {} ans et demi"]))
def test_ages_in_words(n, template):
    reading = parse_age(template.format(french_words(n)), today=TODAY)
    assert reading is not None and reading.value == n + (0.5 if "demi" in template else 0)


@given(st.integers(0, 999), st.sampled_from(["j'ai {} ans", "{} ans", "jai {}ans", "{} an", "g {} ans"]))
def test_ages_in_digits(n, template):
    assert parse_age(template.format(n), today=TODAY).value == n


@given(st.integers(0, 999))
def test_a_bare_number_is_an_age_only_when_asked(n):
    assert parse_age(str(n), expecting_age=True, today=TODAY).value == n
    assert parse_age(str(n), today=TODAY) is None


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
    st.sampled_from(["née le {}", "né le {}", "naissance {}"]),
)
def test_birth_dates(born, template):
    reading = parse_age(template.format(born.strftime("%d/%m/%Y")), today=TODAY)
    expected = TODAY.year - born.year - ((TODAY.month, TODAY.day) < (born.month, born.day))
    assert reading.from_birth and reading.value == expected


@PROPERTY
@given(messy_text, st.booleans())
def test_any_age_reading_is_a_finite_number(text, expecting):
    reading = parse_age(text, expecting_age=expecting, today=TODAY)
    assert reading is None or isinstance(reading.value, (float, int)) and math.isfinite(reading.value)


@PROPERTY
@given(messy_text)
def test_parsers_answer_within_their_vocabulary(text):
    assert parse_permis(text) in (None, True, False)
    assert parse_vehicule(text) in (None, True, False)
    assert parse_yes_no(text) in (None, True, False)
    assert parse_logement(text) in (None, *LOGEMENTS)
    assert parse_handicap(text) in (None, *HANDICAPS)
    assert parse_besoin(text) in (None, *BESOINS)
    assert parse_besoin(text, expecting=True) in (None, *BESOINS)
    assert parse_scolarite(text) in (None, *SCOLARITES)
    assert parse_diplome(text) in (None, *DIPLOMES) and parse_diplome(text, expecting=True) in (None, *DIPLOMES)
    quartier = parse_quartier(text)
    assert quartier is None or (isinstance(quartier, str) and quartier.strip() and len(quartier) <= 40)


@PROPERTY
@given(messy_text)
def test_geography_never_fails(text):
    for candidates in (geo.resolve_commune(text[:80]), geo.find_communes_in_text(text)):
        assert len(candidates) <= 5
        for candidate in candidates:
            assert geo.get_commune(candidate.commune.code_insee) == candidate.commune


# --------------------------------------------------------------------------------------- facts


def check_facts(result, requested: Optional[str]) -> None:
    slots = result.slots
    assert set(slots) <= PROFILE_SLOT_NAMES
    if "age" in slots:
        assert isinstance(slots["age"], (int, float)) and math.isfinite(slots["age"])
    if slots.get("code_insee") is not None:
        commune = geo.get_commune(slots["code_insee"])
        assert commune is not None and slots["commune"] == commune.nom and slots["departement"] == commune.departement
    for code in slots.get("commune_candidates") or []:
        assert geo.get_commune(code) is not None
    for name in ("qpv", "permis", "vehicule", "handicap", "rqth"):
        assert slots.get(name) in (None, True, False)
    if slots.get("handicap") is False:
        assert slots.get("rqth") is False
    assert slots.get("logement") in (None, *LOGEMENTS)
    assert slots.get("besoin") in (None, *BESOINS)
    assert slots.get("scolarite") in (None, *SCOLARITES)
    assert slots.get("diplome") in (None, *DIPLOMES)
    if "quartier" in slots:
        assert isinstance(slots["quartier"], str) and 0 < len(slots["quartier"]) <= 60
    assert set(result.skipped) <= set(QUESTION_ORDER)
    if result.rejected is not None:
        reason, _, said = result.rejected.partition(":")
        assert reason in QUESTION_ORDER and len(said) <= 60
    profile_from_slots(slots)  # what the matcher will build from them: must not raise


@PROPERTY
@given(messy_text, entities, st.sampled_from(INTENTS), st.sampled_from(REQUESTED))
def test_read_facts_gives_well_formed_slots_for_any_message(text, found, intent, requested):
    check_facts(read_facts(text, entities=found, intent=intent, requested_slot=requested, today=TODAY), requested)


@PROPERTY
@given(st.text(max_size=60), st.sampled_from(REQUESTED))
def test_a_button_payload_is_read_from_its_entities_only(text, requested):
    # The payload's text (« /inform{...} ») says nothing more than its entities.
    result = read_facts("/" + text, entities=[], intent="inform", requested_slot=requested, today=TODAY)
    assert result.slots == {} and result.skipped == []


@PROPERTY
@given(st.sampled_from([s for s in QUESTION_ORDER]), messy_text)
def test_declining_skips_exactly_the_question_asked(requested, text):
    result = read_facts(text, intent="decline", requested_slot=requested, today=TODAY)
    assert result.skipped == [requested] and result.slots == {}


@given(st.sampled_from(YES_NO_SLOTS), st.sampled_from(["oui", "ouais", "Oui !", "OK", "non", "nan", "Non merci"]))
def test_yes_or_no_answers_the_yes_no_question_asked(requested, text):
    result = read_facts(text, intent="inform", requested_slot=requested, today=TODAY)
    expected = not text.lower().startswith("n")
    assert result.slots.get(requested) is expected


@PROPERTY
@given(st.one_of(st.none(), st.text(max_size=10), st.sampled_from(["69256", "01001", "35115", "2A004", "97411"])))
def test_should_ask_qpv_never_fails(code):
    assert should_ask_qpv(code) in (True, False)


def test_a_long_message_is_read_quickly_even_when_the_commune_is_asked():
    """One person's message must not block the action server (it serves everyone on one thread)."""
    text = " ".join(["saint", "denis", "la", "rue", "je", "suis", "lyon", "villeneuve", "sur", "le"] * 20)
    started = time.perf_counter()
    read_facts(text, intent="inform", requested_slot="commune", today=TODAY)
    assert time.perf_counter() - started < 0.5


# --------------------------------------------------------------------------------------- actions


def run(action, tracker: Tracker, domain: Optional[Dict[str, Any]] = None):
    return run_action(action, tracker, domain or DOMAIN)


DOMAIN: Dict[str, Any] = {"forms": {"profile_form": {"required_slots": list(QUESTION_ORDER)}}, "slots": DOMAIN_SLOTS}
FRENCH = re.compile(r"\b(?:vous|votre|je|pas|de|la|le|les|un|une|ou|et|en|à|avez|pouvez|quel|quelle)\b", re.IGNORECASE)


def make_tracker(
    text: str,
    intent: Optional[str],
    requested: Optional[str],
    slots: Dict[str, Any],
    set_now: Dict[str, Any],
    found: List[dict],
) -> Tracker:
    events = user_turn(text, intent, found) + [{"event": "slot", "name": k, "value": v} for k, v in set_now.items()]
    return sdk_tracker(
        {**slots, **set_now}, text, intent, found, requested=requested, events=events, sender_id="fuzz", confidence=0.9
    )


def slot_value_fits(name: str, value: Any) -> bool:
    if value is None:
        return True
    kind = DOMAIN_SLOTS[name]["type"]
    return {
        "text": lambda: isinstance(value, str),
        "float": lambda: isinstance(value, (int, float)) and math.isfinite(value),
        "bool": lambda: isinstance(value, bool),
        "list": lambda: isinstance(value, list),
        "any": lambda: True,
    }[kind]()


@PROPERTY
@given(
    messy_text,
    entities,
    st.sampled_from(INTENTS),
    st.sampled_from(REQUESTED),
    st.lists(st.sampled_from(QUESTION_ORDER), max_size=3, unique=True),
)
def test_extract_profile_sets_only_domain_slots_with_values_of_their_type(text, found, intent, requested, skipped):
    _, events = run(
        ActionExtractProfile(), make_tracker(text, intent, requested, {"skipped_slots": skipped}, {}, found)
    )
    for event in events:
        assert event["event"] == "slot" and event["name"] in DOMAIN_SLOTS, event
        assert slot_value_fits(event["name"], event["value"]), event


# What the age slot can hold: action_extract_profile's readings (finite numbers), or anything a text slot
# value could be turned into by mistake.
ages = st.one_of(
    st.floats(-200, 1000),
    st.integers(-200, 1000),
    st.text(alphabet="0123456789 .,-eabc", max_size=10),
    st.none(),
    st.sampled_from(["19", "abc", "", "1e3", "-0", "  20 "]),
)


@PROPERTY
@given(ages)
def test_validate_age_keeps_only_plausible_ages_and_explains_the_others(value):
    dispatcher = CollectingDispatcher()
    result = ValidateProfileForm().validate_age(
        value, dispatcher, make_tracker("", "inform", "age", {}, {}, []), DOMAIN
    )
    age = result["age"]
    assert age is None or (AGE_MIN <= age <= AGE_MAX)
    for message in dispatcher.messages:
        assert message["text"] and FRENCH.search(message["text"])
        assert not re.search(r"\b(?:nan|inf)\b", message["text"], re.IGNORECASE)


@pytest.mark.parametrize("value", [float("nan"), "inf", "-INFINITY"])
def test_validate_age_on_not_a_number(value):
    dispatcher = CollectingDispatcher()
    ValidateProfileForm().validate_age(value, dispatcher, make_tracker("", "inform", "age", {}, {}, []), DOMAIN)
    assert not any(re.search(r"nan|inf", m["text"], re.IGNORECASE) for m in dispatcher.messages)


@given(st.dates(min_value=TODAY + timedelta(days=400), max_value=date(2099, 1, 1)))
def test_a_birth_year_in_the_future_is_answered_kindly(born):
    # « né en 2050 » is read as a negative age; validation must refuse it with a kind, sensible question.
    reading = parse_age(f"né en {born.year}", today=TODAY)
    dispatcher = CollectingDispatcher()
    result = ValidateProfileForm().validate_age(
        reading.value, dispatcher, make_tracker("", "inform", "age", {}, {}, []), DOMAIN
    )
    assert result["age"] is None and dispatcher.messages and FRENCH.search(dispatcher.messages[0]["text"])


@PROPERTY
@given(
    st.one_of(
        st.text(max_size=10),
        st.sampled_from(["69256", "35115", "2A004", "97411", "00000", ""]),
        st.none(),
        st.integers(),
    )
)
def test_validate_code_insee_keeps_only_known_communes(value):
    result = ValidateProfileForm().validate_code_insee(
        value, CollectingDispatcher(), make_tracker("", "inform", "commune", {}, {}, []), DOMAIN
    )
    code = result["code_insee"]
    if code:
        assert geo.get_commune(str(code)) is not None
    else:
        assert result.get("commune") is None or code == value


attempts_strategy = st.one_of(
    st.none(), st.dictionaries(st.sampled_from(QUESTION_ORDER), st.integers(0, 5), max_size=3)
)


@PROPERTY
@given(
    messy_text,
    st.sampled_from(INTENTS),
    st.sampled_from(QUESTION_ORDER),
    attempts_strategy,
    st.one_of(st.none(), st.sampled_from(["age:?", "commune:Trifouillis", "qpv:?", "besoin:?", "logement:?", "zzz"])),
    st.dictionaries(
        st.sampled_from(["age", "commune", "permis", "logement"]),
        st.one_of(st.none(), st.floats(-5, 200), st.booleans(), st.text(max_size=10)),
        max_size=2,
    ),
)
def test_the_form_validation_always_answers_kindly_and_counts_tries(
    text, intent, requested, attempts, rejected, set_now
):
    set_now = {k: v for k, v in set_now.items() if slot_value_fits(k, v)}
    tracker = make_tracker(text, intent, requested, {"attempts": attempts, "rejected": rejected}, set_now, [])
    sent, events = run(ValidateProfileForm(), tracker)
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    for message in sent:
        assert (message.get("text") or "").strip() and FRENCH.search(message["text"]), message
    before = (attempts or {}).get(requested, 0)
    after = (slots.get("attempts") or attempts or {}).get(requested, 0) if "attempts" in slots else before
    assert after in (before, before + 1)
    offered_skip = any(b.get("payload") == "/decline" for m in sent for b in m.get("buttons") or [])
    # The commune question offers its own way out (département only, then « passer »: action_ask_commune).
    assert offered_skip == (after == before + 1 and after >= MAX_ATTEMPTS and requested != "commune")
    for name, value in slots.items():
        assert name == "requested_slot" or (name in DOMAIN_SLOTS and slot_value_fits(name, value))


@PROPERTY
@given(
    st.fixed_dictionaries(
        {},
        optional={
            "quartier": st.one_of(st.none(), st.text(max_size=20)),
            "code_insee": st.one_of(st.none(), st.sampled_from(["69256", "01001", "2A004", "00000", ""])),
            "handicap": st.one_of(st.none(), st.booleans()),
        },
    ),
    st.lists(st.sampled_from(QUESTION_ORDER), unique=True),
)
def test_remaining_questions_keep_the_order_and_drop_skipped_ones(slots, skipped):
    questions = remaining_questions(slots, skipped)
    assert questions == [q for q in QUESTION_ORDER if q in questions]
    assert not set(questions) & set(skipped)
    if "rqth" in questions:
        assert slots.get("handicap") is True


@PROPERTY
@given(st.lists(st.one_of(st.sampled_from(["93066", "97411", "69256", "35115"]), st.text(max_size=8)), max_size=6))
def test_ask_commune_always_asks_something(candidates):
    sent, events = run(
        ActionAskCommune(), make_tracker("", "inform", "commune", {"commune_candidates": candidates}, {}, [])
    )
    assert events == [] and len(sent) == 1 and "commune" in sent[0]["text"].lower()
    for button in sent[0].get("buttons") or []:  # a commune, or « Non, une autre commune » / « Passer »
        assert re.fullmatch(r'/inform\{"code_insee": "[0-9AB]{5}"\}|/deny|/decline', button["payload"])


@example("x" * 5000)
@settings(max_examples=50, deadline=None)
@given(st.text(min_size=1000, max_size=10000))
def test_very_long_messages_are_read_in_bounded_time(text):
    started = time.perf_counter()
    read_facts(text, intent="inform", today=TODAY)
    assert time.perf_counter() - started < 1.0
