"""The fiche de liaison in the web chat (headless Chromium, real bot): the same text as in every channel,
with « Copier », « Imprimer » (a clean page of its own) and « Télécharger » (.txt and .html)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser.conftest import SHADOW
from tests.browser.test_webchat import reach_suggestions, start_job_search

pytestmark = pytest.mark.browser

FILE_NAME = re.compile(r"^fiche-de-liaison-\d{4}-\d{2}-\d{2}\.(txt|html)$")


def open_fiche(chat):
    start_job_search(chat)
    reach_suggestions(chat)
    chat.click("Fiche pour mon conseiller")
    fiche = chat.page.locator(".aig-fiche").last
    fiche.wait_for()
    return fiche


def shown_text(fiche) -> str:
    return fiche.locator(".aig-text").text_content()


def test_fiche_text_and_download(site, new_chat):
    chat = new_chat(site)
    fiche = open_fiche(chat)
    text = shown_text(fiche)
    assert text.startswith("Fiche de liaison Aiguillage — ")
    assert "Situation de la personne :" in text and "- 19 ans" in text and "Habite à Fougères" in text
    assert "Où aller cette semaine :" in text
    assert ".txt ligne" not in text  # sources as a person can find them, never a file name

    with chat.page.expect_download() as info:
        fiche.get_by_role("button", name="Télécharger la fiche (texte)").click()
    download = info.value
    assert FILE_NAME.match(download.suggested_filename) and download.suggested_filename.endswith(".txt")
    assert Path(download.path()).read_text(encoding="utf-8").rstrip("\n") == text

    with chat.page.expect_download() as info:
        fiche.get_by_role("button", name="Télécharger la fiche (page web)").click()
    download = info.value
    assert FILE_NAME.match(download.suggested_filename) and download.suggested_filename.endswith(".html")
    page = Path(download.path()).read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and '<html lang="fr">' in page
    assert "<h1>Fiche de liaison Aiguillage — " in page and "<h2>Situation de la personne :</h2>" in page
    assert "<script" not in page.lower()
    assert chat.dialogs == [] and chat.errors == []


def test_fiche_prints_on_a_clean_page(site, new_chat):
    chat = new_chat(site)
    fiche = open_fiche(chat)
    # Count the print calls instead of opening the system dialog; the page itself is really opened.
    chat.page.evaluate("""() => {
        const open = window.open.bind(window);
        window.__printed = 0;
        window.open = (...args) => {
            const win = open(...args);
            if (win) win.print = () => { window.__printed += 1; };
            return win;
        };
    }""")
    with chat.page.expect_popup() as info:
        fiche.get_by_role("button", name="Imprimer la fiche").click()
    popup = info.value
    popup.wait_for_load_state()
    assert popup.locator("h1").inner_text().startswith("Fiche de liaison Aiguillage — ")
    body = popup.locator("body").inner_text()
    assert "Situation de la personne :" in body and "Habite à Fougères" in body
    # Only the fiche: no widget, no script, no button.
    assert (
        popup.evaluate("() => document.scripts.length + document.querySelectorAll('button, #aiguillage-chat').length")
        == 0
    )
    chat.page.wait_for_function("() => window.__printed === 1")
    assert chat.errors == []


def test_fiche_copy(site, new_chat):
    chat = new_chat(site)
    chat.page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    fiche = open_fiche(chat)
    fiche.get_by_role("button", name="Copier la fiche").click()
    status = fiche.locator(".aig-fiche-status")
    status.wait_for()
    message = status.inner_text()
    if "copiée" in message:
        assert chat.page.evaluate("() => navigator.clipboard.readText()") == shown_text(fiche)
    else:  # no clipboard access in this browser: the text is selected for the person to copy
        assert "sélectionné" in message
        assert (
            chat.page.evaluate(
                f"() => {SHADOW}.getSelection ? {SHADOW}.getSelection().toString().length : "
                "window.getSelection().toString().length"
            )
            > 0
        )
    assert chat.errors == []


def test_fiche_survives_a_reload(site, new_chat):
    chat = new_chat(site)
    text = shown_text(open_fiche(chat))
    chat.page.reload()
    chat.page.locator(".aig-panel").wait_for(state="visible")
    fiche = chat.page.locator(".aig-fiche").last
    assert shown_text(fiche) == text
    assert fiche.get_by_role("button", name="Imprimer la fiche").is_visible()
