"""The log checks shared by the end-to-end robustness tests (tests/e2e/test_robustness_*.py).

Files test_robustness_1…4 run in that order on the e2e session's stack (tests/e2e/conftest.py), whose logs
therefore also hold the conversations of the modules before them: they too must be free of failures and of
sensitive answers. The action timeout is the shipped default.
"""

from __future__ import annotations

from tests.support.stack import BotStack


def log_text(bot: BotStack, name: str) -> str:
    return (bot.workdir / f"{name}.log").read_text(errors="replace")


def assert_no_failure_in_logs(bot: BotStack) -> None:
    actions, rasa = log_text(bot, "actions"), log_text(bot, "rasa")
    assert "Traceback" not in actions and " ERROR " not in actions, actions[-3000:]
    for marker in (
        "Traceback",
        "Encountered an exception",
        "Serveur d'actions indisponible",
        "Failed to execute custom action",
    ):
        assert marker not in rasa, rasa[rasa.find(marker) - 1500 : rasa.find(marker) + 1500]
