"""A token endpoint without a web framework: Python's standard library HTTP server, by ``TokenEndpoint``'s rules.

For a deployment that has no Python backend of its own (a static site in front of Bokeh servers). With Flask,
FastAPI or Django, add their adapter to the app you have instead (see docs/deploy.md).

It refuses every request until you give it your rules: ``main(decide=your_function)``, where ``your_function``
gets a ``TokenRequest[StdlibRequest]`` (``request.http.cookies``, ``.headers``) and returns the arguments to sign
or ``None``. Then, beside the Bokeh server, with the same secret:

    export BOKEH_SECRET_KEY=$(bokeh secret)
    bokeh serve app.py --session-ids external-signed --allow-websocket-origin=www.example.com
    python your_token_server.py --port 5007 --allow-origin https://www.example.com --app-url https://www.example.com/app

For the tests and demos of this repository only, ``python -m bokeh_session.token_server
--demo-sign-requested-arguments`` signs whatever arguments the page asks for: anyone who can reach it then gets a
valid token for any arguments.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from email.message import Message
from http.cookies import CookieError, SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from bokeh_session.endpoint import MAX_BODY_BYTES, Decide, Decided, Reply, TokenEndpoint, TokenRequest
from bokeh_session.tokens import DEFAULT_EXPIRATION_SECONDS, TokenError

SOCKET_TIMEOUT_SECONDS = 10.0
"""A connection that sends nothing for this long is dropped, and a body must arrive within it: one slow client
must not hold a thread. (Framework servers have their own settings for this.)"""


@dataclass(frozen=True)
class StdlibRequest:
    """What this server knows of a request, for ``decide``: ``request.http.cookies["session"]``."""

    headers: Message
    """The HTTP headers (``Authorization``, ``Cookie``, ``Origin``); ``headers.get`` is case-insensitive."""
    cookies: SimpleCookie
    client_address: tuple[str, int]


def demo_sign_requested_arguments(request: TokenRequest[Any]) -> Decided:
    """DEMO ONLY (``--demo-sign-requested-arguments``): signs whatever arguments the page asked for.

    Anyone who can reach the endpoint gets a valid token for any arguments (edit ``el.arguments``, or curl), so the
    signature proves only that this endpoint was asked. Never deploy this.
    """
    return request.requested


class _BodyTooSlow(Exception):
    pass


def make_handler(endpoint: TokenEndpoint[StdlibRequest], timeout: float = SOCKET_TIMEOUT_SECONDS) -> type[BaseHTTPRequestHandler]:
    class TokenHandler(BaseHTTPRequestHandler):
        server_version = "bokeh-session-token-server"

        def setup(self) -> None:
            # StreamRequestHandler puts this timeout on the socket: a silent client is dropped instead of holding
            # its thread. HTTP/1.0 (the default) closes the connection after each answer, so nothing idles between
            # requests either.
            self.timeout = timeout  # type: ignore[misc]  # StreamRequestHandler reads it per instance
            super().setup()

        def handle_one_request(self) -> None:
            # Every method goes to the endpoint (BaseHTTPRequestHandler would answer 501 for those without do_*).
            try:
                super().handle_one_request()
            except (TimeoutError, ConnectionError, _BodyTooSlow):
                # A client that stalls mid-body, or leaves: nothing to answer, free the thread.
                self.close_connection = True

        def __getattr__(self, name: str) -> Any:
            if name.startswith("do_"):
                return self._answer
            raise AttributeError(name)

        def _answer(self) -> None:
            if self.path.split("?")[0] != "/token":
                reply = Reply(404, {"Content-Type": "application/json"}, b'{"error": "POST to /token"}')
            else:
                http = StdlibRequest(self.headers, self._cookies(), self.client_address)
                reply = endpoint.handle(http, self.command, self.headers.get, None, self._read_body)
            self._reply(reply)

        def _cookies(self) -> SimpleCookie:
            cookies = SimpleCookie()
            for header in self.headers.get_all("Cookie") or []:
                try:
                    cookies.load(header)
                except CookieError:
                    pass
            return cookies

        def _read_body(self, length: int) -> bytes:
            # The socket timeout bounds each wait; the deadline bounds the whole body (a byte every few seconds
            # would otherwise hold the thread for as long as the client likes).
            deadline = time.monotonic() + timeout
            chunks: list[bytes] = []
            remaining = length
            while remaining > 0:
                if time.monotonic() > deadline:
                    raise _BodyTooSlow()
                chunk = self.rfile.read1(remaining)
                if not chunk:
                    break  # the endpoint answers 400: the body ended early
                chunks.append(chunk)
                remaining -= len(chunk)
            return b"".join(chunks)

        def _reply(self, reply: Reply) -> None:
            if reply.status >= 400:
                # Whatever the client still sends (an unread body) must not be read as the next request.
                self.close_connection = True
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(reply.body)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base class's name)
            sys.stderr.write(f"token server: {format % args}\n")

    return TokenHandler


def make_server(address: str, port: int, handler: type[BaseHTTPRequestHandler]) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer((address, port), handler)
    server.daemon_threads = True
    return server


def main(argv: list[str] | None = None, decide: Decide[StdlibRequest] | None = None) -> None:
    """Runs the endpoint with your rules: ``main(decide=your_function)``; without them it refuses every request."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--port", type=int, default=5007, help="0 picks a free port (printed on start)")
    parser.add_argument("--address", default="127.0.0.1")
    parser.add_argument("--allow-origin", action="append", default=[], help="a page origin, e.g. http://localhost:5173")
    parser.add_argument("--app-url", action="append", default=[], help="only mint tokens for these app URLs")
    parser.add_argument("--expiration", type=int, default=DEFAULT_EXPIRATION_SECONDS, help="token lifetime in seconds")
    parser.add_argument("--timeout", type=float, default=SOCKET_TIMEOUT_SECONDS, help="socket timeout in seconds")
    parser.add_argument(
        "--demo-sign-requested-arguments",
        action="store_true",
        help="DEMO ONLY: sign whatever arguments the page asks for (anyone can then get a token for anything)",
    )
    options = parser.parse_args(argv)
    if options.demo_sign_requested_arguments:
        decide = demo_sign_requested_arguments
        print("DEMO MODE: signing whatever arguments pages ask for. Never deploy this.", file=sys.stderr, flush=True)
    try:
        endpoint: TokenEndpoint[StdlibRequest] = TokenEndpoint(
            decide,
            app_urls=options.app_url,
            allowed_origins=options.allow_origin,
            expiration=options.expiration,
            max_body_bytes=MAX_BODY_BYTES,
        )
    except (TokenError, ValueError) as error:
        sys.exit(str(error))
    server = make_server(options.address, options.port, make_handler(endpoint, options.timeout))
    print(f"Token server listening on http://{options.address}:{server.server_address[1]}/token", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
