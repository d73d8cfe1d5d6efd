"""Signed session tokens from a Django project: a view for one URL.

    tokens = TokenView(app_urls=["https://www.example.com/app"])

    @tokens.decide
    def session_arguments(request: TokenRequest[HttpRequest]) -> dict[str, str] | None:
        ...  # who asks (request.http.user, from Django's auth), and what they may see

    urlpatterns = [path("token", tokens)]

``pip install "bokeh-session[django]"``. The rules are ``bokeh_session.endpoint.TokenEndpoint``'s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest, HttpResponse

from bokeh_session.endpoint import AsyncDecide, D, EndpointOptions, TokenEndpoint

if TYPE_CHECKING:
    from typing_extensions import Unpack


class TokenView:
    """A Django view (a callable: ``path("token", tokens)``) that answers the element's ``tokenProvider``.
    Refuses every request until ``decide`` is set.

    The options (``app_urls``, ``allowed_origins``, ``secret_key``, ``expiration``, ``max_body_bytes``) are
    ``TokenEndpoint``'s."""

    # CsrfViewMiddleware would refuse the provider's POST for want of a CSRF token. The endpoint does the check that
    # CSRF protection stands for itself: a browser page of another site is refused by its Origin (unless named in
    # allowed_origins), and without CORS it could not read a token anyway.
    csrf_exempt = True

    def __init__(
        self,
        decide: AsyncDecide[HttpRequest] | None = None,
        **options: Unpack[EndpointOptions],
    ) -> None:
        self.token_endpoint: TokenEndpoint[HttpRequest] = TokenEndpoint(decide, **options)

    def decide(self, function: D) -> D:
        """Sets the function that decides each request's arguments (a decorator)."""
        return self.token_endpoint.decide(function)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        reply = self.token_endpoint.handle(
            request,
            request.method or "GET",
            request.headers.get,
            # request.get_host() checks ALLOWED_HOSTS, as every Django view does before trusting the Host header.
            f"{request.scheme}://{request.get_host()}",
            # request.body reads exactly CONTENT_LENGTH bytes, which the endpoint checked first.
            lambda length: request.body if length else b"",
        )
        response = HttpResponse(reply.body, status=reply.status)
        for name, value in reply.headers.items():
            response[name] = value
        return response
