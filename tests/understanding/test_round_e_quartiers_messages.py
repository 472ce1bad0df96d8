"""Round E's messages about quartiers (round_e_quartiers.yaml, held out): every fact right, and none invented."""

from pathlib import Path

import pytest
import yaml

from tests.understanding.test_understanding_set import report

NAME = "round_e_quartiers.yaml"
CASES = yaml.safe_load((Path(__file__).parent / NAME).read_text(encoding="utf-8"))["messages"]


def _param(case):
    marks = [pytest.mark.xfail(reason=case["xfail"], strict=False)] if case.get("xfail") else []
    return pytest.param(case, id=f"{case.get('asked')}:{case['text'][:60]}", marks=marks)


@pytest.mark.parametrize("case", [_param(case) for case in CASES])
def test_round_e_quartier_message(case):
    known = dict(case.get("known") or {})
    got = report.apply_message(known, case["text"], case.get("asked"))
    assert report.mismatches(dict(case.get("expect") or {}), known, got) == {}


def test_the_round_is_held_out_and_reported():
    assert all(case.get("heldout") is True for case in CASES)
    assert all(set(case) <= {"text", "asked", "known", "expect", "heldout", "xfail"} for case in CASES)
    assert NAME in report.ROUND_FILES
