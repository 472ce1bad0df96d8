"""The shared inputs of the bad-input property tests (tests/test_bad_input_*.py): messy text, odd entities, intents."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Dict

import yaml
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from actions.profile_slots import FORM_INTENTS, QUESTION_ORDER
from knowledge.profile import MESSAGE_SLOTS

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 25)
DOMAIN_SLOTS: Dict[str, Dict[str, Any]] = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["slots"]
PROFILE_SLOT_NAMES = set(MESSAGE_SLOTS)
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
