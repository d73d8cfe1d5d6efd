"""The live demo app: a plot of N points and an input inside the app, both bound to the session's argument N.

The page changes N in the running session (no new session, zoom and selection stay); a new N typed in the app's
input changes it on the page. (A NumericInput, not a Slider: BokehJS 3.9's slider handle has no accessible name.)
The optional argument `theme` (one of Bokeh's built-in themes, e.g. dark_minimal) themes the plot.
Run with `npm run demo`, or by hand:
    .venv/bin/bokeh serve demo/apps/live.py --allow-websocket-origin=localhost:5173
"""

import math

from bokeh.io import curdoc
from bokeh.layouts import column
from bokeh.models import ColumnDataSource, InlineStyleSheet, NumericInput
from bokeh.themes import built_in_themes
from bokeh.themes import default as default_theme
from bokeh.plotting import figure

from bokeh_session import live_arguments

MAX_N = 500
# Bokeh's themes do not reach its widgets: in a dark theme the input would keep its white box under the page's light
# text colour (inherited), its value unreadable.
DARK_THEMES = {"dark_minimal", "night_sky", "contrast"}
DARK_INPUT = InlineStyleSheet(css=".bk-input { background-color: #1f232b; color: #e6e8eb; border-color: #3a404b; }")


def parse_n(arguments: dict[str, list[str]]) -> int:
    """N is client input: refuse anything but a whole number in range (the page hears the message)."""
    text = (arguments.get("N") or ["50"])[0]
    try:
        n = int(text)
    except ValueError:
        raise ValueError(f"N must be a whole number, got {text!r}") from None
    if not 1 <= n <= MAX_N:
        raise ValueError(f"N must be between 1 and {MAX_N}, got {n}")
    return n


def points(n: int) -> dict[str, list[float]]:
    xs = [i / max(n - 1, 1) * 4 * math.pi for i in range(n)]
    return {"x": xs, "y": [math.sin(x) for x in xs]}


def show(n: int) -> None:
    source.data = points(n)
    plot.title.text = f"{n} points"
    n_input.value = n


def apply_theme(arguments: dict[str, list[str]]) -> None:
    # An unknown or no name: Bokeh's default theme. Set only when it changes: a theme restyles every model.
    name = (arguments.get("theme") or [""])[0]
    wanted = built_in_themes.get(name, default_theme)
    if doc.theme is not wanted:
        doc.theme = wanted
        n_input.stylesheets = [DARK_INPUT] if name in DARK_THEMES else []


def on_change(arguments: dict[str, list[str]]) -> None:
    show(parse_n(arguments))
    apply_theme(arguments)


def on_input(_attr: str, _old: int | None, new: int | None) -> None:
    # Equal when on_change set the input: the page's change is not sent back as the app's own.
    if new is not None and live.arguments.get("N") != [str(new)]:
        show(new)
        # Last: the echo tells the page the change is done, so the app's picture must be ready before it.
        live.update({**live.arguments, "N": str(new)})


doc = curdoc()
live = live_arguments(doc, on_change)
try:
    n = parse_n(live.arguments)
except ValueError:
    n = 50
source = ColumnDataSource(points(n), name="points")
plot = figure(title=f"{n} points", height=300, sizing_mode="stretch_width", name="plot")
plot.scatter("x", "y", source=source, size=8, color="firebrick")
n_input = NumericInput(low=1, high=MAX_N, value=n, title="N (inside the app)", name="n")
n_input.on_change("value", on_input)
apply_theme(live.arguments)
doc.add_root(column(n_input, plot, sizing_mode="stretch_width"))
doc.title = "bokeh-session live demo"
