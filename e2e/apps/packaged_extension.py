"""A test app made of a packaged extension's model (acc_pkg_ext.Hello, built by `bokeh build` in e2e set-up).

It publishes nothing, as a Panel app does not: the element finds the bundle by Bokeh's convention
(static/extensions/acc_pkg_ext/acc_pkg_ext.min.js), which the server serves once it rendered an app page or
autoload.js (Panel registers its own directory on import).
"""

from acc_pkg_ext import Hello
from bokeh.io import curdoc

from bokeh_session_echo import echo_arguments

doc = curdoc()
echo_arguments(doc)
doc.add_root(Hello(text="packaged", name="hello"))
