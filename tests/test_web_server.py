"""`aiguillage web`: the static server of the web chat (no browser, no Rasa)."""

from __future__ import annotations

import http.client
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, Iterator, Tuple

import pytest

from aiguillage.cli import web
from tests.support.stack import ROOT, free_port

RASA_URL = "http://127.0.0.1:5999"


@pytest.fixture(scope="module")
def server() -> Iterator[Tuple[str, int]]:
    running = web.serve_in_thread("127.0.0.1", 0, RASA_URL)
    try:
        yield running.server_address[0], running.server_address[1]
    finally:
        running.shutdown()
        running.server_close()


def fetch(server: Tuple[str, int], path: str, method: str = "GET") -> Tuple[int, Dict[str, str], bytes]:
    """A raw request: the path goes out exactly as written (urllib would normalise "/../")."""
    connection = http.client.HTTPConnection(*server, timeout=10)
    try:
        connection.putrequest(method, path, skip_accept_encoding=True)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


@pytest.mark.parametrize(
    "path, content_type",
    [
        ("/", "text/html; charset=utf-8"),
        ("/index.html", "text/html; charset=utf-8"),
        ("/confidentialite.html", "text/html; charset=utf-8"),
        ("/aiguillage-chat.js", "text/javascript; charset=utf-8"),
        ("/aiguillage-chat.css", "text/css; charset=utf-8"),
        ("/site.css", "text/css; charset=utf-8"),
        ("/vendor/socket.io.min.js", "text/javascript; charset=utf-8"),
        ("/vendor/socket.io-client.LICENSE", "text/plain; charset=utf-8"),
    ],
)
def test_files_are_served_with_their_content_type(server, path, content_type):
    status, headers, body = fetch(server, path)
    assert status == 200
    assert headers["content-type"] == content_type
    assert headers["x-content-type-options"] == "nosniff"
    assert int(headers["content-length"]) == len(body) > 0


def test_demo_page_points_the_widget_at_the_configured_rasa(server):
    _, headers, body = fetch(server, "/")
    page = body.decode()
    assert page.count("data-server=") == 1
    assert f'data-server="{RASA_URL}"' in page
    assert 'src="aiguillage-chat.js"' in page
    # The page may only talk to itself and to Rasa (websocket included).
    policy = headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert f"connect-src 'self' {RASA_URL} ws://127.0.0.1:5999" in policy


def test_privacy_page_says_what_is_kept_and_how_to_erase(server):
    status, _, body = fetch(server, "/confidentialite.html")
    page = body.decode()
    assert status == 200
    assert 'lang="fr"' in page
    for said in ("60 minutes", "effacer mes données", "Aucun cookie", "stockage local", "facultatives"):
        assert said in page


def test_head_has_headers_and_no_body(server):
    status, headers, body = fetch(server, "/aiguillage-chat.js", method="HEAD")
    assert status == 200 and body == b""
    assert headers["content-type"].startswith("text/javascript")


@pytest.mark.parametrize(
    "path",
    [
        "/nope.html",
        "/vendor/",  # a directory: never a listing
        "/vendor",
        "/../pyproject.toml",
        "/../../etc/passwd",
        "/%2e%2e/pyproject.toml",
        "/vendor/%2e%2e/%2e%2e/web.py",
        "/..%2f..%2fpyproject.toml",
        "/%2Fetc%2Fpasswd",
        "/vendor/..\\..\\pyproject.toml",
        "/.hidden",
        "/index.html%00.js",
    ],
)
def test_unknown_paths_directories_and_traversal_are_404(server, path):
    status, headers, body = fetch(server, path)
    assert status == 404
    assert b"[project]" not in body and b"root:" not in body
    assert b"Index of" not in body


def test_query_strings_are_ignored(server):
    status, _, _ = fetch(server, "/aiguillage-chat.js?v=2")
    assert status == 200


def test_only_get_and_head():
    running = web.serve_in_thread("127.0.0.1", 0, RASA_URL)
    try:
        status, _, _ = fetch(running.server_address, "/", method="POST")
        assert status == 501
    finally:
        running.shutdown()
        running.server_close()


@pytest.mark.parametrize("bad", ["localhost:5005", "ftp://x", "javascript:alert(1)", "http://", 'http://x"><script>'])
def test_rasa_url_is_checked(bad):
    with pytest.raises(ValueError):
        web.make_server("127.0.0.1", 0, bad)


def test_resolve_stays_inside_root(tmp_path: Path):
    (tmp_path / "ok.js").write_text("x")
    (tmp_path / "sub").mkdir()
    assert web.resolve(tmp_path, "/ok.js") == (tmp_path / "ok.js").resolve()
    assert web.resolve(tmp_path, "/sub") is None
    assert web.resolve(tmp_path, "/sub/../ok.js") is None
    outside = tmp_path.parent / "outside.js"
    outside.write_text("x")
    (tmp_path / "link.js").symlink_to(outside)
    assert web.resolve(tmp_path, "/link.js") is None


def test_command_prints_the_address_in_french():
    port = free_port()
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "aiguillage"), "web", "--port", str(port), "--rasa-url", RASA_URL],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first_line = process.stdout.readline()
        assert f"http://127.0.0.1:{port}/" in first_line
        assert "Chat web" in first_line and RASA_URL in first_line
        deadline = time.monotonic() + 10
        while True:
            try:
                status, _, _ = fetch(("127.0.0.1", port), "/")
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        assert status == 200
    finally:
        process.terminate()
        process.wait(timeout=10)
