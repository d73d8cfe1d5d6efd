"""A test app whose document needs a model type BokehJS does not have (as a Bokeh extension or Panel would)."""

from acc_missing_ext import Gauge
from bokeh.io import curdoc

from bokeh_session_echo import echo_arguments

doc = curdoc()
echo_arguments(doc)
doc.add_root(Gauge(label="custom"))
