"""Models whose JavaScript nobody serves: a Python package without ``bokeh.ext.json`` or a bundle, as an extension
whose build is missing would be (e2e/apps/custom_model.py, late_unknown_model.py).

They live in an importable package rather than in the app scripts: Bokeh's server imports the top-level module of
every model class it has seen to look for extensions whenever it renders autoload.js or an app page, and an app
script's module (``bokeh_app_<id>``) is gone once its session is: from then on every autoload.js of that server
would fail with ModuleNotFoundError (a 500), breaking the specs that compare with Bokeh's own embed.
"""

from bokeh.core.properties import String
from bokeh.models import Model

__all__ = ["Gauge", "LateGauge"]


class Gauge(Model):
    """A custom model whose JavaScript implementation the page never loaded."""

    label = String(default="load")


class LateGauge(Model):
    """A custom model whose JavaScript implementation the page never loaded."""

    label = String(default="late")
