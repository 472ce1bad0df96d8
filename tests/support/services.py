"""Throwaway PostgreSQL and Redis servers for tests: temporary directory, free port, 127.0.0.1 only,
no persistence; everything is removed on stop.

    with ThrowawayPostgres() as pg, ThrowawayRedis() as redis:
        pg.env() | redis.env()   # the AIGUILLAGE_DB_* / AIGUILLAGE_REDIS_* variables of endpoints.prod.yml

PostgreSQL refuses to run as root: when the tests run as root, it runs as the `postgres` system user
(created by the Debian package). `missing()` says why a server cannot be started, for pytest.skip.
"""

from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Optional

from tests.support.stack import free_port

INSTALL_HINT = "lancer scripts/system_deps.sh (ou apt-get install postgresql redis-server)"


def postgres_binary(name: str) -> Optional[str]:
    """initdb and postgres are not on the PATH on Debian: they live in /usr/lib/postgresql/<version>/bin."""
    candidates = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0,
    )
    return candidates[-1] if candidates else shutil.which(name)


def _wait(check, timeout: float, what: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + timeout
    last_error: Optional[BaseException] = None
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            if check():
                return
        except Exception as error:  # noqa: BLE001 - not up yet
            last_error = error
        time.sleep(0.2)
    raise TimeoutError(
        f"{what} not ready after {timeout:.0f}s ({last_error}):\n{log.read_text(errors='replace')[-3000:]}"
    )


def _stop(process: Optional[subprocess.Popen], sig: int) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(sig)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


class _Throwaway:
    """A server process in a temporary directory, stopped and removed on exit (also when it fails to start)."""

    stop_signal = signal.SIGTERM
    process: Optional[subprocess.Popen] = None
    dir: Optional[Path] = None

    def start(self) -> _Throwaway:
        raise NotImplementedError

    def stop(self) -> None:
        _stop(self.process, self.stop_signal)
        self.process = None
        if self.dir is not None:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None

    def __enter__(self) -> _Throwaway:
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc: object) -> None:
        self.stop()


class ThrowawayPostgres(_Throwaway):
    """initdb into a temporary directory, then one postgres on a free port with a database and a role
    for the application (password authentication over TCP, as in production)."""

    stop_signal = signal.SIGINT  # "fast" shutdown: does not wait for clients

    def __init__(self, database: str = "aiguillage", user: str = "aiguillage"):
        self.database = database
        self.user = user
        self.password = secrets.token_urlsafe(12)
        self.superuser_password = secrets.token_urlsafe(12)
        self.host = "127.0.0.1"
        self.port = free_port()
        self.dir: Optional[Path] = None
        self.process: Optional[subprocess.Popen] = None

    @staticmethod
    def missing() -> Optional[str]:
        for name in ("initdb", "postgres"):
            if not postgres_binary(name):
                return f"PostgreSQL absent ({name} introuvable) : {INSTALL_HINT}"
        if os.geteuid() == 0:
            try:
                pwd.getpwnam("postgres")
            except KeyError:
                return "tests lancés en root sans utilisateur système « postgres » (PostgreSQL refuse root)"
        try:
            import psycopg2  # noqa: F401
        except ImportError:
            return "psycopg2 absent du venv (pip install psycopg2-binary)"
        return None

    def _as_owner(self) -> Dict[str, object]:
        """Popen arguments that run a command as the postgres user when we are root."""
        if os.geteuid() != 0:
            return {}
        return {"user": "postgres", "group": "postgres", "extra_groups": []}

    def start(self) -> ThrowawayPostgres:
        problem = self.missing()
        if problem:
            raise RuntimeError(problem)
        self.dir = Path(tempfile.mkdtemp(prefix="aiguillage-pg-"))
        data, pwfile, log = self.dir / "data", self.dir / "pwfile", self.dir / "postgres.log"
        pwfile.write_text(self.superuser_password + "\n")
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            for path in (self.dir, pwfile):
                os.chown(path, owner.pw_uid, owner.pw_gid)
        subprocess.run(
            [
                postgres_binary("initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "--pwfile",
                str(pwfile),
                "-E",
                "UTF8",
                "--locale",
                "C",
                "--auth-local",
                "trust",
                "--auth-host",
                "scram-sha-256",
                "--no-sync",
            ],
            cwd=self.dir,
            check=True,
            capture_output=True,
            **self._as_owner(),
        )
        with log.open("w") as handle:
            self.process = subprocess.Popen(
                [
                    postgres_binary("postgres"),
                    "-D",
                    str(data),
                    "-p",
                    str(self.port),
                    "-k",
                    str(self.dir),
                    "-c",
                    f"listen_addresses={self.host}",
                    "-c",
                    "fsync=off",
                    "-c",
                    "synchronous_commit=off",
                    "-c",
                    "full_page_writes=off",
                ],
                cwd=self.dir,
                stdout=handle,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                **self._as_owner(),
            )
        _wait(
            lambda: self._connect("postgres", "postgres", self.superuser_password).close() or True,
            60,
            "postgres",
            self.process,
            log,
        )
        admin = self._connect("postgres", "postgres", self.superuser_password)
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute(f'CREATE ROLE "{self.user}" LOGIN PASSWORD %s', (self.password,))
            cursor.execute(f'CREATE DATABASE "{self.database}" OWNER "{self.user}"')
        admin.close()
        return self

    def _connect(self, database: str, user: str, password: str):
        import psycopg2

        return psycopg2.connect(
            host=self.host, port=self.port, dbname=database, user=user, password=password, connect_timeout=3
        )

    def connect(self):
        """A psycopg2 connection to the application database, as the application role."""
        return self._connect(self.database, self.user, self.password)

    def env(self) -> Dict[str, str]:
        return {
            "AIGUILLAGE_DB_HOST": self.host,
            "AIGUILLAGE_DB_PORT": str(self.port),
            "AIGUILLAGE_DB_USER": self.user,
            "AIGUILLAGE_DB_PASSWORD": self.password,
            "AIGUILLAGE_DB_NAME": self.database,
        }


class ThrowawayRedis(_Throwaway):
    """One redis-server on a free port, password required, nothing saved to disk."""

    def __init__(self, db: int = 1):
        self.host = "127.0.0.1"
        self.port = free_port()
        self.db = db
        self.password = secrets.token_urlsafe(12)
        self.dir: Optional[Path] = None
        self.process: Optional[subprocess.Popen] = None

    @staticmethod
    def missing() -> Optional[str]:
        if not shutil.which("redis-server"):
            return f"Redis absent (redis-server introuvable) : {INSTALL_HINT}"
        try:
            import redis  # noqa: F401
        except ImportError:
            return "le paquet Python redis est absent du venv"
        return None

    def start(self) -> ThrowawayRedis:
        problem = self.missing()
        if problem:
            raise RuntimeError(problem)
        self.dir = Path(tempfile.mkdtemp(prefix="aiguillage-redis-"))
        log = self.dir / "redis.log"
        args: List[str] = [
            shutil.which("redis-server"),
            "--bind",
            self.host,
            "--port",
            str(self.port),
            "--dir",
            str(self.dir),
            "--save",
            "",
            "--appendonly",
            "no",
            "--requirepass",
            self.password,
            "--daemonize",
            "no",
        ]
        with log.open("w") as handle:
            self.process = subprocess.Popen(
                args, cwd=self.dir, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
            )
        _wait(lambda: self.client().ping(), 30, "redis-server", self.process, log)
        return self

    def client(self):
        import redis

        return redis.Redis(host=self.host, port=self.port, db=self.db, password=self.password, socket_timeout=3)

    def env(self) -> Dict[str, str]:
        return {
            "AIGUILLAGE_REDIS_HOST": self.host,
            "AIGUILLAGE_REDIS_PORT": str(self.port),
            "AIGUILLAGE_REDIS_DB": str(self.db),
            "AIGUILLAGE_REDIS_PASSWORD": self.password,
        }
