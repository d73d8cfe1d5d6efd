"""Signed session tokens for ``<bokeh-session>``, built on Bokeh's own ``bokeh.util.token``.

A Bokeh server started with signed session ids (``BOKEH_SIGN_SESSIONS=yes`` or ``--session-ids external-signed``)
accepts only tokens signed with its ``BOKEH_SECRET_KEY``. The browser must never hold that secret, so your backend
mints one token per connect: ``signed_session_token(arguments)``. The arguments travel *inside* the signed token, and
the server hands the app those instead of the websocket URL's query, so the app receives what your backend decided,
whatever the page sent.

This module is the pure part (no HTTP): the token, the checks of argument names and values, and the normal form of
app URLs. ``bokeh_session.endpoint`` adds the HTTP rules that every framework adapter shares.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Union
from urllib.parse import urlsplit, urlunsplit

from bokeh.settings import settings
from bokeh.util.token import generate_jwt_token, generate_session_id

Arguments = dict[str, list[str]]
"""A session's arguments as the app reads them (decoded): ``{"N": ["10"], "k": ["a", "b"]}``."""

ArgumentsInput = Mapping[str, Union[str, Sequence[str]]]
"""What you may pass: a string per name, or a list of strings (the key sent once per item)."""

MIN_SECRET_KEY_LENGTH = 32
"""Bokeh's own ``bokeh secret`` makes 44 characters; shorter keys are refused as guessable."""

DEFAULT_EXPIRATION_SECONDS = 300
"""How long a token may wait before its websocket opens (Bokeh checks it once, on connect; not the session's life)."""


class TokenError(Exception):
    """A request that gets no token, with the HTTP status and a message that says why and what to do."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class TokenRefused(TokenError):
    """Raise it from your ``decide`` function to refuse with your own reason (``"your login expired"``).

    Returning ``None`` refuses too, with a generic message. The status is 403 unless you pass another (401).
    """

    def __init__(self, message: str, status: int = 403) -> None:
        super().__init__(status, message)


def resolve_secret_key(secret_key: str | bytes | None) -> bytes:
    """The secret as bytes: the one given, else ``BOKEH_SECRET_KEY`` (as Bokeh reads it); refuses a short one."""
    # secret_key(), not secret_key_bytes(), which caches the first value it read.
    key = settings.secret_key() if secret_key is None else secret_key
    if isinstance(key, str):
        key = key.encode("utf-8")
    if key is None or len(key) < MIN_SECRET_KEY_LENGTH:
        raise ValueError(
            "No usable secret key: pass secret_key=... or set BOKEH_SECRET_KEY to the Bokeh server's secret "
            f"(at least {MIN_SECRET_KEY_LENGTH} characters; `bokeh secret` makes one)."
        )
    return key


def check_text(text: str, where: str) -> str:
    """Refuses a string that has no UTF-8 encoding (a lone surrogate from a JSON ``\\ud800`` escape)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise TokenError(400, f"{where} contains a lone surrogate, which has no UTF-8 encoding") from error
    return text


def parse_arguments(value: object, where: str = "arguments") -> Arguments:
    """``{"N": "10", "k": ["a", "b"]}`` (the element sends lists) -> ``{"N": ["10"], "k": ["a", "b"]}``.

    Names must be non-empty and must not start with ``bokeh-`` (Bokeh's own parameters); values must be strings.
    """
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise TokenError(400, f'"{where}" must be an object of strings, got {type(value).__name__}')
    parsed: Arguments = {}
    for key, item in value.items():
        if not isinstance(key, str):
            raise TokenError(400, f"{where} has a name that is not a string: {key!r}")
        check_text(key, f"{where} key {key!r}")
        if key == "" or key.startswith("bokeh-"):
            raise TokenError(400, f"argument name {key!r} is empty or reserved by Bokeh (bokeh-*)")
        values = list(item) if isinstance(item, (list, tuple)) else [item]
        if not all(isinstance(text, str) for text in values):
            raise TokenError(400, f"{where}.{key} must be a string or a list of strings")
        parsed[key] = [check_text(text, f"{where}.{key}") for text in values]
    return parsed


def signed_session_token(
    arguments: ArgumentsInput,
    *,
    secret_key: str | bytes | None = None,
    expiration: int = DEFAULT_EXPIRATION_SECONDS,
    headers: Mapping[str, str] | None = None,
    cookies: Mapping[str, str] | None = None,
) -> str:
    """A fresh signed session id in a token whose payload carries these arguments.

    ``secret_key`` defaults to ``BOKEH_SECRET_KEY``. ``expiration`` (seconds) bounds the wait until the websocket
    opens. ``headers`` and ``cookies``, when given, replace what the app reads as
    ``session_context.request.headers`` / ``.cookies`` (as Bokeh's own ``server_session`` embed does); by default
    the app sees the websocket request's own.

    A token is not bound to an app: every app of every Bokeh server with the same secret accepts it. The arguments
    are what makes it yours: decide them from the user you authenticated, never from the page alone.
    """
    key = resolve_secret_key(secret_key)
    checked = parse_arguments(arguments)
    payload: dict[str, object] = {
        # Always present, even when empty: without it the server would fall back to the URL's query. As bytes, the
        # way Tornado hands URL arguments to the app.
        "arguments": {name: [text.encode("utf-8") for text in values] for name, values in checked.items()},
    }
    if headers is not None:
        payload["headers"] = dict(headers)
    if cookies is not None:
        payload["cookies"] = dict(cookies)
    session_id = generate_session_id(secret_key=key, signed=True)
    return generate_jwt_token(session_id, secret_key=key, signed=True, extra_payload=payload, expiration=expiration)


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
        raise TokenError(400, f"url {url!r} is not a valid URL") from error
    scheme = parts.scheme.lower()
    path = parts.path
    if scheme in ("ws", "wss"):
        scheme = "http" if scheme == "ws" else "https"
        path = re.sub(r"/ws/*$", "", path)
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        raise TokenError(400, f"url {url!r} is not an absolute http(s) URL of a Bokeh app")
    host = parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"
    netloc = host if port is None or port == _DEFAULT_PORTS[scheme] else f"{host}:{port}"
    return urlunsplit((scheme, netloc, path.rstrip("/"), "", ""))
