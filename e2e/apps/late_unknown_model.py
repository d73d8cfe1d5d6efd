"""A test app that adds, once the page asks for it (sets the Div's text), a model type BokehJS cannot resolve: an
extension's model whose JavaScript the page never loaded."""

from acc_missing_ext import LateGauge
from bokeh.io import curdoc
from bokeh.models import Div

doc = curdoc()
trigger = Div(text="before the unknown model", name="trigger")
trigger.on_change("text", lambda attr, old, new: doc.add_root(LateGauge()))
doc.add_root(trigger)
