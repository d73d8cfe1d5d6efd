"""A test app for the load-balancer tests: the echo, plus which `bokeh serve` process built the session.

The process id goes into its own ColumnDataSource, ``backend-pid``, beside the echo source, so the echo contract
(``bokeh-session-echo`` with ``name``/``value`` rows) stays exactly what the element compares.
"""

import os

from bokeh.io import curdoc
from bokeh.models import ColumnDataSource

from bokeh_session_echo import echo_arguments

doc = curdoc()
echo_arguments(doc)
doc.add_root(ColumnDataSource(name="backend-pid", data={"pid": [str(os.getpid())]}))
