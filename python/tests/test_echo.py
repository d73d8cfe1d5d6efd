from __future__ import annotations

from bokeh.document import Document

import bokeh_session
import bokeh_session_echo
from bokeh_session import ECHO_SOURCE_NAME, decode_arguments, echo_arguments


def test_decode_arguments_redecodes_latin1_keys_and_utf8_values():
    assert decode_arguments({"Ã©": [b"\xc3\xbc"], "N": [b"1", b"2"]}) == {"é": ["ü"], "N": ["1", "2"]}


def test_decode_arguments_keeps_keys_that_are_real_text_and_replaces_invalid_utf8():
    assert decode_arguments({"日本": [b"\xff"]}) == {"日本": ["\ufffd"]}


def test_echo_arguments_adds_one_row_per_value(session_doc):
    doc = session_doc({"N": [b"10"], "k": [b"a", b"b"]})
    assert echo_arguments(doc) == {"N": ["10"], "k": ["a", "b"]}
    source = doc.get_model_by_name(ECHO_SOURCE_NAME)
    assert source.data == {"name": ["N", "k", "k"], "value": ["10", "a", "b"]}
    # Not live: the element rebuilds the session when the arguments change.
    assert source.tags == []


def test_echo_arguments_outside_a_server_session_echoes_nothing():
    doc = Document()
    assert echo_arguments(doc) == {}
    assert doc.get_model_by_name(ECHO_SOURCE_NAME).data == {"name": [], "value": []}


def test_the_old_module_name_is_an_alias():
    assert bokeh_session_echo.echo_arguments is bokeh_session.echo_arguments
    assert bokeh_session_echo.decode_arguments is bokeh_session.decode_arguments
