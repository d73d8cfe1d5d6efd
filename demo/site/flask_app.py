"""A Flask app with a login of its own, whose page embeds a signed Bokeh session: its tokens come from this app.

    BOKEH_SECRET_KEY=... BOKEH_APP_URL=http://localhost:5006/echo flask --app demo/site/flask_app.py run

(`npm run demo -- flask` starts it with a signed `bokeh serve`; e2e/signed-backends.spec.ts tests it.)
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta

import flask
from flask.typing import ResponseReturnValue
from page import BOKEH_APP_URL, DIST, LOGIN_SECONDS, USERS, render_page

app = flask.Flask(__name__, static_folder=DIST, static_url_path="/dist")
app.secret_key = os.environ.get("FLASK_SECRET_KEY") or secrets.token_hex(32)
# Flask's own signed session cookie is the login; it expires after LOGIN_SECONDS (the browser drops it, and Flask
# refuses an older signature).
app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(seconds=LOGIN_SECONDS)


@app.get("/")
def page() -> str:
    return render_page("Flask", flask.session.get("user"))


@app.post("/login")
def login() -> ResponseReturnValue:
    user = flask.request.form.get("user", "")
    if user not in USERS:
        flask.abort(401)
    flask.session.permanent = True
    flask.session["user"] = user
    return flask.redirect("/", code=303)


@app.post("/logout")
def logout() -> ResponseReturnValue:
    flask.session.clear()
    return flask.redirect("/", code=303)


# All that signed sessions add to an existing Flask app, kept together as a user adds it (the README's excerpt).
# BOKEH_SECRET_KEY in the environment is the Bokeh server's secret.
from bokeh_session import TokenRefused, TokenRequest
from bokeh_session.flask import TokenBlueprint

tokens = TokenBlueprint(app_urls=[BOKEH_APP_URL])


@tokens.decide
def session_arguments(request: TokenRequest[flask.Request]) -> dict[str, str]:
    user = flask.session.get("user")  # this app's own login
    if user is None:
        raise TokenRefused("log in first: you are not logged in, or your login expired", status=401)
    n = request.requested.get("N", ["20"])[0]  # what the page asked for: untrusted
    return {"user": user, "N": n if n.isdigit() and 1 <= int(n) <= 1000 else "20"}


app.register_blueprint(tokens)
