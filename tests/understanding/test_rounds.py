"""The live play-test rounds' messages (round_*.yaml, each held out of training): every fact right, the conseiller
and the trade wished included, as the understanding report scores them — one table of files, one test per message.
A case marked `open` (or `xfail`) belongs to a part of issue 16 still open: it may fail without failing the suite."""

from pathlib import Path

import pytest
import yaml

from tests.understanding.test_understanding_set import SLOTS, _check_slots, report

HERE = Path(__file__).parent
# The round files, each with the date it was written relative to its fixes (the report's line says the same).
ROUNDS = (
    *("round_c.yaml", "round_d.yaml", "round_e.yaml", "round_e_quartiers.yaml"),
    *("round_g_places.yaml", "round_g_facts.yaml", "round_h.yaml"),
)
EXTRA = {"interlocuteur", "secteur"}  # kept by the bot outside the profile
KEYS = {"text", "asked", "known", "expect", "heldout", "open", "xfail"}


def _cases(name):
    return yaml.safe_load((HERE / name).read_text(encoding="utf-8"))["messages"]


def _param(name, case):
    reason = case.get("open") or case.get("xfail")
    marks = [pytest.mark.xfail(reason=reason, strict=False)] if reason else []
    return pytest.param(case, id=f"{name[:-5]}:{case.get('asked')}:{case['text'][:60]}", marks=marks)


@pytest.mark.parametrize("case", [_param(name, case) for name in ROUNDS for case in _cases(name)])
def test_round_message(case):
    known = dict(case.get("known") or {})
    got = report.apply_message(known, case["text"], case.get("asked"))
    assert report.mismatches(dict(case.get("expect") or {}), known, got) == {}


@pytest.mark.parametrize("name", ROUNDS)
def test_the_round_is_held_out_well_formed_and_reported(name):
    cases = _cases(name)
    assert len(cases) >= 15
    for case in cases:
        assert case.get("heldout") is True and set(case) <= KEYS, case["text"]
        _check_slots({k: v for k, v in case["expect"].items() if k not in EXTRA and v is not None})
        assert set(case["expect"]) <= SLOTS | EXTRA, case["text"]
    assert name in report.ROUND_FILES


def test_a_wrong_interlocutor_or_trade_is_caught():
    got = report.apply_message({}, "j'ai 19 ans, la vente", None)
    assert report.mismatches({"age": 19, "interlocuteur": "conseiller"}, {}, got) == {"interlocuteur": None}
    assert report.mismatches({"age": 19, "secteur": "logistique-transport"}, {}, got) == {"secteur": "vente"}
