"""A test app whose first document is a plot only, and which adds a DataTable, a Slider and a Div with TeX 1.5 s
after the session starts: the patch brings model types (and MathJax) that the first document did not need."""

from bokeh.io import curdoc
from bokeh.layouts import column
from bokeh.models import ColumnDataSource, DataTable, Div, Slider, TableColumn
from bokeh.plotting import figure

doc = curdoc()
plot = figure(width=300, height=200, title="late models", name="plot")
plot.line([1, 2, 3], [3, 1, 2])
doc.add_root(plot)


def add_models() -> None:
    rows = ColumnDataSource(data={"name": ["a", "b", "c"], "value": [1, 2, 3]})
    table = DataTable(
        source=rows,
        columns=[TableColumn(field="name", title="name"), TableColumn(field="value", title="value")],
        height=140,
        name="late-table",
    )
    slider = Slider(start=0, end=10, value=7, step=1, title="Late slider", name="late-slider")
    tex = Div(text=r"$$\frac{a}{b}$$", name="late-tex")
    doc.add_root(column(table, slider, tex))


doc.add_timeout_callback(add_models, 1500)
