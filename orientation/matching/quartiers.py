"""Actions for the residents of named quartiers (play-test H, h20: « Training job », for the QPV Drouot-Jonquilles of
Mulhouse, offered to someone of Bourtzwiller with « ce qui est votre cas »).

A residents-only action whose access conditions name its `zone.quartiers`, official QPV of its residents'
communes, serves those quartiers only: its residents' keys are the QPV (« qpv:QN06807M »), not the whole commune,
and a person opens it only when the quartier they said is one of them (knowledge/geo/qpv.py). A named quartier the
2024 list no longer holds (« Les Pommeraies » of Laval) stays open to whoever names it (« mot:53130:pommeraies »).
An unknown or other quartier does not open it: a conseiller would not send someone to a quartier's own scheme
without knowing they live there. When no name matches an official QPV of the commune (« Marseille Nord »), or the
conditions do not name them (« l'un des quartiers visés »), the record binds nothing there: the commune stays the
key."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Optional, Tuple

from knowledge import geo
from knowledge.geo.qpv import distinctive_words, official_qpv, qpv_sharing_a_word
from knowledge.models import Initiative
from knowledge.profile import Profile

# Quartiers named as examples, not as the limit: « les quartiers sensibles de Corbeil-Essonnes (surtout les
# Tarterets) » is for every QPV of the town (the QPV reservation still holds).
_EXAMPLES = re.compile(r"\b(surtout|notamment|en particulier|par exemple)\b", re.IGNORECASE)


def _qpv_key(code: str) -> str:
    return "qpv:" + code


def _word_key(commune: str, word: str) -> str:
    return f"mot:{commune}:{word}"


def quartier_keys(record: Initiative) -> Tuple[str, ...]:
    """The keys of the quartiers a record is bound to (empty: not bound to quartiers)."""
    conditions = record.eligibilite.conditions_acces or ""
    if _EXAMPLES.search(conditions):
        return ()
    return _bound(record.eligibilite.residents.communes, record.zone.quartiers, conditions)


@cache
def _bound(communes: Tuple[str, ...], names: Tuple[str, ...], conditions: str) -> Tuple[str, ...]:
    keys = []
    for commune in communes:
        said = distinctive_words(conditions, commune)
        if not any(distinctive_words(name, commune) & said for name in names):
            continue  # the quartiers are where it took place, not who it is for (« l'un des quartiers visés »)
        qpvs = [official_qpv(name, commune) or qpv_sharing_a_word(name, commune) for name in names]
        if not any(qpvs):
            continue
        for name, qpv in zip(names, qpvs):
            if qpv is not None:
                keys.append(_qpv_key(qpv.code))
            else:
                keys.extend(_word_key(commune, word) for word in sorted(distinctive_words(name, commune)))
    return tuple(dict.fromkeys(keys))


def _bound_communes(record: Initiative) -> Tuple[str, ...]:
    if not quartier_keys(record):
        return ()
    conditions = record.eligibilite.conditions_acces or ""
    return tuple(c for c in record.eligibilite.residents.communes if _bound((c,), record.zone.quartiers, conditions))


def resident_keys(record: Initiative) -> Tuple[str, ...]:
    """The by-resident keys of a record: a bound commune gives way to its named quartiers."""
    residents = record.eligibilite.residents
    bound = set(_bound_communes(record))
    return (
        *quartier_keys(record),
        *(code for code in residents.communes if code not in bound),
        *residents.departements,
        *residents.regions,
    )


@lru_cache(maxsize=4096)
def person_keys(quartier: Optional[str], code_insee: Optional[str], city: Optional[str]) -> Tuple[str, ...]:
    """The person's quartier keys: their official QPV, and the distinctive words of the name they said."""
    if not quartier or not code_insee:
        return ()
    qpv = official_qpv(quartier, code_insee)
    words = distinctive_words(quartier, code_insee)
    return (*(() if qpv is None else (_qpv_key(qpv.code),)), *(_word_key(city or code_insee, w) for w in sorted(words)))


def of_person(profile: Profile, person: Optional[geo.Commune]) -> Tuple[str, ...]:
    if person is None:
        return ()
    return person_keys(profile.quartier, profile.code_insee, person.arrondissement_de or person.code_insee)
