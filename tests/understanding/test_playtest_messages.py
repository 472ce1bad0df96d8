"""The play-test messages (messages_playtest.yaml, written after the fixes): every fact right."""

from pathlib import Path

import pytest
import yaml

from tests.understanding.test_understanding_set import report

CASES = yaml.safe_load((Path(__file__).parent / "messages_playtest.yaml").read_text(encoding="utf-8"))["messages"]


@pytest.mark.parametrize("case", CASES, ids=[c["text"] for c in CASES])
def test_playtest_message(case):
    known = dict(case.get("known") or {})
    got = report.apply_message(known, case["text"], case.get("asked"))
    expect = dict(case.get("expect") or {})
    cleared = [slot for slot, value in expect.items() if value is None]  # « null »: the fact is asked again
    assert all(got.get(slot) is None for slot in cleared)
    wrong = report.mismatches({k: v for k, v in expect.items() if v is not None}, known, got)
    assert {slot: value for slot, value in wrong.items() if slot not in cleared} == {}
