"""A token endpoint for ``<bokeh-session>`` when the Bokeh server signs session ids.

With ``BOKEH_SIGN_SESSIONS=yes`` a Bokeh server accepts only session ids and tokens signed with its
``BOKEH_SECRET_KEY``. A browser must never hold that secret, so the page asks a backend for each token: this is
that backend, with nothing but the standard library and ``bokeh.util.token``. The element's ``tokenProvider``
POSTs ``{"url": ..., "arguments": {...}}`` here for every connect and reconnect and gets ``{"token": ...}`` back.

The arguments go *inside* the signed token (``extra_payload={"arguments": ...}``). The server then hands the app
the token's arguments instead of the websocket URL's query, so arguments edited in the browser never reach the
app, and editing the token breaks its signature. Decide in ``decide_arguments`` what a caller may ask for.

Run it beside the Bokeh server, with the same secret:

    export BOKEH_SECRET_KEY=$(bokeh secret)
    BOKEH_SIGN_SESSIONS=yes bokeh serve demo/apps/echo.py --allow-websocket-origin=localhost:5173
    python demo/token_server.py --port 5007 --allow-origin http://localhost:5173
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from bokeh.util.token import generate_jwt_token, generate_session_id

MAX_BODY_BYTES = 64 * 1024


class BadRequest(Exception):
    """The request cannot be served; the message says why and goes back to the caller."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def decide_arguments(requested: dict[str, list[str]], headers: Any) -> dict[str, list[str]]:
    """The arguments the session will get. This is where your backend applies its own rules.

    A real backend would take them from the logged-in user (``headers`` has the cookies), or reject keys the user
    may not set. This demo signs what was asked for, after checking its shape.
    """
    return requested


def parse_arguments(value: Any) -> dict[str, list[str]]:
    """``{"N": "10", "k": ["a", "b"]}`` (the element sends lists) -> ``{"N": ["10"], "k": ["a", "b"]}``."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise BadRequest(400, f'"arguments" must be an object of strings, got {type(value).__name__}')
    parsed: dict[str, list[str]] = {}
    for key, item in value.items():
        values = item if isinstance(item, list) else [item]
        if key == "" or key.startswith("bokeh-"):
            raise BadRequest(400, f"argument name {key!r} is empty or reserved by Bokeh (bokeh-*)")
        if not all(isinstance(text, str) for text in values):
            raise BadRequest(400, f"arguments.{key} must be a string or a list of strings")
        parsed[key] = values
    return parsed


def mint_token(secret_key: str, arguments: dict[str, list[str]], expiration: int) -> str:
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


def make_handler(secret_key: str, allowed_origins: set[str], app_urls: set[str], expiration: int) -> type:
    class TokenHandler(BaseHTTPRequestHandler):
        server_version = "bokeh-session-token-server"

        def do_OPTIONS(self) -> None:  # CORS preflight: the element sends JSON, which needs one.
            self._reply(204, None)

        def do_POST(self) -> None:
            try:
                if self.path.split("?")[0] != "/token":
                    raise BadRequest(404, "POST to /token")
                if not self._origin_allowed():
                    raise BadRequest(403, f"origin {self.headers.get('Origin')!r} is not allowed: add --allow-origin")
                request = self._read_json()
                url = request.get("url")
                if app_urls and url not in app_urls:
                    raise BadRequest(403, f"no tokens for app {url!r}: allowed are {sorted(app_urls)}")
                arguments = decide_arguments(parse_arguments(request.get("arguments")), self.headers)
                self._reply(200, {"token": mint_token(secret_key, arguments, expiration)})
            except BadRequest as error:
                self._reply(error.status, {"error": str(error)})

        def _origin_allowed(self) -> bool:
            # Pages of other sites could otherwise fetch tokens with the user's cookies. Same-origin requests and
            # non-browser callers send no Origin header.
            origin = self.headers.get("Origin")
            return origin is None or origin in allowed_origins

        def _read_json(self) -> dict[str, Any]:
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY_BYTES:
                raise BadRequest(413, f"request body over {MAX_BODY_BYTES} bytes")
            try:
                body = json.loads(self.rfile.read(length) or b"{}")
            except ValueError as error:
                raise BadRequest(400, f"request body is not JSON: {error}") from error
            if not isinstance(body, dict):
                raise BadRequest(400, 'request body must be {"url": ..., "arguments": {...}}')
            return body

        def _reply(self, status: int, body: dict[str, Any] | None) -> None:
            self.send_response(status)
            origin = self.headers.get("Origin")
            if origin is not None and origin in allowed_origins:
                self.send_header("Access-Control-Allow-Origin", origin)
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

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base class's name)
            sys.stderr.write(f"token server: {format % args}\n")

    return TokenHandler


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=5007, help="0 picks a free port (printed on start)")
    parser.add_argument("--address", default="127.0.0.1")
    parser.add_argument("--allow-origin", action="append", default=[], help="a page origin, e.g. http://localhost:5173")
    parser.add_argument("--app-url", action="append", default=[], help="only mint tokens for these app URLs")
    parser.add_argument("--expiration", type=int, default=300, help="token lifetime in seconds (checked on connect)")
    options = parser.parse_args()

    secret_key = os.environ.get("BOKEH_SECRET_KEY", "")
    if len(secret_key) < 32:
        sys.exit("Set BOKEH_SECRET_KEY to the Bokeh server's secret (at least 32 characters; `bokeh secret` makes one).")
    handler = make_handler(secret_key, set(options.allow_origin), set(options.app_url), options.expiration)
    server = ThreadingHTTPServer((options.address, options.port), handler)
    print(f"Token server listening on http://{options.address}:{server.server_address[1]}/token", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
