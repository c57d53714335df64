"""Demo stage 人房地事物组织: link the registers to buildings, parcels and grids, score them.

Runs ``onegrid:link_records`` on the demo's people, households, organisations and events
(coordinates first, then the address), ``onegrid:data_quality`` per base grid, and draws a
bar chart (linkage and validity per grid against the targets; QPainter, no matplotlib) and a
map of which grids meet the targets. The registers are synthetic and generated valid, so the
stage hands in a people register with a seeded few typical errors (``people_register`` in the
results; the workspace stays clean), flagged ``synthetic=1`` like the rest.
"""
import numpy as np
import pandas as pd

ORDER = 40
OUTPUTS = ("records_quality_chart.png", "records_quality_map.png")
KINDS = ("people", "households", "organizations", "events")
#: Shares of people records given typical register errors in the demo (seeded, times a factor
#: per grid): a mistyped
#: ID number (check digit), a phone number with a digit missing, an empty address and no
#: location (a row typed in without coordinates).
ERRORS = {"id_check_digit": 0.03, "phone_invalid": 0.02, "no_location": 0.01}
NO_LOCATION_FROM = 1.6


def people_register(ctx):
    """The people register as the grid office would hand it in: the workspace's people with
    a seeded few typical errors, written to the results as ``people_register`` (the workspace
    itself stays clean). Returns {error: count}."""
    import pyogrio

    from ..layers.io import read_layer

    rng = np.random.default_rng(ctx.seed + 4)
    people = read_layer(ctx.gpkg, "people")
    n = len(people)
    draw = rng.random((n, 3))
    ids = np.array(people["id_number"].astype(object), dtype=object)
    phones = np.array(people["phone"].astype(object), dtype=object)
    # Some grid offices keep their registers worse than others: a factor per grid (mean 1.2);
    # records without a location only where it exceeds NO_LOCATION_FROM.
    codes, grids = pd.factorize(people["grid_code"].astype(object))
    factor = rng.gamma(1.2, 1.0, len(grids) + 1)[codes]
    bad_id = (draw[:, 0] < ERRORS["id_check_digit"] * factor) & pd.notna(ids)
    bad_phone = (draw[:, 1] < ERRORS["phone_invalid"] * factor) & pd.notna(phones)
    no_location = (draw[:, 2] < ERRORS["no_location"] * factor) & (factor > NO_LOCATION_FROM)
    swap = dict(zip("0123456789X", "123456789X0"))
    ids[bad_id] = [text[:17] + swap[text[17]] for text in ids[bad_id]]
    phones[bad_phone] = [text[:-1] for text in phones[bad_phone]]
    register = people.assign(id_number=ids, phone=phones)
    register.loc[no_location, "address"] = None
    register.loc[no_location, register.geometry.name] = None
    pyogrio.write_dataframe(register.reset_index(drop=True), str(ctx.results),
                            layer="people_register")
    return {"id_check_digit": int(bad_id.sum()), "phone_invalid": int(bad_phone.sum()),
            "no_location": int(no_location.sum())}


def analyses(ctx):
    """Plant a few errors, link the four registers, score them per grid."""
    planted = people_register(ctx)
    ctx.step("planted typical register errors in people: " + ", ".join(
        f"{k} {v}" for k, v in planted.items()))
    summary = {}
    for kind in KINDS:
        ctx.step(f"linking {kind} to buildings, parcels and grids (onegrid:link_records)")
        result = ctx.run_algorithm("onegrid:link_records", {
            "RECORDS": ctx.result("people_register") if kind == "people" else ctx.ws(kind),
            "KIND": kind, "ADDRESS_FIELD": "address",
            "BUILDINGS": ctx.ws("buildings"), "PARCELS": ctx.ws("parcels"),
            "GRIDS": ctx.ws("base_grids"), "MAX_DISTANCE": 30,
            "OUTPUT": ctx.sink(f"linked_{kind}"), "UNMATCHED": ctx.sink(f"unmatched_{kind}")})
        summary[f"{kind}_linked"] = int(result["LINKED_COUNT"])
        summary[f"{kind}_unmatched"] = int(result["UNMATCHED_COUNT"])
        summary[f"{kind}_disagree"] = int(result["DISAGREE_COUNT"])
    ctx.step("data-quality scorecard per base grid (onegrid:data_quality)")
    scored = ctx.run_algorithm("onegrid:data_quality", {
        "WORKSPACE": str(ctx.gpkg),
        "LINKED": [ctx.result(f"{p}_{k}") for k in KINDS for p in ("linked", "unmatched")],
        "GROUP_BY": "grid", "OUTPUT": ctx.sink("data_quality"),
        "PROBLEMS": ctx.sink("data_quality_problems", False)})
    summary.update({"linkage_pct": float(scored["LINKAGE_PCT"]),
                    "validity_pct": float(scored["VALIDITY_PCT"]),
                    "grids_below_target": int(scored["FAILED_COUNT"])})
    return summary


# --- Chart -------------------------------------------------------------------------------------
def draw_chart(table, png, title, subtitle, target_linkage=100.0, target_validity=90.0):
    """A bar chart of linkage_pct and validity_pct per grid (rows of ``table``, which has
    ``grid_id``) with the two targets, drawn with QPainter into ``png``. The value axis starts
    at the next multiple of 10 % below the lowest rate (said on the axis)."""
    from qgis.PyQt.QtCore import QPointF, QRectF, Qt
    from qgis.PyQt.QtGui import QColor, QFont, QImage, QPainter, QPen

    from .render import FONT_FAMILY

    rows = table[table["grid_id"].notna()].sort_values("grid_id").reset_index(drop=True)
    n = max(len(rows), 1)
    lowest = np.nanmin(rows[["linkage_pct", "validity_pct"]].to_numpy(dtype=float)) \
        if len(rows) else 0.0
    floor = float(max(0.0, min(np.floor(lowest / 10.0) * 10.0, target_validity - 10.0)))
    width, height = max(1400, 200 + 46 * n), 800
    left, right, top, bottom = 90, 110, 130, 210
    image = QImage(width, height, QImage.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.Antialiasing)

    def font(size, bold=False):
        f = QFont(FONT_FAMILY)
        f.setPixelSize(size)
        f.setBold(bold)
        return f

    painter.setFont(font(30, True))
    painter.drawText(QRectF(left, 18, width - left - right, 44), Qt.AlignLeft, title)
    painter.setFont(font(17))
    painter.setPen(QColor("#555555"))
    painter.drawText(QRectF(left, 62, width - left - 40, 56), Qt.AlignLeft | Qt.TextWordWrap,
                     subtitle)
    plot_w, plot_h = width - left - right, height - top - bottom

    def y_of(pct):
        return top + plot_h * (1 - (max(pct, floor) - floor) / (100.0 - floor))

    painter.setFont(font(15))
    step = 2 if 100 - floor <= 20 else 5 if 100 - floor <= 50 else 20
    for pct in np.arange(floor, 100.001, step):
        painter.setPen(QPen(QColor("#dddddd"), 1))
        painter.drawLine(QPointF(left, y_of(pct)), QPointF(left + plot_w, y_of(pct)))
        painter.setPen(QColor("#333333"))
        painter.drawText(QRectF(0, y_of(pct) - 10, left - 10, 20), Qt.AlignRight,
                         f"{pct:g}%")
    slot = plot_w / n
    bar = min(18.0, slot * 0.38)
    colors = (QColor("#2b83ba"), QColor("#fdae61"))
    for i, row in rows.iterrows():
        x = left + slot * i + slot / 2
        for j, column in enumerate(("linkage_pct", "validity_pct")):
            value = float(row[column]) if pd.notna(row[column]) else 0.0
            rect = QRectF(x - bar + j * bar, y_of(value), bar - 2, y_of(floor) - y_of(value))
            painter.fillRect(rect, colors[j])
        failed = not int(row["passed"])
        painter.save()
        painter.translate(x, y_of(floor) + 8)
        painter.rotate(55)
        painter.setPen(QColor("#c0392b") if failed else QColor("#333333"))
        painter.setFont(font(14, failed))
        painter.drawText(QPointF(0, 10), str(row["grid_id"]))
        painter.restore()
    dashes = []
    for target, color in ((target_linkage, colors[0]), (target_validity, colors[1])):
        pen = QPen(color.darker(140), 2.5, Qt.DashLine)
        painter.setPen(pen)
        painter.drawLine(QPointF(left, y_of(target)), QPointF(left + plot_w, y_of(target)))
        dashes.append(pen)
    painter.setPen(QPen(QColor("#333333"), 1.5))
    painter.drawLine(QPointF(left, y_of(floor)), QPointF(left + plot_w, y_of(floor)))
    painter.setFont(font(14))
    painter.drawText(QRectF(4, y_of(floor) + 14, left - 8, 40), Qt.AlignRight | Qt.TextWordWrap,
                     f"纵轴自 {floor:g}% 起")
    painter.setFont(font(16))
    items = ((colors[0], None, "链接率 linkage: records linked to a building or parcel (%)"),
             (colors[1], None, "有效率 validity: records without problems (%)"),
             (None, dashes[0], f"链接目标 linkage target {target_linkage:g}%"),
             (None, dashes[1], f"有效目标 validity target {target_validity:g}%"))
    for k, (fill, pen, text) in enumerate(items):
        x = left + (k % 2) * 620
        y = height - 62 + (k // 2) * 28
        if fill is not None:
            painter.fillRect(QRectF(x, y, 22, 16), fill)
        else:
            painter.setPen(pen)
            painter.drawLine(QPointF(x, y + 8), QPointF(x + 22, y + 8))
        painter.setPen(QColor("#222222"))
        painter.drawText(QPointF(x + 30, y + 14), text)
    painter.setPen(QColor("#c0392b"))
    painter.drawText(QPointF(left + 1240, height - 48), "红色网格编码：未达标")
    painter.drawText(QPointF(left + 1240, height - 20), "red grid code: below target")
    painter.end()
    if not image.save(str(png)):
        raise RuntimeError(f"could not write {png}")
    return str(png)


def quality_layer(results):
    """The scorecard per grid, coloured by which target is met, labelled with both rates."""
    from qgis.core import (QgsCategorizedSymbolRenderer, QgsFillSymbol, QgsRendererCategory,
                           QgsVectorLayer)

    from .render import label_layer

    layer = QgsVectorLayer(f"{results}|layername=data_quality", "数据质量（每格）", "ogr")
    classes = (("ok", "链接与有效均达标 both targets met", "26,150,65"),
               ("validity", "有效率未达标 validity below 90%", "253,174,97"),
               ("linkage", "链接率未达标 linkage below 100%", "171,217,233"),
               ("both", "均未达标 both below target", "215,25,28"))
    categories = [QgsRendererCategory(value, QgsFillSymbol.createSimple(
        {"color": color + ",190", "outline_color": "70,70,70", "outline_width": "0.3"}), label)
        for value, label, color in classes]
    expression = ("CASE WHEN \"linkage_pass\" = 1 AND \"validity_pass\" = 1 THEN 'ok' "
                  "WHEN \"linkage_pass\" = 1 THEN 'validity' "
                  "WHEN \"validity_pass\" = 1 THEN 'linkage' ELSE 'both' END")
    layer.setRenderer(QgsCategorizedSymbolRenderer(expression, categories))
    label_layer(layer, "'链 ' || round(\"linkage_pct\", 1) || '%\\n效 ' || "
                "round(\"validity_pct\", 1) || '%'", 7)
    return layer


def maps(ctx):
    """The chart and the map."""
    import pyogrio
    from qgis.core import QgsProject

    from . import render

    table = pyogrio.read_dataframe(str(ctx.results), layer="data_quality",
                                   read_geometry=False)
    total_records = int(table["records"].sum())
    chart = draw_chart(
        table, ctx.out / OUTPUTS[0],
        "人房地事物组织：每格链接率与有效率 Linkage and validity per base grid",
        f"模拟登记数据 {total_records} 条（人口、房屋、单位、事件）按坐标与地址挂接到楼栋、宗地、网格；"
        "少量人口记录人为植入错误（身份证校验位、电话、缺坐标） · Synthetic registers linked by "
        "coordinates and address; a few planted errors in people")
    layer = quality_layer(ctx.results)
    QgsProject.instance().addMapLayer(layer, False)
    try:
        written = render.export_map(
            ctx.project, [layer, ctx.layers["roads"], ctx.layers["buildings"]], ctx.extent,
            ctx.out / OUTPUTS[1], "数据质量记分卡 Data-quality scorecard per base grid",
            subtitle=("模拟登记数据：链接目标 100%，有效目标 90%；标注为链接率/有效率 · Synthetic "
                      "registers; targets: linkage 100 %, validity 90 %; labels: linkage / "
                      "validity"),
            legend_layers=[layer], hidden_labels=[ctx.layers["roads"],
                                                  ctx.layers["buildings"]])
    finally:
        QgsProject.instance().removeMapLayer(layer.id())
    return [chart, written]
