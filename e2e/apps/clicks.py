"""A test app that answers clicks through the server: the button's Python callback rewrites the Div, so the text
changes only while the session's websocket works both ways."""

from bokeh.io import curdoc
from bokeh.layouts import column
from bokeh.models import Button, Div

doc = curdoc()
out = Div(text="clicked 0 times", name="out")
button = Button(label="Click", name="click")
clicks = 0


def on_click() -> None:
    global clicks
    clicks += 1
    out.text = f"clicked {clicks} times"


button.on_click(on_click)
doc.add_root(column(button, out))
