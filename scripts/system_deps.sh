#!/usr/bin/env bash
# Debian packages some tests need: Chromium (web chat in a real browser), PostgreSQL and Redis
# (scale-out). Installed with apt-get when missing and we may; otherwise the tests that need them
# are skipped and say why.
set -uo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ -x /usr/lib/postgresql/*/bin/postgres ] 2>/dev/null || ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = "0" ]; then apt="apt-get"; elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then apt="sudo apt-get"; else
    echo "Paquets système absents (${missing[*]}) : les tests qui en ont besoin seront ignorés." >&2
    echo "Pour les installer : sudo apt-get install ${missing[*]}" >&2
    exit 0
fi
echo "Installation des paquets système : ${missing[*]}…"
export DEBIAN_FRONTEND=noninteractive
$apt update -qq >/dev/null && $apt install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || echo "Installation impossible de ${missing[*]} : les tests qui en ont besoin seront ignorés." >&2
exit 0
