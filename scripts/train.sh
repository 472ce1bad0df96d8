#!/usr/bin/env bash
# Trains the model for CONFIG into models/ (or MODEL_DIR) when what it is trained from changed.
# Rasa 3 itself would write another 47 MB model (from its cache) on every `make run`, and its dry run
# misses changed responses; so the model is named after a hash of its inputs, and an existing one is
# reused.
set -euo pipefail
cd "$(dirname "$0")/.."
export RASA_TELEMETRY_ENABLED="${RASA_TELEMETRY_ENABLED:-false}"  # nothing sent to a third party
config="${1:-config.yml}"
out="${MODEL_DIR:-models}"
fingerprint=$( { cat "$config" domain.yml constraints.txt; find bot -type f -print0 | LC_ALL=C sort -z | xargs -0 cat; } \
    | sha256sum | cut -c1-16)
name="$(basename "$config" .yml)-$fingerprint"
if [ -f "$out/$name.tar.gz" ]; then
    touch "$out/$name.tar.gz"  # Rasa serves the newest model of the folder
    echo "Modèle à jour : $out/$name.tar.gz"
    exit 0
fi
.venv/bin/rasa train --config "$config" --domain domain.yml --data bot --out "$out" --fixed-model-name "$name" --quiet
