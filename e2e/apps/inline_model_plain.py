"""A test app with an inline TypeScript model (``__implementation__``), as apps are written: nothing published.

Bokeh's own embed runs the model's compiled code from the server's autoload.js; the element reads the same code from
the same autoload.js (for its own session, which that creates no second one of).
"""

from acc_inline_models import InlineHello
from bokeh.io import curdoc

from bokeh_session import echo_arguments

doc = curdoc()
echo_arguments(doc)
doc.add_root(InlineHello(text="plain", name="hello"))
