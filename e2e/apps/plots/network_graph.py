"""A NetworkX graph with hover (Bokeh's examples/topics/graph/from_networkx.py as an app; the layout seeded so that
every session draws the same)."""

import networkx as nx

from bokeh.io import curdoc
from bokeh.palettes import Category20_20
from bokeh.plotting import figure, from_networkx

from bokeh_session_echo import echo_arguments

doc = curdoc()
echo_arguments(doc)
G = nx.desargues_graph()
p = figure(
    x_range=(-2, 2), y_range=(-2, 2), x_axis_location=None, y_axis_location=None, tools="hover,tap",
    tooltips="index: @index", height=350, width=350,
)
p.grid.grid_line_color = None
graph = from_networkx(G, nx.spring_layout, scale=1.8, center=(0, 0), seed=3)
p.renderers.append(graph)
graph.node_renderer.data_source.data["index"] = list(range(len(G)))
graph.node_renderer.data_source.data["colors"] = Category20_20
graph.node_renderer.glyph.update(size=20, fill_color="colors")
doc.add_root(p)
