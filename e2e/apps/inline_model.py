"""A test app with an inline TypeScript model (``__implementation__``), published with publish_models(doc)."""

from acc_inline_models import InlineHello
from bokeh.io import curdoc

from bokeh_session_echo import echo_arguments
from bokeh_session_models import publish_models

doc = curdoc()
echo_arguments(doc)
doc.add_root(InlineHello(text="inline", name="hello"))
publish_models(doc)
