"""A test app made of a packaged extension's model (acc_old_ext.OldHello), publishing nothing, for the cross-version
spec: it writes a copy of the extension whose bundle is built for the server's own release, as `bokeh build` with
that release would, so that Bokeh's own embed of each release renders it."""

from acc_old_ext import OldHello
from bokeh.io import curdoc

doc = curdoc()
doc.add_root(OldHello(text="release", name="hello"))
