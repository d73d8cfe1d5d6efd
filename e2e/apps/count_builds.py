"""An app that records each time it is built (one line per session: process id and session id) in $BUILD_LOG,
for bench/sticky-sessions.mjs (`npm run bench:sticky`), which compares how often the element and Bokeh's own embed build it."""

import os

from bokeh.io import curdoc
from bokeh.plotting import figure

from bokeh_session_echo import echo_arguments

doc = curdoc()
echo_arguments(doc)
with open(os.environ["BUILD_LOG"], "a", encoding="utf-8") as log:
    log.write(f"{os.getpid()} {doc.session_context.id}\n")
plot = figure(height=200, width=300, name="plot")
plot.scatter([1, 2, 3], [1, 4, 9], size=8)
doc.add_root(plot)
