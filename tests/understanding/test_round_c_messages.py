"""Round C of the play-tests (round_c.yaml, held out of training): every fact right, the conseiller and the trade
wished included, as the understanding report scores them."""

from pathlib import Path

import pytest
import yaml

from tests.understanding.test_understanding_set import SLOTS, _check_slots, report

CASES = yaml.safe_load((Path(__file__).parent / "round_c.yaml").read_text(encoding="utf-8"))["messages"]
EXTRA = {"interlocuteur", "secteur"}  # kept by the bot outside the profile


def test_the_round_is_well_formed_and_held_out():
    assert len(CASES) >= 25
    for case in CASES:
        assert set(case) == {"text", "asked", "known", "expect", "heldout"} and case["heldout"] is True, case
        _check_slots({k: v for k, v in case["expect"].items() if k not in EXTRA})
        assert set(case["expect"]) <= SLOTS | EXTRA, case
    assert {"round_c.yaml"} <= set(report.ROUND_FILES)


@pytest.mark.parametrize("case", CASES, ids=[c["text"] for c in CASES])
def test_round_c_message(case):
    known = dict(case.get("known") or {})
    got = report.apply_message(known, case["text"], case.get("asked"))
    assert report.mismatches(case.get("expect") or {}, known, got) == {}


def test_a_wrong_interlocutor_or_trade_is_caught():
    got = report.apply_message({}, "j'ai 19 ans, la vente", None)
    assert report.mismatches({"age": 19, "interlocuteur": "conseiller"}, {}, got) == {"interlocuteur": None}
    assert report.mismatches({"age": 19, "secteur": "logistique-transport"}, {}, got) == {"secteur": "vente"}
