"""A widget app for the Content-Security-Policy specs (e2e/csp-*.spec.ts): the models whose BokehJS code (and the
libraries in it) uses the HTML sinks and the inline styles a strict policy refuses. A Div and a Markdown (HTML,
marked and DOMPurify), sliders (noUiSlider), a Select, a MultiChoice (Choices), a DatePicker (flatpickr), Tabs and
a DataTable (SlickGrid, jQuery) with styled cells, plus a Python button whose answer shows the session is live."""

from bokeh.io import curdoc
from bokeh.layouts import column, row
from bokeh.models import (
    Button,
    ColumnDataSource,
    DataTable,
    DatePicker,
    Div,
    Markdown,
    MultiChoice,
    NumberFormatter,
    Paragraph,
    RangeSlider,
    Select,
    Slider,
    StringFormatter,
    TableColumn,
    TabPanel,
    Tabs,
)

from bokeh_session_echo import echo_arguments

doc = curdoc()
echo_arguments(doc)
answer = Div(text="not asked", name="answer")
ask = Button(label="Ask the server", name="ask")
ask.on_click(lambda: setattr(answer, "text", "<i>the server answered</i>"))
source = ColumnDataSource(data={"name": ["a", "b", "c"], "value": [1.5, 22.25, 333.125]})
table = DataTable(
    source=source,
    columns=[
        TableColumn(field="name", title="name", formatter=StringFormatter(font_style="bold", text_color="firebrick")),
        TableColumn(field="value", title="value", formatter=NumberFormatter(format="0.00", text_align="right")),
    ],
    width=300,
    height=120,
    name="table",
)
doc.add_root(
    column(
        Div(text="<b>bold</b> and <i>italic</i> HTML", name="div"),
        Paragraph(text="a paragraph"),
        Markdown(text="**markdown** with `code`", name="markdown"),
        row(Slider(start=0, end=10, value=3, title="N", name="slider"), RangeSlider(start=0, end=10, value=(2, 8))),
        row(Select(options=["one", "two"], value="one"), MultiChoice(options=["x", "y", "z"], value=["x", "y"])),
        DatePicker(value="2024-05-17", title="day"),
        Tabs(tabs=[TabPanel(child=Div(text="first tab"), title="first"), TabPanel(child=Paragraph(text="second tab"), title="second")]),
        table,
        row(ask, answer),
        width=640,
    )
)
