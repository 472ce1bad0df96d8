#!/usr/bin/env bash
# Starts the action server, then Rasa (REST + socketio) and the web chat page; Ctrl-C stops all three.
#   scripts/run.sh server   → web chat on http://localhost:${WEB_PORT:-8080}, REST on :${RASA_PORT:-5005}
#   scripts/run.sh shell    → conseillers' terminal (rasa shell)
set -euo pipefail
cd "$(dirname "$0")/.."
export RASA_TELEMETRY_ENABLED="${RASA_TELEMETRY_ENABLED:-false}"  # nothing sent to a third party
mode="${1:-server}"
RASA_PORT="${RASA_PORT:-5005}"
ACTIONS_PORT="${ACTIONS_PORT:-5055}"
WEB_PORT="${WEB_PORT:-8080}"
ENDPOINTS="${ENDPOINTS:-endpoints.yml}"  # endpoints.prod.yml: PostgreSQL + Redis (README, « Déploiement à plusieurs serveurs »)
export ACTION_ENDPOINT_URL="http://localhost:${ACTIONS_PORT}/webhook"
# One list of allowed origins for the REST channel (--cors) and the web chat's socket.
export AIGUILLAGE_CORS_ORIGINS="${AIGUILLAGE_CORS_ORIGINS:-http://localhost:$WEB_PORT,http://127.0.0.1:$WEB_PORT}"
mkdir -p var logs
# endpoints.yml names the default action server port; another ACTIONS_PORT gets a copy that points to it.
if [ "$ENDPOINTS" = endpoints.yml ] && [ "$ACTIONS_PORT" != 5055 ]; then
    sed "s#http://localhost:5055/webhook#$ACTION_ENDPOINT_URL#" endpoints.yml >var/endpoints.yml
    ENDPOINTS=var/endpoints.yml
fi
# The conversations' database must be usable before anything starts: one French line if not.
.venv/bin/python -m aiguillage.servers.startup_check --endpoints "$ENDPOINTS" || exit 1

# jemalloc when the machine has it (package libjemalloc2): Rasa holds less memory (aiguillage/servers/allocator.py).
server_preload="$(.venv/bin/python -m aiguillage.servers.allocator 2>/dev/null || true)"

pids=()
cleanup() {
    trap - INT TERM EXIT
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    echo "Aiguillage arrêté."
}
# Ctrl-C (or a TERM) is the normal way to stop: stop the services, exit 0. The services run in their own
# sessions (setsid): Ctrl-C reaches this script alone. Sanic's servers stop on SIGINT by themselves, and when one
# stopped first, bash's `wait -n` returned without running this trap and the script ended with 1 (clean-clone CI,
# twice in session 7: « Un des services s'est arrêté »).
trap 'cleanup; exit 0' INT TERM
trap cleanup EXIT

# Only Rasa calls the action server: it listens on this machine only (ACTIONS_HOST=0.0.0.0 to open it).
LD_PRELOAD="$server_preload" SANIC_HOST="${ACTIONS_HOST:-127.0.0.1}" setsid .venv/bin/python -m aiguillage.servers.action_server --port "$ACTIONS_PORT" >logs/actions.log 2>&1 &
pids+=($!)

api_flags=()
if [ -n "${AIGUILLAGE_API_TOKEN:-}" ]; then
    api_flags=(--enable-api --auth-token "$AIGUILLAGE_API_TOKEN")
fi

if [ "$mode" = "shell" ]; then
    echo "Conversation dans le terminal. Tapez /stop pour quitter."
    LD_PRELOAD="$server_preload" .venv/bin/python -m aiguillage.servers.rasa_server shell --model models --endpoints "$ENDPOINTS" --port "$RASA_PORT"
    exit 0
fi

# Telegram only when its token is set (README, « Aiguillage sur Telegram »): Rasa fails on an unset ${VAR}, so the
# channel lives in credentials.telegram.yml and is appended here; the token stays in the environment.
credentials=credentials.yml
if [ -n "${TELEGRAM_TOKEN:-}" ]; then
    for var in TELEGRAM_BOT_NAME TELEGRAM_WEBHOOK_URL; do
        if [ -z "${!var:-}" ]; then echo "Telegram : la variable $var n'est pas définie (voir le README, « Aiguillage sur Telegram »)." >&2; exit 1; fi
    done
    export TELEGRAM_API_URL="${TELEGRAM_API_URL:-https://api.telegram.org}"
    export TELEGRAM_SECRET_TOKEN="${TELEGRAM_SECRET_TOKEN:-$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(32))')}"
    credentials=var/credentials.yml
    { cat credentials.yml; echo; cat credentials.telegram.yml; } >"$credentials"
fi

# Web pages allowed to call the REST API from a browser (commas or spaces; default: the local web chat).
IFS=', ' read -r -a cors_origins <<<"$AIGUILLAGE_CORS_ORIGINS"
# aiguillage.servers.rasa_server = `rasa` plus start-up checks and a kind answer when the action server fails.
LD_PRELOAD="$server_preload" setsid .venv/bin/python -m aiguillage.servers.rasa_server run --model models --endpoints "$ENDPOINTS" --credentials "$credentials" \
    --port "$RASA_PORT" --cors "${cors_origins[@]}" "${api_flags[@]}" \
    >logs/rasa.log 2>&1 &
pids+=($!)
setsid .venv/bin/aiguillage web --port "$WEB_PORT" --rasa-url "http://localhost:$RASA_PORT" >logs/web.log 2>&1 &
pids+=($!)

echo "Démarrage… (le chargement du modèle prend une à deux minutes)"
ready=""
for _ in $(seq 1 900); do
    if curl -sf "http://localhost:$RASA_PORT/" >/dev/null 2>&1; then
        ready=1
        break
    fi
    # A service that stopped during the start (invalid knowledge base, unusable database…) says why in its log.
    for pid in "${pids[@]}"; do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "Un des services n'a pas pu démarrer :" >&2
            tail -n 3 logs/actions.log logs/rasa.log >&2 2>/dev/null || true
            exit 1
        fi
    done
    sleep 1
done
if [ -z "$ready" ]; then
    echo "Rasa ne répond toujours pas après 15 minutes : voir logs/rasa.log." >&2
    exit 1
fi
cat <<MSG

  Aiguillage est prêt.
  • Web chat :  http://localhost:$WEB_PORT
  • REST :      curl -s -XPOST localhost:$RASA_PORT/webhooks/rest/webhook -d '{"sender":"moi","message":"Bonjour"}'
  • Journaux :  logs/rasa.log, logs/actions.log
  Ctrl-C pour arrêter.
MSG
wait -n "${pids[@]}" || true  # a service that stops on its own is reported below, not by `set -e`
echo "Un des services s'est arrêté : voir logs/." >&2
exit 1
