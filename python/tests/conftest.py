from __future__ import annotations

import weakref
from types import SimpleNamespace

import pytest
from bokeh.document import Document


class _Context:
    """Stands in for Bokeh's SessionContext: only ``request.arguments`` is read."""

    def __init__(self, arguments: dict[str, list[bytes]]) -> None:
        self.request = SimpleNamespace(arguments=arguments)


@pytest.fixture
def session_doc():
    """Returns a function that makes a Document as a session opened with these raw request arguments sees it."""
    contexts: list[_Context] = []

    def make(arguments: dict[str, list[bytes]]) -> Document:
        doc = Document()
        context = _Context(arguments)
        contexts.append(context)  # the document holds only a weak reference
        doc._session_context = weakref.ref(context)
        return doc

    return make
