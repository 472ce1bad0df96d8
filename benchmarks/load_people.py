"""The simulated people of the load test (benchmarks/load_test.py): each with their own age, commune and need."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Tuple

from tests.support.dialogue import Person

# Towns with one commune of that name, so that the answer gives one code: each person gets their own.
TOWNS = [
    "Grenoble",
    "Rennes",
    "Nantes",
    "Bordeaux",
    "Toulouse",
    "Montpellier",
    "Strasbourg",
    "Lille",
    "Dijon",
    "Angers",
    "Brest",
    "Limoges",
    "Amiens",
    "Perpignan",
    "Besançon",
    "Orléans",
    "Rouen",
    "Mulhouse",
    "Caen",
    "Nancy",
    "Argenteuil",
    "Roubaix",
    "Tourcoing",
    "Avignon",
    "Poitiers",
    "Pau",
    "Calais",
    "La Rochelle",
    "Dunkerque",
    "Béziers",
    "Cholet",
    "Quimper",
    "Vannes",
    "Lorient",
    "Fougères",
    "Vitré",
    "Laval",
    "Le Mans",
    "Tours",
    "Blois",
    "Chartres",
    "Bourges",
    "Niort",
    "Angoulême",
    "Périgueux",
    "Agen",
    "Tarbes",
    "Bayonne",
    "Narbonne",
    "Nîmes",
    "Chambéry",
    "Annecy",
    "Colmar",
    "Metz",
    "Reims",
    "Troyes",
    "Auxerre",
    "Nevers",
    "Vichy",
    "Clermont-Ferrand",
    "Aurillac",
    "Rodez",
    "Albi",
    "Montauban",
    "Vaulx-en-Velin",
    "Villeurbanne",
    "Vénissieux",
    "Saint-Brieuc",
    "Lannion",
    "Morlaix",
    "Dinan",
    "Redon",
    "Châteaubriant",
    "Saint-Nazaire",
    "Cherbourg-en-Cotentin",
    "Alençon",
    "Évreux",
    "Beauvais",
    "Compiègne",
    "Soissons",
]
BESOINS = [
    "je cherche un emploi",
    "je cherche une formation",
    "je veux faire une alternance",
    "je veux passer le permis",
]


@dataclass
class User:
    index: int
    sender: str
    person: Person
    age: int
    code_insee: str
    latencies: List[Tuple[str, float]] = field(default_factory=list)
    errors: List[str] = field(default_factory=list)
    completed: int = 0
    cross_talk: List[str] = field(default_factory=list)


def towns_with_codes(count: int) -> List[Tuple[str, str]]:
    """(name, INSEE code) for `count` towns that the bot reads unambiguously, as it will read them."""
    from reading.facts import read_facts

    found = []
    for name in TOWNS:
        slots = read_facts(name, intent="inform", requested_slot="commune").slots
        if slots.get("code_insee"):
            found.append((name, slots["code_insee"]))
    if len(found) < count:
        raise SystemExit(f"only {len(found)} distinct towns for {count} users: lower --users")
    return found[:count]


def make_users(count: int, run_id: str) -> List[User]:
    users = []
    for index, (town, code) in enumerate(towns_with_codes(count)):
        age = 16 + index % 14  # 16–29, and the town makes every person distinct
        person = Person(besoin=BESOINS[index % len(BESOINS)], age=f"j'ai {age} ans", commune=town)
        users.append(User(index, f"load-{run_id}-{index:03d}", person, age, code))
    return users
