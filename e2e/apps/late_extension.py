"""A test app that adds a packaged extension's model (acc_pkg_ext.Hello) once the page asks for it (sets the Div's
text): a PATCH-DOC brings the type after the first render. It publishes its models, so the server serves the bundle
and the element knows its exact URL."""

from acc_pkg_ext import Hello
from bokeh.io import curdoc
from bokeh.models import Div

from bokeh_session_models import publish_models

doc = curdoc()
trigger = Div(text="before the extension model", name="trigger")
trigger.on_change("text", lambda attr, old, new: doc.add_root(Hello(text=new, name="hello")))
doc.add_root(trigger)
publish_models(doc)
