"""The mission locale's deployment file: a valid one loads, every broken one stops the start with one French
line naming the field; with it, people in its territory get its nearest site, others how to find theirs."""

import re
from datetime import date
from pathlib import Path

import pytest

from aiguillage.servers import action_server, startup_check
from knowledge.deployment import DEPLOYMENT_ENV, DeploymentError, current_deployment, load_deployment
from orientation.next_step import FIND_MISSION_LOCALE, addressee_lines, next_step, next_step_text

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "deployment.example.yml"
MONDAY, SUNDAY = date(2026, 12, 7), date(2026, 12, 13)

# What a mission locale writes over the example's placeholders.
FILLED = {
    'nom: "Mission locale À REMPLACER"': 'nom: "Mission locale d\'essai des Ardennes"',
    'site_web: "https://www.example.org"': 'site_web: "https://ml-essai.fr"',
    'nom: "Siège — À REMPLACER"': 'nom: "Siège de Sedan"',
    'adresse: "À REMPLACER : numéro et rue, code postal, commune"': 'adresse: "3 rue de l\'Essai, 08200 Sedan"',
    'telephone: "03 00 00 00 00"': 'telephone: "03 24 11 22 33"',
    'courriel: "accueil@example.org"': 'courriel: "accueil@ml-essai.fr"',
    'prise_de_rendez_vous: "https://www.example.org/rendez-vous"': 'prise_de_rendez_vous: "https://ml-essai.fr/rdv"',
    'nom: "Permanence — À REMPLACER"': 'nom: "Permanence de Charleville"',
    'adresse: "À REMPLACER : lieu de la permanence (mairie, centre social…), adresse"': (
        'adresse: "Centre social, 1 place de l\'Essai, 08000 Charleville-Mézières"'
    ),
    'code_insee: "08409"\n      horaires:\n        mardi': 'code_insee: "08105"\n      horaires:\n        mardi',
    'precisions: "Sur rendez-vous. À REMPLACER"': 'precisions: "Sur rendez-vous."',
}


def filled_example(tmp_path: Path, **changes: str) -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    for old, new in {**FILLED, **changes}.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "deployment.yml"
    path.write_text(text, encoding="utf-8")
    return path


def error_of(path: Path) -> str:
    with pytest.raises(DeploymentError) as caught:
        load_deployment(path)
    return str(caught.value)


def test_the_filled_example_loads(tmp_path):
    hosting = load_deployment(filled_example(tmp_path))
    assert hosting.nom == "Mission locale d'essai des Ardennes"
    assert [site.nom for site in hosting.sites] == ["Siège de Sedan", "Permanence de Charleville"]
    assert hosting.sites[0].hours_on(MONDAY) == "09:00-12:00 / 13:30-17:00"
    assert hosting.sites[0].hours_on(SUNDAY) == "fermé"
    assert hosting.serves("08409") and hosting.serves("08105")  # listed commune; commune of the listed EPCI
    assert not hosting.serves("35115") and not hosting.serves(None)


def test_the_example_itself_is_refused_while_it_holds_placeholders():
    message = error_of(EXAMPLE)
    assert "mission_locale.nom" in message and "remplacez" in message


SITE = "mission_locale.sites[1]"  # the first site, as the error message names it
PHONE = 'telephone: "03 00 00 00 00"'


@pytest.mark.parametrize(
    "old, new, field, words",
    [
        (PHONE, 'telephone: "324112233"', f"{SITE}.telephone", "03 24 00 00 00"),
        (PHONE, PHONE, f"{SITE}.telephone", "exemple"),
        ("type: siege", "type: bureau", f"{SITE}.type", "valeurs possibles"),
        (
            'code_insee: "08409"                       #',
            'code_insee: "99999" #',
            f"{SITE}.code_insee",
            "code commune inconnu",
        ),
        ('epci: ["200041630"]', 'epci: ["123"]', "mission_locale.territoire.epci[1]", "SIREN"),
        ('communes: ["08409"]', 'communes: ["08999"]', "mission_locale.territoire.communes[1]", "inconnu"),
        (
            '        lundi: "09:00-12:00 / 13:30-17:00"',
            '        lundi: "le matin"',
            f"{SITE}.horaires.lundi",
            "09:00-12:00",
        ),
        ("      type: siege ", "      typ: siege ", SITE, "champ"),
    ],
)
def test_a_broken_file_names_the_field(tmp_path, old, new, field, words):
    source = EXAMPLE.read_text(encoding="utf-8")
    for key, value in FILLED.items():
        if key != old:  # everything filled in but the line under test
            source = source.replace(key, value, 1)
    path = tmp_path / "deployment.yml"
    assert old in source, old
    path.write_text(source.replace(old, new, 1), encoding="utf-8")
    message = error_of(path)
    assert f"champ « {field}" in message and words in message, message
    assert str(path) in message


def test_missing_and_unreadable_files(tmp_path):
    assert "introuvable" in error_of(tmp_path / "absent.yml")
    broken = tmp_path / "broken.yml"
    broken.write_text("mission_locale: [\n", encoding="utf-8")
    assert "YAML illisible" in error_of(broken)
    empty = tmp_path / "empty.yml"
    empty.write_text("mission_locale:\n  nom: Mission locale\n  sites: []\n  territoire: {}\n", encoding="utf-8")
    assert "ne peut pas être vide" in error_of(empty)


@pytest.fixture
def env(monkeypatch):
    def point_to(path):
        monkeypatch.setenv(DEPLOYMENT_ENV, str(path))
        current_deployment.cache_clear()

    yield point_to
    current_deployment.cache_clear()


def test_startup_check_reports_a_broken_deployment(tmp_path, env):
    env(filled_example(tmp_path, **{"type: siege": "type: bureau"}))
    found = startup_check.problems(tmp_path / "no-endpoints.yml")
    assert len(found) == 1 and f"{SITE}.type" in found[0]
    env(filled_example(tmp_path))
    assert startup_check.problems(tmp_path / "no-endpoints.yml") == []


def test_action_server_refuses_a_broken_deployment(tmp_path, env, capsys):
    env(tmp_path / "absent.yml")
    assert action_server.main(["--port", "1"]) == 1
    err = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert len(err) == 1 and "fichier de déploiement" in err[0] and "introuvable" in err[0]


def test_in_the_territory_the_conversation_ends_with_its_nearest_site(tmp_path):
    hosting = load_deployment(filled_example(tmp_path))
    sedan = next_step("08409", deployment=hosting)
    text = next_step_text(sedan, MONDAY)
    assert text.startswith("Votre mission locale : Mission locale d'essai des Ardennes")
    assert "Siège de Sedan" in text and "03 24 11 22 33" in text
    assert "Ouvert aujourd'hui de 9 h à 12 h et de 13 h 30 à 17 h." in text
    assert "Prendre rendez-vous : https://ml-essai.fr/rdv" in text
    charleville = next_step_text(next_step("08105", deployment=hosting), MONDAY)
    assert "Permanence de Charleville (permanence)" in charleville and "Fermé aujourd'hui." in charleville
    assert addressee_lines(sedan)[0] == "À l'attention de : Mission locale d'essai des Ardennes, Siège de Sedan"


def test_the_site_block_and_the_fiche_addressee_say_every_part_of_the_site(tmp_path):
    hosting = load_deployment(filled_example(tmp_path))
    sedan = next_step("08409", deployment=hosting)
    assert next_step_text(sedan, MONDAY).splitlines()[:3] == [
        "Votre mission locale : Mission locale d'essai des Ardennes",
        "Le lieu le plus proche : Siège de Sedan (dans votre commune)",
        "Adresse : 3 rue de l'Essai, 08200 Sedan",
    ]
    assert addressee_lines(sedan) == [
        "À l'attention de : Mission locale d'essai des Ardennes, Siège de Sedan",
        "  3 rue de l'Essai, 08200 Sedan",
        "  03 24 11 22 33 — accueil@ml-essai.fr",
    ]
    over_25 = next_step("08409", deployment=hosting, france_services=lambda code, limit: [], age=30)
    assert addressee_lines(over_25) == [
        "À transmettre à la personne qui vous accompagne : France Travail, Cap emploi ou le PLIE."
    ]


class FakePlace:
    def __init__(self, nom, km, open_today):
        self.nom, self.distance_km, self._open = nom, km, open_today
        self.adresse, self.code_postal, self.commune = "1 place de la Mairie", "35300", "Fougères"
        self.telephone, self.courriel = "02 99 00 00 09", None
        self.horaires = {"lundi": "09:00 - 12:00"}
        self.source = "données France services, août 2024"

    def ouvert_le(self, day):
        return self._open


def test_outside_the_territory_or_without_a_file_no_contact_is_invented(tmp_path):
    hosting = load_deployment(filled_example(tmp_path))
    calls = []

    def nearest(code, limit=2):
        calls.append((code, limit))
        return [FakePlace("France services de Fougères", 0.4, True), FakePlace("France services de Vitré", 28.6, False)]

    for deployment in (hosting, None):
        step = next_step("35115", deployment=deployment, use_current=False, france_services=nearest)
        text = next_step_text(step, MONDAY)
        assert text.startswith(FIND_MISSION_LOCALE) and "Mission locale d'essai" not in text
        assert "France services de Fougères (dans votre commune)" in text and "Ouvert aujourd'hui de 9 h à 12 h" in text
        assert "France services de Vitré (à 29 km)" in text and "Fermé aujourd'hui." in text
        assert "Source : données France services, août 2024." in text
        assert addressee_lines(step) == ["À transmettre à un conseiller ou une conseillère de votre mission locale."]
    assert calls == [("35115", 2), ("35115", 2)]
    unknown_place = next_step_text(next_step(None, use_current=False, france_services=nearest), MONDAY)
    assert unknown_place.startswith(FIND_MISSION_LOCALE) and "Dites-moi votre commune" in unknown_place
    assert not re.search(r"\d\d \d\d \d\d", unknown_place)  # no phone number from nowhere


@pytest.mark.parametrize("age, hosted", [(15, False), (16, True), (25, True), (26, False), (30, False), (None, True)])
def test_the_mission_locale_is_named_only_for_16_to_25(tmp_path, age, hosted):
    """Missions locales serve 16-25: a 30-year-old in the territory gets France services, not « votre mission
    locale »."""
    hosting = load_deployment(filled_example(tmp_path))
    step = next_step("08409", deployment=hosting, france_services=lambda code, limit: [], age=age)
    text = next_step_text(step, MONDAY)
    assert text.startswith("Votre mission locale : Mission locale d'essai") == hosted
    assert ("mission locale" in addressee_lines(step)[0].lower()) == hosted
    if not hosted:
        assert "mission locale" not in text.lower()
