"""Play-test D's messages about quartiers, QPV and communes (messages_playtest_d.yaml): every fact right."""

from pathlib import Path

import pytest
import yaml

from tests.understanding.test_understanding_set import report

CASES = yaml.safe_load((Path(__file__).parent / "messages_playtest_d.yaml").read_text(encoding="utf-8"))["messages"]


def _param(case):
    marks = [pytest.mark.xfail(reason=case["xfail"], strict=False)] if case.get("xfail") else []
    return pytest.param(case, id=case["text"][:60], marks=marks)


@pytest.mark.parametrize("case", [_param(case) for case in CASES])
def test_playtest_d_message(case):
    known = dict(case.get("known") or {})
    got = report.apply_message(known, case["text"], case.get("asked"))
    expect = dict(case.get("expect") or {})
    cleared = [slot for slot, value in expect.items() if value is None]  # « null »: the fact is dropped
    assert all(got.get(slot) is None for slot in cleared), {slot: got.get(slot) for slot in cleared}
    wrong = report.mismatches({k: v for k, v in expect.items() if v is not None}, known, got)
    assert {slot: value for slot, value in wrong.items() if slot not in cleared} == {}


def test_every_case_is_held_out():
    assert all(case.get("heldout") is True for case in CASES)
