"""Wording glitches of play-test D (issue 14): « à Paris (Paris) », a place said twice in one detail page."""

from __future__ import annotations

from knowledge.loader import load_knowledge
from knowledge.profile import Profile
from orientation.matching import Matcher, criteria, wording
from orientation.matching.place_sentences import where_text
from orientation.matching.places import PlaceChoice
from tests.support.fit_cases import TODAY


def test_a_town_named_like_its_departement_is_not_repeated() -> None:
    kb = load_knowledge()
    record = next(r for r in kb.initiatives if r.zone.niveau == "commune")
    paris = where_text(record, PlaceChoice("region", commune="75056", departement="75", km=8.0))
    assert paris == "dans votre région, à Paris, 8 km"
    lille = where_text(record, PlaceChoice("departement", commune="59350", departement="59"))
    assert lille == "à Lille (Nord)"
    matcher = Matcher(kb, today=TODAY)
    for s in matcher.recommend(Profile(age=23, code_insee="93066", besoin="emploi")).local:
        assert "(Paris)" not in s.where and not any("(Paris)" in r for r in s.reasons), s


def test_one_sentence_for_a_quartiers_prioritaires_reservation() -> None:
    kb = load_knowledge()
    both = [r for r in kb.initiatives if "qpv" in r.eligibilite.reserve_a and r.eligibilite.residents.restricted]
    assert both
    for record in both:
        notes = wording.restriction_notes(record)
        assert sum("réservée aux habitants" in n for n in notes) == 1, (record.id, notes)
        assert "Elle est réservée aux habitants de certains quartiers prioritaires." in notes
    assert criteria.said_by_reservation("residents", ("qpv", "reserve:qpv", "residents"))
    assert not criteria.said_by_reservation("residents", ("residents",))


def test_a_term_is_not_followed_by_itself_in_parentheses() -> None:
    from reading.glossary import definition_text

    terms = {t.id: t for t in load_knowledge().glossary}
    assert definition_text(terms["plateforme-mobilite"]).startswith("Plateforme de mobilité : ")
    assert definition_text(terms["rqth"]).startswith("RQTH (")  # a real full name stays


def test_no_parentheses_inside_the_parentheses_of_a_safety_response() -> None:
    from reading.safety import numbers

    values = numbers.template_values()
    assert values["nom_115"] == "hébergement d'urgence, SAMU social"
    assert not any("(" in v for k, v in values.items() if k.startswith("nom_"))


def test_a_mission_locale_named_in_the_list_is_not_contradicted_by_the_closing() -> None:
    from orientation import formatting, place_wording

    matcher = Matcher(load_knowledge(), today=TODAY)
    toulouse = matcher.recommend(Profile(age=23, code_insee="31555", qpv=True, besoin="emploi"))
    shown = [s.initiative.porteur.nom for s in toulouse.local]
    assert "Mission locale de Toulouse" in shown  # the play-test's list
    named = formatting.named_mission_locale(toulouse)
    assert named == "Mission locale de Toulouse"
    closing = place_wording.with_named_mission_locale(place_wording.FIND_MISSION_LOCALE + "\nFrance services…", named)
    assert "vous dit laquelle" not in closing
    assert closing.startswith("Votre mission locale est sans doute celle citée plus haut (Mission locale de Toulouse)")
    assert closing.endswith("\nFrance services…")
    # elsewhere, no mission locale named: the generic line stays
    lille = matcher.recommend(Profile(age=23, code_insee="59350", besoin="emploi"))
    assert formatting.named_mission_locale(lille) is None
    assert place_wording.with_named_mission_locale("x", None) == "x"


def test_the_fiche_names_the_mission_locale_of_the_list() -> None:
    from orientation.liaison import liaison_text
    from orientation.next_step import next_step

    matcher = Matcher(load_knowledge(), today=TODAY)
    profile = Profile(age=23, code_insee="31555", qpv=True, besoin="emploi")
    step = next_step(profile.code_insee, use_current=False, france_services=lambda code, limit: [], age=23)
    fiche = liaison_text(profile, matcher.recommend(profile), today=TODAY, step=step)
    assert "celle citée plus haut (Mission locale de Toulouse)" in fiche and "vous dit laquelle" not in fiche
