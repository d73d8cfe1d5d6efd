"""The pure core: signed_session_token on Bokeh's own bokeh.util.token, and the normal form of app URLs."""

from __future__ import annotations

import time

import pytest
from bokeh.util.token import check_token_signature, get_session_id, get_token_payload

from bokeh_session import TokenError, normalize_app_url, signed_session_token

SECRET = "k" * 44


def test_the_token_is_signed_and_carries_the_arguments_as_bokeh_hands_them_to_the_app() -> None:
    token = signed_session_token({"N": "10", "k": ["a", "é"]}, secret_key=SECRET, expiration=60)
    assert check_token_signature(token, secret_key=SECRET.encode(), signed=True)
    assert not check_token_signature(token, secret_key=b"other" * 10, signed=True)
    payload = get_token_payload(token)
    assert payload["arguments"] == {"N": [b"10"], "k": [b"a", "é".encode()]}
    assert "headers" not in payload and "cookies" not in payload
    # Bokeh's own signed session id: 44 characters from the crypto RNG, a dot, the HMAC signature.
    assert len(get_session_id(token).split(".")[0]) == 44
    assert 55 <= payload["session_expiry"] - time.time() <= 61


def test_empty_arguments_are_still_in_the_payload() -> None:
    # Without them the server would fall back to the websocket URL's query, which the page controls.
    assert get_token_payload(signed_session_token({}, secret_key=SECRET))["arguments"] == {}


def test_headers_and_cookies_replace_what_the_app_reads_when_given() -> None:
    token = signed_session_token({}, secret_key=SECRET, headers={"X-User": "alice"}, cookies={"theme": "dark"})
    payload = get_token_payload(token)
    assert payload["headers"] == {"X-User": "alice"}
    assert payload["cookies"] == {"theme": "dark"}


def test_the_secret_defaults_to_bokeh_secret_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOKEH_SECRET_KEY", SECRET)
    assert check_token_signature(signed_session_token({}), secret_key=SECRET.encode(), signed=True)


@pytest.mark.parametrize("secret", [None, "", "too short"])
def test_no_usable_secret_says_what_to_set(monkeypatch: pytest.MonkeyPatch, secret: str | None) -> None:
    monkeypatch.delenv("BOKEH_SECRET_KEY", raising=False)
    with pytest.raises(ValueError, match="set BOKEH_SECRET_KEY to the Bokeh server's secret"):
        signed_session_token({}, secret_key=secret)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [({"N": 10}, "must be a string"), ({"bokeh-token": "x"}, "reserved by Bokeh"), ({"": "x"}, "empty")],
)
def test_bad_arguments_are_refused(arguments: dict[str, object], message: str) -> None:
    with pytest.raises(TokenError, match=message):
        signed_session_token(arguments, secret_key=SECRET)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("url", "normalized"),
    [
        ("http://localhost:5006/echo", "http://localhost:5006/echo"),
        ("HTTP://LocalHost:5006/echo/", "http://localhost:5006/echo"),
        ("http://localhost:80/echo", "http://localhost/echo"),
        ("https://example.org:443/a/b//", "https://example.org/a/b"),
        ("http://localhost:5006/echo?theme=dark#top", "http://localhost:5006/echo"),
        ("ws://localhost:5006/echo/ws", "http://localhost:5006/echo"),
        ("wss://example.org/echo/ws/", "https://example.org/echo"),
        ("  http://[::1]:5006/echo ", "http://[::1]:5006/echo"),
    ],
)
def test_normalize_app_url(url: str, normalized: str) -> None:
    assert normalize_app_url(url) == normalized


def test_normalize_app_url_resolves_a_path_against_the_origin_and_refuses_the_rest() -> None:
    assert normalize_app_url("/echo/", "http://localhost:5006") == "http://localhost:5006/echo"
    for bad in ["echo", "/echo", "ftp://host/echo", "http://host:99999/echo", "javascript:alert(1)"]:
        with pytest.raises(TokenError) as raised:
            normalize_app_url(bad)
        assert raised.value.status == 400
