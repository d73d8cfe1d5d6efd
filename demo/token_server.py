"""A token endpoint for ``<bokeh-session>`` when the Bokeh server signs session ids.

With ``BOKEH_SIGN_SESSIONS=yes`` a Bokeh server accepts only session ids and tokens signed with its
``BOKEH_SECRET_KEY``. A browser must never hold that secret, so the page asks a backend for each token: this is
that backend, with nothing but the standard library and ``bokeh.util.token``. The element's ``tokenProvider``
POSTs ``{"url": ..., "arguments": {...}}`` here for every connect and reconnect and gets ``{"token": ...}`` back.

Who gets a token, and for which arguments, is decided in one place: ``decide_arguments(request)``. It refuses
every request until you write it: check the user's identity from the request (a session cookie, an
``Authorization`` header) and return the arguments to sign, or ``None`` to refuse. The arguments go *inside* the
signed token (``extra_payload={"arguments": ...}``); the Bokeh server then hands the app the token's arguments
instead of the websocket URL's query, and editing the token breaks its signature. So the app receives what
``decide_arguments`` returned, whatever the page sent.

Run it beside the Bokeh server, with the same secret, after writing ``decide_arguments``:

    export BOKEH_SECRET_KEY=$(bokeh secret)
    BOKEH_SIGN_SESSIONS=yes bokeh serve demo/apps/echo.py --allow-websocket-origin=localhost:5173
    python demo/token_server.py --port 5007 --allow-origin http://localhost:5173 --app-url http://localhost:5006/echo

For a demo only, ``--demo-sign-requested-arguments`` signs whatever arguments the page asks for: anyone who can
reach the endpoint then gets a valid token for any arguments.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.cookies import CookieError, SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from bokeh.util.token import generate_jwt_token, generate_session_id

MAX_BODY_BYTES = 64 * 1024
"""The largest request body read; a longer one gets 413 without being read."""

SOCKET_TIMEOUT_SECONDS = 10.0
"""A connection that sends nothing for this long is dropped, and a body must arrive within it: one slow client
must not hold a thread."""

Arguments = dict[str, list[str]]


@dataclass(frozen=True)
class TokenRequest:
    """What ``decide_arguments`` gets: who asks (headers, cookies, address) and what the page asked for."""

    app_url: str
    """The app URL the page asked a token for, normalized (see ``normalize_app_url``)."""
    requested: Arguments
    """The arguments the page asked for. Untrusted: the user can send anything here."""
    headers: Any
    """The HTTP request's headers (``email.message.Message``): ``Authorization``, ``Cookie``, ``Origin``."""
    cookies: SimpleCookie
    """The request's cookies, parsed: your session cookie says who the user is."""
    client_address: tuple[str, int]


Decide = Callable[[TokenRequest], "Arguments | None"]


def decide_arguments(request: TokenRequest) -> Arguments | None:
    """Decide who gets a token and which arguments it carries: the place for your rules.

    Return the arguments to sign (``{"user": ["alice"], "N": ["10"]}``), which the app then receives whatever the
    page sent, or ``None`` to refuse (the caller gets 403). Typically: look the user up from
    ``request.cookies`` or ``request.headers["Authorization"]``, refuse if unknown, and build the arguments from
    what that user may see, taking from ``request.requested`` only the keys and values you allow.

    This default refuses every request, so that a deployed copy never signs what a page asks for by accident.
    """
    return None


def demo_sign_requested_arguments(request: TokenRequest) -> Arguments | None:
    """DEMO ONLY (``--demo-sign-requested-arguments``): signs whatever arguments the page asked for.

    Anyone who can reach the endpoint gets a valid token for any arguments (edit ``el.arguments``, or curl), so the
    signature proves only that this endpoint was asked. Never deploy this: write ``decide_arguments``.
    """
    return request.requested


class BadRequest(Exception):
    """The request cannot be served; the message says why and goes back to the caller."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def check_text(text: str, where: str) -> str:
    """Refuses a string that has no UTF-8 encoding (a lone surrogate from a JSON ``\\ud800`` escape)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise BadRequest(400, f"{where} contains a lone surrogate, which has no UTF-8 encoding") from error
    return text


def parse_arguments(value: Any, where: str = "arguments") -> Arguments:
    """``{"N": "10", "k": ["a", "b"]}`` (the element sends lists) -> ``{"N": ["10"], "k": ["a", "b"]}``."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise BadRequest(400, f'"{where}" must be an object of strings, got {type(value).__name__}')
    parsed: Arguments = {}
    for key, item in value.items():
        check_text(key, f"{where} key {key!r}")
        if key == "" or key.startswith("bokeh-"):
            raise BadRequest(400, f"argument name {key!r} is empty or reserved by Bokeh (bokeh-*)")
        values = item if isinstance(item, list) else [item]
        if not all(isinstance(text, str) for text in values):
            raise BadRequest(400, f"{where}.{key} must be a string or a list of strings")
        parsed[key] = [check_text(text, f"{where}.{key}") for text in values]
    return parsed


_DEFAULT_PORTS = {"http": 80, "https": 443}


def normalize_app_url(url: str, origin: str | None = None) -> str:
    """The form in which app URLs are compared: ``HTTP://Host:80/app/?q#f`` -> ``http://host/app``.

    Lowercase scheme and host, no default port, no query (the element sends a url's query as arguments), no
    fragment, no trailing slash; ``ws(s)://host/app/ws`` -> ``http(s)://host/app``, as the element reads it. A
    path-only URL (``/app``) resolves against the page's ``origin``.
    """
    text = url.strip()
    if text.startswith("/") and not text.startswith("//") and origin is not None:
        text = origin.rstrip("/") + text
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as error:
        raise BadRequest(400, f"url {url!r} is not a valid URL") from error
    scheme = parts.scheme.lower()
    path = parts.path
    if scheme in ("ws", "wss"):
        scheme = "http" if scheme == "ws" else "https"
        path = re.sub(r"/ws/*$", "", path)
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        raise BadRequest(400, f"url {url!r} is not an absolute http(s) URL of a Bokeh app")
    host = parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"
    netloc = host if port is None or port == _DEFAULT_PORTS[scheme] else f"{host}:{port}"
    return urlunsplit((scheme, netloc, path.rstrip("/"), "", ""))


def mint_token(secret_key: str, arguments: Arguments, expiration: int) -> str:
    """A signed token whose payload carries the arguments, as bytes, the way Tornado hands URL arguments over."""
    session_id = generate_session_id(secret_key=secret_key.encode("utf-8"), signed=True)
    return generate_jwt_token(
        session_id,
        secret_key=secret_key.encode("utf-8"),
        signed=True,
        # Always present, even when empty: without it the server would fall back to the URL's query.
        extra_payload={"arguments": {key: [text.encode("utf-8") for text in values] for key, values in arguments.items()}},
        expiration=expiration,
    )


def make_handler(
    secret_key: str,
    allowed_origins: set[str],
    app_urls: set[str],
    expiration: int,
    decide: Decide = decide_arguments,
    timeout: float = SOCKET_TIMEOUT_SECONDS,
    max_body_bytes: int = MAX_BODY_BYTES,
) -> type[BaseHTTPRequestHandler]:
    allowed_apps = {normalize_app_url(url) for url in app_urls}

    class TokenHandler(BaseHTTPRequestHandler):
        server_version = "bokeh-session-token-server"

        def setup(self) -> None:
            # StreamRequestHandler puts this timeout on the socket: a silent client is dropped instead of holding
            # its thread. HTTP/1.0 (the default) closes the connection after each answer, so nothing idles between
            # requests either.
            self.timeout = timeout
            super().setup()

        def do_OPTIONS(self) -> None:  # CORS preflight: the element sends JSON, which needs one.
            self._reply(204, None)

        def do_POST(self) -> None:
            try:
                if self.path.split("?")[0] != "/token":
                    raise BadRequest(404, "POST to /token")
                if not self._origin_allowed():
                    raise BadRequest(403, f"origin {self.headers.get('Origin')!r} is not allowed: add --allow-origin")
                body = self._read_json()
                url = body.get("url")
                if not isinstance(url, str):
                    raise BadRequest(400, 'request body must be {"url": "<app url>", "arguments": {...}}')
                app_url = normalize_app_url(check_text(url, "url"), self.headers.get("Origin"))
                if allowed_apps and app_url not in allowed_apps:
                    raise BadRequest(403, f"no tokens for app {app_url!r}: allowed are {sorted(allowed_apps)}")
                request = TokenRequest(
                    app_url=app_url,
                    requested=parse_arguments(body.get("arguments")),
                    headers=self.headers,
                    cookies=self._cookies(),
                    client_address=self.client_address,
                )
                decided = decide(request)
                if decided is None:
                    raise BadRequest(
                        403,
                        "no token: decide_arguments() refused this request (the default refuses every request "
                        "until you write it; see docs/deploy.md)",
                    )
                arguments = self._checked_decision(decided)
                self._reply(200, {"token": mint_token(secret_key, arguments, expiration)})
            except BadRequest as error:
                self._reply(error.status, {"error": str(error)})
            except (TimeoutError, ConnectionError):
                # A client that stalls mid-body, or leaves: nothing to answer, free the thread.
                self.close_connection = True
            except Exception:  # noqa: BLE001 (a bug in a hook must answer, not drop the connection)
                self.log_error("decide_arguments or minting failed:\n%s", _traceback())
                self._reply(500, {"error": "internal error while deciding the token (see the token server's log)"})

        def _origin_allowed(self) -> bool:
            # Pages of other sites could otherwise fetch tokens with the user's cookies. Non-browser callers (curl,
            # your own backend) send no Origin header: decide_arguments still decides what they get.
            origin = self.headers.get("Origin")
            return origin is None or origin in allowed_origins

        def _cookies(self) -> SimpleCookie:
            cookies = SimpleCookie()
            for header in self.headers.get_all("Cookie") or []:
                try:
                    cookies.load(header)
                except CookieError:
                    pass
            return cookies

        def _read_json(self) -> dict[str, Any]:
            if self.headers.get("Transfer-Encoding") is not None:
                raise BadRequest(411, "send the body with a Content-Length, not chunked")
            header = self.headers.get("Content-Length")
            declared = "0" if header is None else header.strip()
            if not re.fullmatch(r"[0-9]{1,12}", declared):
                raise BadRequest(400, f"Content-Length {declared!r} is not a non-negative number")
            length = int(declared)
            if length > max_body_bytes:
                raise BadRequest(413, f"request body over {max_body_bytes} bytes")
            data = self._read_body(length)
            try:
                body = json.loads(data)
            except (ValueError, RecursionError) as error:
                raise BadRequest(400, f"request body is not JSON: {error}") from error
            if not isinstance(body, dict):
                raise BadRequest(400, 'request body must be {"url": "<app url>", "arguments": {...}}')
            return body

        def _read_body(self, length: int) -> bytes:
            # The socket timeout bounds each wait; the deadline bounds the whole body (a byte every few seconds
            # would otherwise hold the thread for as long as the client likes).
            deadline = time.monotonic() + timeout
            chunks: list[bytes] = []
            remaining = length
            while remaining > 0:
                if time.monotonic() > deadline:
                    raise TimeoutError("request body too slow")
                chunk = self.rfile.read1(remaining)
                if not chunk:
                    raise BadRequest(400, f"request body ended after {length - remaining} of {length} bytes")
                chunks.append(chunk)
                remaining -= len(chunk)
            return b"".join(chunks)

        def _checked_decision(self, decided: Any) -> Arguments:
            try:
                return parse_arguments(decided, "decide_arguments()")
            except BadRequest as error:
                raise TypeError(f"decide_arguments() must return arguments or None: {error}") from error

        def _reply(self, status: int, body: dict[str, Any] | None) -> None:
            if status >= 400:
                # Whatever the client still sends (an unread body) must not be read as the next request.
                self.close_connection = True
            try:
                self.send_response(status)
                origin = self.headers.get("Origin")
                if origin is not None and origin in allowed_origins:
                    self.send_header("Access-Control-Allow-Origin", origin)
                    # The tokenProvider sends the user's cookies (credentials: "include"); without this header the
                    # browser hides the answer from the page.
                    self.send_header("Access-Control-Allow-Credentials", "true")
                    self.send_header("Access-Control-Allow-Methods", "POST")
                    self.send_header("Access-Control-Allow-Headers", "Content-Type")
                self.send_header("Vary", "Origin")
                self.send_header("Cache-Control", "no-store")
                data = b"" if body is None else json.dumps(body).encode("utf-8")
                if body is not None:
                    self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (TimeoutError, ConnectionError):
                self.close_connection = True

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base class's name)
            sys.stderr.write(f"token server: {format % args}\n")

    return TokenHandler


def _traceback() -> str:
    import traceback

    return traceback.format_exc()


def make_server(address: str, port: int, handler: type[BaseHTTPRequestHandler]) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer((address, port), handler)
    server.daemon_threads = True
    return server


def main(argv: list[str] | None = None, decide: Decide = decide_arguments) -> None:
    """Runs the endpoint. To deploy with your own rules without editing this file: ``main(decide=your_function)``."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--port", type=int, default=5007, help="0 picks a free port (printed on start)")
    parser.add_argument("--address", default="127.0.0.1")
    parser.add_argument("--allow-origin", action="append", default=[], help="a page origin, e.g. http://localhost:5173")
    parser.add_argument("--app-url", action="append", default=[], help="only mint tokens for these app URLs")
    parser.add_argument("--expiration", type=int, default=300, help="token lifetime in seconds (checked on connect)")
    parser.add_argument("--timeout", type=float, default=SOCKET_TIMEOUT_SECONDS, help="socket timeout in seconds")
    parser.add_argument(
        "--demo-sign-requested-arguments",
        action="store_true",
        help="DEMO ONLY: sign whatever arguments the page asks for (anyone can then get a token for anything)",
    )
    options = parser.parse_args(argv)

    secret_key = os.environ.get("BOKEH_SECRET_KEY", "")
    if len(secret_key) < 32:
        sys.exit("Set BOKEH_SECRET_KEY to the Bokeh server's secret (at least 32 characters; `bokeh secret` makes one).")
    if options.demo_sign_requested_arguments:
        decide = demo_sign_requested_arguments
        print("DEMO MODE: signing whatever arguments pages ask for. Never deploy this.", file=sys.stderr, flush=True)
    try:
        handler = make_handler(
            secret_key,
            set(options.allow_origin),
            set(options.app_url),
            options.expiration,
            decide=decide,
            timeout=options.timeout,
        )
    except BadRequest as error:
        sys.exit(f"--app-url: {error}")
    server = make_server(options.address, options.port, handler)
    print(f"Token server listening on http://{options.address}:{server.server_address[1]}/token", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
