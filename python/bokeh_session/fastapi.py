"""Signed session tokens from a FastAPI (or Starlette) app: a router with one route, ``POST /token``.

    tokens = TokenRouter(app_urls=["https://www.example.com/app"])

    @tokens.decide
    async def session_arguments(request: TokenRequest[Request]) -> dict[str, str] | None:
        ...  # who asks (request.cookies, your session middleware), and what they may see

    app.include_router(tokens)

``decide`` may be ``async def`` (awaited) or a plain function (run in the thread pool, as FastAPI runs plain
endpoints). ``pip install "bokeh-session[fastapi]"``. The rules are ``bokeh_session.endpoint.TokenEndpoint``'s.
In a Starlette app without FastAPI: ``Route("/token", tokens.answer, methods=["POST", "OPTIONS"])``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from bokeh_session.endpoint import AsyncDecide, D, EndpointOptions, TokenEndpoint

if TYPE_CHECKING:
    from typing_extensions import Unpack


class TokenRouter(APIRouter):
    """A FastAPI ``APIRouter`` that answers the element's ``tokenProvider`` at ``path`` (``/token``; add a prefix with
    ``include_router(tokens, prefix=...)``). Refuses every request until ``decide`` is set.

    The options (``app_urls``, ``allowed_origins``, ``secret_key``, ``expiration``, ``max_body_bytes``) are
    ``TokenEndpoint``'s."""

    def __init__(
        self,
        decide: AsyncDecide[Request] | None = None,
        *,
        path: str = "/token",
        **options: Unpack[EndpointOptions],
    ) -> None:
        super().__init__()
        self.token_endpoint: TokenEndpoint[Request] = TokenEndpoint(decide, **options)
        # A plain Starlette route for every method: the endpoint answers 405s and preflights by the shared rules,
        # and FastAPI neither parses the body nor lists the route in the OpenAPI schema.
        methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
        self.add_route(path, self.answer, methods=methods, include_in_schema=False)

    def decide(self, function: D) -> D:
        """Sets the function that decides each request's arguments (a decorator)."""
        return self.token_endpoint.decide(function)

    async def answer(self, request: Request) -> Response:
        async def read_body(length: int) -> bytes:
            return await request.body() if length else b""

        reply = await self.token_endpoint.handle_async(
            request,
            request.method,
            request.headers.get,
            f"{request.url.scheme}://{request.url.netloc}",
            read_body,
            run_in_threadpool,
        )
        return Response(reply.body, status_code=reply.status, headers=reply.headers)
