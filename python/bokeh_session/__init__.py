"""The app side of ``<bokeh-session>``.

- ``echo_arguments(doc)`` echoes the arguments a session was opened with, for the element to compare.
- ``live_arguments(doc, on_change)`` does the same and lets the page change them in the running session (and the
  app change them on the page): see docs/live-arguments.md.
"""

from bokeh_session.echo import ECHO_SOURCE_NAME, decode_arguments, echo_arguments
from bokeh_session.live import REQUEST_SOURCE_NAME, LiveArguments, live_arguments

__all__ = [
    "ECHO_SOURCE_NAME",
    "REQUEST_SOURCE_NAME",
    "LiveArguments",
    "decode_arguments",
    "echo_arguments",
    "live_arguments",
]
