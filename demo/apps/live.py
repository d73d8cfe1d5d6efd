"""The live demo app: a plot of N points and a slider inside the app, both bound to the session's argument N.

The page changes N in the running session (no new session, zoom and selection stay); moving the slider changes it
on the page. Run with `npm run demo`, or by hand:
    .venv/bin/bokeh serve demo/apps/live.py --allow-websocket-origin=localhost:5173
"""

import math

from bokeh.io import curdoc
from bokeh.layouts import column
from bokeh.models import ColumnDataSource, Slider
from bokeh.plotting import figure

from bokeh_session import live_arguments

MAX_N = 500


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
    slider.value = n


def on_change(arguments: dict[str, list[str]]) -> None:
    show(parse_n(arguments))


def on_slider(_attr: str, _old: int, new: int) -> None:
    # Equal when on_change moved the slider: the page's change is not sent back as the app's own.
    if live.arguments.get("N") != [str(new)]:
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
slider = Slider(start=1, end=MAX_N, value=n, step=1, title="N (inside the app)", name="slider")
slider.on_change("value", on_slider)
doc.add_root(column(slider, plot, sizing_mode="stretch_width"))
doc.title = "bokeh-session live demo"
