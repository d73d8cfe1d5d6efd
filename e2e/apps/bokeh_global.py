"""A test app whose CustomJS uses the `Bokeh` global the way Bokeh's examples do (events_app.py calls
`Bokeh.require("core/util/pretty")`), and reads `Bokeh.documents` and `Bokeh.index`."""

from bokeh.io import curdoc
from bokeh.layouts import column
from bokeh.models import Button, CustomJS, Div

doc = curdoc()
out = Div(text="not run", name="out")
button = Button(label="Run", name="run")
layout = column(button, out)
button.js_on_click(
    CustomJS(
        args=dict(out=out, layout=layout),
        code="""
const {to_string} = Bokeh.require("core/util/pretty")
const {isString} = Bokeh.require("core/util/types")
const documents = Bokeh.documents.filter((doc) => doc.get_model_by_id(out.id) === out)
const view = Bokeh.index[layout.id]
out.text = [
  to_string([1, "two", {three: 3}]),
  `string: ${isString("x")}`,
  `documents: ${documents.length}`,
  `root view: ${view != null && view.model === layout}`,
  `version: ${typeof Bokeh.version}`,
].join(" | ")
""",
    )
)
doc.add_root(layout)
