"""The web chat in a real headless Chromium, talking to the real bot (action server + Rasa + model)."""

from __future__ import annotations

import re
from typing import List

import pytest

from aiguillage.cli import web
from knowledge.loader import default_knowledge
from tests.browser.conftest import SHADOW, Chat, TcpRelay
from tests.support.stack import free_port, wait_until

pytestmark = pytest.mark.browser

# What a young person would click when the bot offers choices, most wanted first.
# « Fougères (35) » if the bot asks which Fougères (there is also Fougères-sur-Bièvre).
PREFERRED_ANSWERS = ["Fougères (35)", "Non", "Chez mes parents", "Je préfère ne pas répondre", "Passer cette question"]


def pick(buttons: List[str]) -> str:
    for wanted in PREFERRED_ANSWERS:
        if wanted in buttons:
            return wanted
    return buttons[0]


def start_job_search(chat: Chat) -> None:
    chat.open()
    chat.settle()
    chat.page.locator(".aig-log").get_by_role("button", name="Trouver un emploi").wait_for()
    chat.click("Trouver un emploi")
    assert "âge" in chat.log_text()
    chat.type("19 ans")
    assert "commune" in chat.log_text().lower()


def reach_suggestions(chat: Chat) -> str:
    """Answers every remaining question with buttons until suggestions (or « not found ») appear."""
    chat.type("Fougères")
    for _ in range(15):
        log = chat.log_text()
        if chat.page.locator(".aig-card").count() or "Je n'ai pas trouvé" in log:
            return log
        buttons = chat.quick_replies()
        assert buttons, f"Le bot attend une réponse sans proposer de bouton :\n{log[-1500:]}"
        chat.click(pick(buttons))
    raise AssertionError(f"Pas de suggestion après 15 réponses :\n{chat.log_text()[-2000:]}")


def test_whole_conversation_to_suggestions(site, stack, new_chat):
    chat = new_chat(site)
    start_job_search(chat)
    log = reach_suggestions(chat)
    chat.page.screenshot(path="/tmp/aiguillage-webchat-suggestions.png")

    # A 19-year-old looking for work in Fougères has actions in the base (orientation.matching finds four): cards
    # are required, not optional.
    cards = chat.page.locator(".aig-card")
    assert cards.count() >= 1, log[-1500:]
    first = cards.first
    assert first.locator("h3").inner_text().strip()
    assert "Où :" in first.inner_text()
    assert first.get_by_role("button", name=re.compile("^Plus de détails")).count() == 1
    # Links only ever tel:, mailto: or https:; historical cards show no contact at all.
    hrefs = chat.page.evaluate(f"() => Array.from({SHADOW}.querySelectorAll('.aig-log a')).map(a => a.href)")
    assert all(re.match(r"^(tel:|mailto:|https://)", href) for href in hrefs), hrefs
    historical = chat.page.locator(".aig-card:has(.aig-card-note)")
    for i in range(historical.count()):
        card = historical.nth(i)
        assert "demandez à votre conseiller si elle existe encore" in card.inner_text()
        assert card.locator("a").count() == 0

    slots = stack.slots(chat.session_id())
    assert slots["besoin"] == "emploi"
    assert slots["age"] == 19
    assert slots["code_insee"] == "35115"  # Fougères
    # The cards are the suggestions the tracker holds, in the same order.
    titles = [t.strip() for t in cards.locator("h3").all_inner_texts()]
    records = {r.id: r for r in default_knowledge().initiatives}
    assert titles == [records[i].nom for i in slots["suggestions"]]

    # A card's button works like any other: details of that very suggestion (its name, then who runs it).
    before = chat.bot_count()
    cards.first.get_by_role("button", name=re.compile("^Plus de détails")).click()
    chat.wait_reply(before)
    # The bubble opens with the screen readers' « L'assistant : » label, then the text.
    details = chat.page.locator(".aig-bot").last.inner_text().removeprefix("L'assistant :").strip()
    assert details.startswith(titles[0]) and f"Porteur : {records[slots['suggestions'][0]].porteur.nom}" in details
    assert chat.dialogs == [] and chat.errors == []


def test_reload_keeps_the_conversation(site, stack, new_chat):
    chat = new_chat(site)
    start_job_search(chat)
    session_id = chat.session_id()
    stored = chat.page.evaluate("() => Object.entries(localStorage)")
    assert len(stored) == 1 and session_id in stored[0][1]  # the conversation id, nothing else

    chat.page.reload()
    chat.page.locator(".aig-panel").wait_for(state="visible")  # it was open: it still is
    assert chat.session_id() == session_id
    assert "19 ans" in chat.page.locator(".aig-user").last.inner_text()
    assert "commune" in chat.log_text().lower()
    slots = stack.slots(session_id)
    assert slots["besoin"] == "emploi" and slots["age"] == 19

    # And the conversation goes on where it was.
    chat.type("Fougères")
    assert stack.slots(session_id)["code_insee"] == "35115"


def test_new_conversation_starts_afresh(site, stack, new_chat):
    chat = new_chat(site)
    start_job_search(chat)
    old = chat.session_id()
    chat.page.get_by_role("button", name="Nouvelle conversation").click()
    chat.wait_reply(0)  # the log is emptied, then the bot's welcome comes back
    assert chat.session_id() != old
    assert "19 ans" not in chat.log_text()
    chat.page.locator(".aig-log").get_by_role("button", name="Trouver un emploi").wait_for()
    assert stack.slots(chat.session_id())["age"] is None


def test_keyboard_only(site, new_chat):
    chat = new_chat(site)
    page = chat.page
    # Tab through the page to the launcher, Enter opens the chat and puts the keyboard in the input.
    for _ in range(40):
        page.keyboard.press("Tab")
        if chat.focused()["text"] == "Discuter avec l'assistant":
            break
    else:
        raise AssertionError("Le bouton du chat n'est pas atteignable avec Tab")
    assert chat.focused()["outline"].startswith("solid")  # visible focus
    page.keyboard.press("Enter")
    assert chat.focused()["id"] == "aig-input"
    chat.settle()
    page.locator(".aig-log").get_by_role("button", name="Trouver un emploi").wait_for()
    chat.settle()

    # The bot's buttons are just before the input: Shift+Tab reaches them.
    for _ in range(15):
        page.keyboard.press("Shift+Tab")
        focused = chat.focused()
        if focused["text"] == "Trouver un emploi":
            break
    else:
        raise AssertionError("Le bouton « Trouver un emploi » n'est pas atteignable au clavier")
    assert focused["tag"] == "button" and focused["outline"].startswith("solid")
    before = chat.bot_count()
    page.keyboard.press("Enter")
    chat.wait_reply(before)
    assert chat.focused()["id"] == "aig-input"  # the chosen button is gone; the keyboard is in the input

    before = chat.bot_count()
    page.keyboard.type("19 ans")
    page.keyboard.press("Enter")
    chat.wait_reply(before)
    assert "19 ans" in page.locator(".aig-user").last.inner_text()
    assert "commune" in chat.log_text().lower()

    # Escape closes the chat and gives the focus back to the launcher.
    page.keyboard.press("Escape")
    assert page.locator(".aig-panel").is_hidden()
    assert chat.focused()["text"] == "Discuter avec l'assistant"


def test_typed_html_is_shown_as_text(site, new_chat):
    chat = new_chat(site)
    chat.open()
    chat.settle()
    payload = "<img src=x onerror=alert(1)>"
    chat.type(payload)
    assert chat.page.locator(".aig-user .aig-text").last.text_content() == payload
    assert chat.page.evaluate(f"() => {SHADOW}.querySelectorAll('img').length + document.images.length") == 0
    chat.page.wait_for_timeout(500)
    assert chat.dialogs == []
    assert chat.errors == []


def test_server_down_message_and_resend_on_retry(stack, spare_web_port, new_chat):
    rasa_port = free_port()  # nothing listens there yet
    server = web.serve_in_thread("127.0.0.1", spare_web_port, f"http://127.0.0.1:{rasa_port}")
    relay = TcpRelay(rasa_port, stack.rasa_port)
    try:
        chat = new_chat(f"http://127.0.0.1:{spare_web_port}")
        chat.open()
        alert = chat.page.get_by_role("alert")
        alert.get_by_text("Impossible de joindre l'assistant").wait_for(timeout=15_000)
        retry = alert.get_by_role("button", name="Réessayer")
        assert retry.is_visible()

        chat.page.get_by_label("Votre message").fill("bonjour")
        chat.page.get_by_label("Votre message").press("Enter")
        assert "pas encore envoyé" in chat.page.locator(".aig-user").last.inner_text()

        relay.start()  # Rasa is reachable again
        try:
            retry.click(timeout=3000)
        except Exception:
            pass  # the automatic reconnection may have won the race: same outcome expected
        chat.wait_reply(0)
        assert chat.page.locator(".aig-alert").inner_text().strip() == ""
        assert "pas encore envoyé" not in chat.log_text()
        assert "Aiguillage" in chat.log_text()  # the bot's welcome

        def user_texts() -> List[str]:
            return [e.get("text") for e in stack.tracker(chat.session_id())["events"] if e.get("event") == "user"]

        # The welcome (/greet) is answered first; the held message follows it through Rasa's queue.
        wait_until(lambda: "bonjour" in user_texts(), 60, "the held « bonjour » in the tracker")
    finally:
        relay.stop()
        server.shutdown()
        server.server_close()


def test_privacy_page_is_served_and_linked(static_site, new_chat):
    site = static_site
    chat = new_chat(site)
    chat.open()
    link = chat.page.get_by_role("link", name=re.compile("Vos données et vos droits"))
    assert link.get_attribute("href") == f"{site}/confidentialite.html"
    chat.page.goto(f"{site}/confidentialite.html")
    assert chat.page.get_by_role("heading", level=1).inner_text() == "Vos données et l'assistant"
    text = chat.page.locator("main").inner_text()
    assert "60 minutes" in text and "effacer mes données" in text and "Aucun cookie" in text


def test_usable_at_320_px(site, new_chat):
    chat = new_chat(site, width=320, height=640)
    start_job_search(chat)
    sizes = chat.page.evaluate(f"""() => {{
        const root = {SHADOW};
        const box = sel => root.querySelector(sel).getBoundingClientRect();
        const scroller = root.querySelector('.aig-scroller');
        return {{panel: box('.aig-panel').width, input: box('.aig-input').right, send: box('.aig-send').right,
                 overflow: scroller.scrollWidth - scroller.clientWidth, page: document.documentElement.scrollWidth}};
    }}""")
    assert sizes["panel"] <= 320
    assert sizes["send"] <= 320 and sizes["input"] <= sizes["send"]
    assert sizes["overflow"] <= 0
    chat.page.screenshot(path="/tmp/aiguillage-webchat-320.png")


def test_contrast_of_a_light_brand_colour_is_fixed(static_site, browser):
    """A mission locale with a yellow logo still gets white-on-colour text at 4.5:1 or more."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{static_site}/confidentialite.html")  # any page of the site, then a widget with a light colour
        page.evaluate(
            """src => { const s = document.createElement('script'); s.src = src;
            s.dataset.server = 'http://127.0.0.1:1'; s.dataset.color = '#ffdd00'; document.body.appendChild(s); }""",
            f"{static_site}/aiguillage-chat.js",
        )
        page.locator(".aig-launcher").wait_for(state="visible")
        ratio = page.evaluate(f"""() => {{
            const launcher = {SHADOW}.querySelector('.aig-launcher');
            const rgb = getComputedStyle(launcher).backgroundColor.match(/\\d+/g).map(Number);
            const lin = v => (v /= 255) <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
            const l = 0.2126 * lin(rgb[0]) + 0.7152 * lin(rgb[1]) + 0.0722 * lin(rgb[2]);
            return 1.05 / (l + 0.05);
        }}""")
        assert ratio >= 4.5
    finally:
        context.close()


def test_screenshots_of_the_demo_page(site, new_chat):
    """Kept in /tmp for a human look (the widget open, after the welcome)."""
    for width, height in ((1280, 800), (320, 640)):
        chat = new_chat(site, width=width, height=height)
        chat.page.screenshot(path=f"/tmp/aiguillage-demo-{width}.png")
        chat.open()
        chat.settle()
        chat.page.locator(".aig-log").get_by_role("button", name="Trouver un emploi").wait_for()
        chat.page.screenshot(path=f"/tmp/aiguillage-demo-{width}-chat.png")
