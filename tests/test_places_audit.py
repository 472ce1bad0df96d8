"""Audit (issue 15): a young person anywhere leaves with a current place to call or walk into.

Over a seeded sample stratified by département (every département and collectivité, overseas
included; all communes of the small ones), the France services block names at least one site
with a phone or an address inside the person's département. The place block does not depend on
the profile (tests/test_places_bot.py checks it ends every answer, even « aucune action »), so
one check per commune covers every profile. Where the ANCT list has no site, the bot says so.
"""

from __future__ import annotations

import random
from collections import defaultdict

from knowledge import geo
from knowledge.places import france_services
from orientation import place_wording

PER_DEPARTEMENT = 25
SEED = 15


def _sample() -> list[list[str]]:
    by_dep: dict[str, list[list[str]]] = defaultdict(list)
    for commune in geo._read_tsv("communes"):
        by_dep[commune[3]].append(commune)
    rng = random.Random(SEED)
    sample: list[list[str]] = []
    for dep in sorted(by_dep):
        communes = by_dep[dep]
        sample.extend(communes if len(communes) <= PER_DEPARTEMENT else rng.sample(communes, PER_DEPARTEMENT))
    return sample


def test_every_sampled_commune_gets_a_place_in_its_departement() -> None:
    sample = _sample()
    departements = {row[0] for row in geo._read_tsv("departements")}
    assert len(sample) >= 2_000
    assert {c[3] for c in sample} == departements  # every département, overseas included
    with_sites = {p.departement for p in france_services.all_places()}
    failures = []
    checked = 0
    for code, nom, _cp, dep, *_ in sample:
        if dep not in with_sites:
            continue
        checked += 1
        places = france_services.nearest(code)
        ok = [p for p in places if p.departement == dep and (p.telephone or p.adresse)]
        if not ok:
            failures.append((code, nom, [(p.nom, p.departement) for p in places]))
    print(f"audit: {checked} communes checked, {len(failures)} without a place")
    assert failures == []
    assert checked >= 2_000


def test_departements_without_france_services_are_told_so() -> None:
    """Never an invented place: the ANCT list has no site in these collectivités."""
    departements = {row[0] for row in geo._read_tsv("departements")}
    with_sites = {p.departement for p in france_services.all_places()}
    without = sorted(departements - with_sites)
    assert without == ["975", "977", "984", "986", "987", "988", "989"]
    for commune in geo._read_tsv("communes"):
        if commune[3] in without:
            assert france_services.nearest(commune[0]) == []
            text = place_wording.nearest_places_message(commune[0])
            assert text.startswith("Je ne connais pas de France services près de"), text
            assert "Tél." not in text
