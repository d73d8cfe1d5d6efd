"""What only the stdlib token server does itself (python -m bokeh_session.token_server): it is its own HTTP
server, so it drops slow clients and reads raw requests. The shared rules are in test_token_adapters.py."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest
from token_backends import APP, ORIGIN, StdlibBackend

from bokeh_session.token_server import demo_sign_requested_arguments

SLOW_TIMEOUT = 0.5


@pytest.fixture
def server() -> Iterator[StdlibBackend]:
    backend = StdlibBackend(
        {"decide": demo_sign_requested_arguments, "app_urls": {APP}, "allowed_origins": {ORIGIN}, "secret_key": "s" * 44},
        timeout=SLOW_TIMEOUT,
    )
    try:
        yield backend
    finally:
        backend.close()


def raw(port: int, request: bytes) -> bytes:
    """Sends bytes as they are and returns all the server answers before it closes the connection."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as client:
        client.sendall(request)
        received = b""
        while chunk := client.recv(65536):
            received += chunk
        return received


def post_raw(length: str, body: bytes = b"", path: str = "/token") -> bytes:
    return (
        f"POST {path} HTTP/1.1\r\nHost: x\r\nOrigin: {ORIGIN}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {length}\r\n\r\n"
    ).encode() + body


def status_of(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1])


@pytest.mark.parametrize("length", [" ", "٣"])
def test_content_lengths_no_test_client_can_send_are_400(server: StdlibBackend, length: str) -> None:
    answer = raw(server.port, post_raw(length, b'{"url": "http://localhost:5006/echo"}'))
    assert status_of(answer) == 400
    assert b"is not a non-negative number" in answer


def test_a_body_shorter_than_its_content_length_is_400(server: StdlibBackend) -> None:
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as client:
        client.sendall(post_raw("100", b'{"url"'))
        client.shutdown(socket.SHUT_WR)
        answer = b""
        while chunk := client.recv(65536):
            answer += chunk
    assert status_of(answer) == 400
    assert json.loads(answer.split(b"\r\n\r\n", 1)[1]) == {"error": "request body ended after 6 of 100 bytes"}


def test_other_paths_are_404(server: StdlibBackend) -> None:
    assert status_of(raw(server.port, post_raw("2", b"{}", path="/other"))) == 404


def test_a_client_that_stalls_mid_body_is_dropped_and_others_are_served(server: StdlibBackend) -> None:
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as stalled:
        stalled.sendall(post_raw("100", b'{"url"'))
        # Served while the stalled client holds its connection.
        assert server.post({"url": APP}, {"Origin": ORIGIN}).status == 200
        # The server gives up on it (SLOW_TIMEOUT): the connection closes with no answer, long before ours times out.
        assert stalled.recv(1024) == b""


def test_a_client_that_trickles_its_body_is_dropped_before_it_ends(server: StdlibBackend) -> None:
    body = json.dumps({"url": APP, "arguments": {"pad": "a" * 200}}).encode()
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as slow:
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


def test_main_refuses_to_start_without_a_usable_secret() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bokeh_session.token_server", "--demo-sign-requested-arguments"],
        env={"BOKEH_SECRET_KEY": "short", "PATH": ""},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "set BOKEH_SECRET_KEY to the Bokeh server's secret (at least 32 characters" in result.stderr
