"""Demo stage: 15-minute life circles (issue 5) and camera coverage (issue 6).

Analyses, on the real Helsinki buildings, walking network, entrances and facilities (OSM) and
the SIMULATED cameras:

- ``onegrid:service_circles`` from every building, starting at its OSM entrance (else its wall
  nearest a road), to the nearest facility of each 1+5+X category: tiers 5/10/15 minutes at
  1.0 m/s, shares per base grid, the deficiency layer;
- ``onegrid:camera_viewsheds`` (buildings hide what is behind them), ``onegrid:camera_coverage``
  of the roads and the key places (schools, kindergartens, clinics) per base grid with the
  blind road pieces and blind key places, and ``onegrid:camera_siting``: the
  :data:`PROPOSED` cameras that add the most coverage, the existing ones kept.

Maps: one per category with the tier each building reaches (``life_circle_<category>.png``),
the deficiency map (how many categories each building misses at 15 minutes), the camera
coverage of the whole area and the police liaison's map (viewsheds, blind spots, proposed
cameras with their rank; zoomed on the proposals when they lie close together).
"""
import numpy as np
import pyogrio
import shapely

from ..layers.io import read_layer
from ..processing.analysis import entrances
from ..processing.analysis.network import Network

ORDER = 10
#: The 1+5+X categories of the demo's OSM facilities (Chinese name); elderly care (养老) has
#: no facility in the extract and is reported empty.
CATEGORIES = (("education", "教育（幼儿园、学校）"), ("medical", "医疗卫生"),
              ("culture_sport", "文化体育"), ("commerce", "商业服务"), ("other", "其他（X）"))
EXPECTED = ",".join([c for c, _ in CATEGORIES] + ["elderly"])
THRESHOLDS = (5, 10, 15)
#: Key places whose cameras the police liaison must show (DOMAIN.md section 4).
KEY_CATEGORIES = ("education", "medical")
PROPOSED = 10
#: A key place's entrance is worth this many metres of road to the siting (police priority).
PLACE_WEIGHT_M = 300.0
TIER_MAPS = tuple(f"life_circle_{category}.png" for category, _ in CATEGORIES)
OUTPUTS = TIER_MAPS + ("life_circle_deficiency.png", "camera_coverage.png",
                       "camera_police_map.png")
#: Tier classes: value, label, fill colour (green to red; red = missed).
TIERS = ((5, "5 分钟内 within 5 min", "26,152,80"), (10, "10 分钟内 within 10 min", "145,207,96"),
         (15, "15 分钟内 within 15 min", "254,224,139"),
         (None, "超过 15 分钟或不可达 beyond 15 min", "215,48,39"))


def key_place_doors(places, buildings, roads, doors, clearance_m=1.0):
    """Where a camera must see a key place: for a place inside a building, in front of the
    building's entrance (else of its wall nearest a road), ``clearance_m`` metres outside its
    block of buildings; other places where they are. All frames in one metric CRS; ``at``
    says which (``entrance``, ``wall`` or ``place``)."""
    net = Network.from_lines(roads.geometry.values)
    footprints = buildings.geometry.values
    tree = shapely.STRtree(footprints)
    out = places.copy()
    out["at"] = "place"
    inside, building = tree.query(places.geometry.values, predicate="within")
    inside, first = np.unique(inside, return_index=True)
    if len(inside) == 0:
        return out
    xy, kind = entrances.anchors(footprints[building[first]], net, doors.geometry.values)
    front = []
    for door in xy:  # a few dozen places: a loop is clear and fast enough
        block = shapely.union_all(footprints[tree.query(door, predicate="dwithin",
                                                        distance=50.0)])
        ring = shapely.boundary(shapely.buffer(block, clearance_m, quad_segs=8))
        front.append(shapely.get_point(shapely.shortest_line(door, ring), 1))
    geometry = out.geometry.values.copy()
    geometry[inside] = front
    out = out.set_geometry(geometry)
    out.loc[out.index[inside], "at"] = kind
    return out


def analyses(ctx):
    """Run the life-circle and camera algorithms into the results GeoPackage."""
    from ..scripts.demo import OSM_FILE

    doors = entrances.read_osm_entrances(OSM_FILE)
    pyogrio.write_dataframe(doors, str(ctx.results), layer="entrances")
    facilities = read_layer(ctx.gpkg, "facilities").to_crs(ctx.epsg)
    key = key_place_doors(facilities[facilities["category"].isin(KEY_CATEGORIES)],
                          read_layer(ctx.gpkg, "buildings").to_crs(ctx.epsg),
                          read_layer(ctx.gpkg, "roads").to_crs(ctx.epsg),
                          doors.to_crs(ctx.epsg))
    pyogrio.write_dataframe(key, str(ctx.results), layer="key_places")

    ctx.step("walking times from every building's entrance to the 1+5+X facilities "
             "(onegrid:service_circles)")
    circles = ctx.run_algorithm("onegrid:service_circles", {
        "ROADS": ctx.ws("roads"), "ORIGINS": ctx.ws("buildings"),
        "FACILITIES": ctx.ws("facilities"), "CATEGORY_FIELD": "category", "SPEED": 1.0,
        "THRESHOLDS": ",".join(str(t) for t in THRESHOLDS), "SNAP_DISTANCE": 200,
        "GRIDS": ctx.ws("base_grids"), "WEIGHT_FIELD": "households", "CATEGORIES": EXPECTED,
        "ENTRANCES": ctx.result("entrances"), "ANCHOR": "entrance",
        "OUTPUT": ctx.sink("life_circles"), "DEFICIENCY": ctx.sink("life_circle_deficiency"),
        "GRIDS_OUTPUT": ctx.sink("life_circle_grids"), "COMMUNITIES": ctx.ws("communities"),
        "COMMUNITIES_OUTPUT": ctx.sink("life_circle_communities"),
        "SUMMARY": ctx.sink("life_circle_summary", False)})
    ctx.step("what the cameras see past the buildings (onegrid:camera_viewsheds)")
    ctx.run_algorithm("onegrid:camera_viewsheds", {
        "CAMERAS": ctx.ws("cameras"), "OBSTACLES": ctx.ws("buildings"), "LEVEL": "range",
        "OUTPUT": ctx.sink("camera_viewsheds")})
    ctx.step("road and key-place coverage per grid, blind spots (onegrid:camera_coverage)")
    ctx.run_algorithm("onegrid:camera_coverage", {
        "VIEWSHEDS": ctx.result("camera_viewsheds"),
        "TARGETS": [ctx.ws("roads"), ctx.result("key_places")],
        "GRIDS": ctx.ws("base_grids"), "GRID_FIELD": "grid_code",
        "OUTPUT": ctx.sink("camera_coverage", False),
        "BLIND_SPOTS": ctx.sink("camera_blind_roads"),
        "BLIND_PLACES": ctx.sink("camera_blind_places")})
    ctx.step(f"where {PROPOSED} new cameras add the most coverage (onegrid:camera_siting)")
    ctx.run_algorithm("onegrid:camera_siting", {
        "CAMERAS": ctx.ws("cameras"), "OBSTACLES": ctx.ws("buildings"), "LEVEL": "range",
        "TARGETS": [ctx.ws("roads"), ctx.result("key_places")], "K": PROPOSED,
        "PLACE_WEIGHT": PLACE_WEIGHT_M, "OUTPUT": ctx.sink("proposed_cameras")})
    ctx.run_algorithm("onegrid:camera_viewsheds", {
        "CAMERAS": ctx.result("proposed_cameras"), "OBSTACLES": ctx.ws("buildings"),
        "LEVEL": "range", "OUTPUT": ctx.sink("proposed_viewsheds")})
    proposed = pyogrio.read_dataframe(ctx.results, layer="proposed_cameras",
                                      read_geometry=False)
    inside = pyogrio.read_dataframe(ctx.results, layer="camera_viewsheds",
                                    read_geometry=False)["flags"].fillna("")
    return {"life_circle_deficient": int(circles["DEFICIENT_COUNT"]),
            "entrances": len(doors),
            "key_places_at_doors": int(key["at"].isin(["entrance", "wall"]).sum()),
            "cameras_inside_buildings": int(inside.str.contains("inside_building").sum()),
            "proposed_cameras": len(proposed),
            "proposed_road_m": round(float(proposed[road_field(proposed)].sum()), 1),
            "proposed_key_places": int(proposed["added_key_places"].sum())}


def road_field(proposed):
    """camera_siting's ``added_<roads layer>`` column (the layer's name may be Chinese)."""
    return next(c for c in proposed.columns if c.startswith("added_")
                and c != "added_key_places")


def _shares(ctx):
    """category -> (share of households within each tier, households reached at all)."""
    circles = pyogrio.read_dataframe(ctx.results, layer="life_circles", read_geometry=False)
    weight = circles["households"].fillna(0).to_numpy(float)
    total = weight.sum()
    out = {}
    for category, _ in CATEGORIES:
        time = circles[f"{category}_time_min"].to_numpy(float)
        out[category] = [float(weight[time <= t].sum() / total) for t in THRESHOLDS]
    return out


def tier_layer(results, category, name):
    """The buildings coloured by the walking-time tier reached for ``category``."""
    from qgis.core import (QgsCategorizedSymbolRenderer, QgsFillSymbol, QgsRendererCategory,
                           QgsVectorLayer)

    layer = QgsVectorLayer(f"{results}|layername=life_circles", name, "ogr")
    categories = [QgsRendererCategory(value, QgsFillSymbol.createSimple(
        {"color": color, "outline_color": "80,80,80", "outline_width": "0.12"}), label)
        for value, label, color in TIERS]
    layer.setRenderer(QgsCategorizedSymbolRenderer(f"{category}_tier", categories))
    return layer


def deficiency_layer(results):
    """The buildings by how many of the categories they miss at the largest tier."""
    from qgis.core import (QgsFillSymbol, QgsGraduatedSymbolRenderer, QgsRendererRange,
                           QgsVectorLayer)

    layer = QgsVectorLayer(f"{results}|layername=life_circles",
                           "15 分钟内缺少的设施类别 Categories missed", "ogr")
    expression = " + ".join(f'if("{c}_tier" IS NULL, 1, 0)' for c, _ in CATEGORIES)
    classes = ((-0.5, 0.5, "全部达标 none", "26,152,80"), (0.5, 1.5, "缺 1 类 one", "254,224,139"),
               (1.5, 2.5, "缺 2 类 two", "252,141,89"),
               (2.5, 9.5, "缺 3 类及以上 three or more", "215,48,39"))
    ranges = [QgsRendererRange(low, high, QgsFillSymbol.createSimple(
        {"color": color, "outline_color": "80,80,80", "outline_width": "0.12"}), label)
        for low, high, label, color in classes]
    layer.setRenderer(QgsGraduatedSymbolRenderer(expression, ranges))
    return layer


def _styled(results, table, name, renderer):
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer(f"{results}|layername={table}", name, "ogr")
    layer.setRenderer(renderer)
    return layer


def _highlight(renderer, value, size=4.5):
    """A copy of the facilities' categorised renderer drawing only ``value``, large and
    outlined in black, so that the few facilities of a category stand out."""
    from qgis.PyQt.QtGui import QColor

    from . import render

    renderer = render.only_category(renderer, value)
    for index, category in enumerate(renderer.categories()):
        if category.value() == value:
            symbol = category.symbol().clone()
            symbol.setSize(size)
            for i in range(symbol.symbolLayerCount()):
                layer = symbol.symbolLayer(i)
                if hasattr(layer, "setStrokeColor"):
                    layer.setStrokeColor(QColor(0, 0, 0))
                    layer.setStrokeWidth(0.45)
            renderer.updateCategorySymbol(index, symbol)
    return renderer


def _rank_labels(layer):
    """Label the proposed cameras with their rank, in a white halo."""
    from . import render

    render.label_layer(layer, "rank", 10, color="#7a0177", bold=True, halo=1.0,
                       over_point=False, is_expression=False, dist=1.5)


def _zoom(ctx, layer, margin_m=120.0, min_width_m=900.0):
    """The extent of ``layer`` grown by ``margin_m`` and to at least ``min_width_m`` wide, in
    the project's CRS, with the page's proportions."""
    from qgis.core import QgsCoordinateTransform, QgsRectangle

    transform = QgsCoordinateTransform(layer.crs(), ctx.project.crs(), ctx.project)
    box = transform.transformBoundingBox(layer.extent())
    box.grow(margin_m)
    centre = box.center()
    aspect = ctx.extent.width() / ctx.extent.height()
    width = max(box.width(), box.height() * aspect, min_width_m)
    height = width / aspect
    if width > 0.6 * ctx.extent.width():
        return ctx.extent
    return QgsRectangle(centre.x() - width / 2, centre.y() - height / 2,
                        centre.x() + width / 2, centre.y() + height / 2)


def maps(ctx):
    """The tier map of each category, the deficiency map and the two camera maps."""
    from qgis.core import (QgsFillSymbol, QgsLineSymbol, QgsMarkerSymbol, QgsProject,
                           QgsSingleSymbolRenderer)

    from . import render

    results, layers, out = ctx.results, ctx.layers, ctx.out
    shares = _shares(ctx)
    summary = pyogrio.read_dataframe(results, layer="life_circle_summary").set_index(
        "category")
    added = []
    written = []

    def keep(layer):
        QgsProject.instance().addMapLayer(layer, False)
        added.append(layer)
        return layer

    try:
        for (category, zh), png in zip(CATEGORIES, TIER_MAPS):
            tiers = keep(tier_layer(results, category, f"步行到最近{zh.split('（')[0]}设施"))
            within = " / ".join(f"{t} 分钟 {100 * s:.0f}%" for t, s in
                                zip(THRESHOLDS, shares[category]))
            facilities = int(summary.loc[category, "facilities"])
            written.append(render.export_map(
                ctx.project, [layers["facilities"], tiers, layers["roads"],
                              layers["base_grids"]], ctx.extent, out / png,
                f"15 分钟生活圈：{zh} Life circle: {category.replace('_', ' & ')}",
                subtitle=(f"每栋楼从其入口沿真实步行路网到最近{zh}设施（{facilities} 处）的时间，"
                          f"1.0 米/秒；住户覆盖率 {within} · Walking time from each building's "
                          f"entrance (OSM) along the real network; facilities from OSM, "
                          f"households simulated"),
                legend_layers=[tiers, layers["facilities"], layers["base_grids"]],
                hidden_labels=[layers["facilities"], layers["roads"]],
                renderers={layers["facilities"]: _highlight(
                    layers["facilities"].renderer(), category,
                    4.5 if facilities <= 80 else 1.6)}))
        missing = keep(deficiency_layer(results))
        deficient = pyogrio.read_dataframe(results, layer="life_circle_deficiency",
                                           read_geometry=False)
        shown = deficient[deficient["category"].isin([c for c, _ in CATEGORIES])]
        written.append(render.export_map(
            ctx.project, [missing, layers["roads"], layers["base_grids"]], ctx.extent,
            out / "life_circle_deficiency.png",
            "生活圈短板：15 分钟内缺少的设施类别 Life-circle deficiency",
            subtitle=(f"不达标（楼栋 × 类别）{len(shown)} 项，按楼栋统计缺少的类别数（教育、医疗、"
                      "文体、商业、其他）；OSM 中无养老设施，全部不达标未计入 · Deficiency layer: "
                      "building and category pairs beyond 15 minutes, counted per building; "
                      "no elderly care in the OSM extract (all missed, not counted)"),
            legend_layers=[missing, layers["base_grids"]],
            hidden_labels=[layers["roads"]]))

        sheds = keep(_styled(results, "camera_viewsheds", "摄像机视域 camera viewsheds",
                             QgsSingleSymbolRenderer(QgsFillSymbol.createSimple(
                                 {"color": "49,130,189,110", "outline_color": "8,81,156",
                                  "outline_width": "0.15"}))))
        blind = keep(_styled(results, "camera_blind_roads", "现状未覆盖路段（盲区） blind roads now",
                             QgsSingleSymbolRenderer(QgsLineSymbol.createSimple(
                                 {"line_color": "227,26,28,150", "line_width": "0.3"}))))
        places = keep(_styled(
            results, "key_places", "学校、医疗入口 key entrances",
            QgsSingleSymbolRenderer(QgsMarkerSymbol.createSimple(
                {"name": "triangle", "color": "255,255,255", "outline_color": "35,139,69",
                 "outline_width": "0.6", "size": "3.6"}))))
        blind_places = keep(_styled(
            results, "camera_blind_places", "现状未覆盖的入口 entrances not seen",
            QgsSingleSymbolRenderer(QgsMarkerSymbol.createSimple(
                {"name": "triangle", "color": "255,255,255", "outline_color": "227,26,28",
                 "outline_width": "0.6", "size": "3.6"}))))
        new_sheds = keep(_styled(
            results, "proposed_viewsheds", "建议新增摄像机视域 proposed viewsheds",
            QgsSingleSymbolRenderer(QgsFillSymbol.createSimple(
                {"color": "221,52,151,150", "outline_color": "174,1,126",
                 "outline_width": "0.4"}))))
        proposed = keep(_styled(
            results, "proposed_cameras", "建议新增（序号） proposed (rank)",
            QgsSingleSymbolRenderer(QgsMarkerSymbol.createSimple(
                {"name": "star", "color": "174,1,126", "outline_color": "255,255,255",
                 "outline_width": "0.4", "size": "5.2"}))))
        _rank_labels(proposed)
        totals = pyogrio.read_dataframe(results, layer="camera_coverage", read_geometry=False)
        totals = totals.groupby("target_class")[["total", "covered"]].sum()
        places_row = totals.loc["key_places"]
        roads_row = totals.drop(index="key_places").sum()
        road_pct = 100.0 * roads_row["covered"] / roads_row["total"]
        seen_places, all_places = int(places_row["covered"]), int(places_row["total"])
        written.append(render.export_map(
            ctx.project, [blind_places, places, sheds, blind, layers["cameras"],
                          layers["base_grids"], layers["roads"], layers["buildings"]],
            ctx.extent,
            out / "camera_coverage.png",
            "视频监控覆盖与盲区 Camera coverage and blind spots",
            subtitle=(f"模拟摄像机：视域已扣除楼栋遮挡；道路覆盖 {road_pct:.1f}%，学校、幼儿园与医疗"
                      f"设施入口 {seen_places}/{all_places} 处被看到；红色为盲区 · SIMULATED "
                      "cameras: viewsheds minus what buildings hide; red: road pieces and "
                      "key-place entrances no camera sees"),
            legend_layers=[sheds, blind, places, blind_places, layers["cameras"]],
            hidden_labels=[layers["cameras"], layers["roads"], layers["buildings"]]))
        rows = pyogrio.read_dataframe(results, layer="proposed_cameras", read_geometry=False)
        written.append(render.export_map(
            ctx.project, [proposed, blind_places, places, new_sheds, sheds, blind,
                          layers["cameras"], layers["roads"], layers["buildings"]],
            _zoom(ctx, proposed),
            out / "camera_police_map.png",
            f"雪亮工程：盲区与建议新增 {len(rows)} 个摄像机 Blind spots and proposed cameras",
            subtitle=(f"现有摄像机为模拟；按贪心最大覆盖选出（保留现有摄像机，学校、医疗设施入口每处按 "
                      f"{PLACE_WEIGHT_M:.0f} 米道路计），序号越小新增覆盖越多：共新增道路 "
                      f"{rows[road_field(rows)].sum():.0f} 米、入口 "
                      f"{rows['added_key_places'].sum():.0f} 处 · SIMULATED existing cameras; "
                      "proposals by greedy maximal coverage, key-place entrances first"),
            legend_layers=[proposed, new_sheds, sheds, blind, places, blind_places,
                           layers["cameras"]],
            hidden_labels=[layers["cameras"], layers["roads"], layers["buildings"]]))
    finally:
        QgsProject.instance().removeMapLayers([layer.id() for layer in added])
    return written

