"""The Django excerpt of the docs (django_example/urls.py) in a project with Django's auth: a logged-in user's
token carries their name and groups, whatever the page asked; anonymous requests are refused."""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterator
from types import ModuleType

import pytest
from token_backends import SECRET, Answer, configure_django


@pytest.fixture
def project(monkeypatch: pytest.MonkeyPatch) -> Iterator[ModuleType]:
    monkeypatch.setenv("BOKEH_SECRET_KEY", SECRET)
    configure_django()
    from django.core.management import call_command
    from django.test import override_settings

    call_command("migrate", verbosity=0)
    urls = importlib.import_module("django_example.urls")
    with override_settings(ROOT_URLCONF=urls):
        yield urls


def post(client: object, body: dict[str, object]) -> Answer:
    response = client.post("/bokeh/token", json.dumps(body), content_type="application/json")  # type: ignore[attr-defined]
    return Answer(response.status_code, dict(response.items()), json.loads(response.content))


def test_a_logged_in_user_gets_their_name_and_groups_signed(project: ModuleType) -> None:
    from django.contrib.auth.models import Group, User
    from django.test import Client

    alice = User.objects.create_user("alice", password="not used")
    alice.groups.add(Group.objects.create(name="analysts"))
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    asked = {"url": "https://www.example.com/app", "arguments": {"user": "mallory", "groups": ["admins"]}}
    assert post(client, asked).token_arguments() == {"user": ["alice"], "groups": ["analysts"]}


def test_anonymous_requests_and_other_apps_are_refused(project: ModuleType) -> None:
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    assert post(client, {"url": "https://www.example.com/app"}).status == 403
    answer = post(client, {"url": "https://www.example.com/other"})
    assert answer.status == 403
    assert "no tokens for app" in answer.body["error"]
