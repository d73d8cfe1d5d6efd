"""Signals on a categorical axis with a scale bar (Bokeh's examples/basic/annotations/scale_bar_positioning.py as
an app, with seeded data so that every session draws the same)."""

import numpy as np

from bokeh.core.properties import field
from bokeh.io import curdoc
from bokeh.models import ColumnDataSource, FactorRange, Metric, Range1d, ScaleBar, WheelZoomTool
from bokeh.palettes import Category10
from bokeh.plotting import figure

from bokeh_session_echo import echo_arguments

doc = curdoc()
echo_arguments(doc)
channels = ["EEG 0", "EEG 1", "EEG 2", "POS 0"]
time = np.linspace(0, 15, 15 * 128)
data = np.random.default_rng(7).standard_normal((len(channels), time.size)).cumsum(axis=1)
ywheel_zoom = WheelZoomTool(level=1, dimensions="height")
p = figure(
    x_range=Range1d(start=time.min(), end=time.max()), y_range=FactorRange(factors=channels),
    tools=["pan", "reset", ywheel_zoom], active_scroll=ywheel_zoom, height=350,
)
source = ColumnDataSource(data=dict(time=time))
renderers = {}
for i, channel in enumerate(channels):
    subplot = p.subplot(
        x_source=p.x_range, y_source=Range1d(start=data[i].min(), end=data[i].max()),
        x_target=p.x_range, y_target=Range1d(start=i, end=i + 1),
    )
    source.data[channel] = data[i]
    renderers[channel] = subplot.line(field("time"), field(channel), color=Category10[10][i], source=source)
ywheel_zoom.renderers = [*renderers.values()]
p.add_layout(ScaleBar(
    range=renderers["EEG 1"].coordinates.y_source, unit="µV", dimensional=Metric(base_unit="V"),
    orientation="vertical", location=("left", "EEG 1"), anchor="auto", label_location="right",
    background_fill_color=None, border_line_color=None, bar_length=0.5, bar_length_units="data",
))
p.add_layout(ScaleBar(range=p.x_range, unit="s", dimensional=Metric(base_unit="s"), location="bottom_right"))
doc.add_root(p)
