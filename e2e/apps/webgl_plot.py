"""A test app whose plot draws with WebGL: BokehJS imports its WebGL code (a chunk of its own) while it builds the
plot's views, so a page that holds that chunk back holds the render of a document it already has."""

from bokeh.io import curdoc
from bokeh.plotting import figure

from bokeh_session_echo import echo_arguments

doc = curdoc()
echo_arguments(doc)
plot = figure(height=200, width=300, output_backend="webgl", name="plot")
plot.scatter([1, 2, 3], [1, 4, 9], size=12)
doc.add_root(plot)
