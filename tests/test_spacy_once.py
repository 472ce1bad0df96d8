"""aiguillage.rasa.spacy_once: the two SpacyNLP nodes of Rasa's inference graph share one loaded spaCy model."""

from __future__ import annotations

from types import SimpleNamespace
from typing import List

import pytest
from rasa.nlu.utils.spacy_utils import SpacyNLP

from aiguillage.rasa import spacy_once


@pytest.fixture
def fake_loader(monkeypatch):
    """spacy_once installed over a fake spaCy loader that records each load (no 400 MB model in the tests)."""
    loads: List[str] = []

    def fake_original(name: str) -> SimpleNamespace:
        loads.append(name)
        return SimpleNamespace(model=SimpleNamespace(path=f"/fake/{name}", lang="fr"), model_name=name)

    monkeypatch.setattr(SpacyNLP, "load_model", staticmethod(fake_original))
    monkeypatch.setattr(spacy_once, "_original_load_model", None)
    monkeypatch.setattr(spacy_once, "_loaded", {})
    spacy_once.install()
    return loads


def create(name: str) -> SpacyNLP:
    """What Rasa does for each of the nodes provide_SpacyNLP0 and run_SpacyNLP0 (GraphComponent.load → create)."""
    return SpacyNLP.create({"model": name}, model_storage=None, resource=None, execution_context=None)


def test_both_nodes_get_the_same_model_loaded_once(fake_loader):
    provider, runner = create("fr_core_news_md"), create("fr_core_news_md")
    assert fake_loader == ["fr_core_news_md"]
    assert provider.provide() is runner.provide()


def test_another_model_name_is_loaded_on_its_own(fake_loader):
    french, english = create("fr_core_news_md"), create("en_core_web_md")
    assert fake_loader == ["fr_core_news_md", "en_core_web_md"]
    assert french.provide() is not english.provide()


def test_install_twice_keeps_rasas_loader_underneath(fake_loader):
    spacy_once.install()
    create("fr_core_news_md")
    assert fake_loader == ["fr_core_news_md"]
