"""The page both demo backends serve (flask_app.py, fastapi_app.py): the same HTML, so one e2e spec drives both."""

from __future__ import annotations

import html
import json
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist"
"""The built element (npm run build), served at /dist/ as a user serves it from their static files."""

BOKEH_APP_URL = os.environ.get("BOKEH_APP_URL", "http://localhost:5006/echo")
"""The Bokeh app, served by `bokeh serve --session-ids external-signed` with the same BOKEH_SECRET_KEY."""

LOGIN_SECONDS = int(os.environ.get("LOGIN_SECONDS", "3600"))
"""How long a login lasts, enforced by each framework's own signed session cookie."""

USERS = {"alice", "bob"}

_TEMPLATE = (Path(__file__).parent / "page.html").read_text(encoding="utf-8")


def render_page(framework: str, user: str | None) -> str:
    who = f"Logged in as {user}." if user is not None else "Not logged in: log in to see your plot."
    # In a <script>, "</" would end it: JSON with "<" escaped is a safe JavaScript string.
    app_url_json = json.dumps(BOKEH_APP_URL).replace("<", "\\u003c")
    values = {"%FRAMEWORK%": html.escape(framework), "%WHO%": html.escape(who), "%APP_URL_JSON%": app_url_json}
    page = _TEMPLATE
    for placeholder, value in values.items():
        page = page.replace(placeholder, value)
    return page
