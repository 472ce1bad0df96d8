#!/usr/bin/env bash
# Trains the model for CONFIG into models/ (or MODEL_DIR). Rasa's fingerprinting skips the training
# when neither the data, the domain nor the config changed since the last model in that folder.
set -euo pipefail
cd "$(dirname "$0")/.."
config="${1:-config.yml}"
out="${MODEL_DIR:-models}"
.venv/bin/rasa train --config "$config" --domain domain.yml --data bot --out "$out" --quiet
