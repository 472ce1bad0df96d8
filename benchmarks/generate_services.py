"""Synthetic services for the matching benchmark: N records spread over real communes, in memory only.

Deterministic (fixed seed): the same N gives the same records, so figures compare across runs. Communes
are drawn weighted by population, as real services are, which also makes the busiest région (Île-de-France)
the worst case for a query. Nothing is written to disk: the data is invented and must never be committed.

    python benchmarks/generate_services.py 100000     # from the repository root; prints a summary
"""

from __future__ import annotations

import argparse
import gzip
import random
import sys
from collections import Counter
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from typing import List, Sequence, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a plain script

from knowledge import geo, vocab  # noqa: E402
from knowledge.models import Contact, Eligibilite, Initiative, Porteur, Residents, Source, Zone  # noqa: E402
from knowledge.profile import BESOINS  # noqa: E402

SEED = 20240607
SEED_FILE = "999_0000000000000000.txt"

# Share of each zone level, roughly as in the real base (national kept rare: every query scans them).
LEVELS: Tuple[Tuple[str, float], ...] = (
    ("commune", 0.55),
    ("epci", 0.18),
    ("departement", 0.17),
    ("region", 0.095),
    ("national", 0.005),
)
PUBLICS = (
    "jeunes",
    "demandeurs-emploi",
    "residents-qpv-frr",
    "femmes",
    "personnes-en-situation-de-handicap",
    "beneficiaires-des-minimas-sociaux",
    "personnes-en-situation-durgence",
    "actifs",
    "tous-publics",
)


@dataclass(frozen=True)
class _Commune:
    code: str
    departement: str
    region: str
    epci: str
    population: int


def real_communes() -> List[_Commune]:
    """Current communes (not arrondissements) from the shipped geography table."""
    plain, packed = geo.DATA_DIR / "communes.tsv", geo.DATA_DIR / "communes.tsv.gz"
    text = plain.read_text(encoding="utf-8") if plain.is_file() else gzip.decompress(packed.read_bytes()).decode()
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    header = lines[0].split("\t")
    out = []
    for line in lines[1:]:
        row = dict(zip(header, line.split("\t")))
        if row["type"] == "COM":
            out.append(
                _Commune(row["code_insee"], row["departement"], row["region"], row["epci"], int(row["population"] or 0))
            )
    return out


def _thematiques(rng: random.Random, pools: Sequence[Sequence[str]], all_themes: Sequence[str]) -> Tuple[str, ...]:
    chosen = {rng.choice(rng.choice(pools)) for _ in range(rng.randint(1, 3))}
    if rng.random() < 0.15:
        chosen.add(rng.choice(all_themes))
    return tuple(sorted(chosen))


def generate(count: int, seed: int = SEED) -> Tuple[Initiative, ...]:
    rng = random.Random(seed)
    communes = real_communes()
    cumulative = list(accumulate(max(c.population, 1) for c in communes))
    by_departement: dict = {}
    for commune in communes:
        by_departement.setdefault(commune.departement, []).append(commune)
    pools = [sorted(themes) for _, themes in BESOINS.values()]
    all_themes = sorted(vocab.values("thematiques"))
    levels, level_weights = zip(*LEVELS)
    # Shared small objects: a real base also repeats porteurs and rules, and it keeps memory honest.
    porteurs = [
        Porteur(nom=f"Structure {i}", type=t)
        for i, t in enumerate(("association", "mission-locale", "france-travail", "aci", "ccas", "collectivite") * 5)
    ]
    eligibilites = [Eligibilite()] * 12 + [
        Eligibilite(age_min=16, age_max=25),
        Eligibilite(age_min=18, age_max=30),
        Eligibilite(age_max=25),
        Eligibilite(age_min=45),
        Eligibilite(reserve_a=("femmes",)),
        Eligibilite(reserve_a=("qpv",)),
        Eligibilite(reserve_a=("rqth",)),
        Eligibilite(reserve_a=("exiles",)),
        Eligibilite(reserve_a=("salaries-siae",)),
        Eligibilite(age_min=16, age_max=25, reserve_a=("qpv",)),
        Eligibilite(diplome_max="cap-bep"),
        Eligibilite(diplome_min="superieur"),
        Eligibilite(age_min=16, age_max=25, reserve_a=("suivi-mission-locale",)),
        Eligibilite(residents=Residents(departements=("93",))),
    ]
    contacts = [
        Contact(),
        Contact(adresse="1 place de la Mairie"),
        Contact(telephone="01 02 03 04 05"),
        Contact(courriel="contact@exemple.fr", site_web="https://exemple.fr"),
    ]
    source = (Source(seed=SEED_FILE, line=1),)
    records = []
    for index in range(count):
        home = rng.choices(communes, cum_weights=cumulative)[0]
        niveau = rng.choices(levels, weights=level_weights)[0]
        if niveau == "national":
            zone = Zone(niveau=niveau)
        elif niveau in ("commune", "epci"):
            extra = rng.sample(by_departement[home.departement], k=min(2, len(by_departement[home.departement])))
            codes = (home.code,) + tuple(c.code for c in extra[: rng.randint(0, 2)] if c.code != home.code)
            zone = Zone(niveau=niveau, communes=codes, departements=(home.departement,), regions=(home.region,))
        elif niveau == "departement":
            zone = Zone(niveau=niveau, departements=(home.departement,), regions=(home.region,))
        else:
            zone = Zone(niveau=niveau, regions=(home.region,))
        annee = rng.randint(2005, 2023)
        records.append(
            Initiative(
                id=f"synthetique-{index:06d}",
                nom=f"Service synthétique {index}",
                description="Un service inventé pour mesurer la vitesse du moteur de suggestions.",
                porteur=rng.choice(porteurs),
                publics=tuple(sorted(set(rng.sample(PUBLICS, k=rng.randint(1, 3))))),
                thematiques=_thematiques(rng, pools, all_themes),
                zone=zone,
                eligibilite=rng.choice(eligibilites),
                statut="historique" if rng.random() < 0.2 else "a-verifier",
                sources=source,
                annee=annee,
                published=annee + rng.randint(0, 2),
                contact=rng.choice(contacts),
            )
        )
    return tuple(records)


def main() -> None:
    parser = argparse.ArgumentParser(description="Génère des services synthétiques (en mémoire) et les résume.")
    parser.add_argument("count", type=int, nargs="?", default=100_000)
    args = parser.parse_args()
    records = generate(args.count)
    regions = Counter(r for record in records for r in record.zone.regions or ("national",))
    print(f"{len(records)} services ; par région : " + ", ".join(f"{k} {v}" for k, v in regions.most_common()))


if __name__ == "__main__":
    main()
