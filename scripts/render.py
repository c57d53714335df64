"""PNG maps of a OneGrid project, rendered by QGIS itself through a print layout.

Each map has a title, the map, a legend of the layers shown (only the classes visible in the
map), a scale bar, a north arrow and the data credit. Fonts are WenQuanYi Micro Hei, so
Chinese labels and legends render on a machine without other CJK fonts.
"""
import os

from qgis.core import (QgsApplication, QgsClassificationJenks, QgsFeature, QgsField,
                       QgsFillSymbol, QgsGraduatedSymbolRenderer, QgsLayoutExporter,
                       QgsLayoutItemLabel, QgsLayoutItemLegend, QgsLayoutItemMap,
                       QgsLayoutItemPicture, QgsLayoutItemScaleBar, QgsLayoutPoint,
                       QgsLayoutSize, QgsLegendStyle, QgsPalLayerSettings, QgsPrintLayout,
                       QgsRectangle, QgsStyle, QgsTextBufferSettings, QgsTextFormat,
                       QgsUnitTypes, QgsVectorLayer, QgsVectorLayerSimpleLabeling)
from qgis.PyQt.QtCore import Qt, QVariant
from qgis.PyQt.QtGui import QColor, QFont

FONT_FAMILY = "WenQuanYi Micro Hei"
CREDIT = "© OpenStreetMap contributors (ODbL), synthetic records flagged"
MM = QgsUnitTypes.LayoutMillimeters

#: Page geometry in millimetres: margin, title band, legend column, map height.
_MARGIN, _TITLE, _LEGEND, _MAP_HEIGHT, _FOOTER = 8.0, 20.0, 62.0, 260.0, 10.0


def _font(size, bold=False):
    font = QFont(FONT_FAMILY)
    font.setPointSizeF(size)
    font.setBold(bold)
    return font


def _text_format(size, bold=False, color="#1a1a1a"):
    text = QgsTextFormat()
    text.setFont(_font(size, bold))
    text.setSize(size)
    text.setSizeUnit(QgsUnitTypes.RenderPoints)
    text.setColor(QColor(color))
    return text


def label_layer(layer, expression, size=7.0, color="#1a1a1a", bold=False, halo=0.8,
                halo_opacity=1.0, over_point=True, is_expression=True, dist=None):
    """Label ``layer`` with ``expression`` in the map font, in a white halo of ``halo`` mm."""
    text = _text_format(size, bold=bold, color=color)
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(halo)
    buffer.setColor(QColor(255, 255, 255))
    buffer.setOpacity(halo_opacity)
    text.setBuffer(buffer)
    settings = QgsPalLayerSettings()
    settings.fieldName = expression
    settings.isExpression = is_expression
    if over_point:
        settings.placement = QgsPalLayerSettings.OverPoint
    if dist is not None:
        settings.dist = dist
    settings.setFormat(text)
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)
    return settings


def _label(layout, text, size, x, y, width, height, bold=False, color="#1a1a1a"):
    item = QgsLayoutItemLabel(layout)
    item.setText(text)
    item.setFont(_font(size, bold))
    item.setFontColor(QColor(color))
    item.setHAlign(Qt.AlignLeft)
    layout.addLayoutItem(item)
    item.attemptMove(QgsLayoutPoint(x, y, MM))
    item.attemptResize(QgsLayoutSize(width, height, MM))
    return item


def _north_arrow_svg():
    for folder in QgsApplication.svgPaths():
        path = os.path.join(folder, "arrows", "NorthArrow_02.svg")
        if os.path.exists(path):
            return path
    return None


def export_map(project, layers, extent, png, title, legend_layers=None, subtitle=None,
               dpi=150, hidden_labels=(), renderers=None, labels=None):
    """Render ``layers`` (top first) over ``extent`` into ``png`` with a print layout.

    Parameters
    ----------
    project : QgsProject
    layers : list of QgsMapLayer
        Drawn top first; they need not be in the project's layer tree.
    extent : QgsRectangle
        In the project's CRS (the map's CRS).
    png : str or os.PathLike
    title, subtitle : str
    legend_layers : list of QgsMapLayer, optional
        Layers in the legend (default: ``layers``); only classes visible in the map appear.
    dpi : int
    hidden_labels : sequence of QgsVectorLayer
        Layers whose labels are switched off for this map (and back on afterwards).
    renderers : dict, optional
        QgsVectorLayer -> renderer used for this map only (the layer's own is restored).
    labels : dict, optional
        QgsVectorLayer -> {QgsPalLayerSettings attribute: value} changed for this map only,
        e.g. ``{"priority": 10}`` to place a layer's labels first when labels collide, or
        ``{"placement": QgsPalLayerSettings.Horizontal}`` to let them move inside polygons.

    Returns
    -------
    str
        The PNG path.
    """
    png = os.fspath(png)
    crs = project.crs()
    aspect = extent.width() / extent.height() if extent.height() else 1.0
    map_w = _MAP_HEIGHT * aspect
    page_w = _MARGIN * 3 + map_w + _LEGEND
    page_h = _MARGIN * 2 + _TITLE + _MAP_HEIGHT + _FOOTER

    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.pageCollection().page(0).setPageSize(QgsLayoutSize(page_w, page_h, MM))
    layout.setName(title)

    _label(layout, title, 17, _MARGIN, _MARGIN - 2, page_w - 2 * _MARGIN, 9, bold=True)
    if subtitle:
        _label(layout, subtitle, 9, _MARGIN, _MARGIN + 7.5, page_w - 2 * _MARGIN, 11,
               color="#555555")

    map_item = QgsLayoutItemMap(layout)
    map_item.setRect(0, 0, map_w, _MAP_HEIGHT)
    layout.addLayoutItem(map_item)
    map_item.attemptMove(QgsLayoutPoint(_MARGIN, _MARGIN + _TITLE, MM))
    map_item.attemptResize(QgsLayoutSize(map_w, _MAP_HEIGHT, MM))
    map_item.setCrs(crs)
    map_item.setLayers(list(layers))
    map_item.setKeepLayerSet(True)
    map_item.setBackgroundColor(QColor("#f3f1ec"))
    map_item.setFrameEnabled(True)
    map_item.zoomToExtent(QgsRectangle(extent))

    legend = QgsLayoutItemLegend(layout)
    legend.setTitle("图例 Legend")
    legend.setLinkedMap(map_item)
    legend.setAutoUpdateModel(False)
    root = legend.model().rootGroup()
    root.removeAllChildren()
    for layer in (legend_layers if legend_layers is not None else layers):
        root.addLayer(layer)
    legend.setLegendFilterByMapEnabled(True)
    legend.setStyleFont(QgsLegendStyle.Title, _font(11, True))
    legend.setStyleFont(QgsLegendStyle.Group, _font(9.5, True))
    legend.setStyleFont(QgsLegendStyle.Subgroup, _font(9, True))
    legend.setStyleFont(QgsLegendStyle.SymbolLabel, _font(8.5))
    legend.setSymbolWidth(6)
    legend.setSymbolHeight(4)
    legend.setWrapString("|")
    layout.addLayoutItem(legend)
    legend.attemptMove(QgsLayoutPoint(_MARGIN * 2 + map_w, _MARGIN + _TITLE, MM))
    legend.adjustBoxSize()

    bar = QgsLayoutItemScaleBar(layout)
    bar.setStyle("Single Box")
    bar.setLinkedMap(map_item)
    bar.setUnits(QgsUnitTypes.DistanceMeters)
    bar.setUnitLabel("m")
    bar.setNumberOfSegmentsLeft(0)
    bar.setNumberOfSegments(2)
    bar.setUnitsPerSegment(_nice_segment(extent.width() / 10))
    bar.setTextFormat(_text_format(8))
    bar.setBackgroundEnabled(True)
    bar.setBackgroundColor(QColor(255, 255, 255, 200))
    layout.addLayoutItem(bar)
    bar.applyDefaultSize()
    column = _MARGIN * 2 + map_w
    bar.attemptMove(QgsLayoutPoint(column, _MARGIN + _TITLE + _MAP_HEIGHT - 14, MM))

    svg = _north_arrow_svg()
    if svg:
        arrow = QgsLayoutItemPicture(layout)
        arrow.setPicturePath(svg)
        layout.addLayoutItem(arrow)
        arrow.attemptResize(QgsLayoutSize(10, 16, MM))
        arrow.attemptMove(QgsLayoutPoint(column + 2, _MARGIN + _TITLE + _MAP_HEIGHT - 36, MM))
        arrow.setLinkedMap(map_item)
        arrow.setNorthMode(QgsLayoutItemPicture.GridNorth)

    _label(layout, CREDIT + "  |  地图数据 © OpenStreetMap 贡献者；模拟数据已标记 (synthetic=1)",
           8, _MARGIN, _MARGIN + _TITLE + _MAP_HEIGHT + 2, page_w - 2 * _MARGIN, 6,
           color="#333333")

    switched = [layer for layer in hidden_labels if layer.labelsEnabled()]
    for layer in switched:
        layer.setLabelsEnabled(False)
    own_labels = {}
    for layer, changes in (labels or {}).items():
        if layer.labeling() is None or not layer.labelsEnabled():
            continue
        own_labels[layer] = layer.labeling().clone()
        settings = QgsPalLayerSettings(layer.labeling().settings())
        for name, value in changes.items():
            setattr(settings, name, value)
        layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    own = {}
    for layer, renderer in (renderers or {}).items():
        own[layer] = layer.renderer().clone()
        layer.setRenderer(renderer)
    try:
        settings = QgsLayoutExporter.ImageExportSettings()
        settings.dpi = dpi
        result = QgsLayoutExporter(layout).exportToImage(png, settings)
    finally:
        for layer in switched:
            layer.setLabelsEnabled(True)
        for layer, renderer in own.items():
            layer.setRenderer(renderer)
        for layer, labeling in own_labels.items():
            layer.setLabeling(labeling)
    if result != QgsLayoutExporter.Success:
        raise RuntimeError(f"QGIS could not export the map {png} (layout exporter error "
                           f"{result})")
    return png


def background_category(renderer, value, size):
    """A copy of a categorised point renderer where the category ``value`` is drawn smaller
    (``size`` mm) and beneath the others, so that a dominant class does not hide the rest."""
    renderer = renderer.clone()
    for index, category in enumerate(renderer.categories()):
        symbol = category.symbol().clone()
        below = category.value() == value
        if below:
            symbol.setSize(size)
        for i in range(symbol.symbolLayerCount()):
            symbol.symbolLayer(i).setRenderingPass(0 if below else 1)
        renderer.updateCategorySymbol(index, symbol)
    renderer.setUsingSymbolLevels(True)
    return renderer


def _nice_segment(metres):
    """A round scale-bar segment (1, 2 or 5 times a power of ten) near ``metres``."""
    if metres <= 0:
        return 100.0
    power = 10 ** int(f"{metres:e}".split("e")[1])
    for step in (1, 2, 5, 10):
        if step * power >= metres:
            return float(step * power)
    return float(10 * power)


def only_category(renderer, value):
    """A copy of a categorised renderer that draws only the category ``value``."""
    renderer = renderer.clone()
    for index, category in enumerate(renderer.categories()):
        renderer.updateCategoryRenderState(index, category.value() == value)
    return renderer


def density_layer(grids_layer, counts, crs, classes=5):
    """A memory copy of the base grids with households and people, graduated and labelled.

    Parameters
    ----------
    grids_layer : QgsVectorLayer
        The base grids (grid_code, name).
    counts : dict
        grid_code -> (households, people).
    crs : QgsCoordinateReferenceSystem
        The copy's CRS (that of ``grids_layer``).
    """
    layer = QgsVectorLayer(f"MultiPolygon?crs={crs.authid()}", "每格户数（模拟）", "memory")
    provider = layer.dataProvider()
    provider.addAttributes([QgsField("grid_code", QVariant.String),
                            QgsField("name", QVariant.String),
                            QgsField("households", QVariant.Int),
                            QgsField("people", QVariant.Int)])
    layer.updateFields()
    features = []
    for source in grids_layer.getFeatures():
        code = source["grid_code"]
        households, people = counts.get(code, (0, 0))
        feature = QgsFeature(layer.fields())
        feature.setGeometry(source.geometry())
        feature.setAttributes([code, source["name"], int(households), int(people)])
        features.append(feature)
    provider.addFeatures(features)
    layer.updateExtents()
    renderer = QgsGraduatedSymbolRenderer("households")
    renderer.setClassificationMethod(QgsClassificationJenks())
    renderer.setSourceSymbol(QgsFillSymbol.createSimple(
        {"color": "255,255,255,255", "outline_color": "#5b3a00", "outline_width": "0.35"}))
    renderer.setSourceColorRamp(QgsStyle.defaultStyle().colorRamp("YlOrRd"))
    renderer.updateClasses(layer, classes)
    for index, item in enumerate(renderer.ranges()):
        renderer.updateRangeLabel(index, f"{item.lowerValue():.0f} – {item.upperValue():.0f} 户")
    layer.setRenderer(renderer)
    layer.setOpacity(0.85)

    label_layer(layer, "replace(\"name\", '社区', '') || '\\n' || \"households\" || '户 ' || "
                "\"people\" || '人'", 7.5, color="#2b1a00", halo_opacity=0.85)
    return layer
