"""Live arguments: the page changes a running session's arguments, and the app changes them on the page.

Two non-visual roots carry the protocol (docs/live-arguments.md):

- the echo source ``bokeh-session-echo`` (columns ``name``/``value``, as ``echo_arguments`` makes it) holds the
  arguments the app accepted; its ``tags`` hold ``{"bokeh_session": {"live": 1, "page_seq", "server_seq",
  "source", "error"}}``, which also tells the element that the app accepts live arguments;
- the request source ``bokeh-session-request``: the element asks for a change by setting its ``tags`` to
  ``[{"seq": n, "arguments": {name: [values]}}]``, one property change, so a request arrives whole.

Bokeh sends a change made in a callback to every connection, including the one whose PATCH-DOC triggered it (it
only leaves out that connection's own change), so the echo's change reaches the page that asked.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from bokeh.document import Document
from bokeh.models import ColumnDataSource

from bokeh_session.echo import ECHO_SOURCE_NAME, echo_columns, request_arguments

__all__ = ["LIVE_TAG", "PROTOCOL_VERSION", "REQUEST_SOURCE_NAME", "LiveArguments", "live_arguments"]

log = logging.getLogger(__name__)

REQUEST_SOURCE_NAME = "bokeh-session-request"
LIVE_TAG = "bokeh_session"
PROTOCOL_VERSION = 1
# The browser refuses more (src/core/arguments.ts MAX_FIELDS); a request with more did not come from it.
MAX_VALUES = 1000

Arguments = dict[str, list[str]]
OnChange = Callable[[Arguments], Any]


class LiveArguments:
    """The session's live arguments. Create it with ``live_arguments(doc, on_change)``."""

    def __init__(self, doc: Document, on_change: OnChange, initial: Arguments) -> None:
        self._doc = doc
        self._on_change = on_change
        self._arguments = _copy(initial)
        self._page_seq = 0
        self._server_seq = 0
        self._nodelay = False
        self._echo = ColumnDataSource(
            name=ECHO_SOURCE_NAME, data=echo_columns(initial), tags=[self._state("initial", None)]
        )
        self._request = ColumnDataSource(name=REQUEST_SOURCE_NAME, data={})
        self._request.on_change("tags", self._on_request)
        doc.add_root(self._echo)
        doc.add_root(self._request)

    @property
    def arguments(self) -> Arguments:
        """The arguments in force: those the session started with, then the last accepted change (a copy)."""
        return _copy(self._arguments)

    def update(self, mapping: Mapping[str, str | list[str]]) -> bool:
        """Sets the arguments from the app (values ``str`` or ``list[str]``); the page hears of it, ``on_change``
        is not called. Returns False, and sends nothing, when they are the arguments in force already (so a widget
        bound both ways does not echo a page change back as the app's own). Call it where the document may
        change: in a callback, or via ``add_next_tick_callback``."""
        arguments = _normalize(mapping)
        if arguments == self._arguments:
            return False
        self._arguments = arguments
        self._server_seq += 1
        self._publish("server", None, data=True)
        return True

    def _on_request(self, _attr: str, _old: Any, new: Any) -> None:
        # Before on_change: the app's own changes are written after this callback, and benefit too.
        self._disable_nagle()
        seq, arguments, problem = _parse_request(new)
        if seq is None or seq <= self._page_seq:
            # Not a request, or one already answered (a replay): nothing to answer.
            return
        self._page_seq = seq
        if problem is not None:
            self._publish("page", problem)
            return
        # In force while on_change runs: a widget it moves, bound back with update(), then finds nothing to send.
        previous, self._arguments = self._arguments, arguments
        try:
            self._on_change(_copy(arguments))
        except ValueError as error:
            # A ValueError is the app saying "no" to the user: its message is meant for the page.
            self._arguments = previous
            self._publish("page", str(error) or "The app refused these arguments.")
            return
        except Exception:
            # Anything else is a bug in the app: its details stay in the server's log.
            self._arguments = previous
            log.exception("live_arguments: on_change failed for %r", arguments)
            self._publish("page", "The app failed to apply these arguments (see the server's log).")
            return
        self._publish("page", None, data=True)

    def _publish(self, source: str, error: str | None, *, data: bool = False) -> None:
        self._disable_nagle()
        # Data first: the page reads the columns when the tags change.
        if data:
            self._echo.data = echo_columns(self._arguments)
        self._echo.tags = [self._state(source, error)]

    def _disable_nagle(self) -> None:
        """Sets TCP_NODELAY on the session's websockets, once they exist (not yet while the app script runs).

        Bokeh writes every message as several small websocket frames, and a change in place sends a few messages
        (the app's own changes, the echo's data, its tags): with Nagle's algorithm each frame after the first waits
        for the browser's delayed ACK (~40 ms), which is most of a live update's time on a fast network. Reaches
        into Bokeh's server objects, so anything unexpected leaves the socket as it was.
        """
        if self._nodelay:
            return
        context = self._doc.session_context
        session = getattr(context, "_session", None)
        for connection in getattr(session, "_subscribed_connections", ()):
            set_nodelay = getattr(getattr(connection, "_socket", None), "set_nodelay", None)
            if callable(set_nodelay):
                try:
                    set_nodelay(True)
                except Exception:  # a closed stream: nothing to speed up
                    log.debug("live_arguments: could not set TCP_NODELAY", exc_info=True)
                self._nodelay = True

    def _state(self, source: str, error: str | None) -> dict[str, Any]:
        return {
            LIVE_TAG: {
                "live": PROTOCOL_VERSION,
                "page_seq": self._page_seq,
                "server_seq": self._server_seq,
                "source": source,
                "error": error,
            }
        }


def live_arguments(doc: Document, on_change: OnChange) -> LiveArguments:
    """Adds the echo and the request source to ``doc`` and marks the session as accepting live arguments.

    ``on_change(arguments)`` is called with the decoded new arguments (``dict[str, list[str]]``) for every change
    the page asks for. They are client input, like any widget value: validate them there. Raise ``ValueError`` to
    refuse a change (its message reaches the page; any other exception is logged and the page gets a generic
    message); the echo then keeps the previous arguments.
    """
    return LiveArguments(doc, on_change, request_arguments(doc))


def _parse_request(tags: Any) -> tuple[int | None, Arguments, str | None]:
    """(seq, arguments, problem): seq None when the tags are no request at all."""
    if not isinstance(tags, list) or len(tags) != 1 or not isinstance(tags[0], dict):
        return None, {}, None
    request = tags[0]
    seq = request.get("seq")
    if isinstance(seq, bool) or not isinstance(seq, int):
        return None, {}, None
    raw = request.get("arguments")
    if not isinstance(raw, dict):
        return seq, {}, "The request carried no arguments object."
    try:
        arguments = _normalize(raw)
    except (TypeError, ValueError) as error:
        return seq, {}, str(error)
    if sum(len(values) for values in arguments.values()) > MAX_VALUES:
        return seq, {}, f"Too many argument values (more than {MAX_VALUES})."
    return seq, arguments, None


def _normalize(mapping: Mapping[str, Any]) -> Arguments:
    arguments: Arguments = {}
    for name, value in mapping.items():
        if not isinstance(name, str):
            raise TypeError(f"argument names must be strings, got {name!r}")
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, (list, tuple)) or not all(isinstance(item, str) for item in values):
            raise TypeError(f"argument {name!r} must be a string or a list of strings, got {value!r}")
        arguments[name] = list(values)
    return arguments


def _copy(arguments: Arguments) -> Arguments:
    return {name: list(values) for name, values in arguments.items()}
