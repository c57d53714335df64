"""Demo stage: patrol coverage and the patrol plan on the demo's SIMULATED patrols.

``onegrid:patrol_coverage`` measures the simulated patrol GPS (eight devices walking the real
Helsinki network, two patrols on 2026-11-21) against the base grids and roads: visits, dwell,
stops and 一日双巡 per grid, and each road piece's share of days patrolled.
``onegrid:patrol_plan`` recommends visits a day per grid for December 2026 from the demo's
synthetic events (weighted by season) and ranks the grids by shortfall. Maps: 一日双巡 per grid
with the patrolled roads and the stops, and the plan's shortfall per grid. The patrols are
SIMULATED and the events synthetic; the maps say so.
"""
ORDER = 40
OUTPUTS = ("patrol_coverage.png", "patrol_plan.png")
PLAN_MONTH = "2026-12"

#: Grid classes of the coverage map: (expression, colour, label).
GRID_CLASSES = (
    ('"compliant_days" > 0', "26,152,80,150", "一日双巡达标 Twice a day (am + pm)"),
    ('"compliant_days" = 0 AND "visits" > 0', "253,174,97,150", "巡查未达标 Not twice a day"),
    ('"visits" = 0', "215,48,39,110", "未巡查 Not patrolled"),
)


def analyses(ctx):
    """Run the two algorithms into the results GeoPackage; returns the summary numbers."""
    ctx.step("patrol coverage of the SIMULATED patrols (onegrid:patrol_coverage)")
    coverage = ctx.run_algorithm("onegrid:patrol_coverage", {
        "TRACKS": ctx.ws("patrol_points"), "GRIDS": ctx.ws("base_grids"),
        "GRID_FIELD": "grid_code", "ROADS": ctx.ws("roads"), "TIME_ZONE": "+08:00",
        "OUTPUT": ctx.sink("patrol_grid_days", False), "GRIDS_OUTPUT": ctx.sink("patrol_grids"),
        "VISITS": ctx.sink("patrol_visits", False), "STOPS": ctx.sink("patrol_stops"),
        "ROADS_OUTPUT": ctx.sink("patrol_roads")})
    ctx.step(f"patrol plan for {PLAN_MONTH} from the events (onegrid:patrol_plan)")
    plan = ctx.run_algorithm("onegrid:patrol_plan", {
        "TRACKS": ctx.ws("patrol_points"), "GRIDS": ctx.ws("base_grids"),
        "GRID_FIELD": "grid_code", "INCIDENTS": ctx.ws("events"),
        "TIME_FIELD_INCIDENTS": "reported_at", "PLAN_MONTH": PLAN_MONTH,
        "OUTPUT": ctx.sink("patrol_plan"), "MONTHS": ctx.sink("patrol_plan_months", False)})
    return {"patrol_visits": int(coverage["VISIT_COUNT"]),
            "patrol_compliant_grid_days_pct": float(coverage["COMPLIANT_PCT"]),
            "patrol_plan_short_grids": int(plan["SHORT_GRIDS"])}


def _layer(ctx, table, name):
    from qgis.core import QgsProject, QgsVectorLayer

    layer = QgsVectorLayer(f"{ctx.results}|layername={table}", name, "ogr")
    QgsProject.instance().addMapLayer(layer, False)
    return layer


def _labels(layer, expression, size=7.0):
    from .render import label_layer

    label_layer(layer, expression, size)


def _coverage_layers(ctx):
    from qgis.core import (QgsFillSymbol, QgsLineSymbol, QgsMarkerSymbol, QgsRuleBasedRenderer,
                           QgsRendererCategory, QgsCategorizedSymbolRenderer)

    grids = _layer(ctx, "patrol_grids", "网格一日双巡 Grids")
    root = QgsRuleBasedRenderer.Rule(None)
    for expression, colour, label in GRID_CLASSES:
        root.appendChild(QgsRuleBasedRenderer.Rule(QgsFillSymbol.createSimple(
            {"color": colour, "outline_color": "80,80,80", "outline_width": "0.3"}),
            filterExp=expression, label=label))
    grids.setRenderer(QgsRuleBasedRenderer(root))
    _labels(grids, "\"visits\" || ' 次'")
    roads = _layer(ctx, "patrol_roads", "路段（巡查天数占比）Roads")
    patrolled = QgsLineSymbol.createSimple({"line_color": "8,69,148", "line_width": "0.7"})
    idle = QgsLineSymbol.createSimple({"line_color": "160,160,160", "line_width": "0.25"})
    roads.setRenderer(QgsCategorizedSymbolRenderer("share_days", [
        QgsRendererCategory(1.0, patrolled, "当日巡查过 Patrolled that day"),
        QgsRendererCategory(0.0, idle, "未巡查 Not patrolled")]))
    stops = _layer(ctx, "patrol_stops", "驻留点 Stops")
    stops.setRenderer(QgsCategorizedSymbolRenderer("koper", [
        QgsRendererCategory(1, QgsMarkerSymbol.createSimple(
            {"name": "circle", "color": "255,255,51", "outline_color": "0,0,0", "size": "2.6"}),
            "驻留 10–15 分钟 Stop 10–15 min"),
        QgsRendererCategory(0, QgsMarkerSymbol.createSimple(
            {"name": "circle", "color": "152,78,163", "outline_color": "0,0,0", "size": "2.6"}),
            "驻留逾 15 分钟 Stop > 15 min")]))
    return grids, roads, stops


def _plan_layer(ctx):
    from qgis.core import QgsFillSymbol, QgsRendererRange, QgsGraduatedSymbolRenderer

    plan = _layer(ctx, "patrol_plan", "每日巡查缺口 Visits a day short")
    classes = ((-99, 0, "255,255,255,60", "已满足 Met"),
               (0, 1, "254,224,139,170", "缺 ≤1 次 Short ≤ 1"),
               (1, 2, "252,141,89,190", "缺 1–2 次 Short 1–2"),
               (2, 99, "215,48,39,210", "缺 >2 次 Short > 2"))
    ranges = [QgsRendererRange(low, high, QgsFillSymbol.createSimple(
        {"color": colour, "outline_color": "90,90,90", "outline_width": "0.3"}), label)
        for low, high, colour, label in classes]
    plan.setRenderer(QgsGraduatedSymbolRenderer("shortfall", ranges))
    _labels(plan, "\"recommended_visits\" || '/' || format_number(\"actual_visits_per_day\", 0)"
                  " || ' (#' || \"rank\" || ')'", 6.5)
    return plan


def _season_note(ctx):
    """What the seasonal weighting did, from the plan's months table."""
    import pyogrio

    months = pyogrio.read_dataframe(str(ctx.results), layer="patrol_plan_months",
                                    read_geometry=False)
    heavy = months[months["weight"] > 1]["month"].tolist()
    if heavy:
        return "同季节月份加权：" + "、".join(heavy)
    return "事件只有 " + "、".join(months["month"]) + "（非冬季），按平均发生率"


def maps(ctx):
    """The coverage map and the plan map; returns the PNG paths."""
    from qgis.core import QgsProject

    from . import render

    grids, roads, stops = _coverage_layers(ctx)
    plan = _plan_layer(ctx)
    written = []
    try:
        written.append(render.export_map(
            ctx.project, [stops, roads, grids, ctx.layers["buildings"]], ctx.extent,
            ctx.out / "patrol_coverage.png",
            "网格巡查：一日双巡与路段覆盖 Patrols: twice a day per grid, roads covered",
            subtitle=("模拟巡查：8 台终端于 2026-11-21 沿真实路网步行两次（GPS 为模拟数据）；"
                      "格内数字为进入次数 · SIMULATED patrol GPS: 8 devices, two walks each on "
                      "the real Helsinki network; numbers: visits (entries) per grid"),
            legend_layers=[grids, roads, stops],
            hidden_labels=[ctx.layers["buildings"]]))
        written.append(render.export_map(
            ctx.project, [plan, ctx.layers["roads"], ctx.layers["buildings"]], ctx.extent,
            ctx.out / "patrol_plan.png",
            f"巡查计划 {PLAN_MONTH}：按事件与季节 Patrol plan by incidents and season",
            subtitle=("格内：建议/实际每日巡查次数（缺口排名）；事件为合成数据、巡查为模拟数据；"
                      + _season_note(ctx) + " · recommended/actual visits a day (rank by "
                      "shortfall); synthetic events, SIMULATED patrols"),
            legend_layers=[plan],
            hidden_labels=[ctx.layers["roads"], ctx.layers["buildings"]]))
    finally:
        QgsProject.instance().removeMapLayers([layer.id() for layer in (grids, roads, stops,
                                                                        plan)])
    return [str(path) for path in written]
