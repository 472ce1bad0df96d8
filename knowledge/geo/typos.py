"""The deletion neighbourhood of the commune names (SymSpell), held as two numpy arrays.

Every compact key (« saintdenis ») and each of its one-letter deletions point to the key, so that two keys one
edit apart share an entry and a typed name finds its neighbours with ~len(name) probes. There are ~390,000
such entries. As a dict of strings they took 48 MB (45 MB for the unique entries, 3 MB more for those shared by
several keys), in every process that reads a commune: the Rasa server as well as the action server (issue 18,
benchmarks/results/resources-settings.md). Here each entry is only its 64-bit hash beside its key's number,
sorted: 12 bytes an entry, ~5 MB. A probe is looked up by binary search, all of a name's probes at once.

A hash says « maybe »: each key found is checked to really hold the probe (the probe is the key or the key less
one letter), so the answers are exactly those of the dict, collisions or not.
"""

from __future__ import annotations

from typing import Iterable, Sequence

import numpy as np


def _holds(key: str, probe: str) -> bool:
    """True if ``probe`` is ``key`` or ``key`` with one letter deleted."""
    if len(key) == len(probe):
        return key == probe
    if len(key) != len(probe) + 1:
        return False
    i = 0
    while i < len(probe) and key[i] == probe[i]:
        i += 1
    return key[i + 1 :] == probe[i:]


class DeletionIndex:
    """Which of ``keys`` hold a probe in their deletion neighbourhood."""

    def __init__(self, keys: Sequence[str]) -> None:
        self.keys = keys
        lengths = np.fromiter((len(key) for key in keys), dtype=np.int64, count=len(keys))
        total = int(lengths.sum()) + len(keys)
        # Python's str hash: salted per process, so built here at load, never stored. No list of 390,000 strings
        # is ever held: each deletion is hashed and dropped.
        hashes = np.fromiter(
            (hash(key[:i] + key[i + 1 :]) for key in keys for i in range(len(key))),
            dtype=np.int64,
            count=total - len(keys),
        )
        hashes = np.concatenate([hashes, np.fromiter((hash(key) for key in keys), dtype=np.int64, count=len(keys))])
        owners = np.concatenate(
            [np.repeat(np.arange(len(keys), dtype=np.int32), lengths), np.arange(len(keys), dtype=np.int32)]
        )
        order = np.argsort(hashes, kind="stable")
        self._hashes = hashes[order]
        self._owners = owners[order]

    def keys_near(self, probes: Iterable[str]) -> set[str]:
        """The keys filed under any of ``probes``."""
        probes = list(probes)
        if not probes:
            return set()
        wanted = np.fromiter((hash(probe) for probe in probes), dtype=np.int64, count=len(probes))
        starts = np.searchsorted(self._hashes, wanted, side="left")
        ends = np.searchsorted(self._hashes, wanted, side="right")
        found: set[str] = set()
        for probe, start, end in zip(probes, starts.tolist(), ends.tolist()):
            for kid in self._owners[start:end].tolist():
                key = self.keys[kid]
                if _holds(key, probe):
                    found.add(key)
        return found
