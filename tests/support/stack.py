"""Starts the real action server and Rasa server on free ports, for end-to-end tests.

Reusable: `with BotStack(model_dir) as bot: bot.say("alice", "bonjour")`. Everything started is
stopped on exit, test failure included.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
# scripts/run.sh's default web chat: the one origin the e2e stack's REST API admits (test_robustness_3_http).
LOCAL_WEB_ORIGIN = "http://localhost:8080"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_json(
    method: str, url: str, body: Any = None, timeout: float = 30.0, headers: Optional[Dict[str, str]] = None
) -> Any:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(
        url, data=data, method=method, headers={"Content-Type": "application/json", **(headers or {})}
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        raw = response.read()
        return json.loads(raw) if raw else None


def wait_until(
    check, timeout: float, what: str, process: Optional[subprocess.Popen] = None, log: Optional[Path] = None
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            tail = log.read_text(errors="replace")[-3000:] if log and log.exists() else ""
            raise RuntimeError(f"{what} exited with {process.returncode}:\n{tail}")
        try:
            if check():
                return
        except (OSError, urllib.error.URLError, ValueError):
            pass
        time.sleep(0.5)
    tail = log.read_text(errors="replace")[-3000:] if log and log.exists() else ""
    raise TimeoutError(f"{what} not ready after {timeout:.0f}s:\n{tail}")


@dataclass
class Service:
    name: str
    process: subprocess.Popen
    log: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


def start_process(name: str, args: List[str], log: Path, env: Optional[Dict[str, str]] = None) -> Service:
    handle = log.open("w")
    process = subprocess.Popen(
        args,
        cwd=ROOT,
        stdout=handle,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        env={**os.environ, **(env or {})},
    )
    return Service(name, process, log)


def model_dir() -> Path:
    return Path(os.environ.get("AIGUILLAGE_TEST_MODELS", ROOT / "models"))


@dataclass
class BotStack:
    models: Path = field(default_factory=model_dir)
    workdir: Optional[Path] = None
    token: str = field(default_factory=lambda: uuid.uuid4().hex)
    endpoints: Optional[Path] = None
    extra_rasa_args: List[str] = field(default_factory=list)
    env: Dict[str, str] = field(default_factory=dict)
    rasa_port: int = field(default_factory=free_port)
    actions_port: int = field(default_factory=free_port)
    services: Dict[str, Service] = field(default_factory=dict)
    # Another credentials file (e.g. with a Telegram channel); None means the project's credentials.yml.
    credentials: Optional[Path] = None

    def server_env(self) -> Dict[str, str]:
        """The servers' environment: jemalloc when installed, as scripts/run.sh gives it (servers/allocator.py)."""
        from aiguillage.servers import allocator

        return {**allocator.server_env({**os.environ, **self.env}), **self.env}

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    @property
    def actions_url(self) -> str:
        return f"http://127.0.0.1:{self.actions_port}"

    def __enter__(self) -> BotStack:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _workdir(self) -> Path:
        if self.workdir is None:
            import tempfile

            self.workdir = Path(tempfile.mkdtemp(prefix="aiguillage-e2e-"))
        return self.workdir

    def write_endpoints(self) -> Path:
        path = self._workdir() / "endpoints.yml"
        path.write_text(
            f'action_endpoint:\n  url: "{self.actions_url}/webhook"\n'
            # The project's store (endpoints.yml): SQL, plus real deletion on « effacer mes données ».
            f"tracker_store:\n  type: aiguillage.rasa.tracker_store.ErasableSQLTrackerStore\n  dialect: sqlite\n"
            f'  db: "{self._workdir() / "tracker.db"}"\n'
        )
        return path

    def launch_actions(self) -> None:
        self.services["actions"] = start_process(
            "actions",
            [str(VENV_BIN / "python"), "-m", "aiguillage.servers.action_server", "--port", str(self.actions_port)],
            self._workdir() / "actions.log",
            self.server_env(),
        )

    def _wait(self, service: str, ready: Callable[[], Any], timeout: float, label: str) -> None:
        """Until `ready()`, or fail with the service's log (its process having died, or `timeout` s passed)."""
        wait_until(ready, timeout, label, self.services[service].process, self._workdir() / f"{service}.log")

    def wait_actions(self) -> None:
        health = f"{self.actions_url}/health"
        self._wait("actions", lambda: http_json("GET", health, timeout=2) is not None, 120, "action server")

    def start_actions(self) -> None:
        self.launch_actions()
        self.wait_actions()

    def launch_rasa(self) -> None:
        endpoints = self.endpoints or self.write_endpoints()
        self.services["rasa"] = start_process(
            "rasa",
            # Through the project's entry module, as scripts/run.sh does: start-up checks, and a kind
            # answer when the action server fails (aiguillage/servers/rasa_server.py).
            [
                str(VENV_BIN / "python"),
                "-m",
                "aiguillage.servers.rasa_server",
                "run",
                "--model",
                str(self.models),
                "--endpoints",
                str(endpoints),
                "--credentials",
                str(self.credentials or ROOT / "credentials.yml"),
                "--port",
                str(self.rasa_port),
                "--enable-api",
                "--auth-token",
                self.token,
                *self.extra_rasa_args,
            ],
            self._workdir() / "rasa.log",
            self.server_env(),
        )

    def wait_rasa(self) -> None:
        status = f"{self.url}/status?token={self.token}"
        self._wait("rasa", lambda: http_json("GET", status, timeout=2).get("model_id"), 900, "rasa server")

    def start_rasa(self) -> None:
        self.launch_rasa()
        self.wait_rasa()

    def start(self) -> None:
        # Both at once: Rasa calls the action server only when a message comes, and each start costs
        # tens of seconds on a busy machine.
        self.launch_actions()
        self.launch_rasa()
        self.wait_actions()
        self.wait_rasa()

    def stop(self) -> None:
        for service in reversed(list(self.services.values())):
            service.stop()
        self.services.clear()

    def say(self, sender: str, message: str) -> List[Dict[str, Any]]:
        return http_json(
            "POST", f"{self.url}/webhooks/rest/webhook", {"sender": sender, "message": message}, timeout=60
        )

    def tracker(self, sender: str) -> Dict[str, Any]:
        return http_json("GET", f"{self.url}/conversations/{sender}/tracker?token={self.token}")

    def slots(self, sender: str) -> Dict[str, Any]:
        return self.tracker(sender)["slots"]


def texts(replies: List[Dict[str, Any]]) -> str:
    """All the text the bot sent, one message a line (buttons' titles included)."""
    lines = []
    for reply in replies:
        if reply.get("text"):
            lines.append(reply["text"])
        for button in reply.get("buttons") or []:
            lines.append(f"[{button['title']}]")
    return "\n".join(lines)
