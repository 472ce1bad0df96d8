#!/usr/bin/env bash
# What some tests need beyond Python: Debian's Chromium (web chat in a real browser), PostgreSQL and
# Redis (scale-out), jemalloc (lighter servers), installed with apt-get when missing and we may; and the pinned npm package of the
# official geography, from which tests/test_geo.py rebuilds the committed tables byte for byte.
# Otherwise the tests that need them are skipped and say why.
set -uo pipefail
cd "$(dirname "$0")/.."

install_debian_packages() {
    local missing=() apt
    command -v chromium >/dev/null 2>&1 || missing+=(chromium)
    ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
    command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
    # jemalloc: the servers hold less memory with it (aiguillage/servers/allocator.py); optional.
    { /sbin/ldconfig -p 2>/dev/null || ldconfig -p 2>/dev/null; } | grep -q 'libjemalloc\.so\.2' || missing+=(libjemalloc2)
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" = "0" ]; then apt="apt-get"; elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then apt="sudo apt-get"; else
        echo "Paquets système absents (${missing[*]}) : les tests qui en ont besoin seront ignorés." >&2
        echo "Pour les installer : sudo apt-get install ${missing[*]}" >&2
        return 0
    fi
    echo "Installation des paquets système : ${missing[*]}…"
    export DEBIAN_FRONTEND=noninteractive
    $apt update -qq >/dev/null && $apt install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
        || echo "Installation impossible de ${missing[*]} : les tests qui en ont besoin seront ignorés." >&2
}

install_geography_package() {
    [ -f var/npm/node_modules/@etalab/decoupage-administratif/package.json ] && return 0
    if ! command -v npm >/dev/null 2>&1 || [ ! -x .venv/bin/python ]; then
        echo "npm ou .venv absent : le test de reconstruction de la géographie sera ignoré." >&2
        return 0
    fi
    mkdir -p var/npm
    # The version pinned in knowledge/geo/build_geo_data.py, through its own installer.
    .venv/bin/python -c 'from pathlib import Path; from knowledge.geo.build_geo_data import npm_install; npm_install(Path("var/npm"))' \
        >/dev/null || echo "Installation impossible de @etalab/decoupage-administratif : le test sera ignoré." >&2
}

install_debian_packages
install_geography_package
exit 0
