"""A test app that does not echo its arguments (it never calls ``echo_arguments``): the element shows its
``no-echo`` note instead of the table."""

from bokeh.io import curdoc
from bokeh.plotting import figure

plot = figure(height=200, width=300, name="plot")
plot.line([1, 2, 3], [3, 1, 2], line_width=4)
curdoc().add_root(plot)
