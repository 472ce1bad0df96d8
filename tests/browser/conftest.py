"""Fixtures for the web chat tests: the real bot (BotStack), the web chat server, headless Chromium.

Chromium is Debian's /usr/bin/chromium driven by Playwright (never `playwright install`). Without it
the browser tests are skipped, before the (slow) bot is started.
"""

from __future__ import annotations

import socket
import socketserver
import threading
import time
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional

import pytest

from aiguillage.cli import web
from tests.support.stack import BotStack, free_port

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
REPLY_TIMEOUT_MS = 60_000

# JavaScript: the widget's shadow root (Playwright's CSS selectors pierce it, page.evaluate does not).
SHADOW = "document.getElementById('aiguillage-chat').shadowRoot"


@pytest.fixture(scope="session")
def web_port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def spare_web_port() -> int:
    """A second demo site, also an allowed origin (the « Rasa unreachable » test)."""
    return free_port()


@pytest.fixture(scope="session")
def stack(web_port: int, spare_web_port: int) -> Iterator[BotStack]:
    origins = f"http://127.0.0.1:{web_port},http://127.0.0.1:{spare_web_port}"
    with BotStack(env={"AIGUILLAGE_CORS_ORIGINS": origins}) as bot:
        yield bot


def _demo_site(port: int, rasa_url: str) -> Iterator[str]:
    """The demo site (aiguillage web) on `port` (0: any free one), its widget talking to `rasa_url`."""
    server = web.serve_in_thread("127.0.0.1", port, rasa_url)
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site(stack: BotStack, web_port: int) -> Iterator[str]:
    yield from _demo_site(web_port, stack.url)


@pytest.fixture(scope="session")
def static_site() -> Iterator[str]:
    """The demo site alone, for what needs no bot (its widget points at a closed port)."""
    yield from _demo_site(0, f"http://127.0.0.1:{free_port()}")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("Chromium absent (/usr/bin/chromium) : `apt-get install chromium` pour les tests du chat web")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


class Chat:
    """The widget on a page, seen the way a person uses it."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.dialogs: List[str] = []
        self.errors: List[str] = []
        page.on("dialog", self._on_dialog)
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _on_dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    # ---- actions
    def open(self) -> None:
        self.page.get_by_role("button", name="Discuter avec l'assistant").click()
        self.page.locator(".aig-panel").wait_for(state="visible")

    def type(self, text: str) -> None:
        count = self.bot_count()
        self.page.get_by_label("Votre message").fill(text)
        self.page.get_by_label("Votre message").press("Enter")
        self.wait_reply(count)

    def click(self, label: str) -> None:
        count = self.bot_count()
        self.page.locator(".aig-log").get_by_role("button", name=label, exact=True).first.click()
        self.wait_reply(count)

    # ---- reading
    def bot_count(self) -> int:
        return self.page.evaluate(f"() => {SHADOW}.querySelectorAll('.aig-bot, .aig-card').length")

    def log_text(self) -> str:
        return self.page.locator(".aig-log").inner_text()

    def quick_replies(self) -> List[str]:
        return self.page.evaluate(
            f"() => Array.from({SHADOW}.querySelectorAll('.aig-replies button')).map(b => b.textContent.trim())"
        )

    def session_id(self) -> str:
        return self.page.evaluate("() => window.AiguillageChat.sessionId()")

    def focused(self) -> Dict[str, Optional[str]]:
        """What has the keyboard focus, looking into the widget's shadow root."""
        return self.page.evaluate("""() => {
            let el = document.activeElement;
            while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
            if (!el) return {tag: null, text: null, outline: null};
            const style = getComputedStyle(el);
            return {tag: el.tagName.toLowerCase(), text: (el.textContent || '').trim(),
                    label: el.getAttribute('aria-label'),
                    id: el.id, outline: style.outlineStyle + ' ' + style.outlineWidth};
        }""")

    def wait_reply(self, before: int, quiet_ms: int = 800) -> None:
        """Until the bot has answered (more messages than before) and then stayed quiet for a moment."""
        self.page.wait_for_function(
            f"n => {SHADOW}.querySelectorAll('.aig-bot, .aig-card').length > n", arg=before, timeout=REPLY_TIMEOUT_MS
        )
        self.settle(quiet_ms)

    def settle(self, quiet_ms: int = 800) -> None:
        last, stable_since = -1, time.monotonic()
        deadline = time.monotonic() + REPLY_TIMEOUT_MS / 1000
        while time.monotonic() < deadline:
            count = self.bot_count()
            if count != last:
                last, stable_since = count, time.monotonic()
            elif time.monotonic() - stable_since >= quiet_ms / 1000:
                return
            time.sleep(0.1)


@pytest.fixture
def new_chat(browser: Any) -> Iterator[Any]:
    """Makes a Chat on a fresh browser context (own localStorage); phone-sized unless told otherwise."""
    contexts = []

    def make(url: str, width: int = 390, height: int = 800) -> Chat:
        context = browser.new_context(viewport={"width": width, "height": height}, locale="fr-FR")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(REPLY_TIMEOUT_MS)
        chat = Chat(page)
        page.goto(url)
        page.locator(".aig-launcher").wait_for(state="visible")
        return chat

    yield make
    for context in contexts:
        context.close()


class TcpRelay:
    """Forwards a local port to another one, once started: lets a test make Rasa « come back »."""

    def __init__(self, port: int, target_port: int) -> None:
        self.port, self.target_port = port, target_port
        self.server: Optional[socketserver.ThreadingTCPServer] = None

    def start(self) -> None:
        target_port = self.target_port

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                upstream = socket.create_connection(("127.0.0.1", target_port))

                def pump(source: socket.socket, sink: socket.socket) -> None:
                    try:
                        while True:
                            chunk = source.recv(65536)
                            if not chunk:
                                break
                            sink.sendall(chunk)
                    except OSError:
                        pass
                    finally:
                        for s in (source, sink):
                            try:
                                s.shutdown(socket.SHUT_RDWR)
                            except OSError:
                                pass

                back = threading.Thread(target=pump, args=(upstream, self.request), daemon=True)
                back.start()
                pump(self.request, upstream)
                back.join(timeout=5)
                upstream.close()

        class Server(socketserver.ThreadingTCPServer):
            allow_reuse_address = True
            daemon_threads = True

        self.server = Server(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None
