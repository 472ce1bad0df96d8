"""jemalloc for the two servers, when the machine has it (issue 18).

Python and TensorFlow on glibc's malloc keep freed memory in many half-empty arenas. Preloaded jemalloc
(Debian/Ubuntu package libjemalloc2) returns it: measured on the shipped model, Rasa held 1971 MB instead of
2029 MB once loaded, the action server 152 MB instead of 160 MB, for the same CPU per message
(benchmarks/results/resources-settings.md). The allocator must be chosen before the process starts, hence an
environment variable (LD_PRELOAD) that scripts/run.sh and tests/support/stack.py give both servers:

    LD_PRELOAD="$(.venv/bin/python -m aiguillage.servers.allocator)"   # empty when jemalloc is not installed

Without the library nothing changes (glibc's malloc, as before). AIGUILLAGE_MALLOC=glibc turns it off;
an LD_PRELOAD already set is left as it is.
"""

from __future__ import annotations

import ctypes.util
import os
from typing import Dict, Mapping, Optional

OPT_OUT = "AIGUILLAGE_MALLOC"


def jemalloc() -> Optional[str]:
    """The jemalloc library's name as the dynamic loader finds it (« libjemalloc.so.2 »), or None."""
    return ctypes.util.find_library("jemalloc")


def server_env(environ: Mapping[str, str] = os.environ) -> Dict[str, str]:
    """What to add to a server's environment: {"LD_PRELOAD": jemalloc} or nothing."""
    if environ.get(OPT_OUT, "").strip().lower() == "glibc" or environ.get("LD_PRELOAD"):
        return {}
    found = jemalloc()
    return {"LD_PRELOAD": found} if found else {}


if __name__ == "__main__":
    print(server_env().get("LD_PRELOAD", os.environ.get("LD_PRELOAD", "")))
