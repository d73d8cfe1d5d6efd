"""An app with a CustomJS callback for the Content-Security-Policy specs: without 'unsafe-eval' the callback cannot
be compiled (csp-blocked) while the Python button, answered by the server, shows that the session keeps running."""

from bokeh.io import curdoc
from bokeh.layouts import column, row
from bokeh.models import Button, CustomJS, Div

from bokeh_session_echo import echo_arguments

doc = curdoc()
echo_arguments(doc)
ran = Div(text="not run", name="ran")
run = Button(label="Run CustomJS", name="run")
run.js_on_click(CustomJS(args=dict(ran=ran), code="ran.text = 'the CustomJS ran'", name="callback"))
answer = Div(text="not asked", name="answer")
ask = Button(label="Ask the server", name="ask")
ask.on_click(lambda: setattr(answer, "text", "the server answered"))
doc.add_root(column(row(run, ran), row(ask, answer)))
