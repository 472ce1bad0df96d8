"""JSON-schema errors said in French, for the knowledge files and the deployment file alike.

The loaders name the file, the record and the field themselves; this module only says what is wrong with the
value, in words a mission locale's staff can act on (never jsonschema's English).
"""

from typing import Mapping, Optional

import jsonschema

_TYPES_FR = {
    "integer": "un nombre entier",
    "string": "un texte",
    "array": "une liste",
    "object": "une rubrique",
    "boolean": "vrai ou faux",
    "number": "un nombre",
}

# Long enumerations are the data·inclusion vocabularies (thematiques 69, reseaux_porteurs 108): naming them
# helps nobody. The local lists (reserved publics: 22) are said in full.
_ENUM_SAID_IN_FULL = 30


def french_error(error: jsonschema.ValidationError, pattern_hint: Optional[Mapping[str, str]] = None) -> str:
    """What is wrong with the value, in French; `pattern_hint` maps a field name to the expected format."""
    if error.validator == "enum":
        allowed = error.validator_value
        if len(allowed) <= _ENUM_SAID_IN_FULL:
            return f"valeur inconnue {error.instance!r} (valeurs possibles : {', '.join(map(str, allowed))})"
        return f"valeur inconnue {error.instance!r} (valeurs possibles : voir le vocabulaire data·inclusion)"
    if error.validator == "type":
        expected = _TYPES_FR.get(str(error.validator_value), error.validator_value)
        return f"type invalide : {error.instance!r} (attendu : {expected})"
    if error.validator in ("minItems", "minProperties"):
        return "liste ou rubrique vide : ne peut pas être vide, remplissez-la ou retirez la clé"
    if error.validator == "uniqueItems":
        return f"valeur en double dans {error.instance!r}"
    if error.validator == "required":
        return f"champ obligatoire manquant ({error.message.split(' ')[0]})"
    if error.validator == "additionalProperties":
        return f"champ inconnu ({error.message})"
    if error.validator == "pattern":
        key = next((str(part) for part in reversed(error.absolute_path) if isinstance(part, str)), "")
        return f"format invalide : {error.instance!r}" + (pattern_hint or {}).get(key, "")
    return error.message
