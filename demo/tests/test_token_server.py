"""The token endpoint (demo/token_server.py) over real sockets: what it refuses, what it signs, and how it
treats malformed, oversized and slow requests."""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from bokeh.util.token import check_token_signature, get_session_id, get_token_payload

import token_server
from token_server import BadRequest, TokenRequest, make_handler, make_server, normalize_app_url, parse_arguments

SECRET = "s" * 44
ORIGIN = "http://localhost:5173"
APP = "http://localhost:5006/echo"
SLOW_TIMEOUT = 0.5


class Endpoint:
    def __init__(self, port: int) -> None:
        self.port = port

    def post(self, body: Any, headers: dict[str, str] | None = None, path: str = "/token") -> tuple[int, dict[str, str], Any]:
        data = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.request("POST", path, data, {"Content-Type": "application/json", **(headers or {})})
            response = connection.getresponse()
            text = response.read()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, json.loads(text) if text else None
        finally:
            connection.close()

    def raw(self, request: bytes, wait: float = 10.0) -> bytes:
        """Sends bytes as they are and returns all the server answers before it closes the connection."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=wait) as client:
            client.sendall(request)
            received = b""
            while chunk := client.recv(65536):
                received += chunk
            return received


def start(**options: Any) -> Iterator[Endpoint]:
    handler = make_handler(SECRET, {ORIGIN}, options.pop("app_urls", {APP}), 300, **options)
    server = make_server("127.0.0.1", 0, handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield Endpoint(server.server_address[1])
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def default_endpoint() -> Iterator[Endpoint]:
    yield from start()


@pytest.fixture
def demo_endpoint() -> Iterator[Endpoint]:
    yield from start(decide=token_server.demo_sign_requested_arguments, timeout=SLOW_TIMEOUT)


def token_arguments(token: str) -> dict[str, list[str]]:
    assert check_token_signature(token, secret_key=SECRET.encode(), signed=True)
    payload = get_token_payload(token)
    return {key: [value.decode("utf-8") for value in values] for key, values in payload["arguments"].items()}


def status_of(raw: bytes) -> int:
    return int(raw.split(b" ", 2)[1])


# -- who gets a token ------------------------------------------------------------------------------------------------


def test_refuses_by_default_until_decide_arguments_is_written(default_endpoint: Endpoint) -> None:
    status, _, body = default_endpoint.post({"url": APP, "arguments": {"N": ["10"]}}, {"Origin": ORIGIN})
    assert status == 403
    assert "decide_arguments() refused this request" in body["error"]
    assert token_server.decide_arguments(
        TokenRequest(app_url=APP, requested={"N": ["1"]}, headers={}, cookies=token_server.SimpleCookie(), client_address=("x", 1))
    ) is None


def test_signs_what_the_hook_decides_from_the_request_not_what_the_page_asked() -> None:
    seen: list[TokenRequest] = []

    def decide(request: TokenRequest) -> dict[str, list[str]] | None:
        seen.append(request)
        user = request.cookies.get("session")
        if user is None:
            return None
        return {"user": [user.value], "N": request.requested.get("N", ["50"])[:1]}

    for endpoint in start(decide=decide):
        asked = {"url": APP, "arguments": {"user": ["mallory"], "N": ["5"]}}
        status, _, _ = endpoint.post(asked, {"Origin": ORIGIN})
        assert status == 403
        status, _, body = endpoint.post(asked, {"Origin": ORIGIN, "Cookie": "session=alice; other=1"})
        assert status == 200
        assert token_arguments(body["token"]) == {"user": ["alice"], "N": ["5"]}
        assert seen[-1].requested == {"user": ["mallory"], "N": ["5"]}
        assert seen[-1].app_url == APP
        assert seen[-1].headers["Origin"] == ORIGIN


def test_demo_hook_signs_the_requested_arguments_with_unusual_names(demo_endpoint: Endpoint) -> None:
    arguments = {name: [f"{name}!"] for name in ["constructor", "__proto__", "toString", "é"]}
    status, _, body = demo_endpoint.post({"url": APP, "arguments": arguments}, {"Origin": ORIGIN})
    assert status == 200
    assert token_arguments(body["token"]) == arguments
    assert len(get_session_id(body["token"]).split(".")[0]) == 44


def test_a_failing_hook_answers_500_instead_of_dropping_the_connection() -> None:
    def broken(request: TokenRequest) -> Any:
        return {"N": 10}

    for endpoint in start(decide=broken):
        status, _, body = endpoint.post({"url": APP, "arguments": {}}, {"Origin": ORIGIN})
        assert status == 500
        assert "internal error" in body["error"]


# -- CORS ------------------------------------------------------------------------------------------------------------


def test_allowed_origins_get_the_credentials_header_the_example_needs(demo_endpoint: Endpoint) -> None:
    status, headers, _ = demo_endpoint.post({"url": APP}, {"Origin": ORIGIN})
    assert status == 200
    assert headers["access-control-allow-origin"] == ORIGIN
    assert headers["access-control-allow-credentials"] == "true"
    preflight = demo_endpoint.raw(
        f"OPTIONS /token HTTP/1.1\r\nHost: x\r\nOrigin: {ORIGIN}\r\nAccess-Control-Request-Method: POST\r\n\r\n".encode()
    )
    assert status_of(preflight) == 204
    assert b"Access-Control-Allow-Credentials: true" in preflight


def test_other_origins_get_403_and_no_cors_headers(demo_endpoint: Endpoint) -> None:
    status, headers, body = demo_endpoint.post({"url": APP}, {"Origin": "https://evil.example"})
    assert status == 403
    assert "access-control-allow-origin" not in headers
    assert "access-control-allow-credentials" not in headers
    assert "not allowed" in body["error"]


# -- the app URL -----------------------------------------------------------------------------------------------------


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
        with pytest.raises(BadRequest) as raised:
            normalize_app_url(bad)
        assert raised.value.status == 400


def test_app_urls_are_compared_normalized() -> None:
    for endpoint in start(decide=token_server.demo_sign_requested_arguments, app_urls={"HTTP://LocalHost:5006/echo/"}):
        for url in ["http://localhost:5006/echo", "http://localhost:5006/echo/?theme=dark", "ws://localhost:5006/echo/ws"]:
            assert endpoint.post({"url": url}, {"Origin": ORIGIN})[0] == 200, url
        status, _, body = endpoint.post({"url": "http://localhost:5006/other"}, {"Origin": ORIGIN})
        assert status == 403
        assert "no tokens for app 'http://localhost:5006/other'" in body["error"]


# -- malformed, oversized and slow requests --------------------------------------------------------------------------


def post_raw(length: str, body: bytes = b"") -> bytes:
    return (
        f"POST /token HTTP/1.1\r\nHost: x\r\nOrigin: {ORIGIN}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {length}\r\n\r\n"
    ).encode() + body


@pytest.mark.parametrize("length", ["-1", "abc", "1e3", "+5", " ", "٣"])
def test_a_content_length_that_is_not_a_non_negative_number_is_400(demo_endpoint: Endpoint, length: str) -> None:
    answer = demo_endpoint.raw(post_raw(length, b'{"url": "http://localhost:5006/echo"}'))
    assert status_of(answer) == 400
    assert b"is not a non-negative number" in answer


def test_a_body_over_the_limit_is_413_without_reading_it(demo_endpoint: Endpoint) -> None:
    answer = demo_endpoint.raw(post_raw(str(token_server.MAX_BODY_BYTES + 1)))
    assert status_of(answer) == 413


def test_a_body_at_the_limit_is_read(demo_endpoint: Endpoint) -> None:
    body = json.dumps({"url": APP, "arguments": {"pad": ""}}).encode()
    body = body.replace(b'"pad": ""', b'"pad": "' + b"a" * (token_server.MAX_BODY_BYTES - len(body)) + b'"')
    assert len(body) == token_server.MAX_BODY_BYTES
    assert status_of(demo_endpoint.raw(post_raw(str(len(body)), body))) == 200


def test_chunked_bodies_are_refused(demo_endpoint: Endpoint) -> None:
    request = f"POST /token HTTP/1.1\r\nHost: x\r\nOrigin: {ORIGIN}\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
    assert status_of(demo_endpoint.raw(request.encode())) == 411


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "not JSON"),
        (b"{", "not JSON"),
        (b"\xff\xfe{}", "not JSON"),
        (b"[" * 100_00 + b"]" * 100_00, "not JSON"),
        (b'["http://localhost:5006/echo"]', "request body must be"),
        (b'{"arguments": {}}', "request body must be"),
        (b'{"url": "http://localhost:5006/echo", "arguments": {"a": "\\ud800"}}', "lone surrogate"),
        (b'{"url": "http://localhost:5006/echo", "arguments": {"\\udc00": "a"}}', "lone surrogate"),
        (b'{"url": "http://localhost:5006/echo\\ud800", "arguments": {}}', "lone surrogate"),
        (b'{"url": "http://localhost:5006/echo", "arguments": {"N": 10}}', "must be a string"),
        (b'{"url": "http://localhost:5006/echo", "arguments": {"bokeh-session-id": "x"}}', "reserved by Bokeh"),
    ],
)
def test_malformed_input_is_400_with_a_reason(demo_endpoint: Endpoint, body: bytes, message: str) -> None:
    answer = demo_endpoint.raw(post_raw(str(len(body)), body))
    assert status_of(answer) == 400, answer
    assert message in json.loads(answer.split(b"\r\n\r\n", 1)[1])["error"]


def test_a_client_that_stalls_mid_body_is_dropped_and_others_are_served(demo_endpoint: Endpoint) -> None:
    with socket.create_connection(("127.0.0.1", demo_endpoint.port), timeout=10) as stalled:
        stalled.sendall(post_raw("100", b'{"url"'))
        # Served while the stalled client holds its connection.
        assert demo_endpoint.post({"url": APP}, {"Origin": ORIGIN})[0] == 200
        # The server gives up on it (SLOW_TIMEOUT): the connection closes with no answer, long before ours times out.
        assert stalled.recv(1024) == b""


def test_a_client_that_trickles_its_body_is_dropped_before_it_ends() -> None:
    for endpoint in start(decide=token_server.demo_sign_requested_arguments, timeout=SLOW_TIMEOUT):
        body = json.dumps({"url": APP, "arguments": {"pad": "a" * 200}}).encode()
        with socket.create_connection(("127.0.0.1", endpoint.port), timeout=10) as slow:
            slow.sendall(post_raw(str(len(body))))
            sent = 0
            try:
                # One byte at a time, each within the socket timeout: only the deadline on the whole body stops it.
                for byte in body:
                    slow.sendall(bytes([byte]))
                    sent += 1
                    time.sleep(SLOW_TIMEOUT / 5)
                answer = slow.recv(1024)
            except (BrokenPipeError, ConnectionResetError):
                answer = b""
        assert sent < len(body)
        assert answer == b""


# -- parse_arguments -------------------------------------------------------------------------------------------------


def test_parse_arguments_accepts_strings_and_lists() -> None:
    assert parse_arguments({"N": "10", "k": ["a", "b"], "e": []}) == {"N": ["10"], "k": ["a", "b"], "e": []}
    assert parse_arguments(None) == {}
