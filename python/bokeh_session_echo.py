"""Echo a Bokeh server session's request arguments back to ``<bokeh-session>``.

Call ``echo_arguments(curdoc())`` in a Bokeh app. It adds a ColumnDataSource named ``bokeh-session-echo`` with two
string columns, ``name`` and ``value``, one row per received value, which the element reads and compares with the
arguments it sent. It needs nothing but Bokeh. The source is not visual: BokehJS renders only roots with views.
"""

from __future__ import annotations

from bokeh.document import Document
from bokeh.models import ColumnDataSource

__all__ = ["ECHO_SOURCE_NAME", "decode_arguments", "echo_arguments"]

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
    context = doc.session_context
    arguments = context.request.arguments if context is not None and context.request is not None else {}
    decoded = decode_arguments(arguments)
    names = [name for name, values in decoded.items() for _ in values]
    values = [value for values in decoded.values() for value in values]
    doc.add_root(ColumnDataSource(name=ECHO_SOURCE_NAME, data={"name": names, "value": values}))
    return decoded


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
