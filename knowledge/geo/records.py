"""Records of French geography: communes, départements, régions, EPCI, and a reading of typed text."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Commune:
    """A current commune (type "COM") or a municipal arrondissement (type "ARM")."""

    code_insee: str
    nom: str
    codes_postaux: tuple[str, ...]
    departement: str
    region: str
    epci: str | None  # SIREN of the EPCI; None for the few communes outside any
    population: int | None
    type: str  # INSEE typecom: "COM" or "ARM" (arrondissement of Paris, Lyon, Marseille)
    arrondissement_de: str | None = None  # parent commune code, for "ARM" only

    @property
    def label(self) -> str:
        """Name with its département, the form to show when asking « lequel ? »."""
        return f"{self.nom} ({self.departement})"


@dataclass(frozen=True, slots=True)
class Departement:
    code: str
    nom: str
    region: str


@dataclass(frozen=True, slots=True)
class Region:
    code: str
    nom: str


@dataclass(frozen=True, slots=True)
class Epci:
    siren: str
    nom: str
    type: str  # CC, CA, CU, METRO, MET69


@dataclass(frozen=True, slots=True)
class Candidate:
    """One possible reading of the user's text.

    ``score`` is in 0..1 (1.0: exact); ``reason`` says how it matched: "exact", "alias"
    (article or parenthesised part left out), "arrondissement", "postal-code",
    "insee-code" or "fuzzy"; ``matched`` is the normalised text that matched.
    """

    commune: Commune
    score: float
    reason: str
    matched: str = ""
