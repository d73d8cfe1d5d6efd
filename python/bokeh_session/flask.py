"""Signed session tokens from a Flask app: a blueprint with one route, ``POST /token``.

    tokens = TokenBlueprint(app_urls=["https://www.example.com/app"])

    @tokens.decide
    def session_arguments(request: TokenRequest[flask.Request]) -> dict[str, str] | None:
        ...  # who asks (flask.session, flask_login.current_user), and what they may see

    app.register_blueprint(tokens)

``pip install "bokeh-session[flask]"``. The rules (methods, body size, CORS, refusal by default) are
``bokeh_session.endpoint.TokenEndpoint``'s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import flask

from bokeh_session.endpoint import AsyncDecide, D, EndpointOptions, TokenEndpoint

if TYPE_CHECKING:
    from typing_extensions import Unpack


class TokenBlueprint(flask.Blueprint):
    """A ``flask.Blueprint`` that answers the element's ``tokenProvider`` at ``path`` (``/token``; mount it under a
    prefix with ``register_blueprint(tokens, url_prefix=...)``). Refuses every request until ``decide`` is set.

    The options (``app_urls``, ``allowed_origins``, ``secret_key``, ``expiration``, ``max_body_bytes``) are
    ``TokenEndpoint``'s."""

    def __init__(
        self,
        decide: AsyncDecide[flask.Request] | None = None,
        *,
        path: str = "/token",
        name: str = "bokeh_session_tokens",
        **options: Unpack[EndpointOptions],
    ) -> None:
        super().__init__(name, __name__)
        self.token_endpoint: TokenEndpoint[flask.Request] = TokenEndpoint(decide, **options)
        # Every method reaches the endpoint, so that a GET gets its 405 by the same rules as elsewhere, and an
        # OPTIONS its preflight answer instead of Flask's automatic one.
        methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
        self.add_url_rule(path, "token", self._answer, methods=methods, provide_automatic_options=False)

    def decide(self, function: D) -> D:
        """Sets the function that decides each request's arguments (a decorator)."""
        return self.token_endpoint.decide(function)

    def _answer(self) -> flask.Response:
        request = flask.request
        # Flask's own Request object, not the context-local proxy: it stays valid inside decide and after.
        http = request._get_current_object()  # type: ignore[attr-defined]
        reply = self.token_endpoint.handle(
            http,
            request.method,
            request.headers.get,
            request.host_url,
            lambda length: request.get_data(cache=False) if length else b"",
        )
        return flask.Response(reply.body, status=reply.status, headers=reply.headers)
