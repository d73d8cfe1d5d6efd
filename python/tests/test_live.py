from __future__ import annotations

import logging

import pytest

from bokeh_session import ECHO_SOURCE_NAME, REQUEST_SOURCE_NAME, live_arguments


def state(doc):
    return doc.get_model_by_name(ECHO_SOURCE_NAME).tags[0]["bokeh_session"]


def echoed(doc):
    return doc.get_model_by_name(ECHO_SOURCE_NAME).data


def send(doc, seq, arguments):
    """Applies a request exactly as BokehJS's PATCH-DOC carries it (a map of maps)."""
    request = doc.get_model_by_name(REQUEST_SOURCE_NAME)
    entries = [[name, values] for name, values in arguments.items()]
    doc.apply_json_patch(
        {
            "events": [
                {
                    "kind": "ModelChanged",
                    "model": {"id": request.id},
                    "attr": "tags",
                    "new": [{"type": "map", "entries": [["seq", seq], ["arguments", {"type": "map", "entries": entries}]]}],
                }
            ]
        }
    )


@pytest.fixture
def live(session_doc):
    doc = session_doc({"N": [b"10"]})
    calls = []

    def on_change(arguments):
        calls.append(arguments)
        if arguments.get("N") == ["bad"]:
            raise ValueError("N must be a number")
        if arguments.get("N") == ["crash"]:
            raise KeyError("secret internals")

    return doc, live_arguments(doc, on_change), calls


def test_marks_the_session_live_and_echoes_the_initial_arguments(live):
    doc, handle, calls = live
    assert handle.arguments == {"N": ["10"]}
    assert echoed(doc) == {"name": ["N"], "value": ["10"]}
    assert state(doc) == {"live": 1, "page_seq": 0, "server_seq": 0, "source": "initial", "error": None}
    assert doc.get_model_by_name(REQUEST_SOURCE_NAME) is not None
    assert calls == []


def test_a_page_request_calls_on_change_and_updates_the_echo(live):
    doc, handle, calls = live
    send(doc, 1, {"N": ["20"], "k": ["a", "b"]})
    assert calls == [{"N": ["20"], "k": ["a", "b"]}]
    assert handle.arguments == {"N": ["20"], "k": ["a", "b"]}
    assert echoed(doc) == {"name": ["N", "k", "k"], "value": ["20", "a", "b"]}
    assert state(doc) == {"live": 1, "page_seq": 1, "server_seq": 0, "source": "page", "error": None}


def test_a_value_error_refuses_the_change_with_its_message(live):
    doc, handle, _calls = live
    send(doc, 1, {"N": ["bad"]})
    assert handle.arguments == {"N": ["10"]}
    assert echoed(doc) == {"name": ["N"], "value": ["10"]}
    assert state(doc)["page_seq"] == 1
    assert state(doc)["error"] == "N must be a number"


def test_another_exception_refuses_without_leaking_its_details(live, caplog):
    doc, handle, _calls = live
    with caplog.at_level(logging.ERROR, logger="bokeh_session.live"):
        send(doc, 1, {"N": ["crash"]})
    assert handle.arguments == {"N": ["10"]}
    assert "secret" not in state(doc)["error"]
    assert state(doc)["error"] == "The app failed to apply these arguments (see the server's log)."
    assert "secret internals" in caplog.text


def test_a_replayed_or_older_request_is_ignored(live):
    doc, _handle, calls = live
    send(doc, 2, {"N": ["2"]})
    send(doc, 1, {"N": ["1"]})
    send(doc, 2, {"N": ["3"]})
    assert calls == [{"N": ["2"]}]
    assert echoed(doc)["value"] == ["2"]


def test_a_malformed_request_is_refused_without_calling_the_app(live):
    doc, _handle, calls = live
    send(doc, 1, {"N": [5]})
    assert calls == []
    assert state(doc)["page_seq"] == 1
    assert "must be a string or a list of strings" in state(doc)["error"]


def test_tags_that_are_no_request_are_ignored(live):
    doc, _handle, calls = live
    doc.get_model_by_name(REQUEST_SOURCE_NAME).tags = ["something else"]
    assert calls == []
    assert state(doc)["source"] == "initial"


def test_update_from_the_app_echoes_with_source_server_without_calling_on_change(live):
    doc, handle, calls = live
    handle.update({"N": "42", "k": ["x"]})
    assert calls == []
    assert handle.arguments == {"N": ["42"], "k": ["x"]}
    assert echoed(doc) == {"name": ["N", "k"], "value": ["42", "x"]}
    assert state(doc) == {"live": 1, "page_seq": 0, "server_seq": 1, "source": "server", "error": None}
    send(doc, 1, {"N": ["7"]})
    assert state(doc) == {"live": 1, "page_seq": 1, "server_seq": 1, "source": "page", "error": None}


def test_update_refuses_values_that_are_not_strings(live):
    _doc, handle, _calls = live
    with pytest.raises(TypeError):
        handle.update({"N": 5})


def test_arguments_is_a_copy(live):
    _doc, handle, _calls = live
    handle.arguments["N"].append("x")
    assert handle.arguments == {"N": ["10"]}


def test_update_with_the_arguments_in_force_sends_nothing(live):
    doc, handle, _calls = live
    assert handle.update({"N": ["10"]}) is False
    assert state(doc)["server_seq"] == 0


def test_a_widget_bound_both_ways_does_not_echo_a_page_change_as_the_apps_own(session_doc):
    doc = session_doc({"N": [b"1"]})
    seen = []

    def on_change(arguments):
        seen.append(handle.arguments)
        # What a slider's on_change does when on_change moves it: update() with the same arguments.
        assert handle.update(arguments) is False

    handle = live_arguments(doc, on_change)
    send(doc, 1, {"N": ["2"]})
    assert seen == [{"N": ["2"]}]
    assert state(doc) == {"live": 1, "page_seq": 1, "server_seq": 0, "source": "page", "error": None}
