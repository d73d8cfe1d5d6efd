"""The same app as flask_app.py, in FastAPI: a login of its own, and the page's tokens from this app.

    BOKEH_SECRET_KEY=... BOKEH_APP_URL=http://localhost:5006/echo uvicorn --app-dir demo/site fastapi_app:app

(`npm run demo -- fastapi` starts it with a signed `bokeh serve`; e2e/signed-backends.spec.ts tests it.)
"""

from __future__ import annotations

import os
import secrets
from urllib.parse import parse_qs

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from page import BOKEH_APP_URL, DIST, LOGIN_SECONDS, USERS, render_page
from starlette.middleware.sessions import SessionMiddleware

from bokeh_session import TokenRefused, TokenRequest
from bokeh_session.fastapi import TokenRouter

app = FastAPI()
# Starlette's signed session cookie is the login; it expires after LOGIN_SECONDS (the browser drops it, and the
# middleware refuses an older signature).
app.add_middleware(SessionMiddleware, secret_key=os.environ.get("SESSION_SECRET_KEY") or secrets.token_hex(32), max_age=LOGIN_SECONDS)
app.mount("/dist", StaticFiles(directory=DIST), name="dist")


@app.get("/", response_class=HTMLResponse)
def page(request: Request) -> str:
    return render_page("FastAPI", request.session.get("user"))


@app.post("/login")
async def login(request: Request) -> RedirectResponse:
    user = parse_qs((await request.body()).decode("utf-8")).get("user", [""])[0]
    if user not in USERS:
        raise HTTPException(401)
    request.session["user"] = user
    return RedirectResponse("/", status_code=303)


@app.post("/logout")
def logout(request: Request) -> RedirectResponse:
    request.session.clear()
    return RedirectResponse("/", status_code=303)


tokens = TokenRouter(app_urls=[BOKEH_APP_URL])


@tokens.decide
def session_arguments(request: TokenRequest[Request]) -> dict[str, str]:
    user = request.http.session.get("user")  # this app's own login
    if user is None:
        raise TokenRefused("log in first: you are not logged in, or your login expired", status=401)
    n = request.requested.get("N", ["20"])[0]  # what the page asked for: untrusted
    return {"user": user, "N": n if n.isdigit() and 1 <= int(n) <= 1000 else "20"}


app.include_router(tokens)
