"""The fiche lists the networks the conversation showed, in the same order, and at most a few more under their own
label (play-test E e02: 4 networks on screen, 11 on the fiche, the key one only on the fiche)."""

from __future__ import annotations

from datetime import date

from knowledge.loader import load_knowledge
from knowledge.profile import Profile
from orientation import formatting
from orientation.liaison import liaison_text
from orientation.matching import Matcher
from orientation.next_step import networks_besides, next_step


def _section(sheet: str, head: str) -> list:
    lines = sheet.splitlines()
    if head not in lines:
        return []
    out = []
    for line in lines[lines.index(head) + 1 :]:
        if not line.startswith("- "):
            break
        out.append(line[2:].split(" : ", 1)[0])
    return out


def test_the_fiche_lists_what_the_screen_showed_then_labelled_other_leads():
    matcher = Matcher(load_knowledge())
    # Reims, 17, left the lycée, RQTH, wants a formation (e02): many networks fit.
    profile = Profile(age=17, code_insee="51454", besoin="formation", scolarite="sorti", handicap="rqth", permis=False)
    found = matcher.recommend(profile)
    step = next_step(profile.code_insee, age=17)
    sheet = liaison_text(profile, found, today=date(2026, 12, 7), step=step)
    networks = networks_besides(step, found.networks)
    assert len(networks) > formatting.BOT_NETWORKS_MAX  # else the test says nothing
    screen = formatting.networks_text(formatting.split_networks(networks)[0])
    on_screen = [line[2:].split(" : ", 1)[0] for line in screen.splitlines()[1:]]
    assert _section(sheet, "Réseaux à contacter :") == on_screen
    others = _section(sheet, "Autres pistes (non montrées dans la conversation) :")
    assert 0 < len(others) <= formatting.OTHER_LEADS_MAX and not set(others) & set(on_screen)


def test_the_trade_wished_is_in_the_fiche_and_the_recap():
    # Play-test F: coiffure, mécanique, cariste… said by the person, in no fiche.
    from knowledge.profile import Profile
    from orientation.formatting import profile_lines
    from orientation.liaison import situation_lines

    profile = Profile(age=19, code_insee="35115", besoin="emploi", secteur="vente")
    assert "- Métier ou secteur visé : la vente et le commerce" in situation_lines(profile)
    assert "- Métier ou secteur visé : la vente et le commerce" in profile_lines(profile)
