"""Text normalisation shared by every parser: people type without accents, in capitals, with SMS spelling."""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans({"’": "'", "`": "'", "´": "'", "‘": "'"})


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def normalize(text: str) -> str:
    """Lower case, no accents, apostrophes and punctuation as spaces, single spaces."""
    text = strip_accents(text.translate(_APOSTROPHES)).lower()
    text = re.sub(r"[^a-z0-9/.,]+", " ", text)
    return " ".join(text.split())
