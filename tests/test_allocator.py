"""aiguillage/servers/allocator.py: the servers get jemalloc when the machine has it, and only then."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from aiguillage.servers import allocator

ROOT = Path(__file__).resolve().parents[1]


def test_jemalloc_is_preloaded_when_found(monkeypatch):
    monkeypatch.setattr(allocator, "jemalloc", lambda: "libjemalloc.so.2")
    assert allocator.server_env({}) == {"LD_PRELOAD": "libjemalloc.so.2"}


def test_nothing_changes_without_the_library(monkeypatch):
    monkeypatch.setattr(allocator, "jemalloc", lambda: None)
    assert allocator.server_env({}) == {}


def test_opt_out_and_an_existing_preload_win(monkeypatch):
    monkeypatch.setattr(allocator, "jemalloc", lambda: "libjemalloc.so.2")
    assert allocator.server_env({"AIGUILLAGE_MALLOC": "glibc"}) == {}
    assert allocator.server_env({"LD_PRELOAD": "libtcmalloc.so.4"}) == {}


def test_the_preloaded_library_is_really_loaded():
    """What scripts/run.sh does, end to end: the name printed makes a Python process run on jemalloc."""
    name = subprocess.run(
        [sys.executable, "-m", "aiguillage.servers.allocator"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    if not name:
        pytest.skip("no jemalloc on this machine: run.sh starts the servers as before (covered above)")
    maps = subprocess.run(
        [sys.executable, "-c", "print(open('/proc/self/maps').read())"],
        env={"LD_PRELOAD": name, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "jemalloc" in maps
