"""One token endpoint per adapter, each driven by its framework's own test client (the stdlib server over real
sockets), behind one small interface, so that every rule is tested against every adapter."""

from __future__ import annotations

import http.client
import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from bokeh.util.token import check_token_signature, get_token_payload

SECRET = "s" * 44
APP = "http://localhost:5006/echo"
ORIGIN = "http://localhost:5173"
LOGIN_COOKIE = "login"

BACKENDS = ["flask", "fastapi", "django", "stdlib"]


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: Any

    def token_arguments(self) -> dict[str, list[str]]:
        assert self.status == 200, self
        token = self.body["token"]
        assert check_token_signature(token, secret_key=SECRET.encode(), signed=True)
        payload = get_token_payload(token)
        return {key: [value.decode("utf-8") for value in values] for key, values in payload["arguments"].items()}


def _answer(status: int, headers: Any, data: bytes) -> Answer:
    lowered = {str(name).lower(): str(value) for name, value in headers}
    return Answer(status, lowered, json.loads(data) if data else None)


class Backend:
    """A running endpoint: ``send`` one request; ``login_of(http)`` reads the login cookie from its request type."""

    name: str
    own_origin: str | None

    def send(self, method: str, body: bytes, headers: dict[str, str], content_length: str | None = None) -> Answer:
        raise NotImplementedError

    def post(self, body: Any, headers: dict[str, str] | None = None) -> Answer:
        data = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
        return self.send("POST", data, {"Content-Type": "application/json", **(headers or {})})

    @staticmethod
    def login_of(http: Any) -> str | None:
        raise NotImplementedError


class FlaskBackend(Backend):
    name = "flask"
    own_origin = "http://localhost"

    def __init__(self, options: dict[str, Any]) -> None:
        import flask

        from bokeh_session.flask import TokenBlueprint

        app = flask.Flask(__name__)
        self.tokens = TokenBlueprint(**options)
        app.register_blueprint(self.tokens)
        self.client = app.test_client()

    def send(self, method: str, body: bytes, headers: dict[str, str], content_length: str | None = None) -> Answer:
        headers = dict(headers)
        overrides = {} if content_length is None else {"CONTENT_LENGTH": content_length}
        # Werkzeug's client sends the cookies of its own jar, not a Cookie header: put them there.
        self.client._cookies.clear()
        for pair in headers.pop("Cookie", "").split(";"):
            if "=" in pair:
                name, value = pair.strip().split("=", 1)
                self.client.set_cookie(name, value)
        response = self.client.open("/token", method=method, data=body, headers=headers, environ_overrides=overrides)
        return _answer(response.status_code, response.headers.items(), response.get_data())

    @staticmethod
    def login_of(http: Any) -> str | None:
        return http.cookies.get(LOGIN_COOKIE)


class FastAPIBackend(Backend):
    name = "fastapi"
    own_origin = "http://testserver"

    def __init__(self, options: dict[str, Any]) -> None:
        from fastapi import FastAPI
        from fastapi.testclient import TestClient

        from bokeh_session.fastapi import TokenRouter

        app = FastAPI()
        self.tokens = TokenRouter(**options)
        app.include_router(self.tokens)
        self.client = TestClient(app)

    def send(self, method: str, body: bytes, headers: dict[str, str], content_length: str | None = None) -> Answer:
        extra = {} if content_length is None else {"Content-Length": content_length}
        response = self.client.request(method, "/token", content=body, headers={**headers, **extra})
        return _answer(response.status_code, response.headers.multi_items(), response.content)

    @staticmethod
    def login_of(http: Any) -> str | None:
        return http.cookies.get(LOGIN_COOKIE)


class DjangoBackend(Backend):
    name = "django"
    own_origin = "http://testserver"

    def __init__(self, options: dict[str, Any]) -> None:
        from django.test import Client, override_settings
        from django.urls import path

        from bokeh_session.django import TokenView

        self.tokens = TokenView(**options)
        urlconf = type("urls", (), {"urlpatterns": [path("token", self.tokens)]})
        self._settings = override_settings(ROOT_URLCONF=urlconf)
        self._settings.enable()
        # enforce_csrf_checks: Django's CSRF middleware runs as in production, so the view must pass it on its own.
        self.client = Client(enforce_csrf_checks=True)

    def close(self) -> None:
        self._settings.disable()

    def send(self, method: str, body: bytes, headers: dict[str, str], content_length: str | None = None) -> Answer:
        meta = {"HTTP_" + name.upper().replace("-", "_"): value for name, value in headers.items() if name != "Content-Type"}
        if content_length is not None:
            meta["CONTENT_LENGTH"] = content_length
        content_type = headers.get("Content-Type", "application/octet-stream")
        response = self.client.generic(method, "/token", body, content_type=content_type, **meta)
        return _answer(response.status_code, response.items(), response.content)

    @staticmethod
    def login_of(http: Any) -> str | None:
        return http.COOKIES.get(LOGIN_COOKIE)


class StdlibBackend(Backend):
    name = "stdlib"
    own_origin = None

    def __init__(self, options: dict[str, Any], timeout: float = 10.0) -> None:
        from bokeh_session.endpoint import TokenEndpoint
        from bokeh_session.token_server import make_handler, make_server

        decide = options.pop("decide", None)
        self.tokens = TokenEndpoint(decide, **options)
        self.server = make_server("127.0.0.1", 0, make_handler(self.tokens, timeout))
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def send(self, method: str, body: bytes, headers: dict[str, str], content_length: str | None = None) -> Answer:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.putrequest(method, "/token")
            for name, value in headers.items():
                connection.putheader(name, value)
            connection.putheader("Content-Length", content_length if content_length is not None else str(len(body)))
            connection.endheaders(body)
            response = connection.getresponse()
            return _answer(response.status, response.getheaders(), response.read())
        finally:
            connection.close()

    @staticmethod
    def login_of(http: Any) -> str | None:
        morsel = http.cookies.get(LOGIN_COOKIE)
        return None if morsel is None else morsel.value


_CLASSES: dict[str, Callable[[dict[str, Any]], Backend]] = {
    "flask": FlaskBackend,
    "fastapi": FastAPIBackend,
    "django": DjangoBackend,
    "stdlib": StdlibBackend,
}


def configure_django() -> None:
    import django
    from django.conf import settings

    if not settings.configured:
        # A project as startproject makes one (auth, sessions, CSRF), with an in-memory database.
        settings.configure(
            ALLOWED_HOSTS=["testserver"],
            INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth", "django.contrib.sessions"],
            DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
            MIDDLEWARE=[
                "django.contrib.sessions.middleware.SessionMiddleware",
                "django.middleware.common.CommonMiddleware",
                "django.middleware.csrf.CsrfViewMiddleware",
                "django.contrib.auth.middleware.AuthenticationMiddleware",
            ],
            ROOT_URLCONF=__name__,
            SECRET_KEY="django-test-key-" + "x" * 40,
        )
        django.setup()


urlpatterns: list[Any] = []


def start(name: str, **options: Any) -> Iterator[Backend]:
    options = {"app_urls": {APP}, "allowed_origins": {ORIGIN}, "secret_key": SECRET, **options}
    if name == "django":
        configure_django()
    backend = _CLASSES[name](options)
    try:
        yield backend
    finally:
        close = getattr(backend, "close", None)
        if close is not None:
            close()
