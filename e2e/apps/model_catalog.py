"""A document for every concrete model class Bokeh knows, for the model-by-model comparison with Bokeh's own embed.

The classes come from Bokeh's registry (``Model.model_class_reverse_map``), not from a list kept here: a class that
a new Bokeh release adds must find a placement below (by one of its base classes) or the comparison fails naming it.
A placement puts an instance of the class where a user's document would have it (a glyph in a plot, a tool on a
plot's toolbar, a ticker on an axis, a widget as a root...). Values the class needs to draw something come from
``KWARGS``; everything else keeps Bokeh's defaults.

``python model_catalog.py`` prints the catalog as JSON: ``{"models": [{"name", "placement"}], "excluded":
[{"name", "why"}]}``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any

import numpy as np

import bokeh.models as bm
import bokeh.models.dom as dom
from bokeh.core.has_props import is_abstract
from bokeh.core.property.descriptors import UnsetValueError
from bokeh.model import Model
from bokeh.plotting import figure

# Base classes that bokeh.models does not export, by their registered name.
REGISTRY = Model.model_class_reverse_map

__all__ = ["catalog", "document_roots"]

# Every catalog document is small, so that several hundred render in minutes; tiles and URLs point at the Bokeh
# server itself (no internet here, and the same 404 for both embeds).
WIDTH, HEIGHT = 300, 200
X = [1.0, 2.0, 3.0, 4.0]
Y = [2.0, 1.0, 3.0, 2.5]
FACTORS = ["a", "b", "c", "d"]
NESTED = [("g1", "a"), ("g1", "b"), ("g2", "a"), ("g2", "b")]
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><circle cx="5" cy="5" r="4"/></svg>'


def plot(**kwargs: Any) -> bm.Plot:
    return figure(width=WIDTH, height=HEIGHT, tools="", toolbar_location=None, **kwargs)


def source(**columns: Any) -> bm.ColumnDataSource:
    return bm.ColumnDataSource(data={"x": X, "y": Y, **columns})


def scatter_plot(**kwargs: Any) -> tuple[bm.Plot, bm.GlyphRenderer]:
    p = plot(**kwargs)
    return p, p.scatter("x", "y", source=source(), size=8)


# Values a class needs to draw (or to be valid), by class name. Anything not here is default-constructed.
KWARGS: dict[str, Callable[[], dict[str, Any]]] = {
    "Arrow": lambda: {"x_start": 1, "y_start": 1, "x_end": 3, "y_end": 3},
    "Band": lambda: {"source": source(lower=[1, 1, 2, 2], upper=[3, 2, 4, 3]), "base": "x", "lower": "lower", "upper": "upper"},
    "Whisker": lambda: {"source": source(lower=[1, 1, 2, 2], upper=[3, 2, 4, 3]), "base": "x", "lower": "lower", "upper": "upper"},
    "BoxAnnotation": lambda: {"left": 1.5, "right": 2.5, "bottom": 1.5, "top": 2.5},
    "PolyAnnotation": lambda: {"xs": [1, 2, 3], "ys": [1, 3, 1]},
    "Slope": lambda: {"gradient": 0.5, "y_intercept": 1},
    "Span": lambda: {"location": 2, "dimension": "height"},
    "Label": lambda: {"x": 2, "y": 2, "text": "label"},
    "LabelSet": lambda: {"source": source(t=FACTORS), "x": "x", "y": "y", "text": "t"},
    "HTMLLabel": lambda: {"x": 2, "y": 2, "text": "html label"},
    "HTMLLabelSet": lambda: {"source": source(t=FACTORS), "x": "x", "y": "y", "text": "t"},
    "Title": lambda: {"text": "a title"},
    "HTMLTitle": lambda: {"text": "an html title"},
    "ColorBar": lambda: {"color_mapper": bm.LinearColorMapper(palette="Viridis256", low=0, high=1)},
    "ScaleBar": lambda: {"range": bm.Range1d(0, 10)},
    "Paragraph": lambda: {"text": "a paragraph"},
    "PreText": lambda: {"text": "pre text"},
    "Div": lambda: {"text": "<b>a div</b>"},
    "Markdown": lambda: {"text": "**markdown**"},
    "Button": lambda: {"label": "a button"},
    "Toggle": lambda: {"label": "a toggle"},
    "Dropdown": lambda: {"label": "a dropdown", "menu": ["one", "two"]},
    "HelpButton": lambda: {"tooltip": bm.Tooltip(content="help", position="right")},
    "CheckboxGroup": lambda: {"labels": ["one", "two"], "active": [0]},
    "RadioGroup": lambda: {"labels": ["one", "two"], "active": 0},
    "CheckboxButtonGroup": lambda: {"labels": ["one", "two"], "active": [0]},
    "RadioButtonGroup": lambda: {"labels": ["one", "two"], "active": 0},
    "Select": lambda: {"options": ["one", "two"], "value": "one"},
    "MultiSelect": lambda: {"options": ["one", "two"], "value": ["one"]},
    "MultiChoice": lambda: {"options": ["one", "two"], "value": ["one"]},
    "AutocompleteInput": lambda: {"completions": ["one", "two"]},
    "PaletteSelect": lambda: {"items": [("Viridis", ["#440154", "#21918c", "#fde725"])], "value": "Viridis"},
    "Slider": lambda: {"start": 0, "end": 10, "value": 3, "step": 1, "title": "slider"},
    "RangeSlider": lambda: {"start": 0, "end": 10, "value": (2, 8), "step": 1},
    "DateSlider": lambda: {"start": "2024-01-01", "end": "2024-12-31", "value": "2024-06-01"},
    "DateRangeSlider": lambda: {"start": "2024-01-01", "end": "2024-12-31", "value": ("2024-03-01", "2024-06-01")},
    "DatetimeRangeSlider": lambda: {"start": "2024-01-01", "end": "2024-12-31", "value": ("2024-03-01", "2024-06-01")},
    "CategoricalSlider": lambda: {"categories": FACTORS, "value": "b"},
    "DatePicker": lambda: {"value": "2024-06-01"},
    "Progress": lambda: {"value": 40},
    "Tabs": lambda: {"tabs": [bm.TabPanel(child=bm.Div(text="tab one"), title="one")]},
    "TabPanel": lambda: {"child": bm.Div(text="a tab"), "title": "tab"},
    "GroupBox": lambda: {"child": bm.Div(text="in a group box"), "title": "group"},
    "ScrollBox": lambda: {"child": bm.Div(text="in a scroll box")},
    "Column": lambda: {"children": [bm.Div(text="one"), bm.Div(text="two")]},
    "Row": lambda: {"children": [bm.Div(text="one"), bm.Div(text="two")]},
    "HBox": lambda: {"children": [bm.Div(text="one"), bm.Div(text="two")]},
    "VBox": lambda: {"children": [bm.Div(text="one"), bm.Div(text="two")]},
    "GridBox": lambda: {"children": [(bm.Div(text="one"), 0, 0), (bm.Div(text="two"), 0, 1)]},
    "Spacer": lambda: {"width": 50, "height": 20},
    "Pane": lambda: {"elements": [bm.Div(text="in a pane")]},
    "Panel": lambda: {"elements": [bm.Div(text="in a panel")], "position": bm.XY(x=2, y=2)},
    "Metric": lambda: {"base_unit": "m"},
    "ReciprocalMetric": lambda: {"base_unit": "m"},
    "Dialog": lambda: {"content": "a dialog"},
    "Drawer": lambda: {"elements": [bm.Div(text="in a drawer")], "location": "right"},
    "ClickPanTool": lambda: {"direction": "left"},
    "TileSource": lambda: {"x_origin_offset": 0, "y_origin_offset": 0},
    "FixedTicker": lambda: {"ticks": [1, 2, 3]},
    "SingleIntervalTicker": lambda: {"interval": 1},
    "CompositeTicker": lambda: {"tickers": [bm.BasicTicker()]},
    "BinnedTicker": lambda: {"mapper": bm.EqHistColorMapper(palette="Viridis256")},
    "CustomJSTicker": lambda: {"major_code": "return [1, 2, 3]"},
    "CustomJSTickFormatter": lambda: {"code": "return `t${tick}`"},
    "CustomLabelingPolicy": lambda: {"code": "return true"},
    "LinearColorMapper": lambda: {"palette": "Viridis256"},
    "LogColorMapper": lambda: {"palette": "Viridis256"},
    "EqHistColorMapper": lambda: {"palette": "Viridis256"},
    "CategoricalColorMapper": lambda: {"factors": FACTORS, "palette": ["red", "green", "blue", "gold"]},
    "CategoricalMarkerMapper": lambda: {"factors": FACTORS, "markers": ["circle", "square", "triangle", "diamond"]},
    "CategoricalPatternMapper": lambda: {"factors": FACTORS, "patterns": ["/", "\\", "x", "+"]},
    "LinearInterpolator": lambda: {"x": [0, 5], "y": [5, 15]},
    "StepInterpolator": lambda: {"x": [0, 5], "y": [5, 15]},
    "CustomJSTransform": lambda: {"v_func": "return xs.map((x) => 2 * x)"},
    # Bokeh's Python Jitter has no seed (BokehJS's random_generator is not exposed): each page draws its own offsets,
    # and two pages' points overlap differently (4% of the painted pixels apart). A width well under a pixel keeps
    # the transform in the pipeline and the canvases comparable.
    "Jitter": lambda: {"width": 0.001},
    "Dodge": lambda: {"value": 0.2},
    "CustomJSFilter": lambda: {"code": "return [0, 1, 2]"},
    "IndexFilter": lambda: {"indices": [0, 2]},
    "BooleanFilter": lambda: {"booleans": [True, False, True, True]},
    "GroupFilter": lambda: {"column_name": "t", "group": "a"},
    "CustomJS": lambda: {"code": "console.debug('CustomJS ran')"},
    "OpenURL": lambda: {"url": "about:blank"},
    "ImageURLTexture": lambda: {"url": "data:image/svg+xml;utf8," + SVG.replace("#", "%23")},
    "CanvasTexture": lambda: {"code": "ctx.fillRect(0, 0, 4, 4)"},
    "TeX": lambda: {"text": r"\frac{1}{2}"},
    "MathML": lambda: {"text": "<math><mi>x</mi></math>"},
    "Ascii": lambda: {"text": "x^2"},
    "PlainText": lambda: {"text": "plain"},
    "SVGIcon": lambda: {"svg": SVG},
    "TablerIcon": lambda: {"icon_name": "settings"},
    "BuiltinIcon": lambda: {"icon_name": "settings"},
    "Styles": lambda: {"background_color": "#eef"},
    "InlineStyleSheet": lambda: {"css": ":host { outline: 1px solid #ccc; }"},
    "GlobalInlineStyleSheet": lambda: {"css": ".catalog-global { color: inherit; }"},
    "CumSum": lambda: {"field": "y"},
    "Stack": lambda: {"fields": ["x", "y"]},
    "Maximum": lambda: {"field": "y"},
    "Minimum": lambda: {"field": "y"},
    "CustomJSExpr": lambda: {"code": "return this.data.y.map((y) => y + 1)"},
    "StaticLayoutProvider": lambda: {"graph_layout": {0: (1, 1), 1: (2, 3), 2: (3, 1)}},
    "Notifications": lambda: {},
    "ByID": lambda: {"query": "catalog"},
    "ByClass": lambda: {"query": "bk-Div"},
    "ByCSS": lambda: {"query": "div"},
    "ByXPath": lambda: {"query": "//div"},
}


def make(cls: type[Model], **extra: Any) -> Model:
    return cls(**{**KWARGS.get(cls.__name__, lambda: {})(), **extra})


# --- placements: where a model of each kind goes in a user's document ---------------------------------------------


def as_root(cls: type[Model]) -> list[Model]:
    return [make(cls)]


def in_plot(cls: type[Model]) -> list[Model]:
    p = plot()
    p.scatter(X, Y)
    # Titles go on a side (BokehJS lays out no title in the plot's centre); other annotations in the frame.
    title = cls.__name__ in ("Title", "HTMLTitle")
    p.add_layout(make(cls), "above" if title else "center")
    return [p]


def plot_itself(cls: type[Model]) -> list[Model]:
    if issubclass(cls, bm.GMapPlot):
        # No key and no internet: Google's script fails the same way in both embeds.
        p = cls(map_options=bm.GMapOptions(lat=30, lng=-90, zoom=3), api_key="", width=WIDTH, height=HEIGHT)
    elif cls.__name__ in ("Figure", "GMap") and cls is not bm.Plot:
        p = plot() if cls.__name__ == "Figure" else cls(bm.GMapOptions(lat=30, lng=-90, zoom=3), api_key="")
    else:
        p = cls(x_range=bm.Range1d(0, 5), y_range=bm.Range1d(0, 4), width=WIDTH, height=HEIGHT)
        p.add_layout(bm.LinearAxis(), "below")
        p.add_layout(bm.LinearAxis(), "left")
    p.add_glyph(source(), bm.Scatter(x="x", y="y", size=8))
    return [p]


def grid_plot(cls: type[Model]) -> list[Model]:
    a, _ = scatter_plot()
    b, _ = scatter_plot()
    return [cls(children=[(a, 0, 0), (b, 0, 1)], toolbar=bm.Toolbar(tools=[bm.PanTool()]))]


GLYPH_DATA: dict[str, Callable[[], dict[str, Any]]] = {
    "Image": lambda: {"image": [np.arange(12, dtype=float).reshape(3, 4)], "x": [0], "y": [0], "dw": [4], "dh": [3]},
    "ImageRGBA": lambda: {
        "image": [np.full((3, 4), 0xFF0000FF, dtype=np.uint32)], "x": [0], "y": [0], "dw": [4], "dh": [3],
    },
    "ImageStack": lambda: {
        "image": [np.arange(24, dtype=float).reshape(3, 4, 2)], "x": [0], "y": [0], "dw": [4], "dh": [3],
    },
    "ImageURL": lambda: {"url": ["data:image/svg+xml;utf8," + SVG], "x": [1], "y": [1], "w": [1], "h": [1]},
    "MultiLine": lambda: {"xs": [[1, 2, 3], [2, 3, 4]], "ys": [[1, 2, 1], [3, 2, 3]]},
    "Patches": lambda: {"xs": [[1, 2, 3], [2, 3, 4]], "ys": [[1, 2, 1], [3, 2, 3]]},
    "MultiPolygons": lambda: {"xs": [[[[1, 2, 3]]], [[[2, 3, 4]]]], "ys": [[[[1, 2, 1]]], [[[3, 2, 3]]]]},
    "Text": lambda: {"x": X, "y": Y, "text": FACTORS},
    "TeXGlyph": lambda: {"x": X[:2], "y": Y[:2], "text": [r"\alpha", r"\beta"]},
    "MathMLGlyph": lambda: {"x": X[:1], "y": Y[:1], "text": ["<math><mi>x</mi></math>"]},
    "HexTile": lambda: {"q": [0, 1, 2], "r": [0, 0, 1]},
    "HArea": lambda: {"y": X, "x1": [0, 0, 0, 0], "x2": Y},
    "HAreaStep": lambda: {"y": X, "x1": [0, 0, 0, 0], "x2": Y},
    "VArea": lambda: {"x": X, "y1": [0, 0, 0, 0], "y2": Y},
    "VAreaStep": lambda: {"x": X, "y1": [0, 0, 0, 0], "y2": Y},
}

# Field names by glyph property, for the glyphs whose data GLYPH_DATA does not give whole.
FIELD_VALUES: dict[str, list[Any]] = {
    "x": X, "y": Y, "x0": X, "y0": Y, "x1": [v + 0.5 for v in X], "y1": [v + 0.5 for v in Y],
    "cx": [v + 0.2 for v in X], "cy": [v + 0.6 for v in Y], "cx0": X, "cy0": Y, "cx1": X, "cy1": Y,
    "left": X, "right": [v + 0.4 for v in X], "top": Y, "bottom": [0, 0, 0, 0], "width": [0.4] * 4,
    "height": [0.4] * 4, "radius": [0.3] * 4, "inner_radius": [0.1] * 4, "outer_radius": [0.3] * 4,
    "start_angle": [0.0] * 4, "end_angle": [2.0] * 4, "angle": [0.3] * 4, "length": [0.5] * 4, "size": [10] * 4,
    "w": [0.4] * 4, "h": [0.4] * 4,
}


def glyph_in_plot(cls: type[Model]) -> list[Model]:
    p = plot()
    name = cls.__name__
    if name in GLYPH_DATA:
        data = GLYPH_DATA[name]()
        glyph = cls(**{key: key for key in data if key in cls.properties()})
    else:
        glyph = cls()
        data = {}
        for prop in cls.dataspecs():
            try:
                value = getattr(glyph, prop)
            except UnsetValueError:
                # A required spec (Circle's radius): a column of its own name.
                setattr(glyph, prop, prop)
                value = {"field": prop}
            field = value.get("field") if isinstance(value, dict) else None
            if isinstance(field, str):
                data[field] = FIELD_VALUES.get(field, FIELD_VALUES.get(prop, X))
        if name in ("HSpan", "VSpan", "HStrip", "VStrip"):
            data = {"x0": [1.5], "x1": [2.5], "y0": [1.5], "y1": [2.5]}
            glyph = cls(**({"x": "x0"} if name == "VSpan" else {"y": "y0"} if name == "HSpan" else {}))
    if name == "ImageStack":
        glyph.color_mapper = bm.WeightedStackColorMapper(
            palette=["red", "blue"], alpha_mapper=bm.LinearColorMapper(palette=["#0000", "#000f"])
        )
    p.add_glyph(bm.ColumnDataSource(data=data), glyph)
    return [p]


def factor_range(cls: type[Model]) -> list[Model]:
    """A bar chart: the range, and with it the categorical axis, scale and ticker."""
    p = plot(x_range=make(cls, factors=NESTED))
    p.vbar(x=NESTED, top=Y, width=0.8, hatch_pattern="/")
    p.add_tools(bm.HoverTool(tooltips=[("top", "@top")]))
    return [p]


def range_itself(cls: type[Model]) -> list[Model]:
    p, _ = scatter_plot(x_range=make(cls))
    return [p]


def scale(cls: type[Model]) -> list[Model]:
    if cls is bm.CategoricalScale:
        p = plot(x_range=FACTORS)
        p.vbar(x=FACTORS, top=Y, width=0.8)
        p.x_scale = cls()
        return [p]
    if cls is bm.CompositeScale:
        p, _ = scatter_plot()
        p.x_scale = cls(source_scale=bm.LinearScale(), target_scale=bm.LinearScale())
        return [p]
    p, _ = scatter_plot(x_axis_type=None)
    p.x_scale = cls()
    p.add_layout(bm.LogAxis() if cls is bm.LogScale else bm.LinearAxis(), "below")
    return [p]


AXIS_FOR: dict[str, type[Model]] = {
    "CategoricalTicker": bm.CategoricalAxis, "CategoricalTickFormatter": bm.CategoricalAxis,
    "DatetimeTicker": bm.DatetimeAxis, "DaysTicker": bm.DatetimeAxis, "MonthsTicker": bm.DatetimeAxis,
    "YearsTicker": bm.DatetimeAxis, "DatetimeTickFormatter": bm.DatetimeAxis, "TimedeltaTicker": bm.TimedeltaAxis,
    "TimedeltaTickFormatter": bm.TimedeltaAxis, "MercatorTicker": bm.MercatorAxis,
    "MercatorTickFormatter": bm.MercatorAxis, "LogTicker": bm.LogAxis, "LogTickFormatter": bm.LogAxis,
}


def axis_plot(axis_cls: type[Model], **axis: Any) -> list[Model]:
    categorical = issubclass(axis_cls, bm.CategoricalAxis)
    p = plot(x_range=FACTORS if categorical else bm.Range1d(0, 5), x_axis_type=None)
    if categorical:
        p.vbar(x=FACTORS, top=Y, width=0.8)
    else:
        p.scatter(X, Y)
    if axis_cls is bm.LogAxis:
        p.x_scale = bm.LogScale()
        p.x_range = bm.Range1d(1, 5)
    if axis_cls in (bm.DatetimeAxis, bm.TimedeltaAxis):
        p.x_range = bm.Range1d(0, 3e10 if axis_cls is bm.DatetimeAxis else 3e6)
    if axis_cls is bm.MercatorAxis:
        p.x_range = bm.Range1d(-2e6, 2e6)
        axis.setdefault("dimension", "lon")
    p.add_layout(axis_cls(**axis), "below")
    return [p]


def axis(cls: type[Model]) -> list[Model]:
    return axis_plot(cls)


def ticker(cls: type[Model]) -> list[Model]:
    extra = {"dimension": "lon"} if cls is bm.MercatorTicker else {}
    return axis_plot(AXIS_FOR.get(cls.__name__, bm.LinearAxis), ticker=make(cls, **extra))


def formatter(cls: type[Model]) -> list[Model]:
    extra = {"dimension": "lon"} if cls is bm.MercatorTickFormatter else {}
    return axis_plot(AXIS_FOR.get(cls.__name__, bm.LinearAxis), formatter=make(cls, **extra))


def labeling(cls: type[Model]) -> list[Model]:
    return axis_plot(bm.LinearAxis, major_label_policy=make(cls))


def tool(cls: type[Model]) -> list[Model]:
    p = plot()
    name = cls.__name__
    if name in ("BoxEditTool",):
        t = cls(renderers=[p.rect("x", "y", 0.3, 0.3, source=source())])
    elif name == "PointDrawTool":
        t = cls(renderers=[p.scatter("x", "y", source=source())])
    elif name in ("PolyDrawTool", "FreehandDrawTool"):
        t = cls(renderers=[p.multi_line("xs", "ys", source=bm.ColumnDataSource(GLYPH_DATA["MultiLine"]()))])
    elif name == "PolyEditTool":
        t = cls(
            renderers=[p.patches("xs", "ys", source=bm.ColumnDataSource(GLYPH_DATA["Patches"]()))],
            vertex_renderer=p.scatter([], []),
        )
    elif name == "LineEditTool":
        t = cls(renderers=[p.line("x", "y", source=source())], intersection_renderer=p.scatter([], []))
    elif name == "RangeTool":
        p.scatter("x", "y", source=source())
        t = cls(x_range=bm.Range1d(1.5, 2.5))
    elif name == "CustomAction":
        p.scatter("x", "y", source=source())
        t = cls(callback=make(bm.CustomJS))
    else:
        p.scatter("x", "y", source=source())
        t = make(cls)
    p.toolbar_location = "right"
    p.add_tools(t)
    return [p]


def toolbar(cls: type[Model]) -> list[Model]:
    p, _ = scatter_plot()
    p.toolbar = cls(tools=[bm.PanTool(), bm.ResetTool()])
    p.toolbar_location = "above"
    return [p]


def tool_menu(cls: type[Model]) -> list[Model]:
    p, _ = scatter_plot()
    p.context_menu = cls(toolbar=bm.Toolbar(tools=[bm.PanTool(), bm.ResetTool()]))
    return [p]


def tool_proxy(cls: type[Model]) -> list[Model]:
    # What gridplot() makes: one toolbar whose tools stand for the same tool of each plot.
    a, _ = scatter_plot()
    b, _ = scatter_plot()
    proxy = cls(tools=[bm.PanTool(), bm.PanTool()])
    return [bm.GridPlot(children=[(a, 0, 0), (b, 0, 1)], toolbar=bm.Toolbar(tools=[proxy]))]


def toolbar_panel(cls: type[Model]) -> list[Model]:
    p, _ = scatter_plot()
    p.add_layout(cls(toolbar=bm.Toolbar(tools=[bm.PanTool()])), "above")
    return [p]


def hover_helper(cls: type[Model]) -> list[Model]:
    p, _ = scatter_plot()
    p.add_tools(bm.HoverTool(tooltips=[("x", "@x{custom}")], formatters={"@x": cls(code="return 'x'")}))
    return [p]


def color_mapper(cls: type[Model]) -> list[Model]:
    if cls is bm.WeightedStackColorMapper:
        return glyph_in_plot(bm.ImageStack)
    p = plot()
    mapper = make(cls)
    if issubclass(cls, bm.CategoricalColorMapper):
        p.scatter("x", "y", source=source(t=FACTORS), size=12, fill_color={"field": "t", "transform": mapper})
    elif issubclass(cls, bm.CategoricalMarkerMapper):
        p.scatter("x", "y", source=source(t=FACTORS), size=12, marker={"field": "t", "transform": mapper})
    elif issubclass(cls, bm.CategoricalPatternMapper):
        p.vbar(x="x", top="y", width=0.5, source=source(t=FACTORS), hatch_pattern={"field": "t", "transform": mapper})
    else:
        p.scatter("x", "y", source=source(), size=12, fill_color={"field": "y", "transform": mapper})
        p.add_layout(bm.ColorBar(color_mapper=mapper), "right")
    return [p]


def contour_color_bar(cls: type[Model]) -> list[Model]:
    p = plot()
    z = np.add.outer(np.arange(8.0), np.arange(8.0))
    contours = p.contour(np.arange(8.0), np.arange(8.0), z, levels=[2, 6, 10], fill_color="Viridis3")
    p.add_layout(contours.construct_color_bar(), "right")
    return [p]


def contour_renderer(cls: type[Model]) -> list[Model]:
    return contour_color_bar(bm.ContourColorBar)


def legend(cls: type[Model]) -> list[Model]:
    p, r = scatter_plot()
    p.add_layout(bm.Legend(items=[bm.LegendItem(label="points", renderers=[r])]))
    return [p]


def arrow_head(cls: type[Model]) -> list[Model]:
    p = plot()
    p.scatter(X, Y)
    p.add_layout(bm.Arrow(end=make(cls), **KWARGS["Arrow"]()))
    return [p]


def dimensional(cls: type[Model]) -> list[Model]:
    p, _ = scatter_plot()
    custom = cls is REGISTRY["CustomDimensional"]
    extra = {"basis": {"cm": (1, "cm", "centimeter")}, "ticks": [1, 2, 5]} if custom else {}
    units = make(cls, **extra)
    # The bar's unit must be one the dimensional knows (Bokeh checks it).
    p.add_layout(bm.ScaleBar(range=p.x_range, dimensional=units, unit=unit_of(units)))
    return [p]


def unit_of(units: Model) -> str:
    """A unit the dimensional knows (a scale bar must use one): the first of its basis, or its base unit."""
    if "basis" in units.properties():
        return next(iter(units.basis))
    return f"{units.base_unit}⁻1" if "Reciprocal" in type(units).__name__ else units.base_unit


def size_bar(cls: type[Model]) -> list[Model]:
    p = plot()
    r = p.circle("x", "y", radius="radius", source=source(radius=[0.2, 0.3, 0.4, 0.5]))
    p.add_layout(cls(renderer=r), "below")
    return [p]


def box_handles(cls: type[Model]) -> list[Model]:
    p, _ = scatter_plot()
    handles = make(cls, all=REGISTRY["AreaVisuals"]())
    p.add_layout(bm.BoxAnnotation(editable=True, handles=handles, **KWARGS["BoxAnnotation"]()))
    return [p]


def area_visuals(cls: type[Model]) -> list[Model]:
    return box_handles(bm.BoxInteractionHandles)


def transform(cls: type[Model]) -> list[Model]:
    p = plot()
    p.scatter({"field": "x", "transform": make(cls)}, "y", source=source(), size=8)
    return [p]


def expression(cls: type[Model]) -> list[Model]:
    p = plot()
    if cls.__name__ in ("XComponent", "YComponent", "PolarTransform"):
        polar = REGISTRY["PolarTransform"](radius="y", angle="x")
        x, y = REGISTRY["XComponent"](transform=polar), REGISTRY["YComponent"](transform=polar)
        p.scatter(x={"expr": x}, y={"expr": y}, source=source(), size=8)
        return [p]
    p.scatter("x", {"expr": make(cls)}, source=source(), size=8)
    return [p]


def graph(cls: type[Model]) -> list[Model]:
    """A networkx-style graph: nodes and edges from a layout provider, with a selection policy."""
    p = plot()
    g = bm.GraphRenderer(layout_provider=bm.StaticLayoutProvider(**KWARGS["StaticLayoutProvider"]()))
    g.node_renderer.data_source.data = {"index": [0, 1, 2]}
    g.node_renderer.glyph = bm.Scatter(size=12, fill_color="gold")
    g.edge_renderer.data_source.data = {"start": [0, 0, 1], "end": [1, 2, 2]}
    if issubclass(cls, bm.GraphHitTestPolicy):
        g.selection_policy = cls()
        p.add_tools(bm.TapTool())
    elif cls.__name__ in ("EdgeCoordinates", "NodeCoordinates"):
        # The coordinates the layout provider gives, as an expression: labels placed on the nodes.
        coords = g.layout_provider.node_coordinates
        labels = bm.ColumnDataSource(data={"index": [0, 1, 2], "t": ["n0", "n1", "n2"]})
        p.add_glyph(labels, bm.Text(x={"expr": coords.x}, y={"expr": coords.y}, text="t"))
        edges = g.layout_provider.edge_coordinates
        p.add_glyph(g.edge_renderer.data_source, bm.MultiLine(xs={"expr": edges.x}, ys={"expr": edges.y}))
    p.renderers.append(g)
    return [p]


def renderer(cls: type[Model]) -> list[Model]:
    name = cls.__name__
    if name == "GraphRenderer":
        return graph(bm.NodesOnly)
    if name == "ContourRenderer":
        return contour_renderer(cls)
    if name == "TileRenderer":
        return tiles(bm.WMTSTileSource)
    if name == "RendererGroup":
        p, r = scatter_plot()
        r.group = cls(visible=True)
        return [p]
    p, _ = scatter_plot()
    return [p]


def tiles(cls: type[Model]) -> list[Model]:
    p = plot(x_range=(-2e6, 2e6), y_range=(-1e6, 1e6), x_axis_type="mercator", y_axis_type="mercator")
    # The server answers 404 to these: no tile is drawn under either embed, without a request to the internet.
    p.add_tile(make(cls, url="/bokeh-session-catalog-tiles/{Z}/{X}/{Y}.png", attribution="catalog tiles"))
    return [p]


def data_source(cls: type[Model]) -> list[Model]:
    p = plot()
    name = cls.__name__
    if name == "GeoJSONDataSource":
        geojson = {"type": "FeatureCollection", "features": [
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [x, y]}, "properties": {}}
            for x, y in zip(X, Y)
        ]}
        p.scatter("x", "y", source=cls(geojson=json.dumps(geojson)), size=8)
    elif name in ("AjaxDataSource", "ServerSentDataSource"):
        # Polled from the Bokeh server, which has no such path: the same failed requests under both embeds.
        polling = {"polling_interval": None} if name == "AjaxDataSource" else {}
        src = cls(data_url="/bokeh-session-catalog-data", data={"x": X, "y": Y}, **polling)
        p.scatter("x", "y", source=src, size=8)
    elif name == "CDSView":
        p.scatter("x", "y", source=source(), view=cls(filter=bm.IndexFilter(indices=[0, 1])), size=8)
    else:
        p.scatter("x", "y", source=make(cls, data={"x": X, "y": Y}), size=8)
    return [p]


def filter_view(cls: type[Model]) -> list[Model]:
    name = cls.__name__
    if name in ("IntersectionFilter", "UnionFilter", "DifferenceFilter", "SymmetricDifferenceFilter"):
        f = cls(operands=[bm.IndexFilter(indices=[0, 1, 2]), bm.IndexFilter(indices=[1, 2, 3])])
    elif name == "InversionFilter":
        f = cls(operand=bm.IndexFilter(indices=[0]))
    else:
        f = make(cls)
    p = plot()
    p.scatter("x", "y", source=source(t=FACTORS), view=bm.CDSView(filter=f), size=8)
    return [p]


def selection(cls: type[Model]) -> list[Model]:
    p = plot()
    src = source()
    if cls is bm.Selection:
        src.selected.indices = [1, 2]
    else:
        src.selection_policy = cls()
    p.scatter("x", "y", source=src, size=10)
    p.add_tools(bm.TapTool())
    return [p]


def tab_panel(cls: type[Model]) -> list[Model]:
    return [bm.Tabs(tabs=[make(cls), cls(child=bm.Div(text="another tab"), title="two")])]


def map_options(cls: type[Model]) -> list[Model]:
    return plot_itself(bm.GMapPlot)


def beside_plot(cls: type[Model]) -> list[Model]:
    """A model with no place inside a plot (a scalar expression over a source): a root of its own beside one."""
    p, r = scatter_plot()
    return [p, make(cls, field="y", source=r.data_source) if "source" in cls.properties() else make(cls)]


def callback(cls: type[Model]) -> list[Model]:
    button = bm.Button(label="runs a callback")
    name = cls.__name__
    div = bm.Div(text="target")
    if name == "SetValue":
        action = cls(obj=div, attr="text", value="set")
    elif name == "ToggleVisibility":
        action = cls(target=div)
    elif name in ("OpenDialog", "CloseDialog"):
        action = cls(dialog=bm.Dialog(content="a dialog"))
    else:
        action = make(cls)
    button.js_on_click(action)
    return [bm.Column(children=[button, div])]


def dom_node(cls: type[Model]) -> list[Model]:
    """DOM models as Bokeh uses them: a hover tooltip's template."""
    p, _ = scatter_plot()
    name = cls.__name__
    if name in ("ValueRef", "ColorRef"):
        node = cls(field="x")
    elif name == "Index":
        node = cls()
    elif name == "ValueOf":
        node = cls(obj=p, attr="width")
    elif name == "Text":
        node = cls(content="text")
    elif name == "ToggleGroup":
        return callback_dom(cls)
    elif name in ("Table",):
        node = cls(children=[dom.TableRow(children=[dom.Span(children=["cell"])])])
    elif name == "TableRow":
        node = dom.Table(children=[cls(children=[dom.Span(children=["cell"])])])
    elif name == "HTML":
        node = cls(html=["<b>x</b>"])
    else:
        node = cls(children=["node"])
    template = node if name == "Template" else dom.Template(children=[node])
    p.add_tools(bm.HoverTool(tooltips=template))
    return [p]


def callback_dom(cls: type[Model]) -> list[Model]:
    p, r = scatter_plot()
    template = dom.Template(children=[dom.Span(children=["x"])], actions=[cls(groups=[bm.RendererGroup()])])
    p.add_tools(bm.HoverTool(tooltips=template))
    return [p]


def tables(cls: type[Model]) -> list[Model]:
    name = cls.__name__
    src = bm.ColumnDataSource(data={"t": FACTORS, "v": Y, "d": [1.7e12] * 4, "b": [True, False, True, False]})
    column_args: dict[str, Any] = {"field": "v", "title": "v"}
    if issubclass(cls, bm.CellEditor):
        column_args["editor"] = cls()
    elif issubclass(cls, bm.CellFormatter):
        field = {"DateFormatter": "d", "BooleanFormatter": "b", "StringFormatter": "t"}.get(name, "v")
        column_args.update(field=field, formatter=cls())
    columns = [bm.TableColumn(field="t", title="t"), bm.TableColumn(**column_args)]
    aggregates = issubclass(cls, REGISTRY["RowAggregator"])
    if name in ("DataCube", "GroupingInfo") or aggregates:
        aggregator = cls(field_="v") if aggregates else bm.SumAggregator(field_="v")
        grouping = [bm.GroupingInfo(getter="t", aggregators=[aggregator])]
        return [bm.DataCube(source=src, columns=columns, grouping=grouping, target=bm.ColumnDataSource(
            data={"row_indices": [], "labels": []}), width=WIDTH, height=150)]
    return [bm.DataTable(source=src, columns=columns, editable=True, width=WIDTH, height=150)]


def comparison(cls: type[Model]) -> list[Model]:
    src = bm.ColumnDataSource(data={"v": [2.0, float("nan"), 1.0]})
    column = bm.TableColumn(field="v", title="v", sorter=make(cls, code="return x < y ? -1 : x > y ? 1 : 0")
                            if cls is bm.CustomJSCompare else cls())
    return [bm.DataTable(source=src, columns=[column], width=WIDTH, height=120)]


def menu(cls: type[Model]) -> list[Model]:
    p, _ = scatter_plot()
    name = cls.__name__
    if name == "Menu":
        p.context_menu = cls(items=[bm.ActionItem(label="one")])
    else:
        item = cls() if name == "DividerItem" else cls(label="item")
        p.context_menu = bm.Menu(items=[item])
    return [p]


def icon(cls: type[Model]) -> list[Model]:
    return [bm.Button(label="with an icon", icon=make(cls))]


def tooltip(cls: type[Model]) -> list[Model]:
    return [bm.HelpButton(tooltip=cls(content="a tooltip", position="right"))]


def styled(cls: type[Model]) -> list[Model]:
    div = bm.Div(text="styled")
    if cls is bm.Styles:
        div.styles = make(cls)
    elif cls.__name__ in ("GlobalImportedStyleSheet", "ImportedStyleSheet"):
        div.stylesheets = [cls(url="/bokeh-session-catalog.css")]
    else:
        div.stylesheets = [make(cls)]
    return [div]


def selector(cls: type[Model]) -> list[Model]:
    target = bm.Div(text="target", name="catalog", css_classes=["catalog"])
    return [bm.Column(children=[target, bm.HelpButton(tooltip=bm.Tooltip(content="tip", target=make(cls)))])]


def texture(cls: type[Model]) -> list[Model]:
    p = plot()
    p.vbar(x=X, top=Y, width=0.5, hatch_pattern=" ", hatch_extra={" ": make(cls)}, fill_color=None)
    return [p]


def text_like(cls: type[Model]) -> list[Model]:
    p, _ = scatter_plot()
    p.xaxis.axis_label = make(cls)
    return [p]


def coordinate(cls: type[Model]) -> list[Model]:
    """A computed coordinate where Bokeh takes one: a floating panel's position, inside a plot."""
    p, r = scatter_plot()
    if cls is bm.Indexed:
        position = cls(renderer=r, index=1)
    elif cls is bm.Node:
        position = cls(target="frame", symbol="center")
    else:
        position = cls(x=2, y=2)
    p.elements.append(bm.Panel(position=position, elements=[bm.Div(text="at a coordinate")]))
    return [p]


def floating_panel(cls: type[Model]) -> list[Model]:
    p, _ = scatter_plot()
    p.elements.append(make(cls))
    return [p]


def coordinate_mapping(cls: type[Model]) -> list[Model]:
    p, _ = scatter_plot()
    sub = p.subplot(x_source=bm.Range1d(0, 1), y_source=bm.Range1d(0, 1),
                    x_target=bm.Range1d(1, 2), y_target=bm.Range1d(1, 2))
    sub.scatter([0.5], [0.5], size=12, color="red")
    return [p]


def decoration(cls: type[Model]) -> list[Model]:
    p = plot()
    r = p.segment(x0=[1], y0=[1], x1=[3], y1=[3])
    r.glyph.decorations = [cls(marking=bm.VeeHead(size=10), node="end")]
    return [p]


def group_by(cls: type[Model]) -> list[Model]:
    """What a wheel zoom hit-tests with: which renderers zoom together."""
    p = plot()
    a = p.scatter("x", "y", source=source(), size=8, name="points")
    b = p.line("x", "y", source=source(), name="points")
    groups = {"groups": [[a, b]]} if cls is bm.GroupByModels else {}
    p.add_tools(bm.WheelZoomTool(hit_test=True, hit_test_behavior=cls(**groups)))
    p.toolbar_location = "right"
    return [p]


# Ordered: the first base class that matches places the model.
# By base class name, as Bokeh registers it (abstract bases included), so that a release without one of them
# still has the rest.
PLACEMENTS: list[tuple[str, Callable[[type[Model]], list[Model]]]] = [
    ("GridPlot", grid_plot),
    ("Plot", plot_itself),
    ("ToolbarPanel", toolbar_panel),
    ("Toolbar", toolbar),
    ("ToolMenu", tool_menu),
    ("ToolProxy", tool_proxy),
    ("CustomJSHover", hover_helper),
    ("Tool", tool),
    ("Glyph", glyph_in_plot),
    ("FactorRange", factor_range),
    ("Range", range_itself),
    ("Scale", scale),
    ("Axis", axis),
    ("Ticker", ticker),
    ("TickFormatter", formatter),
    ("LabelingPolicy", labeling),
    ("ContourColorBar", contour_color_bar),
    ("ContourRenderer", contour_renderer),
    ("Legend", legend),
    ("LegendItem", legend),
    ("ArrowHead", arrow_head),
    ("Dimensional", dimensional),
    ("BoxInteractionHandles", box_handles),
    ("AreaVisuals", area_visuals),
    ("Annotation", in_plot),
    ("ColorMapper", color_mapper),
    ("GraphHitTestPolicy", graph),
    ("LayoutProvider", graph),
    ("GraphCoordinates", graph),
    ("Renderer", renderer),
    ("RendererGroup", renderer),
    ("TileSource", tiles),
    ("Transform", transform),
    ("Expression", expression),
    ("CDSView", data_source),
    ("DataSource", data_source),
    ("Filter", filter_view),
    ("Selection", selection),
    ("SelectionPolicy", selection),
    ("ScalarExpression", beside_plot),
    ("TabPanel", tab_panel),
    ("GMapOptions", map_options),
    ("DataTable", tables),
    ("DataCube", tables),
    ("bokeh.models.dom.DOMNode", dom_node),
    ("bokeh.models.dom.Action", callback_dom),
    ("Callback", callback),
    ("CellEditor", tables),
    ("CellFormatter", tables),
    ("RowAggregator", tables),
    ("GroupingInfo", tables),
    ("TableColumn", tables),
    ("Comparison", comparison),
    ("MenuItem", menu),
    ("DividerItem", menu),
    ("Menu", menu),
    ("Icon", icon),
    ("Tooltip", tooltip),
    ("StyleSheet", styled),
    ("Styles", styled),
    ("Selector", selector),
    ("Texture", texture),
    ("BaseText", text_like),
    ("Coordinate", coordinate),
    ("Panel", floating_panel),
    ("CoordinateMapping", coordinate_mapping),
    ("Decoration", decoration),
    ("GroupBy", group_by),
    ("UIElement", as_root),
]


def placement_of(cls: type[Model]) -> Callable[[type[Model]], list[Model]] | None:
    registry = Model.model_class_reverse_map
    return next(
        (place for base, place in PLACEMENTS if base in registry and issubclass(cls, registry[base])), None
    )


def why_excluded(cls: type) -> str | None:
    """Why a registered class gets no document of its own, or None when it gets one."""
    if not issubclass(cls, Model):
        return "not a model: a property mixin, whose properties every model that has them serializes"
    if is_abstract(cls):
        return "abstract"
    if cls.__name__ == "DocumentConfig":
        return "part of every document (the document's own configuration), so every entry uses it"
    return None


def catalog() -> dict[str, list[dict[str, str]]]:
    models, excluded = [], []
    for name, cls in sorted(Model.model_class_reverse_map.items()):
        why = why_excluded(cls)
        if why == "abstract":
            continue
        if why is not None:
            excluded.append({"name": name, "why": why})
            continue
        place = placement_of(cls)
        models.append({"name": name, "placement": place.__name__ if place is not None else ""})
    return {"models": models, "excluded": excluded}


def document_roots(name: str) -> list[Model]:
    """The roots of the document that uses the registered class ``name``."""
    cls = Model.model_class_reverse_map[name]
    place = placement_of(cls)
    if place is None:
        raise LookupError(f"{name} has no placement in model_catalog.PLACEMENTS: add one for its base class")
    return place(cls)


if __name__ == "__main__":
    json.dump(catalog(), sys.stdout, indent=1)
