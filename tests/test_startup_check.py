"""Start-up checks: an unusable tracker store, or an open HTTP API, stops the start with one French line."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from aiguillage.servers import startup_check
from aiguillage.servers.rasa_server import preflight

ROOT = Path(__file__).resolve().parents[1]


def endpoints(tmp_path: Path, db: str, kind: str = "aiguillage.rasa.tracker_store.ErasableSQLTrackerStore") -> Path:
    path = tmp_path / "endpoints.yml"
    path.write_text(f'tracker_store:\n  type: {kind}\n  dialect: sqlite\n  db: "{db}"\n', encoding="utf-8")
    return path


def good_database(path: Path) -> Path:
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, data TEXT)")
        connection.execute("INSERT INTO events (data) VALUES ('x')")
    return path


def problem(tmp_path: Path, db: str, **kwargs) -> str:
    found = startup_check.problems(endpoints(tmp_path, db, **kwargs))
    assert len(found) == 1, found
    return found[0]


def test_a_usable_store_passes(tmp_path):
    assert startup_check.problems(endpoints(tmp_path, str(tmp_path / "new.db"))) == []
    assert startup_check.problems(endpoints(tmp_path, str(good_database(tmp_path / "old.db")))) == []
    empty = tmp_path / "empty.db"
    empty.touch()  # SQLite treats an empty file as an empty database
    assert startup_check.problems(endpoints(tmp_path, str(empty))) == []


def test_the_project_endpoints_pass_once_var_exists():
    # scripts/run.sh creates var/ before starting; the check runs from the repository root.
    cwd = os.getcwd()
    try:
        os.chdir(ROOT)
        (ROOT / "var").mkdir(exist_ok=True)
        assert startup_check.problems(ROOT / "endpoints.yml") == []
    finally:
        os.chdir(cwd)


def test_missing_directory(tmp_path):
    message = problem(tmp_path, str(tmp_path / "absent" / "tracker.db"))
    assert "n'existe pas" in message and "absent" in message and "mkdir -p" in message


def test_corrupt_file(tmp_path):
    corrupt = tmp_path / "tracker.db"
    corrupt.write_bytes(b"ceci n'est pas une base SQLite " * 200)
    message = problem(tmp_path, str(corrupt))
    assert "abîmé" in message and str(corrupt) in message and "mv" in message


def test_truncated_database(tmp_path):
    path = tmp_path / "tracker.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, data TEXT)")
        connection.executemany("INSERT INTO events (data) VALUES (?)", [("x" * 500,)] * 200)
    data = path.read_bytes()
    path.write_bytes(data[:100] + b"\x00" * 4096 + data[4196 : len(data) // 2])
    assert "abîmé" in problem(tmp_path, str(path))


def test_locked_file(tmp_path):
    path = good_database(tmp_path / "tracker.db")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        message = problem(tmp_path, str(path))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "verrouillée" in message and "déjà lancé" in message


def test_a_directory_instead_of_a_file(tmp_path):
    (tmp_path / "tracker.db").mkdir()
    assert "est un dossier" in problem(tmp_path, str(tmp_path / "tracker.db"))


def test_unknown_custom_store_type(tmp_path):
    # Rasa would silently keep the conversations in memory.
    message = problem(tmp_path, str(tmp_path / "t.db"), kind="aiguillage.tracker_stor.ErasableSQLTrackerStore")
    assert "introuvable" in message and "mémoire" in message


def test_undefined_environment_variable(tmp_path):
    path = tmp_path / "endpoints.yml"
    path.write_text('tracker_store:\n  type: SQL\n  db: "${AIGUILLAGE_UNSET_FOR_TEST}"\n', encoding="utf-8")
    assert "AIGUILLAGE_UNSET_FOR_TEST" in startup_check.problems(path)[0]


def test_other_stores_are_left_to_their_own_checks(tmp_path):
    path = tmp_path / "endpoints.yml"
    path.write_text(
        "tracker_store:\n  type: SQL\n  dialect: postgresql\n  url: localhost\n  db: rasa\n", encoding="utf-8"
    )
    assert startup_check.problems(path) == []
    path.write_text("tracker_store:\n  type: redis\n  url: localhost\n", encoding="utf-8")
    assert startup_check.problems(path) == []
    assert startup_check.problems(tmp_path / "absent.yml") == []


def test_the_api_needs_a_token(tmp_path):
    ok = endpoints(tmp_path, str(tmp_path / "t.db"))
    assert preflight(["run", "--endpoints", str(ok)]) == []
    assert preflight(["run", "--endpoints", str(ok), "--enable-api", "--auth-token", "s3cret"]) == []
    refused = preflight(["run", "--endpoints", str(ok), "--enable-api"])
    assert refused and "jeton" in refused[0]


def test_the_custom_store_class_must_load(tmp_path):
    wrong_class = endpoints(tmp_path, str(tmp_path / "t.db"), kind="aiguillage.rasa.tracker_store.NoSuchStore")
    found = preflight(["run", "--endpoints", str(wrong_class)])
    assert found and "ne se charge pas" in found[0]


@pytest.mark.parametrize("module", ["aiguillage.servers.rasa_server", "aiguillage.servers.startup_check"])
def test_the_commands_stop_with_one_french_line_and_no_traceback(tmp_path, module):
    corrupt = tmp_path / "tracker.db"
    corrupt.write_bytes(b"\x00garbage" * 1000)
    args = ["run", "--endpoints", str(endpoints(tmp_path, str(corrupt))), "--model", str(tmp_path)]
    if module == "aiguillage.servers.startup_check":
        args = args[1:3]
    result = subprocess.run([sys.executable, "-m", module, *args], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Aiguillage ne peut pas démarrer : "), result.stderr
    assert "Traceback" not in result.stderr + result.stdout
