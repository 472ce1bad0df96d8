"""« jsuis au rsa », « je touche l'AAH », « il est allocataire du RSA »: the person lives on a minimum social
(fact `minima_sociaux`), said in any message and never asked (play-test D: « au rsa » became a quartier, and the
actions reserved to allocataires could never be proposed, an unknown fact never opening a reserved action).

Only the person's own status counts: « ma mère touche le RSA » is the household's, and « j'ai droit au RSA ? »
or « c'est quoi le RSA » is a question. Like every sensitive answer, the words are never logged.
"""

from __future__ import annotations

import re
from typing import Optional

from knowledge.text import normalize

# The minima sociaux a young person may name: RSA (incl. « RSA jeune »), AAH, ASS, « minimum(s) social/sociaux ».
_BENEFIT = r"(?:(?:le |l |du |au |des )?(?:rsa|r s a|aah|ass)\b|(?:les |un |des )?minim(?:um|a|as)s? sociau?[xl]?)"
# Said as the person's status: « je touche / jsuis au / j'ai le / je vis du / allocataire du / bénéficiaire du ».
_STATUS = re.compile(
    r"\b(?:touche|touches|touchons|percoit|percois|recoit|recois|vis|vit|suis|jsuis|chui|chuis|est|sommes|"
    r"ai|jai|a|allocataire|allocataires|beneficiaire|beneficiaires|inscrit|inscrite|sous)\s+"
    + _BENEFIT
    + r"|\bau (?:rsa|aah)\b"  # « 26 ans, au RSA, cariste »
)
# A question about the benefit, not a status: « j'ai droit au RSA ? », « comment avoir le RSA ».
_ASKING = re.compile(
    r"\b(?:droit|droits|avoir|demander|demande|toucher|obtenir|quoi|comment|combien|peux|peut|pourrais)\b"
    r"(?:\s+\w+){0,3}\s+" + _BENEFIT
)
# Someone else's benefit: « ma mère touche le RSA », « mes parents sont au RSA ».
_OTHER = re.compile(
    r"\b(?:ma|mon|mes|sa|son|ses)\s+(?:mere|pere|parents?|daron|daronne|darons|copain|copine|mari|femme|"
    r"famille|soeur|frere|tante|oncle|grand mere|grand pere|mere et|pere et)\b(?:\s+\w+){0,4}\s+" + _BENEFIT
)
# « pas le RSA », « je touche rien », « aucun minimum social ».
_DENIED = re.compile(
    r"\b(?:pas|plus|jamais|aucun|aucune|ni)\b(?:\s+\w+){0,3}\s+" + _BENEFIT + r"|\bje (?:ne )?touche (?:rien|r)\b"
)


def parse_minima_sociaux(text: str) -> Optional[bool]:
    """True when the message says the person lives on a minimum social, False when it says not, else None."""
    t = normalize(text or "")
    if not t or t.startswith("/"):
        return None
    if _DENIED.search(t):
        return False
    status = _STATUS.search(t)
    if status is None or _OTHER.search(t) or _ASKING.search(t):
        return None
    return True
