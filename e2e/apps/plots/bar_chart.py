"""A categorical bar chart with hover, as a user writes it (Bokeh's examples/basic/bars/colormapped.py as an app):
factor range, categorical axis and scale, a colour-mapped legend, hatching. The `title` argument sets the title."""

from bokeh.io import curdoc
from bokeh.models import ColumnDataSource, HoverTool
from bokeh.palettes import Bright6
from bokeh.plotting import figure
from bokeh.transform import factor_cmap

from bokeh_session_echo import echo_arguments

doc = curdoc()
arguments = echo_arguments(doc)
fruits = ["Apples", "Pears", "Nectarines", "Plums", "Grapes", "Strawberries"]
counts = [5, 3, 4, 2, 4, 6]
source = ColumnDataSource(data=dict(fruits=fruits, counts=counts))
p = figure(x_range=fruits, height=350, toolbar_location=None, title=arguments.get("title", ["Fruit Counts"])[0])
p.vbar(
    x="fruits", top="counts", width=0.9, source=source, legend_field="fruits", line_color="white",
    fill_color=factor_cmap("fruits", palette=Bright6, factors=fruits), hatch_pattern="/", hatch_alpha=0.2,
)
p.add_tools(HoverTool(tooltips=[("fruit", "@fruits"), ("count", "@counts")]))
p.xgrid.grid_line_color = None
p.y_range.start = 0
p.y_range.end = 9
p.legend.orientation = "horizontal"
p.legend.location = "top_center"
doc.add_root(p)
