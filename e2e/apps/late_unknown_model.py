"""A test app that adds, once the page asks for it (sets the Div's text), a model type BokehJS cannot resolve: an
extension's model whose JavaScript the page never loaded."""

from bokeh.core.properties import String
from bokeh.io import curdoc
from bokeh.models import Div, Model


class LateGauge(Model):
    """A custom model whose JavaScript implementation the page never loaded."""

    label = String(default="late")


doc = curdoc()
trigger = Div(text="before the unknown model", name="trigger")
trigger.on_change("text", lambda attr, old, new: doc.add_root(LateGauge()))
doc.add_root(trigger)
