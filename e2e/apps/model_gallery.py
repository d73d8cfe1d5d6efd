"""One document per model class Bokeh knows: the class named by the `model` argument, placed as model_catalog.py
says (e2e/models.spec.ts renders each with the element and with Bokeh's own embed, and compares). It echoes nothing:
Bokeh's embed sends arguments of its own (bokeh-autoload-element, ...), and a model that shows the document (the
Examiner) would then show different data."""

from bokeh.io import curdoc

from model_catalog import document_roots

doc = curdoc()
for root in document_roots(doc.session_context.request.arguments["model"][0].decode()):
    doc.add_root(root)
