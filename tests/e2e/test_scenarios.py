"""Every conseillers' scenario (scenarios/*.yaml) passes against the real bot, slots included.

A failure prints the scenario's whole transcript, as `aiguillage scenarios` would show it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from aiguillage.scenarios import HttpBot, load_scenario, play, report, scenario_files
from tests.support.stack import ROOT, BotStack

SCENARIOS = scenario_files([ROOT / "scenarios"])

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_scenario_passes(bot: BotStack, path: Path) -> None:
    result = play(load_scenario(path), HttpBot(bot.url, bot.token))
    assert not any(c.ok is None for c in result.checks), "with the API token, every check must run"
    if not result.passed:
        pytest.fail("\n" + report(result), pytrace=False)
