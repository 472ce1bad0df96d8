#!/usr/bin/env bash
# The whole suite: trains the real model if what it is trained from changed (scripts/train.sh), then runs pytest
# (unit tests, data validation, test stories, end-to-end on live servers, browser).
set -euo pipefail
cd "$(dirname "$0")/.."
export RASA_TELEMETRY_ENABLED="${RASA_TELEMETRY_ENABLED:-false}"  # nothing sent to a third party
bash scripts/system_deps.sh
bash scripts/train.sh config.yml
.venv/bin/python -m pytest "$@"
