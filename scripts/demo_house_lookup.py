"""Demo stage 以房查人 / 以人找房: the building lookup index on the demo workspace.

Builds :class:`~onegrid.layers.lookup.LookupIndex` from the demo workspace (as the "Building
lookup" tab of the dock does in a background task), searches a seeded sample of the synthetic
residents by ID number (typed with a lowercase x), by name and by phone, checks that each
search finds the person's own building, and draws a map around one searched person's building:
every building labelled with its households and residents from the index.
"""
import time

import numpy as np

ORDER = 45
OUTPUTS = ("house_lookup_map.png",)
#: Residents searched by each key.
SAMPLE = 300
#: Half-width of the map around the searched building (metres).
MAP_HALF_M = 140.0


def analyses(ctx):
    """Index the workspace, search a sample by each key; returns the summary numbers."""
    from ..layers.io import read_layer
    from ..layers.lookup import LookupIndex

    ctx.step("indexing buildings, households and residents (以房查人)")
    start = time.perf_counter()
    index = LookupIndex.from_workspace(ctx.gpkg)
    build_s = time.perf_counter() - start
    people = read_layer(ctx.gpkg, "people", columns=["name", "id_number", "phone",
                                                     "building_code"])
    people = people.reset_index(drop=True)
    rng = np.random.default_rng(ctx.seed + 45)
    usable = np.flatnonzero(people["id_number"].notna().to_numpy()
                            & people["phone"].notna().to_numpy()
                            & people["building_code"].notna().to_numpy())
    sample = people.iloc[rng.choice(usable, min(SAMPLE, len(usable)), replace=False)]
    found = {"id": 0, "name": 0, "phone": 0}
    times = []
    for row in sample.itertuples():
        for key, text in (("id", row.id_number.lower()), ("name", row.name),
                          ("phone", row.phone)):
            start = time.perf_counter()
            hits = index.search(text, limit=10_000)
            times.append(time.perf_counter() - start)
            found[key] += any(h.name == row.name and h.building_code == row.building_code
                              for h in hits)
    # The building of the map: the first sampled person living with at least 5 others.
    sizes = people["building_code"].value_counts()
    crowded = sample[sample["building_code"].map(sizes).fillna(0).to_numpy() >= 6]
    person = (crowded if len(crowded) else sample).iloc[0]
    report = index.building(person["building_code"])
    ctx.house_lookup = {"index": index, "code": report.code, "fid": report.fid,
                        "households": len(report.rooms), "residents": report.resident_count}
    n = len(sample)
    ctx.step(f"looked up {n} residents by ID number, name and phone: found their buildings "
             f"{found['id']}/{n}, {found['name']}/{n}, {found['phone']}/{n}")
    return {"lookup_index_s": round(build_s, 2),
            "lookup_residents_indexed": index.counts["people"],
            "lookup_found_by_id": f"{found['id']}/{n}",
            "lookup_found_by_name": f"{found['name']}/{n}",
            "lookup_found_by_phone": f"{found['phone']}/{n}",
            "lookup_search_median_ms": round(float(np.median(times)) * 1000, 3)}


def lookup_layer(ctx):
    """The buildings around the searched one, with households and residents from the index,
    written to the results as ``house_lookup`` and styled: the searched building red."""
    import pyogrio
    import shapely
    from qgis.core import (QgsCategorizedSymbolRenderer, QgsFillSymbol, QgsRendererCategory,
                           QgsVectorLayer)

    from ..layers.io import read_layer
    from .render import label_layer

    info = ctx.house_lookup
    index = info["index"]
    buildings = read_layer(ctx.gpkg, "buildings", columns=["building_code"]).to_crs(ctx.epsg)
    target = buildings.loc[info["fid"]].geometry
    cx, cy = shapely.centroid(target).x, shapely.centroid(target).y
    window = shapely.box(cx - MAP_HALF_M, cy - MAP_HALF_M, cx + MAP_HALF_M, cy + MAP_HALF_M)
    near = buildings[shapely.intersects(buildings.geometry.values, window)].copy()
    households, residents = [], []
    for code in near["building_code"]:
        report = index.building(code) if code in index else None
        households.append(len(report.rooms) if report else 0)
        residents.append(report.resident_count if report else 0)
    near["households"] = households
    near["residents"] = residents
    near["kind"] = np.where(near.index == info["fid"], "searched",
                            np.where(near["residents"] > 0, "residents", "empty"))
    near["label"] = [f"{h}户{r}人" if r else "" for h, r in zip(households, residents)]
    pyogrio.write_dataframe(near.reset_index(drop=True), str(ctx.results),
                            layer="house_lookup")
    layer = QgsVectorLayer(f"{ctx.results}|layername=house_lookup", "以房查人", "ogr")
    classes = (("searched", "查到的人所在楼栋 person's building",
                "215,25,28,220", "120,0,0", "0.8"),
               ("residents", "有住户（户/人） with households",
                "253,219,160,230", "110,90,60", "0.25"),
               ("empty", "无住户 no households", "215,215,215,200",
                "150,150,150", "0.2"))
    categories = [QgsRendererCategory(value, QgsFillSymbol.createSimple(
        {"color": fill, "outline_color": outline, "outline_width": width}), label)
        for value, label, fill, outline, width in classes]
    layer.setRenderer(QgsCategorizedSymbolRenderer("kind", categories))
    label_layer(layer, "label", 8, is_expression=False)
    rect = window.bounds
    return layer, rect


def maps(ctx):
    """The map around the searched person's building."""
    from qgis.core import (QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject,
                           QgsRectangle)

    from . import render

    if getattr(ctx, "house_lookup", None) is None:
        return []
    layer, (x0, y0, x1, y1) = lookup_layer(ctx)
    extent = QgsCoordinateTransform(QgsCoordinateReferenceSystem(f"EPSG:{ctx.epsg}"),
                                    ctx.project.crs(), QgsProject.instance()
                                    ).transformBoundingBox(QgsRectangle(x0, y0, x1, y1))
    info = ctx.house_lookup
    QgsProject.instance().addMapLayer(layer, False)
    try:
        written = render.export_map(
            ctx.project, [layer, ctx.layers["roads"]], extent, ctx.out / OUTPUTS[0],
            f"以房查人：楼栋 {info['code']} Building lookup",
            subtitle=(f"按身份证号查到的人员住在红色楼栋（{info['households']} 户 "
                      f"{info['residents']} 人）；每栋标注户数/人数；人员为模拟数据，身份证号与电话"
                      "默认脱敏 · A person found by ID number lives in the red building; "
                      "synthetic residents, IDs and phones masked by default"),
            legend_layers=[layer], hidden_labels=[ctx.layers["roads"]])
    finally:
        QgsProject.instance().removeMapLayer(layer.id())
        info.pop("index", None)
    return [written]
