#!/usr/bin/env bash
# Creates .venv with Python 3.10 and installs Aiguillage with its dev tools, pinned by constraints.txt.
# Idempotent: does nothing when pyproject.toml and constraints.txt have not changed since the last install.
set -euo pipefail
cd "$(dirname "$0")/.."

find_python310() {
    local candidate
    for candidate in "${AIGUILLAGE_PYTHON:-}" python3.10 "$HOME"/.pyenv/versions/3.10.*/bin/python3.10 \
                     /usr/local/bin/python3.10 /usr/bin/python3.10; do
        [ -n "$candidate" ] || continue
        if command -v "$candidate" >/dev/null 2>&1 \
           && "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' 2>/dev/null; then
            command -v "$candidate"
            return 0
        fi
    done
    return 1
}

stamp=".venv/.aiguillage-installed"
wanted=$(cat pyproject.toml constraints.txt | sha256sum | cut -d' ' -f1)
if [ -x .venv/bin/python ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
    exit 0
fi

if ! python=$(find_python310); then
    cat >&2 <<'MSG'
Aiguillage a besoin de Python 3.10 (Rasa 3.6 ne fonctionne pas avec 3.11 ou plus).
Aucun interpréteur Python 3.10 trouvé (PATH, ~/.pyenv/versions/3.10.*).
  - avec pyenv :  pyenv install 3.10.13
  - avec Debian/Ubuntu : installez python3.10 et python3.10-venv
  - ou indiquez-le :  AIGUILLAGE_PYTHON=/chemin/vers/python3.10 make test

Aiguillage needs Python 3.10 (Rasa 3.6 does not support 3.11+). None was found on PATH or in
~/.pyenv/versions/3.10.*. Install one (e.g. `pyenv install 3.10.13`) or set AIGUILLAGE_PYTHON.
MSG
    exit 1
fi

echo "Installation de l'environnement (.venv, $("$python" --version))…"
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade "pip<25" >/dev/null
# --no-build-isolation is not needed; constraints pin every transitive package so two installs match.
.venv/bin/python -m pip install --quiet -c constraints.txt -e ".[dev]"
.venv/bin/python -m pip check
echo "$wanted" > "$stamp"
echo "Environnement prêt : .venv"
