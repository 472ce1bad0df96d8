"""knowledge/geo/typos.py: the compact deletion neighbourhood answers exactly as the plain dict of strings did."""

from __future__ import annotations

import random

from knowledge.geo import index
from knowledge.geo.names import _deletions
from knowledge.geo.typos import DeletionIndex, _holds


def plain_filing(keys):
    """The reference: every key and its one-letter deletions, as strings, pointing to the key."""
    filed = {}
    for key in keys:
        for entry in _deletions(key):
            filed.setdefault(entry, set()).add(key)
    return filed


def plain_neighbourhood(filed, probes):
    return set().union(*(filed.get(probe, set()) for probe in probes))


def typed(word: str, rnd: random.Random) -> str:
    """``word`` with up to two random typos."""
    letters = list(word)
    for _ in range(rnd.randint(0, 2)):
        at = rnd.randrange(len(letters) + 1)
        kind = rnd.randint(0, 2)
        if kind == 0:
            letters.insert(at, rnd.choice("abcdefghijklmnopqrstuvwxyz"))
        elif at < len(letters):
            if kind == 1:
                del letters[at]
            else:
                letters[at] = rnd.choice("abcdefghijklmnopqrstuvwxyz")
    return "".join(letters) or "a"


def test_holds_only_the_key_and_its_deletions():
    assert _holds("rennes", "rennes")
    assert _holds("rennes", "renes") and _holds("rennes", "ennes") and _holds("rennes", "renne")
    assert not _holds("rennes", "rennez")
    assert not _holds("rennes", "rnes")
    assert not _holds("rennes", "rennesx")


def test_small_key_list_with_shared_entries():
    keys = ["vitre", "vitry", "vire", "ivry", "lyon", "lyons"]
    found = DeletionIndex(keys)
    for probe in ["vitr", "vire", "vir", "ivry", "lyon", "lyns", "paris", ""]:
        assert found.keys_near([probe]) == plain_neighbourhood(plain_filing(keys), [probe]), probe
    assert found.keys_near([]) == set()


def test_same_neighbours_as_the_plain_dict_on_the_real_communes():
    keys = index._geo().typo_keys
    filed = plain_filing(keys)
    rnd = random.Random(18)
    for key in rnd.sample(keys, 300):
        word = typed(key, rnd)
        one = _deletions(word)
        two = {word[:i] + word[i + 1 : j] + word[j + 1 :] for j in range(len(word)) for i in range(j)}
        for probes in (one, two):
            assert index._geo().typo_index.keys_near(probes) == plain_neighbourhood(filed, probes), word
