"""A packaged Bokeh extension built for another BokehJS version (3.8.1), for the version guard's e2e test.

Only one Bokeh can be installed here, so its bundle (bundle/acc_old_ext.js) is written by hand in the format of
`bokeh build`'s output, with the prelude that names the BokehJS version it was built for, as BokehJS's own bundles
do (``factory(root["Bokeh"], "3.8.1")``). package.json's ``main`` names the file, as an npm-published extension's
does, so the server serves it at ``/static/extensions/acc_old_ext/acc_old_ext.js?v=<hash of the version>``.
"""

from bokeh.core.properties import String
from bokeh.models import LayoutDOM

__all__ = ["OldHello"]


class OldHello(LayoutDOM):
    """Renders a ``div`` with ``text``."""

    text = String(default="")
