"""A test app whose document holds two models named `bokeh-session-echo`: the echo is ambiguous."""

from bokeh.io import curdoc
from bokeh.layouts import column
from bokeh.models import ColumnDataSource, Div

from bokeh_session_echo import echo_arguments

doc = curdoc()
echo_arguments(doc)
doc.add_root(ColumnDataSource(data={"name": ["x"], "value": ["y"]}, name="bokeh-session-echo"))
doc.add_root(column(Div(text="duplicate echo app", name="title")))
