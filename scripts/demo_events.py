"""Demo stage: incident hot spots and the closed event loop on the demo's synthetic events.

``onegrid:incident_hotspots`` counts the events per base grid (Getis-Ord Gi*, queen
neighbours) with a quartic kernel density surface and the events' profile by local hour and
weekday; ``onegrid:event_report`` gives the loop's numbers per grid and per responsible unit at
the end of the events' period. Maps: the hot spots over the density surface, and the on-time
closure rate per grid. The events are SYNTHETIC (seeded, synthetic=1); the maps say so.
"""
import csv

import numpy as np

ORDER = 50
OUTPUTS = ("event_hotspots.png", "event_report.png", "event_density.tif",
           "event_density.tif.aux.xml", "event_report_units.csv")
#: Kernel radius (m) of the density surface and its pixel size.
BANDWIDTH_M = 150.0
PIXEL_M = 10.0
#: Square cells (m) for the map's Gi*: the base grids are drawn to about 300 households each,
#: and the synthetic events follow the households, so per grid no grid stands out; cells show
#: where they cluster.
CELL_M = 100.0
#: Gi* class -> (colour, Chinese and English label), hot first.
CLASS_STYLE = (
    ("hot_99", "178,24,43", "热点 99% Hot spot 99%"),
    ("hot_95", "239,138,98", "热点 95% Hot spot 95%"),
    ("hot_90", "253,219,199", "热点 90% Hot spot 90%"),
    ("not_significant", "0,0,0,0", "不显著 Not significant"),
    ("cold_90", "209,229,240", "冷点 90% Cold spot 90%"),
    ("cold_95", "103,169,207", "冷点 95% Cold spot 95%"),
    ("cold_99", "33,102,172", "冷点 99% Cold spot 99%"),
)


def _report_time():
    import pandas as pd

    from .demo import EVENT_DAYS, EVENTS_START

    return (pd.Timestamp(EVENTS_START) + pd.Timedelta(days=EVENT_DAYS)).strftime(
        "%Y-%m-%dT%H:%M:%SZ")


def analyses(ctx):
    """Run the two algorithms into the results GeoPackage; returns the summary numbers."""
    ctx.step("event hot spots per base grid, Gi* and density (onegrid:incident_hotspots)")
    hot = ctx.run_algorithm("onegrid:incident_hotspots", {
        "INCIDENTS": ctx.ws("events"), "TIME_FIELD": "reported_at", "TYPE_FIELD": "event_type",
        "GRIDS": ctx.ws("base_grids"), "GRID_FIELD": "grid_code", "NEIGHBOURS": "queen",
        "BANDWIDTH": BANDWIDTH_M, "PIXEL_SIZE": PIXEL_M, "TIME_ZONE": "Asia/Shanghai",
        "OUTPUT": ctx.sink("event_hotspots"), "DENSITY": str(ctx.out / "event_density.tif"),
        "HOUR_WEEKDAY": ctx.sink("event_hour_weekday", False),
        "MONTHS": ctx.sink("event_months", False)})
    ctx.step(f"event hot spots per {CELL_M:.0f} m cell (onegrid:incident_hotspots)")
    cells = ctx.run_algorithm("onegrid:incident_hotspots", {
        "INCIDENTS": ctx.ws("events"), "TIME_FIELD": "reported_at", "TYPE_FIELD": "event_type",
        "CELL_SIZE": CELL_M, "NEIGHBOURS": "queen", "BANDWIDTH": BANDWIDTH_M,
        "PIXEL_SIZE": PIXEL_M, "OUTPUT": ctx.sink("event_hotspot_cells"),
        "DENSITY": None, "HOUR_WEEKDAY": None, "MONTHS": None})
    ctx.step("the closed event loop per grid and unit (onegrid:event_report)")
    report = ctx.run_algorithm("onegrid:event_report", {
        "EVENTS": ctx.ws("events"), "HISTORY": ctx.ws("event_history"),
        "GRIDS": ctx.ws("base_grids"), "REPORT_TIME": _report_time(),
        "GRID_OUTPUT": ctx.sink("event_report_grids"),
        "UNIT_OUTPUT": ctx.sink("event_report_units", False),
        "INVALID": ctx.sink("event_invalid")})
    _write_unit_csv(ctx)
    return {"event_hot_grids": int(hot["HOT_COUNT"]), "event_cold_grids": int(hot["COLD_COUNT"]),
            "event_hot_cells": int(cells["HOT_COUNT"]),
            "event_cold_cells": int(cells["COLD_COUNT"]),
            "events_on_time_pct": round(float(report["ON_TIME_RATE"]), 1),
            "events_overdue_open": int(report["OVERDUE_COUNT"]),
            "events_invalid": int(report["INVALID_COUNT"])}


def _write_unit_csv(ctx):
    """The per-unit report as a CSV a grid office opens in a spreadsheet (UTF-8 with BOM)."""
    import pyogrio

    table = pyogrio.read_dataframe(str(ctx.results), layer="event_report_units",
                                   read_geometry=False)
    columns = ["responsible_unit", "events", "open", "closed", "closed_on_time", "closed_late",
               "on_time_rate_pct", "median_hours_to_close", "overdue_open", "escalated",
               "returned", "returns", "invalid"]
    with open(ctx.out / "event_report_units.csv", "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(columns)
        for row in table[columns].itertuples(index=False):
            writer.writerow(["" if v is None or (isinstance(v, float) and np.isnan(v)) else
                             (round(v, 1) if isinstance(v, float) else v) for v in row])


def _density_layer(path):
    from qgis.core import (QgsColorRampShader, QgsRasterLayer, QgsRasterShader,
                           QgsSingleBandPseudoColorRenderer)
    from qgis.PyQt.QtGui import QColor

    layer = QgsRasterLayer(str(path), "事件核密度（件/平方公里）|Event density per km²")
    provider = layer.dataProvider()
    block = provider.block(1, provider.extent(), layer.width(), layer.height())
    values = np.frombuffer(bytes(block.data()), dtype=np.float32)
    positive = values[values > 0]
    top = float(np.quantile(positive, 0.995)) if positive.size else 1.0
    # Classes by share of the 99.5th percentile; zero is transparent.
    steps = (0.05, 0.2, 0.4, 0.7, 1.0, float("inf"))
    colours = ("255,255,255,0", "255,237,160,170", "254,196,79,190", "253,141,60,210",
               "227,26,28,220", "128,0,38,230")
    items, low = [], 0.0
    for share, colour in zip(steps, colours):
        high = top * share
        label = (f"< {high:,.0f}" if low == 0 else f"≥ {low:,.0f}" if share == float("inf")
                 else f"{low:,.0f} – {high:,.0f}")
        items.append(QgsColorRampShader.ColorRampItem(
            high, QColor(*[int(c) for c in colour.split(",")]), label))
        low = high
    ramp = QgsColorRampShader(0.0, top)
    ramp.setColorRampType(QgsColorRampShader.Discrete)
    ramp.setColorRampItemList(items)
    shader = QgsRasterShader()
    shader.setRasterShaderFunction(ramp)
    layer.setRenderer(QgsSingleBandPseudoColorRenderer(provider, 1, shader))
    return layer


def _hotspot_layer(results):
    from qgis.core import (QgsCategorizedSymbolRenderer, QgsFillSymbol, QgsRendererCategory,
                           QgsVectorLayer)

    layer = QgsVectorLayer(f"{results}|layername=event_hotspot_cells",
                           f"事件热点 Gi*（{CELL_M:.0f} 米格）|Event hot spots (Gi*)", "ogr")
    categories = []
    for code, colour, label in CLASS_STYLE:
        quiet = code == "not_significant"
        symbol = QgsFillSymbol.createSimple({
            "color": colour if quiet else colour + ",120",
            "outline_color": "120,120,120,70" if quiet else colour,
            "outline_width": "0.15" if quiet else "0.9"})
        categories.append(QgsRendererCategory(code, symbol, label))
    layer.setRenderer(QgsCategorizedSymbolRenderer("gi_class", categories))
    return layer


def _rate_layer(results):
    from qgis.core import (QgsFillSymbol, QgsGraduatedSymbolRenderer, QgsRendererRange,
                           QgsVectorLayer)
    from .render import label_layer

    layer = QgsVectorLayer(f"{results}|layername=event_report_grids",
                           "按期结案率（每格）|On-time closure per grid", "ogr")
    bands = ((0, 60, "215,48,39", "< 60%"), (60, 75, "252,141,89", "60–75%"),
             (75, 90, "217,239,139", "75–90%"), (90, 100.001, "26,152,80", "≥ 90%"))
    ranges = [QgsRendererRange(lo, hi, QgsFillSymbol.createSimple(
        {"color": colour + ",200", "outline_color": "80,80,80", "outline_width": "0.3"}), label)
        for lo, hi, colour, label in bands]
    layer.setRenderer(QgsGraduatedSymbolRenderer("on_time_rate_pct", ranges))
    label_layer(layer, "\"events\" || '件 ' || coalesce(round(\"on_time_rate_pct\"), '-') "
                "|| '%' || if(\"overdue_open\" > 0, '\\n逾期 ' || \"overdue_open\", '')", 7)
    return layer


def maps(ctx):
    """The hot-spot map (Gi* classes over the density surface) and the report map."""
    from qgis.core import QgsProject

    from . import render
    from .demo import EVENTS

    density = _density_layer(ctx.out / "event_density.tif")
    hot = _hotspot_layer(ctx.results)
    rate = _rate_layer(ctx.results)
    added = [density, hot, rate]
    for layer in added:
        QgsProject.instance().addMapLayer(layer, False)
    written = []
    events, roads = ctx.layers["events"], ctx.layers["roads"]
    try:
        grids = ctx.layers["base_grids"]
        written.append(render.export_map(
            ctx.project, [events, hot, grids, roads, density], ctx.extent,
            ctx.out / "event_hotspots.png", "事件热点与核密度 Event hot spots and density",
            subtitle=(f"模拟事件（{EVENTS} 件，2026 年 11 月 1–21 日）：{CELL_M:.0f} 米方格的 "
                      "Getis-Ord Gi*（邻接格，含自身），底图为 "
                      f"{BANDWIDTH_M:.0f} 米四次核密度；按基础网格统计无显著热点（网格按户数划分，"
                      "事件随户数分布）· SYNTHETIC events: Gi* per 100 m cell over a quartic "
                      "kernel density; per base grid none is significant"),
            legend_layers=[hot, density, events, grids],
            hidden_labels=[events, roads, grids]))
        written.append(render.export_map(
            ctx.project, [rate, roads], ctx.extent, ctx.out / "event_report.png",
            "事件闭环：按期结案率 Event loop: on-time closure",
            subtitle=("模拟事件截至 2026-11-22：每格事件数、按期结案率与逾期未结数 · SYNTHETIC "
                      "events as of 22 Nov 2026: events, on-time closure rate and open "
                      "overdue per grid"),
            legend_layers=[rate], hidden_labels=[roads]))
    finally:
        QgsProject.instance().removeMapLayers([layer.id() for layer in added])
    return [str(p) for p in written]
