"""A test app made of a model from an extension built for another BokehJS version (acc_old_ext: 3.8.1)."""

from acc_old_ext import OldHello
from bokeh.io import curdoc

from bokeh_session_models import publish_models

doc = curdoc()
doc.add_root(OldHello(text="old", name="hello"))
publish_models(doc)
