"""The Python side of ``<bokeh-session>``.

In the Bokeh app:

- ``echo_arguments(doc)`` echoes the arguments a session was opened with, for the element to compare.
- ``live_arguments(doc, on_change)`` does the same and lets the page change them in the running session (and the
  app change them on the page): see docs/live-arguments.md.

In your backend, when the Bokeh server signs session ids (see docs/deploy.md):

- ``signed_session_token(arguments)`` mints one token for the element's ``tokenProvider``.
- ``bokeh_session.flask.TokenBlueprint``, ``bokeh_session.fastapi.TokenRouter`` and
  ``bokeh_session.django.TokenView`` answer the provider's requests, all by the rules of ``TokenEndpoint``;
  ``python -m bokeh_session.token_server`` does it without a framework.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Imported on first use (PEP 562): a backend that only mints tokens does not load bokeh.models and the document
# machinery that the app side needs (several times the import time of bokeh.util.token).
_EXPORTS = {
    "ECHO_SOURCE_NAME": "bokeh_session.echo",
    "decode_arguments": "bokeh_session.echo",
    "echo_arguments": "bokeh_session.echo",
    "REQUEST_SOURCE_NAME": "bokeh_session.live",
    "LiveArguments": "bokeh_session.live",
    "live_arguments": "bokeh_session.live",
    "MAX_BODY_BYTES": "bokeh_session.endpoint",
    "Reply": "bokeh_session.endpoint",
    "TokenEndpoint": "bokeh_session.endpoint",
    "TokenRequest": "bokeh_session.endpoint",
    "Arguments": "bokeh_session.tokens",
    "TokenError": "bokeh_session.tokens",
    "TokenRefused": "bokeh_session.tokens",
    "normalize_app_url": "bokeh_session.tokens",
    "signed_session_token": "bokeh_session.tokens",
}

if TYPE_CHECKING:
    from bokeh_session.echo import ECHO_SOURCE_NAME, decode_arguments, echo_arguments
    from bokeh_session.endpoint import MAX_BODY_BYTES, Reply, TokenEndpoint, TokenRequest
    from bokeh_session.live import REQUEST_SOURCE_NAME, LiveArguments, live_arguments
    from bokeh_session.tokens import Arguments, TokenError, TokenRefused, normalize_app_url, signed_session_token


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'bokeh_session' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])


# The npm package's version (package.json), read by setuptools as a literal: keep it one assignment of a string.
__version__ = "0.1.0"

__all__ = [
    "ECHO_SOURCE_NAME",
    "MAX_BODY_BYTES",
    "REQUEST_SOURCE_NAME",
    "Arguments",
    "LiveArguments",
    "Reply",
    "TokenEndpoint",
    "TokenError",
    "TokenRefused",
    "TokenRequest",
    "__version__",
    "decode_arguments",
    "echo_arguments",
    "live_arguments",
    "normalize_app_url",
    "signed_session_token",
]
