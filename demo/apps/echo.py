"""The demo echo app: a plot driven by the session's arguments, plus the echo the element compares.

Arguments: N (number of points, default 50), title, color, theme (one of Bokeh's built-in themes, e.g.
dark_minimal: the demo page sends it in dark mode). Run with `npm run demo`, or by hand (`npm run demo` and
`npm test` install the bokeh_session package into .venv; elsewhere `pip install ./python`):
    .venv/bin/bokeh serve demo/apps/echo.py --allow-websocket-origin=localhost:5173
"""

import math
import os

import bokeh.themes
from bokeh.io import curdoc
from bokeh.plotting import figure

from bokeh_session import echo_arguments

doc = curdoc()
arguments = echo_arguments(doc)


def first(name: str, default: str) -> str:
    values = arguments.get(name)
    return values[0] if values else default


try:
    n = max(1, min(int(first("N", "50")), 10_000))
except ValueError:
    n = 50
title = first("title", f"{n} points")
color = first("color", "navy")

xs = [i / max(n - 1, 1) * 4 * math.pi for i in range(n)]
plot = figure(title=title, height=300, sizing_mode="stretch_width", name="plot")
try:
    plot.scatter(xs, [math.sin(x) for x in xs], size=8, color=color)
except ValueError:
    plot.scatter(xs, [math.sin(x) for x in xs], size=8, color="navy")
    plot.title.text = f"{title} (unknown color {color!r})"
theme = bokeh.themes.built_in_themes.get(first("theme", ""))
if theme is not None:
    doc.theme = theme
doc.add_root(plot)
doc.title = f"bokeh-session demo (pid {os.getpid()})"
