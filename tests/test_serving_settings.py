"""aiguillage.servers.rasa_server starts TensorFlow without oneDNN (measured: a quicker, lighter start-up,
benchmarks/results/resources-settings.md), unless the environment says otherwise."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# rasa_server.main with Rasa replaced by a report of whether TensorFlow, once imported, uses oneDNN.
PROBE = """
import rasa.__main__
from aiguillage.servers import rasa_server

def report():
    from tensorflow.python.util import _pywrap_util_port
    print("onednn", _pywrap_util_port.IsMklEnabled())

rasa.__main__.main = report
rasa_server.main(["--version"])
"""


def _onednn(env_value):
    env = {k: v for k, v in os.environ.items() if k != "TF_ENABLE_ONEDNN_OPTS"}
    if env_value is not None:
        env["TF_ENABLE_ONEDNN_OPTS"] = env_value
    env["PYTHONPATH"] = str(ROOT)
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    return [line for line in out.stdout.splitlines() if line.startswith("onednn")]


def test_rasa_is_served_without_onednn():
    assert _onednn(None) == ["onednn False"]


def test_an_explicit_setting_wins():
    assert _onednn("1") == ["onednn True"]
