"""A one-model packaged Bokeh extension for the e2e tests, built with ``bokeh build`` during test set-up.

It stands in for Panel and other extension libraries: Bokeh's server serves its bundle at
``/static/extensions/acc_pkg_ext/acc_pkg_ext.min.js``, and Bokeh's own embed loads it from there.
"""

from bokeh.core.properties import String
from bokeh.models import LayoutDOM

__all__ = ["Hello"]


class Hello(LayoutDOM):
    """Renders a ``div`` with ``text``; its view is in hello.ts."""

    text = String(default="")
