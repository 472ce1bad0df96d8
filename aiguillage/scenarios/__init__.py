"""Conseillers' scenarios: YAML conversations played against the running bot over REST.

A scenario file (format in scenarios/README.md) lists what a young person writes or which button
they press, and what the bot must do: slot values at the end, words that must or must not appear in
its last replies, words expected after one message. Parsing, matching and the transcript live here
and are pure; `HttpBot` is the only part that talks to a server, so tests swap in a fake one.

Modules: `files` (the format; a file read into a `Scenario`), `replies` (the bot's replies read and compared
with what is expected), `play` (a scenario played against a bot; transcript and verdict). Callers import from here.
"""

from aiguillage.scenarios.files import (
    EXPECTED_KEYS,
    MESSAGE_KEYS,
    SCENARIO_KEYS,
    Expectations,
    Scenario,
    ScenarioError,
    Step,
    load_scenario,
    parse_scenario,
    scenario_files,
)
from aiguillage.scenarios.play import (
    KO,
    OK,
    WARN,
    Bot,
    BotUnreachable,
    Check,
    HttpBot,
    Result,
    expectation_checks,
    format_replies,
    new_sender,
    play,
    report,
    summary,
)
from aiguillage.scenarios.replies import (
    FALSE_WORDS,
    TRUE_WORDS,
    Reply,
    buttons_of,
    contains,
    find_button,
    normalize,
    reply_text,
    slot_matches,
)

__all__ = [
    "EXPECTED_KEYS",
    "Expectations",
    "MESSAGE_KEYS",
    "SCENARIO_KEYS",
    "Scenario",
    "ScenarioError",
    "Step",
    "load_scenario",
    "parse_scenario",
    "scenario_files",
    "FALSE_WORDS",
    "Reply",
    "TRUE_WORDS",
    "buttons_of",
    "contains",
    "find_button",
    "normalize",
    "reply_text",
    "slot_matches",
    "Bot",
    "BotUnreachable",
    "Check",
    "HttpBot",
    "KO",
    "OK",
    "Result",
    "WARN",
    "expectation_checks",
    "format_replies",
    "new_sender",
    "play",
    "report",
    "summary",
]
