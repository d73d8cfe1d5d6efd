"""A test app that runs the BokehJS code the build rewrites (build/vite/bokehjs-rewrites.mjs): Web Mercator axes (the
projection, which the build replaces with a closed form) and ``CustomJS(module=True)`` callbacks (a dynamic
``import()`` of a blob: URL, which the build turns from an ``eval`` into a plain import), one run when the document
is ready and one on a button click."""

from bokeh.io import curdoc
from bokeh.layouts import column
from bokeh.models import Button, CustomJS, Div
from bokeh.plotting import figure

from bokeh_session_echo import echo_arguments

doc = curdoc()
echo_arguments(doc)
plot = figure(
    x_axis_type="mercator",
    y_axis_type="mercator",
    x_range=(-2_000_000, 2_000_000),
    y_range=(-1_000_000, 3_000_000),
    height=250,
    width=350,
    name="map",
    title="module not run",
)
plot.xaxis[0].formatter.name = "lon-formatter"
plot.yaxis[0].formatter.name = "lat-formatter"
plot.scatter([-1_000_000, 0, 1_000_000], [0, 1_000_000, 2_000_000], size=12)

status = Div(text="button not clicked", name="status")
button = Button(label="run module", name="button")
button.js_on_click(
    CustomJS(
        module=True,
        args=dict(status=status),
        code="export default ({status}) => { status.text = 'module ran on click' }",
    )
)
doc.js_on_event(
    "document_ready",
    CustomJS(
        module=True,
        args=dict(plot=plot),
        code="export default ({plot}) => { plot.title.text = 'module ran on load' }",
    ),
)
doc.add_root(column(plot, button, status))
