"""`aiguillage web --port 8080 --rasa-url http://localhost:5005`: serves the web chat's demo page.

A deliberately small static server (standard library only) for aiguillage/channels/webchat/: the demo site of a
mission locale with the widget, the privacy page, and the widget's files for sites that embed it.
In production a mission locale usually copies these files to its own web server; this command is for
trying the assistant locally and for the tests.
"""

from __future__ import annotations

import argparse
import html
import posixpath
import re
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Dict, Optional, Tuple
from urllib.parse import unquote, urlsplit

WEBCHAT_DIR = Path(__file__).resolve().parents[1] / "channels" / "webchat"

CONTENT_TYPES: Dict[str, str] = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".map": "application/json",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/plain; charset=utf-8",
    ".license": "text/plain; charset=utf-8",
}

# The demo page's script tag carries the Rasa address; it is rewritten to --rasa-url when served.
_SERVER_ATTRIBUTE = re.compile(r'data-server="[^"]*"')


def normalise_rasa_url(value: str) -> str:
    """`http(s)://host[:port][/prefix]` without a trailing slash; anything else is refused."""
    value = value.strip()
    # A plain address only: it is written into the page and into the Content-Security-Policy header.
    if not re.fullmatch(r"[A-Za-z0-9._~:/\[\]%-]+", value):
        raise ValueError(f"adresse de Rasa invalide : « {value} » (attendu : http://hôte:port)")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise ValueError(f"adresse de Rasa invalide : « {value} » (attendu : http://hôte:port)")
    return value.rstrip("/")


def _websocket_origin(rasa_url: str) -> str:
    parts = urlsplit(rasa_url)
    scheme = "wss" if parts.scheme == "https" else "ws"
    return f"{scheme}://{parts.netloc}"


def content_security_policy(rasa_url: str) -> str:
    """Only our own files, and connections to the bot: a script injected into a message could not run."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(rasa_url))
    return "; ".join(
        [
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            f"connect-src 'self' {origin} {_websocket_origin(rasa_url)}",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
        ]
    )


def resolve(root: Path, url_path: str) -> Optional[Path]:
    """The file a URL path names inside root, or None (missing, hidden, directory, or escaping root)."""
    path = unquote(urlsplit(url_path).path)
    if "\x00" in path or "\\" in path:
        return None
    if path in ("", "/"):
        path = "/index.html"
    parts = [part for part in path.split("/") if part]
    # Refuse rather than normalise: "/a/../b" is never a link we publish.
    if any(part in (".", "..") or part.startswith(".") for part in parts):
        return None
    candidate = (root / posixpath.join(*parts)).resolve()
    try:
        candidate.relative_to(root.resolve())
    except ValueError:
        return None
    return candidate if candidate.is_file() else None


class WebChatHandler(BaseHTTPRequestHandler):
    server_version = "Aiguillage"
    error_content_type = "text/html; charset=utf-8"
    error_message_format = (
        '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Erreur %(code)d</title></head>'
        "<body><h1>Erreur %(code)d</h1><p>%(message)s</p></body></html>\n"
    )
    root: Path = WEBCHAT_DIR
    rasa_url: str = "http://localhost:5005"

    def version_string(self) -> str:
        return self.server_version  # no Python version in the Server header

    def do_GET(self) -> None:
        self._serve(with_body=True)

    def do_HEAD(self) -> None:
        self._serve(with_body=False)

    def _serve(self, with_body: bool) -> None:
        found = self._load()
        if found is None:
            self.send_error(HTTPStatus.NOT_FOUND, "Page introuvable.")
            return
        body, content_type = found
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        if content_type.startswith("text/html"):
            self.send_header("Content-Security-Policy", content_security_policy(self.rasa_url))
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def _load(self) -> Optional[Tuple[bytes, str]]:
        path = resolve(self.root, self.path)
        if path is None:
            return None
        content_type = CONTENT_TYPES.get(path.suffix.lower(), "application/octet-stream")
        body = path.read_bytes()
        if path.name == "index.html":
            text = body.decode("utf-8")
            server = f'data-server="{html.escape(self.rasa_url, quote=True)}"'
            body = _SERVER_ATTRIBUTE.sub(lambda _: server, text, count=1).encode("utf-8")
        return body, content_type

    def log_message(self, format: str, *args: object) -> None:
        # Paths only (messages travel over the socket, never through this server).
        sys.stderr.write(f"{self.log_date_time_string()} - {format % args}\n")


def make_server(host: str, port: int, rasa_url: str, root: Path = WEBCHAT_DIR) -> ThreadingHTTPServer:
    handler = type(
        "ConfiguredWebChatHandler", (WebChatHandler,), {"root": root, "rasa_url": normalise_rasa_url(rasa_url)}
    )
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server


def serve_in_thread(host: str, port: int, rasa_url: str) -> ThreadingHTTPServer:
    """For tests: a running server; call .shutdown() then .server_close() to stop it."""
    server = make_server(host, port, rasa_url)
    threading.Thread(target=server.serve_forever, name="aiguillage-web", daemon=True).start()
    return server


def public_url(host: str, port: int) -> str:
    shown = "localhost" if host in ("", "0.0.0.0", "::") else host
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("web", help="servir la page de démonstration du chat web (widget compris)")
    parser.add_argument("--port", type=int, default=8080, help="port de la page web (8080 par défaut)")
    parser.add_argument(
        "--host", default="127.0.0.1", help="adresse d'écoute (127.0.0.1 par défaut : seulement cet ordinateur)"
    )
    parser.add_argument(
        "--rasa-url",
        default="http://localhost:5005",
        help="adresse de Rasa que le widget contacte (http://localhost:5005 par défaut)",
    )
    parser.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    try:
        server = make_server(args.host, args.port, args.rasa_url)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    except OSError as error:
        print(f"Impossible d'ouvrir le port {args.port} : {error.strerror or error}", file=sys.stderr)
        return 1
    port = server.server_address[1]
    print(
        f"Chat web Aiguillage : {public_url(args.host, port)}  (assistant : {server.RequestHandlerClass.rasa_url})",
        flush=True,
    )
    print("Ctrl-C pour arrêter.", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    print("Chat web arrêté.", flush=True)
    return 0
