"""Echo a Bokeh server session's request arguments back to ``<bokeh-session>``.

Call ``echo_arguments(curdoc())`` in a Bokeh app. It adds a ColumnDataSource named ``bokeh-session-echo`` with two
string columns, ``name`` and ``value``, one row per received value, which the element reads and compares with the
arguments it sent. It needs nothing but Bokeh. The source is not visual: BokehJS renders only roots with views.
"""

from __future__ import annotations

from bokeh.document import Document
from bokeh.models import ColumnDataSource

__all__ = ["ECHO_SOURCE_NAME", "decode_arguments", "echo_arguments", "echo_columns", "request_arguments"]

ECHO_SOURCE_NAME = "bokeh-session-echo"


def decode_arguments(arguments: dict[str, list[bytes]]) -> dict[str, list[str]]:
    """Decodes ``request.arguments`` as UTF-8 text.

    Tornado hands keys over decoded as latin-1 and values as raw bytes, so ``{"é": ["ü"]}`` sent by the browser
    arrives as ``{"Ã©": [b"\\xc3\\xbc"]}``: both are re-decoded here.
    """
    decoded: dict[str, list[str]] = {}
    for key, values in arguments.items():
        name = _redecode_key(key)
        decoded.setdefault(name, []).extend(
            _utf8(value) if isinstance(value, bytes) else str(value) for value in values
        )
    return decoded


def echo_arguments(doc: Document) -> dict[str, list[str]]:
    """Adds the echo source to ``doc`` and returns the decoded arguments, for the app's own use."""
    decoded = request_arguments(doc)
    doc.add_root(ColumnDataSource(name=ECHO_SOURCE_NAME, data=echo_columns(decoded)))
    return decoded


def request_arguments(doc: Document) -> dict[str, list[str]]:
    """The decoded arguments of the request that opened ``doc``'s session (empty outside a server session).

    Bokeh reads them once, when the session is created: later changes reach an app only through
    ``live_arguments``.
    """
    context = doc.session_context
    arguments = context.request.arguments if context is not None and context.request is not None else {}
    return decode_arguments(arguments)


def echo_columns(arguments: dict[str, list[str]]) -> dict[str, list[str]]:
    """The echo source's data: one row per value, in the columns ``name`` and ``value``."""
    names = [name for name, values in arguments.items() for _ in values]
    values = [value for values in arguments.values() for value in values]
    return {"name": names, "value": values}


def _redecode_key(key: str) -> str:
    # Keys from the URL arrive latin-1-decoded; keys from a signed token's payload arrive as real text. Only the
    # former survives a round trip through latin-1 as valid UTF-8, so anything else is kept as it is.
    try:
        return key.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return key


def _utf8(data: bytes) -> str:
    # Invalid UTF-8 becomes U+FFFD rather than failing the session: the element then shows the difference.
    return data.decode("utf-8", errors="replace")
