"""Every rule of the token endpoint, against every adapter (Flask, FastAPI, Django with their own test clients; the
stdlib server over sockets): refusal by default, what gets signed, CORS, and hostile requests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from typing import Any

import pytest
from token_backends import APP, BACKENDS, LOGIN_COOKIE, ORIGIN, Backend, start

from bokeh_session import MAX_BODY_BYTES, TokenRefused, TokenRequest

MakeBackend = Callable[..., Backend]


def _makers(request: pytest.FixtureRequest) -> Iterator[MakeBackend]:
    with ExitStack() as stack:

        def make_backend(**options: Any) -> Backend:
            iterator = start(request.param, **options)
            backend = next(iterator)
            stack.callback(lambda: next(iterator, None))
            return backend

        yield make_backend


@pytest.fixture(params=BACKENDS)
def make(request: pytest.FixtureRequest) -> Iterator[MakeBackend]:
    """Starts the adapter named by the parameter with these endpoint options (closed after the test)."""
    yield from _makers(request)


@pytest.fixture(params=[name for name in BACKENDS if name != "stdlib"])
def make_framework(request: pytest.FixtureRequest) -> Iterator[MakeBackend]:
    """The same for the framework adapters only: they serve pages of their own."""
    yield from _makers(request)


def sign_requested(request: TokenRequest[Any]) -> Any:
    return request.requested


def login_rules(backend_of: Callable[[], Backend]) -> Callable[[TokenRequest[Any]], Any]:
    """The rules of a typical app: the login cookie says who asks; the page may choose N, nothing else."""

    def decide(request: TokenRequest[Any]) -> Any:
        user = backend_of().login_of(request.http)
        if user is None:
            return None
        if user == "expired":
            raise TokenRefused("your login expired: log in again", status=401)
        n = request.requested.get("N", ["50"])[0]
        return {"user": user, "N": n if n.isdigit() and int(n) <= 1000 else "50"}

    return decide


# -- who gets a token ------------------------------------------------------------------------------------------------


def test_refuses_every_request_until_decide_is_given(make: MakeBackend) -> None:
    answer = make().post({"url": APP, "arguments": {"N": ["10"]}}, {"Origin": ORIGIN})
    assert answer.status == 403
    assert "no decide function says which arguments a request gets" in answer.body["error"]


def test_signs_what_decide_returns_for_the_logged_in_user_not_what_the_page_asked(make: MakeBackend) -> None:
    backend: list[Backend] = []
    backend.append(make(decide=login_rules(lambda: backend[0])))
    asked = {"url": APP, "arguments": {"user": ["mallory"], "N": ["5"]}}
    answer = backend[0].post(asked, {"Origin": ORIGIN, "Cookie": f"{LOGIN_COOKIE}=alice; other=1"})
    assert answer.token_arguments() == {"user": ["alice"], "N": ["5"]}
    answer = backend[0].post({"url": APP, "arguments": {"N": "99999"}}, {"Cookie": f"{LOGIN_COOKIE}=bob"})
    assert answer.token_arguments() == {"user": ["bob"], "N": ["50"]}


def test_missing_credentials_get_403(make: MakeBackend) -> None:
    backend: list[Backend] = []
    backend.append(make(decide=login_rules(lambda: backend[0])))
    answer = backend[0].post({"url": APP, "arguments": {"user": "alice"}}, {"Origin": ORIGIN})
    assert answer.status == 403
    assert answer.body == {"error": "no token: decide() refused this request"}


def test_decide_refuses_with_its_own_reason_and_status(make: MakeBackend) -> None:
    backend: list[Backend] = []
    backend.append(make(decide=login_rules(lambda: backend[0])))
    answer = backend[0].post({"url": APP}, {"Origin": ORIGIN, "Cookie": f"{LOGIN_COOKIE}=expired"})
    assert answer.status == 401
    assert answer.body == {"error": "your login expired: log in again"}
    # The refusal reaches the page (CORS), so the element's token-unavailable message can say it.
    assert answer.headers["access-control-allow-origin"] == ORIGIN


def test_decide_gets_the_normalized_app_url_and_the_frameworks_own_request(make: MakeBackend) -> None:
    seen: list[TokenRequest[Any]] = []
    backend = make(decide=lambda request: seen.append(request) or {})
    assert backend.post({"url": "HTTP://LocalHost:5006/echo/?q=1", "arguments": {"N": "1"}}).status == 200
    assert seen[0].app_url == APP
    assert seen[0].requested == {"N": ["1"]}
    assert type(seen[0].http).__name__ in {"Request", "WSGIRequest", "StdlibRequest"}


def test_a_failing_decide_answers_500_and_logs(make: MakeBackend, caplog: pytest.LogCaptureFixture) -> None:
    answer = make(decide=lambda request: {"N": 10}).post({"url": APP}, {"Origin": ORIGIN})
    assert answer.status == 500
    assert answer.body == {"error": "internal error while deciding the token (see the server's log)"}
    assert "decide() must return arguments or None" in caplog.text


def test_unusual_names_are_signed_exactly(make: MakeBackend) -> None:
    arguments = {name: [f"{name}!"] for name in ["constructor", "__proto__", "toString", "é"]}
    assert make(decide=sign_requested).post({"url": APP, "arguments": arguments}).token_arguments() == arguments


# -- methods and origins ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE"])
def test_other_methods_get_405_with_allow(make: MakeBackend, method: str) -> None:
    answer = make(decide=sign_requested).send(method, b"", {"Origin": ORIGIN})
    assert answer.status == 405
    assert answer.headers["allow"] == "POST, OPTIONS"


def test_allowed_origins_get_cors_with_credentials_and_a_preflight(make: MakeBackend) -> None:
    backend = make(decide=sign_requested)
    answer = backend.post({"url": APP}, {"Origin": ORIGIN})
    assert answer.status == 200
    assert answer.headers["access-control-allow-origin"] == ORIGIN
    assert answer.headers["access-control-allow-credentials"] == "true"
    assert answer.headers["cache-control"] == "no-store"
    preflight = backend.send("OPTIONS", b"", {"Origin": ORIGIN, "Access-Control-Request-Method": "POST"})
    assert preflight.status == 204
    assert preflight.headers["access-control-allow-credentials"] == "true"
    assert preflight.headers["access-control-allow-headers"] == "Content-Type"


@pytest.mark.parametrize("origin", ["https://evil.example", "http://localhost:5174", "null"])
def test_other_origins_get_403_and_no_cors_headers(make: MakeBackend, origin: str) -> None:
    backend = make(decide=sign_requested)
    answer = backend.post({"url": APP}, {"Origin": origin, "Cookie": f"{LOGIN_COOKIE}=alice"})
    assert answer.status == 403
    assert "not allowed" in answer.body["error"]
    assert not any(name.startswith("access-control-") for name in answer.headers)
    assert not any(name.startswith("access-control-") for name in backend.send("OPTIONS", b"", {"Origin": origin}).headers)


def test_the_servers_own_pages_may_ask_without_cors(make_framework: MakeBackend) -> None:
    backend = make_framework(decide=sign_requested, allowed_origins=())
    assert backend.own_origin is not None
    answer = backend.post({"url": APP}, {"Origin": backend.own_origin})
    assert answer.status == 200
    assert "access-control-allow-origin" not in answer.headers


def test_only_the_named_apps_get_tokens(make: MakeBackend) -> None:
    backend = make(decide=sign_requested)
    for url in ["http://localhost:5006/echo/", "ws://localhost:5006/echo/ws", "HTTP://LocalHost:5006/echo?theme=dark"]:
        assert backend.post({"url": url}, {"Origin": ORIGIN}).status == 200, url
    answer = backend.post({"url": "http://localhost:5006/other"}, {"Origin": ORIGIN})
    assert answer.status == 403
    assert "no tokens for app 'http://localhost:5006/other'" in answer.body["error"]


# -- malformed and oversized bodies ----------------------------------------------------------------------------------


def test_a_body_over_the_limit_is_413(make: MakeBackend) -> None:
    answer = make(decide=sign_requested).post(b"x" * (MAX_BODY_BYTES + 1), {"Origin": ORIGIN})
    assert answer.status == 413
    assert answer.body == {"error": f"request body over {MAX_BODY_BYTES} bytes"}


def test_a_body_at_the_limit_is_read(make: MakeBackend) -> None:
    head = b'{"url": "%s", "arguments": {"pad": "' % APP.encode()
    body = head + b"a" * (MAX_BODY_BYTES - len(head) - 3) + b'"}}'
    assert len(body) == MAX_BODY_BYTES
    assert make(decide=sign_requested).post(body, {"Origin": ORIGIN}).status == 200


def test_chunked_bodies_are_refused(make: MakeBackend) -> None:
    headers = {"Origin": ORIGIN, "Transfer-Encoding": "chunked"}
    answer = make(decide=sign_requested).send("POST", b"", headers)
    assert answer.status == 411
    assert answer.body == {"error": "send the body with a Content-Length, not chunked"}


@pytest.mark.parametrize("length", ["-1", "abc", "1e3", "+5"])
def test_a_content_length_that_is_not_a_non_negative_number_is_400(make: MakeBackend, length: str) -> None:
    body = b'{"url": "http://localhost:5006/echo"}'
    answer = make(decide=sign_requested).send("POST", body, {"Origin": ORIGIN}, content_length=length)
    assert answer.status == 400
    assert "is not a non-negative number" in answer.body["error"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "not JSON"),
        (b"{", "not JSON"),
        (b"\xff\xfe{}", "not JSON"),
        (b"[" * 10_000 + b"]" * 10_000, "not JSON"),
        (b'["http://localhost:5006/echo"]', "request body must be"),
        (b'{"arguments": {}}', "request body must be"),
        (b'{"url": "javascript:alert(1)"}', "is not an absolute http(s) URL"),
        (b'{"url": "http://localhost:5006/echo", "arguments": ["N"]}', "must be an object of strings"),
        (b'{"url": "http://localhost:5006/echo", "arguments": {"a": "\\ud800"}}', "lone surrogate"),
        (b'{"url": "http://localhost:5006/echo", "arguments": {"\\udc00": "a"}}', "lone surrogate"),
        (b'{"url": "http://localhost:5006/echo\\ud800", "arguments": {}}', "lone surrogate"),
        (b'{"url": "http://localhost:5006/echo", "arguments": {"N": 10}}', "must be a string"),
        (b'{"url": "http://localhost:5006/echo", "arguments": {"bokeh-session-id": "x"}}', "reserved by Bokeh"),
    ],
)
def test_malformed_input_is_400_with_a_reason(make: MakeBackend, body: bytes, message: str) -> None:
    answer = make(decide=sign_requested).post(body, {"Origin": ORIGIN})
    assert answer.status == 400, answer
    assert message in answer.body["error"]
