"""A Django project's urls.py with the token view, as docs/deploy.md and the README show it; test_django_example.py
runs it with Django's own auth, sessions and CSRF middleware."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import path

from bokeh_session import TokenRequest
from bokeh_session.django import TokenView

tokens = TokenView(app_urls=["https://www.example.com/app"])  # BOKEH_SECRET_KEY: the Bokeh server's secret


@tokens.decide
def session_arguments(request: TokenRequest[HttpRequest]) -> dict[str, str | list[str]] | None:
    user = request.http.user  # Django's own login (AuthenticationMiddleware)
    if not user.is_authenticated:
        return None
    return {"user": user.get_username(), "groups": [group.name for group in user.groups.all()]}


urlpatterns = [path("bokeh/token", tokens)]
