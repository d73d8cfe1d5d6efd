"""A test app with widgets (a Div and a DataTable), so the element must load BokehJS's widget and table code."""

from bokeh.io import curdoc
from bokeh.layouts import column
from bokeh.models import ColumnDataSource, DataTable, Div, TableColumn

from bokeh_session_echo import echo_arguments

doc = curdoc()
arguments = echo_arguments(doc)
rows = ColumnDataSource(data={"name": list(arguments), "value": [", ".join(v) for v in arguments.values()]})
table = DataTable(
    source=rows,
    columns=[TableColumn(field="name", title="name"), TableColumn(field="value", title="value")],
    height=120,
    name="table",
)
doc.add_root(column(Div(text="<b>widgets app</b>", name="div"), table, sizing_mode="stretch_width"))
