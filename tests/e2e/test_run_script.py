"""`make run` as a newcomer uses it: scripts/run.sh starts the action server, Rasa and the web chat,
says where to chat, answers « Bonjour » in French on REST, and Ctrl-C stops all three.

Run in a scratch folder that links to the project (scripts, .venv, model, endpoints, credentials), so
that its SQLite file and logs are its own; on other ports than the defaults, which also proves that
ACTIONS_PORT reaches Rasa's action endpoint.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import threading
import time
import urllib.request
from pathlib import Path
from typing import List

import pytest

from tests.support.dialogue import reply_problems, reply_texts
from tests.support.stack import ROOT, free_port, http_json, model_dir

pytestmark = pytest.mark.e2e

LINKED = ("scripts", ".venv", "endpoints.yml", "credentials.yml", "credentials.telegram.yml")
READY = "Aiguillage est prêt."
START_LIMIT = 900.0  # Rasa loads TensorFlow and the model: minutes on a busy 2-core machine


def listening(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def test_run_script_answers_bonjour_and_stops_on_ctrl_c(tmp_path: Path):
    for name in LINKED:
        (tmp_path / name).symlink_to(ROOT / name)
    (tmp_path / "models").symlink_to(model_dir())
    ports = {"RASA_PORT": free_port(), "ACTIONS_PORT": free_port(), "WEB_PORT": free_port()}
    env = {**os.environ, **{k: str(v) for k, v in ports.items()}}
    env.pop("AIGUILLAGE_API_TOKEN", None)
    env.pop("TELEGRAM_TOKEN", None)
    process = subprocess.Popen(
        ["bash", "scripts/run.sh", "server"],
        cwd=tmp_path,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    output: List[str] = []
    reader = threading.Thread(target=lambda: output.extend(process.stdout), daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + START_LIMIT
        while not any(READY in line for line in output):
            assert process.poll() is None, "run.sh stopped:\n" + "".join(output)[-3000:]
            assert time.monotonic() < deadline, "not ready in time:\n" + "".join(output)[-3000:]
            time.sleep(1)
        printed = "".join(output)
        assert (
            f"http://localhost:{ports['WEB_PORT']}" in printed
            and f"localhost:{ports['RASA_PORT']}/webhooks/rest/webhook" in printed
        )

        replies = http_json(
            "POST",
            f"http://localhost:{ports['RASA_PORT']}/webhooks/rest/webhook",
            {"sender": "nouvelle-personne", "message": "Bonjour"},
            timeout=120,
        )
        assert reply_problems(replies) == [], replies  # French, not empty, no failed action
        assert any("mission locale" in text for text in reply_texts(replies)), replies
        assert any(reply.get("buttons") for reply in replies), "the welcome offers buttons to start"

        with urllib.request.urlopen(f"http://localhost:{ports['WEB_PORT']}/", timeout=30) as page:
            assert page.status == 200 and 'lang="fr"' in page.read().decode()
        assert (tmp_path / "var" / "tracker.db").stat().st_size > 0, "conversations go to the embedded SQLite file"

        os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in the terminal does
        code = process.wait(timeout=60)
        # Once (clean-clone CI, session 7) this was 1 with no clue left: say what the script and the logs said.
        assert code == 0, "".join(output)[-2000:] + _log_tails(tmp_path / "logs")
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
    reader.join(timeout=10)
    assert "Aiguillage arrêté." in "".join(output)
    for name, port in ports.items():
        assert not listening(port), f"{name} {port} still open after Ctrl-C"


def _log_tails(logs: Path) -> str:
    """The last lines of each service's log, for a failure message."""
    if not logs.is_dir():
        return "\n(no logs/)"
    tails = (f"\n--- {log.name}\n" + log.read_text(errors="replace")[-1500:] for log in sorted(logs.glob("*.log")))
    return "".join(tails)
