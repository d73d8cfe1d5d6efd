"""The token endpoint's rules, once, for every framework: which requests get a token, and what every other gets.

``<bokeh-session>``'s ``tokenProvider`` POSTs ``{"url": <app url>, "arguments": {...}}`` and wants
``{"token": ...}`` back. ``TokenEndpoint`` answers it: methods, body size, JSON, CORS, the app allowlist, and your
``decide`` function, which says which arguments a request gets. The adapters (``bokeh_session.flask``,
``.fastapi``, ``.django``, ``.token_server``) only translate their framework's request into ``handle`` and the
``Reply`` back, so a rule changed here changes for all of them.
"""

from __future__ import annotations

import inspect
import json
import logging
import re
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypedDict, TypeVar, Union

from bokeh_session.tokens import (
    DEFAULT_EXPIRATION_SECONDS,
    Arguments,
    ArgumentsInput,
    TokenError,
    check_text,
    normalize_app_url,
    parse_arguments,
    resolve_secret_key,
    signed_session_token,
)

if TYPE_CHECKING:  # only for type checkers (the annotations are strings at run time): no dependency
    from typing_extensions import Unpack

MAX_BODY_BYTES = 64 * 1024
"""The largest request body read; a longer one gets 413 without being read."""

R = TypeVar("R")
"""The framework's own request type (``flask.Request``, ``starlette.requests.Request``, Django's ``HttpRequest``)."""

log = logging.getLogger("bokeh_session")


@dataclass(frozen=True)
class TokenRequest(Generic[R]):
    """What your ``decide`` function gets: the framework's request (who asks) and what the page asked for."""

    app_url: str
    """The app URL the page asked a token for, normalized (see ``normalize_app_url``)."""
    requested: Arguments
    """The arguments the page asked for. Untrusted: the user can send anything here."""
    http: R
    """Your framework's own request object: its cookies, headers, session and user are how you know who asks."""


Decided = Union[ArgumentsInput, None]
Decide = Callable[[TokenRequest[R]], Decided]
AsyncDecide = Callable[[TokenRequest[R]], Union[Decided, Awaitable[Decided]]]
D = TypeVar("D", bound=Callable[..., Any])
"""A decide function, as the ``decide`` decorator returns it unchanged."""


@dataclass(frozen=True)
class Reply:
    """An answer, ready for any framework: status, headers and the body's bytes."""

    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


class EndpointOptions(TypedDict, total=False):
    """The options of ``TokenEndpoint`` that every adapter passes on as they are (see ``TokenEndpoint``)."""

    app_urls: Iterable[str]
    allowed_origins: Iterable[str]
    secret_key: str | bytes | None
    expiration: int
    max_body_bytes: int


Header = Callable[[str], Union[str, None]]
"""Reads one request header by name, case-insensitively; ``None`` when absent."""


def _origin_form(url: str) -> str:
    """``HTTP://Host:80/`` -> ``http://host``: origins as browsers send them, for comparison."""
    match = re.fullmatch(r"(?i)(https?)://([^/:]+|\[[^\]]+\])(?::(\d+))?/?", url.strip())
    if match is None:
        return url
    scheme, host, port = match.group(1).lower(), match.group(2).lower(), match.group(3)
    default = "80" if scheme == "http" else "443"
    return f"{scheme}://{host}" if port in (None, default) else f"{scheme}://{host}:{port}"


class TokenEndpoint(Generic[R]):
    """Answers token requests. Refuses every one (403) until ``decide`` is given, so that nothing signs what a page
    asks for by accident.

    - ``decide(request)``: return the arguments to sign (``{"user": "alice", "N": "10"}``), or ``None`` (or raise
      ``TokenRefused("why")``) to refuse. Also usable as a decorator: ``@endpoint.decide``.
    - ``app_urls``: only these apps (compared normalized); empty: any app of the servers holding the secret.
    - ``allowed_origins``: other sites' pages that may ask (CORS, with credentials). The server's own pages may
      always ask; other browsers' origins get 403. Callers without an ``Origin`` (curl, your backend) are not
      refused for it: ``decide`` decides what they get.
    - ``secret_key``: defaults to ``BOKEH_SECRET_KEY``; checked now, so a missing secret fails at start-up.
    """

    def __init__(
        self,
        decide: AsyncDecide[R] | None = None,
        *,
        app_urls: Iterable[str] = (),
        allowed_origins: Iterable[str] = (),
        secret_key: str | bytes | None = None,
        expiration: int = DEFAULT_EXPIRATION_SECONDS,
        max_body_bytes: int = MAX_BODY_BYTES,
    ) -> None:
        self._decide = decide
        self.secret_key = resolve_secret_key(secret_key)
        self.app_urls = frozenset(normalize_app_url(url) for url in app_urls)
        self.allowed_origins = frozenset(_origin_form(origin) for origin in allowed_origins)
        self.expiration = expiration
        self.max_body_bytes = max_body_bytes

    def decide(self, function: D) -> D:
        """Sets the function that decides each request's arguments; returns it, so it works as a decorator."""
        self._decide = function
        return function

    # -- the phases every adapter goes through: head, body, decision -------------------------------------------------

    def handle(self, http: R, method: str, header: Header, own_origin: str | None, read_body: Callable[[int], bytes]) -> Reply:
        """The whole exchange, for synchronous frameworks (Flask, Django, the stdlib server)."""
        cors = self._cors_headers(header("Origin"))
        length = self._head(method, header, own_origin, cors)
        if isinstance(length, Reply):
            return length
        # Outside the try: a client that stalls or leaves mid-body is the adapter's (its server's) to drop.
        data = read_body(length)
        try:
            request = self._parse_body(http, header, own_origin, data, length)
            if inspect.iscoroutinefunction(self._decide):
                raise TypeError("decide() is async: only the FastAPI adapter awaits it; write a plain function")
            return self._mint(self._call_decide(request), cors)
        except TokenError as error:
            return self._error(error, cors)
        except Exception:  # noqa: BLE001 (a bug in decide must answer, and go to the log, not to the caller)
            return self._internal_error(cors)

    async def handle_async(
        self,
        http: R,
        method: str,
        header: Header,
        own_origin: str | None,
        read_body: Callable[[int], Awaitable[bytes]],
        run_sync: Callable[[Callable[[], Decided]], Awaitable[Decided]],
    ) -> Reply:
        """The same for asynchronous frameworks: a plain ``decide`` runs through ``run_sync`` (a thread pool), so a
        blocking user lookup does not stall the event loop; an ``async def decide`` is awaited."""
        cors = self._cors_headers(header("Origin"))
        length = self._head(method, header, own_origin, cors)
        if isinstance(length, Reply):
            return length
        data = await read_body(length)
        try:
            request = self._parse_body(http, header, own_origin, data, length)
            if self._decide is not None and not inspect.iscoroutinefunction(self._decide):
                decided = await run_sync(lambda: self._call_decide(request))
            else:
                decided = self._call_decide(request)
            if inspect.isawaitable(decided):
                decided = await decided
            return self._mint(decided, cors)
        except TokenError as error:
            return self._error(error, cors)
        except Exception:  # noqa: BLE001
            return self._internal_error(cors)

    def _head(self, method: str, header: Header, own_origin: str | None, cors: dict[str, str]) -> int | Reply:
        try:
            return self._check_head(method, header, own_origin)
        except TokenError as error:
            return self._error(error, cors)

    def _check_head(self, method: str, header: Header, own_origin: str | None) -> int | Reply:
        """The request line and headers: a reply for everything that needs no body, else the body's length."""
        origin = header("Origin")
        if method == "OPTIONS":  # CORS preflight: the element's provider sends JSON, which needs one.
            return Reply(204, self._base_headers(origin))
        if method != "POST":
            raise _MethodNotAllowed()
        if origin is not None and _origin_form(origin) not in self.allowed_origins:
            if own_origin is None or _origin_form(origin) != _origin_form(own_origin):
                # Other sites' pages could otherwise fetch tokens with the user's cookies.
                raise TokenError(403, f"origin {origin!r} is not allowed: add it to allowed_origins")
        if header("Transfer-Encoding") is not None:
            raise TokenError(411, "send the body with a Content-Length, not chunked")
        declared = header("Content-Length")
        declared = "0" if declared is None else declared.strip()
        if not re.fullmatch(r"[0-9]{1,12}", declared):
            raise TokenError(400, f"Content-Length {declared!r} is not a non-negative number")
        length = int(declared)
        if length > self.max_body_bytes:
            raise TokenError(413, f"request body over {self.max_body_bytes} bytes")
        return length

    def _parse_body(self, http: R, header: Header, own_origin: str | None, data: bytes, length: int) -> TokenRequest[R]:
        if len(data) != length:
            raise TokenError(400, f"request body ended after {len(data)} of {length} bytes")
        try:
            body = json.loads(data)
        except (ValueError, RecursionError) as error:
            raise TokenError(400, f"request body is not JSON: {error}") from error
        url = body.get("url") if isinstance(body, dict) else None
        if not isinstance(url, str):
            raise TokenError(400, 'request body must be {"url": "<app url>", "arguments": {...}}')
        app_url = normalize_app_url(check_text(url, "url"), header("Origin") or own_origin)
        if self.app_urls and app_url not in self.app_urls:
            raise TokenError(403, f"no tokens for app {app_url!r}: allowed are {sorted(self.app_urls)}")
        return TokenRequest(app_url=app_url, requested=parse_arguments(body.get("arguments")), http=http)

    def _call_decide(self, request: TokenRequest[R]) -> Any:
        if self._decide is None:
            raise TokenError(
                403,
                "no token: no decide function says which arguments a request gets (every request is refused until "
                "you give one; see docs/deploy.md)",
            )
        return self._decide(request)

    def _mint(self, decided: Any, cors: dict[str, str]) -> Reply:
        if decided is None:
            raise TokenError(403, "no token: decide() refused this request")
        try:
            arguments = parse_arguments(decided, "decide()")
        except TokenError as error:
            raise TypeError(f"decide() must return arguments or None: {error}") from error
        token = signed_session_token(arguments, secret_key=self.secret_key, expiration=self.expiration)
        return self._json(200, {"token": token}, cors)

    # -- replies -----------------------------------------------------------------------------------------------------

    def _cors_headers(self, origin: str | None) -> dict[str, str]:
        if origin is None or _origin_form(origin) not in self.allowed_origins:
            return {}
        return {
            "Access-Control-Allow-Origin": origin,
            # The tokenProvider sends the user's cookies (credentials: "include"); without this header the browser
            # hides the answer from the page.
            "Access-Control-Allow-Credentials": "true",
            "Access-Control-Allow-Methods": "POST",
            "Access-Control-Allow-Headers": "Content-Type",
        }

    def _base_headers(self, origin: str | None) -> dict[str, str]:
        return {**self._cors_headers(origin), "Vary": "Origin", "Cache-Control": "no-store"}

    def _json(self, status: int, body: dict[str, str], cors: dict[str, str]) -> Reply:
        headers = {**cors, "Vary": "Origin", "Cache-Control": "no-store", "Content-Type": "application/json"}
        return Reply(status, headers, json.dumps(body).encode("utf-8"))

    def _error(self, error: TokenError, cors: dict[str, str]) -> Reply:
        reply = self._json(error.status, {"error": error.message}, cors)
        if isinstance(error, _MethodNotAllowed):
            reply.headers["Allow"] = "POST, OPTIONS"
        return reply

    def _internal_error(self, cors: dict[str, str]) -> Reply:
        log.exception("bokeh_session: decide() or minting the token failed")
        return self._json(500, {"error": "internal error while deciding the token (see the server's log)"}, cors)


class _MethodNotAllowed(TokenError):
    def __init__(self) -> None:
        super().__init__(405, "POST the token request (OPTIONS for the CORS preflight)")
