"""A test app that takes ``delay`` seconds (an argument, default 0) to build its document, blocking its server as a
slow app script does. Bokeh's server sends a websocket's ACK only once the app script has run
(bokeh/server/views/ws.py), so a page can act between opening the socket and hearing the ACK. It prints a line when
it starts, for the test to wait for."""

import time

from bokeh.io import curdoc
from bokeh.plotting import figure

from bokeh_session_echo import echo_arguments

doc = curdoc()
arguments = echo_arguments(doc)
delay = float((arguments.get("delay") or ["0"])[0])
print(f"slow_build: building for {delay} s", flush=True)
time.sleep(delay)
plot = figure(height=200, width=300, name="plot")
plot.scatter([1, 2, 3], [1, 4, 9], size=8)
doc.add_root(plot)
