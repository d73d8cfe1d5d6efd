"""A scatter coloured by a linear colour map with its colour bar (Bokeh's examples/basic/data/
linear_cmap_colorbar.py as an app)."""

from bokeh.io import curdoc
from bokeh.models import ColumnDataSource
from bokeh.plotting import figure
from bokeh.transform import linear_cmap

from bokeh_session_echo import echo_arguments

doc = curdoc()
echo_arguments(doc)
x = list(range(1, 11))
y = list(range(1, 11))
source = ColumnDataSource(dict(x=x, y=y))
p = figure(width=300, height=300, title="Linear color map based on Y")
cmap = linear_cmap(field_name="y", palette="Spectral6", low=min(y), high=max(y))
r = p.scatter(x="x", y="y", color=cmap, size=15, source=source)
p.add_layout(r.construct_color_bar(width=10), "right")
doc.add_root(p)
