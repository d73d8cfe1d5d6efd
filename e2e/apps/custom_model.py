"""A test app whose document needs a model type BokehJS does not have (as a Bokeh extension or Panel would)."""

from bokeh.core.properties import String
from bokeh.io import curdoc
from bokeh.models import Model

from bokeh_session_echo import echo_arguments


class Gauge(Model):
    """A custom model whose JavaScript implementation the page never loaded."""

    label = String(default="load")


doc = curdoc()
echo_arguments(doc)
doc.add_root(Gauge(label="custom"))
