"""Publish a Bokeh app's custom model code to ``<bokeh-session>``.

Bokeh's own embed (``autoload.js``, the app page) tells the browser which extension bundles to load and carries the
compiled code of inline TypeScript models (``__implementation__``). ``<bokeh-session>`` opens only the websocket, so
an app with such models calls ``publish_models(curdoc())`` once its model classes are imported or defined. It adds a
ColumnDataSource named ``bokeh-session-models`` with one row per piece of code, which the element reads from the
document before it deserializes the rest:

- ``kind`` ``"extension"``: ``name`` is the package (the first segment of its models' names), ``source`` the path of
  its bundle under the server's root (``static/extensions/<package>/<file>``, as ``autoload.js`` names it),
  ``bokeh_version`` the Bokeh that built it (``bokeh build`` records it in the extension's ``.bokeh``).
- ``kind`` ``"inline"``: ``source`` is the compiled JavaScript of every inline model the app defined (what
  ``autoload.js`` inlines), ``bokeh_version`` the Bokeh that compiled it.

Publishing also makes the server serve ``/static/extensions/<package>/...``: Bokeh fills that route's directory list
only when it renders ``autoload.js`` or an app page, which the element never requests.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

from bokeh import __version__ as bokeh_version
from bokeh.core.has_props import HasProps
from bokeh.document import Document
from bokeh.embed.bundle import _bundle_extensions
from bokeh.models import ColumnDataSource
from bokeh.resources import Resources
from bokeh.util.compiler import bundle_all_models

__all__ = ["MODELS_SOURCE_NAME", "publish_models", "published_rows"]

MODELS_SOURCE_NAME = "bokeh-session-models"

_STATIC_EXTENSIONS = "static/extensions/"


def published_rows() -> dict[str, list[str]]:
    """The rows ``publish_models`` adds: every extension and inline model class imported so far."""
    rows: dict[str, list[str]] = {"kind": [], "name": [], "source": [], "bokeh_version": []}
    # Mode "server" with the root "/" gives the URLs autoload.js uses; the call also registers each extension's
    # directory with the server's /static/extensions/ route.
    for bundle in _bundle_extensions(_importable_model_classes(), Resources(mode="server", root_url="/")):
        url = str(bundle.server_url)
        path = url[url.index(_STATIC_EXTENSIONS) :]
        package = path[len(_STATIC_EXTENSIONS) :].split("/", 1)[0]
        rows["kind"].append("extension")
        rows["name"].append(package)
        rows["source"].append(path)
        rows["bokeh_version"].append(_built_with(bundle.artifact_path) or "")
    inline = bundle_all_models()
    if inline:
        rows["kind"].append("inline")
        rows["name"].append("inline")
        rows["source"].append(inline)
        rows["bokeh_version"].append(bokeh_version)
    return rows


def publish_models(doc: Document) -> ColumnDataSource:
    """Adds the ``bokeh-session-models`` source to ``doc`` (not visual: BokehJS renders only roots with views)."""
    source = ColumnDataSource(name=MODELS_SOURCE_NAME, data=published_rows())
    doc.add_root(source)
    return source


def _importable_model_classes() -> set[type[HasProps]]:
    """Every model class whose top-level module can be imported, which Bokeh's extension lookup imports.

    Bokeh's own lookup (``_bundle_extensions(None, ...)``, as autoload.js calls it) takes every class it has seen,
    including classes defined in an app script, whose module (``bokeh_app_<id>``) is gone once its session is: the
    import then fails. Such classes have no extension to serve, so they are left out here.
    """
    classes: set[type[HasProps]] = set()
    for cls in HasProps.model_class_reverse_map.values():
        package = cls.__view_module__.split(".")[0]
        if package in sys.modules or importlib.util.find_spec(package) is not None:
            classes.add(cls)
    return classes


def _built_with(artifact: Path) -> str | None:
    """The Bokeh version ``bokeh build`` recorded beside the extension (``<extension>/.bokeh``), if any."""
    for directory in artifact.parents:
        record = directory / ".bokeh"
        if record.is_file():
            try:
                version = json.loads(record.read_text()).get("bokeh_version")
            except (OSError, ValueError):
                return None
            return version if isinstance(version, str) else None
        if (directory / "bokeh.ext.json").is_file():
            return None
    return None
