"""A test app that echoes a different set of keys than it was sent, as an app that checks its input might report
what it kept: it drops ``secret``, caps ``N`` at 100, and adds ``units`` with its default. The element's echo table
then has a "not received", a "differs" and a "not sent" row."""

from bokeh.io import curdoc
from bokeh.models import ColumnDataSource

from bokeh_session_echo import ECHO_SOURCE_NAME, decode_arguments

doc = curdoc()
received = decode_arguments(doc.session_context.request.arguments)
kept = {name: values for name, values in received.items() if name != "secret"}
if "N" in kept:
    kept["N"] = [str(min(int(value), 100)) for value in kept["N"]]
kept.setdefault("units", ["metric"])
doc.add_root(
    ColumnDataSource(
        name=ECHO_SOURCE_NAME,
        data={
            "name": [name for name, values in kept.items() for _ in values],
            "value": [value for values in kept.values() for value in values],
        },
    )
)
