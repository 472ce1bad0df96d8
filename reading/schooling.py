"""Schooling (« j'ai arrêté l'école », « jsui en 2nde ») and highest diploma (« j'ai un cap cuisine », « BTS »).

Values are the contract's (notes/contracts.md): scolarite ∈ SCOLARITES, diplome ∈ DIPLOMES.
A diploma is read only when the person says they *have* it (« j'ai un CAP », « titulaire d'un bac pro »)
or answers the diploma question; « je suis en bac pro » or « je veux passer un CAP » is schooling or a
need, not a diploma held.
"""

from __future__ import annotations

import re
from typing import List, Optional, Tuple

from knowledge.profile import DIPLOMES
from knowledge.text import CLAUSE_END, normalize
from reading.need import STATUS_APPRENTICE

_APPRENTICE = re.compile(STATUS_APPRENTICE)

# From the lowest to the highest (Profile's order): the highest one said is kept.
DIPLOME_LEVELS = tuple(DIPLOMES)

_CLASSES = (
    r"(?:terminale|term|tle|premiere|1ere|1ere annee|seconde|2nde|2de|2nd|troisieme|3e|3eme|4e|4eme|quatrieme|"
    r"cap|bac pro|bts|licence|fac|l1|l2|l3|master|m1|m2|dut|but|prepa|classe|college|lycee|cours|formation initiale)"
)
_LEFT = re.compile(
    r"\b(?:arrete|arreter|stoppe|quitte|lache|abandonne|fini|termine)\w*\s+(?:l |les |le |la |mes |mon |ma |en )?"
    r"(?:ecole|cours|etudes|lycee|college|fac|scolarite|cursus|[3-6]e|[3-6]eme|troisieme|quatrieme|seconde|2nde|premiere|terminale|bac)\b"
    r"|\b(?:decroche\w*|decrocheu\w*|deschooling|descolarise\w*|sorti\w*\s+(?:de l |du )?(?:ecole|systeme scolaire|lycee|college)"
    r"|(?:plus|pa|pas)\s+(?:a l |au |en )(?:ecole|lycee|college|cours|fac)|plus scolarise\w*|pas scolarise\w*"
    # « il était scolarisé jusqu'à 14 ans en Afghanistan » (play-test E): schooling in the past, left since.
    r"|(?:etait|etais|ete|j etais)\s+scolarise\w*|scolarise\w*\s+jusqu\w*"
    r"|(?:vire|virer|exclu|exclue|renvoye|renvoyee)\s+(?:du |de l |de la )?(?:lycee|college|ecole|fac))\b"
)
_AT_SCHOOL = re.compile(
    rf"\b(?:(?:je suis|jsuis|jsui|chui|chuis|suis|il est|elle est|est|encore|toujours|actuellement)\s+(?:en|au|a la|a l)\s+{_CLASSES}"
    r"|(?:etudiant|etudiante|lyceen|lyceenne|collegien|collegienne|eleve)\b|encore a l ecole|toujours a l ecole|je vais au lycee"
    r"|je vais en cours|scolarise|scolarisee|en cfa"
    r"|(?:passe|jpasse|passer|prepare|jprepare|preparer) (?:le |mon |son )?brevet(?! professionnel))\b"
)


# Answering the diploma question with the class one is in (« en terminale », « en 1ère bac pro »): still at
# school, so the diploma is below that class and no longer asked (orientation/wording.py asks_diplome).
_BARE_CLASS = re.compile(
    rf"(?:bah |ben |euh |oui |non )?(?:encore |toujours |actuellement )?(?:en|au|a la|a l) {_CLASSES}(?: \w+){{0,3}}"
)


def parse_scolarite(text: str, *, expecting: bool = False) -> Optional[str]:
    """« scolarise » (still at school or studying), « sorti » (left school), or None; with `expecting` (the
    diploma question was asked), a bare class (« en terminale ») says it."""
    t = normalize(text)
    if _LEFT.search(t):
        return "sorti"
    # An apprentice is in training (a CFA), « encore scolarisé·e ou en études » (play-test D).
    if _AT_SCHOOL.search(t) or _APPRENTICE.search(t) or (expecting and _BARE_CLASS.fullmatch(t)):
        return "scolarise"
    return None


_LEVEL_WORDS = (
    (
        "superieur",
        r"(?:bts|dut|but|licence|licence pro|master|doctorat|deug|bac ?[1-8]|bac plus [1-8]|diplome d ingenieur|"
        r"diplome d etat|ingenieur|l3|m1|m2|diplome superieur|etudes superieures)",
    ),
    (
        "bac",
        r"(?:bac|bac pro|bac techno|bac general|baccalaureat|bac s|bac es|bac l|bac stmg|bac st2s|bac sti2d|brevet professionnel|bp)",
    ),
    ("cap-bep", r"(?:cap|bep|cap \w+|bep \w+|titre pro\w*|titre professionnel)"),
)
_HAVE = r"(?:j ai|jai|g|j|ai|il a|elle a|avec|titulaire d(?:e|u|un|une)?|obtenu|eu|valide|validee|diplome d(?:e|u|un|une)?|diplomee d(?:e|u|un|une)?|niveau|mon|ma)"
_NONE = re.compile(
    r"\b(?:pas|pa|ps|aucun|aucune|sans|zero|0|rien comme|jamais eu de|jamais eu d)\s+(?:de |d |eu de |eu d |le moindre )?diplomes?\b"
    r"|\b(?:aucun|sans)\s+diplome|\bnon diplomee?\b|\bque le brevet\b|\bjuste le brevet\b|\bseulement le brevet\b|\bpas diplomee?\b"
    # The brevet (des collèges) is no level for the matching: held or being sat, it counts as « aucun ».
    rf"|\b(?:{_HAVE}|passe|jpasse|passer|prepare|jprepare)\s+(?:eu\s+)?(?:le |mon |son )?brevet(?! professionnel)\b"
    # « jai pas le brevet », « le brevet des collèges seulement » (play-test D): no diploma either way.
    r"|\b(?:pas|pa|ps|jamais eu|rate|loupe)\s+(?:eu\s+)?(?:le |mon |de |d )?brevet(?! professionnel)\b"
    r"|\bbrevet(?: des colleges)? (?:seulement|uniquement|et c est tout|c est tout|et rien d autre)\b"
    # English (play-test F): « i dont have any diploma », « no diploma »
    r"|\b(?:no|(?:dont|don t|do not) have (?:a|any)|without (?:a|any))\s+(?:diplomas?|degrees?)\b"
)
# Higher education left (« jai lâché la fac en L2 », play-test F): the bac was held to get there.
_LEFT_HIGHER_EDUCATION = re.compile(
    r"\b(?:arrete|arreter|stoppe|quitte|lache|lacher|abandonne)\w*\s+(?:la |l |les |mes )?"
    r"(?:fac|universite|etudes superieures|licence|bts|dut|but|prepa)\b"
)
# A diploma named as one item of a list (« au RSA, CAP petite enfance, pas de permis », play-test F) is held, unless a
# wish came before it (« je cherche, un cap cuisine »). A list has two clauses at least.
_BARE_DIPLOMA_CLAUSE = re.compile(r"(?:un |une |le |mon |ma )?(?:cap|bep|bac pro|bts|titre pro|dut|but)(?: \w+){0,2}")
_WISH = re.compile(r"\b(?:veux|veut|voudrai\w*|aimerai\w*|cherch\w*|passer|faire|prepar\w*|envie|reprendre|besoin)\b")
# « j'ai une RQTH (…) et un BTS SIO »: a diploma after « et » in a sentence that says what the person has.
_HAVE_THEN_AND = r"\b(?:j ai|jai|g|il a|elle a)\s+(?:(?!pas\b|pa\b|ps\b|jamais\b|plus\b|rate\b|envie\b|besoin\b)\w+\s+){1,6}(?:et|puis) "


def _listed_diploma(text: str) -> Optional[str]:
    clauses = [normalize(c) for c in CLAUSE_END.split(text or "")]
    if len([c for c in clauses if c]) < 2:
        return None  # a message that is a diploma alone is the form's to read (is_bare_diploma)
    for index, clause in enumerate(clauses):
        if _BARE_DIPLOMA_CLAUSE.fullmatch(clause):
            if any(_WISH.search(before) for before in clauses[: index + 1]):
                return None
            return parse_diplome(clause, expecting=True)
    return None


# A message starting with « bac+2 », « niveau bac+3 » (« bac+3 en compta »): a level held, whatever was asked.
_HIGHER_LEVEL = re.compile(r"(?:j ai (?:un )?|jai |g |niveau )?bac (?:plus )?[2-8]\b(?! ans)")
# Leaving school in collège (6e–3e) means no diploma but the brevet, which counts as none here.
_LEFT_IN_COLLEGE = re.compile(
    r"\b(?:arrete|stoppe|quitte|lache|abandonne|sorti|decroche)\w*\s+(?:l ecole |les cours |les etudes )?"
    r"(?:en|au|apres la|apres le|a la fin de la)\s+(?:[3-6]e|[3-6]eme|troisieme|quatrieme|cinquieme|sixieme|college)\b"
)
# Answering the diploma question with where one left the lycée (« j'ai arrêté en première ») names no diploma
# but says the bac was not reached: none of the levels asked about (a CAP or BEP would have been named).
_LEFT_IN_LYCEE = re.compile(
    r"\b(?:arrete|arreter|stoppe|quitte|lache|abandonne|sorti|decroche)\w*\s+(?:l ecole |les cours |les etudes |le lycee )?"
    r"(?:en|au|apres la|apres le|a la fin de la|avant la)\s+(?:seconde|2nde|2de|premiere|1ere|terminale|term|tle|lycee)\b"
)
_BARE_NONE = re.compile(
    r"(?:(?:j ai |jai |g |j |moi )?(?:aucun|aucune|rien|que dalle|nada)|non|nan|pas de diplome|le brevet|brevet|"
    r"brevet des colleges|aucun diplome|0|zero|(?:c est|cest|c) tout|(?:j ai |jai |g )?(?:rien|aucun) du tout)"
)


# A diploma not obtained (« j'ai raté mon bac », « j'ai pas eu le bac », « niveau CAP non validé », « CAP pas fini »)
# is not held: the highest one held is below it (play-test round C stored these as the diploma).
_FAILED_BEFORE = (
    r"\b(?:rate|loupe|foire|echoue|rater|louper|(?:pas|pa|jamais) (?:eu|obtenu|valide|reussi|fini|termine|eu mon|eu le)"
    r"|echec (?:au|a mon|a son))\s+(?:(?:mon|ma|le|la|son|sa|un|une|au|a|l|du|de|d)\s+)?"
)
_FAILED_AFTER = (
    r"(?:\s+\w+){0,2}?\s+(?:non valide|pas valide|non validee|pas validee|non obtenu|pas obtenu|pas fini|"
    r"pas termine|non termine|rate|loupe|abandonne|en cours|pas reussi)\b"
)
# The level held when one is failed: a failed BTS leaves the bac; a failed bac or CAP, no diploma said.
_BELOW = {"superieur": "bac", "bac": "aucun", "cap-bep": "aucun"}


def _without_failed(t: str) -> Tuple[str, List[str]]:
    """The text with each diploma not obtained blanked (same length), and the levels failed."""
    failed: List[str] = []
    for level, words in _LEVEL_WORDS:

        def blank(match: re.Match, level: str = level) -> str:
            failed.append(level)
            return " " * len(match.group(0))

        t = re.sub(rf"{_FAILED_BEFORE}{words}\b|\b{words}{_FAILED_AFTER}", blank, t)
    return t, failed


def parse_diplome(text: str, *, expecting: bool = False) -> Optional[str]:
    """The highest diploma the person says they hold; with `expecting` (the question was asked), a bare
    answer (« cap », « bts », « aucun ») counts too."""
    t = normalize(text)
    if not t:
        return None
    t, failed = _without_failed(t)
    found = []
    article = r"(?:un |une |le |la |mon |ma |l )?"
    for level, words in _LEVEL_WORDS:
        # One free word between « j'ai » and the diploma (« j'ai eu mon bac »), never a negation.
        # « j'ai une RQTH et un BTS » too (_HAVE_THEN_AND).
        held = rf"\b{_HAVE}\s+(?:(?!pas\b|pa\b|ps\b|jamais\b|plus\b|rate\b)\w+\s+)?{article}{words}\b"
        if re.search(held, t) or re.search(rf"{_HAVE_THEN_AND}{article}{words}\b", t):
            found.append(level)
        elif expecting and re.match(rf"{article}{words}\b", t):
            found.append(level)  # the answer starts with it: « cap cuisine je me suis tué à l'avoir »
    if found:  # « j'ai un CAP et un bac pro »: what follows « et » is held too
        found += [level for level, words in _LEVEL_WORDS if re.search(rf"\b(?:et|puis) {article}{words}\b", t)]
    if not found and _HIGHER_LEVEL.match(t):
        found.append("superieur")
    if not found and not expecting:
        listed = _listed_diploma(text)
        if listed:
            found.append(listed)
    if found:
        return max(found, key=DIPLOME_LEVELS.index)
    if failed:
        return _BELOW[max(failed, key=DIPLOME_LEVELS.index)]
    if (
        _NONE.search(t)
        or _LEFT_IN_COLLEGE.search(t)
        or (expecting and _LEFT_IN_LYCEE.search(t))
        or (expecting and (_BARE_NONE.fullmatch(t) or re.match(r"(?:(?:j ai|jai|g) )?(?:aucun|rien|non|nan)\b", t)))
    ):
        return "aucun"
    if _LEFT_HIGHER_EDUCATION.search(t):
        return "bac"
    return None
