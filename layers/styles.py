"""Default styles and forms of the workspace layers, built in code from the schema (QGIS side).

:func:`apply_style` gives a layer its renderer, labels, field aliases and edit widgets
(drop-downs for value maps, check boxes, date pickers). :func:`store_default_styles` stores
that style in a GeoPackage workspace's ``layer_styles`` table as each layer's default, so plain
QGIS opening the file gets Chinese field names, drop-downs and a readable city map.

The style language is chosen by the caller ("zh" or "en"), not by the running interface: the
labels come from the schema's own zh/en texts.
"""
from qgis.core import (QgsCategorizedSymbolRenderer, QgsEditorWidgetSetup, QgsFillSymbol,
                       QgsLineSymbol, QgsMarkerSymbol, QgsPalLayerSettings, QgsProperty,
                       QgsRendererCategory, QgsRuleBasedRenderer, QgsSimpleFillSymbolLayer,
                       QgsSimpleLineSymbolLayer, QgsSimpleMarkerSymbolLayer,
                       QgsSimpleMarkerSymbolLayerBase, QgsSingleSymbolRenderer, QgsSymbolLayer,
                       QgsTextBufferSettings, QgsTextFormat, QgsUnitTypes,
                       QgsField, QgsSettings, QgsValueMapFieldFormatter, QgsVectorLayer,
                       QgsVectorLayerSimpleLabeling)
from qgis.PyQt.QtCore import Qt, QVariant
from qgis.PyQt.QtGui import QColor, QFont, QFontDatabase

from ..processing.analysis.errors import N_, OneGridError
from . import schema as S
from .workspace import open_dataset

#: Name under which the default style is stored in the GeoPackage's layer_styles table.
STYLE_NAME = "onegrid"

Shape = QgsSimpleMarkerSymbolLayerBase

#: Label of the "no value" entry of an optional field's drop-down.
_NULL_LABEL = {"zh": "（未填）", "en": "(not set)"}

_PROFESSIONAL_COLORS = {
    "police": "#1f4e9c", "safety": "#e67e22", "traffic": "#8e44ad",
    "environment": "#16a085", "market": "#b8860b", "sanitation": "#27ae60",
    "fire": "#e31a1c", "urban": "#636e72", "health": "#d63384", "party": "#a50026",
}
_FACILITY_MARKERS = {
    "education": (Shape.Triangle, "#1f78b4"),
    "medical": (Shape.CrossFill, "#e31a1c"),
    "elderly": (Shape.Diamond, "#6a3d9a"),
    "commerce": (Shape.Square, "#ff7f00"),
    "culture_sport": (Shape.Star, "#33a02c"),
    "other": (Shape.Circle, "#737373"),
}
_EVENT_COLORS = {
    "reported": "#e31a1c", "filed": "#fd8d3c", "dispatched": "#fecc5c",
    "handling": "#2c7fb8", "verification": "#756bb1", "closed": "#7fbf7b",
}
_FIRE_GRADE_MARKERS = {
    "key": ("#d7301f", 3.0), "general": ("#fc8d59", 2.4), "minor": ("#fdcc8a", 2.2),
    "none": ("#969696", 2.0),
}
_THING_COLORS = {
    "normal": "#4daf4a", "damaged": "#e41a1c", "missing": "#252525", "occupied": "#ff7f00",
}
#: Road classes by OSM highway tag, drawn bottom to top: (key, en, zh, highway values).
_ROAD_CLASSES = (
    ("paths", "Footpaths and cycleways", "步行道与自行车道",
     ("footway", "path", "pedestrian", "steps", "cycleway", "track", "bridleway", "corridor")),
    ("minor", "Minor roads", "支路", ("tertiary", "tertiary_link", "residential",
                                     "unclassified", "living_street", "service", "road")),
    ("major", "Main roads", "主干道", ("motorway", "motorway_link", "trunk", "trunk_link",
                                      "primary", "primary_link", "secondary",
                                      "secondary_link")),
)
_ROAD_OTHER = ("Other roads", "其他道路")
_ROAD_NOT_WALKABLE = ("Not walkable", "不可步行")
#: Dense point layers drawn only from this scale (denominator) inwards, so that a district
#: map stays readable; users can change it in the layer properties.
VISIBLE_FROM_SCALE = {"people": 6000, "households": 6000, "things": 6000}


def _lang(language):
    return "zh" if str(language).lower().startswith("zh") else "en"


def _label(item, language):
    return item.zh if language == "zh" else item.en


# --- Symbols ---------------------------------------------------------------------------------
def _symbol(cls, layers):
    """A symbol of class ``cls`` owning ``layers`` (appendSymbolLayer transfers ownership;
    passing a list to the constructor does not, and the layers die with their wrappers)."""
    symbol = cls()
    symbol.deleteSymbolLayer(0)
    for layer in layers:
        symbol.appendSymbolLayer(layer)
    return symbol


def _fill(fill, outline, width, style=Qt.SolidLine, alpha=255):
    color = QColor(fill) if fill else QColor(0, 0, 0, 0)
    if fill:
        color.setAlpha(alpha)
    layer = QgsSimpleFillSymbolLayer(color, Qt.SolidPattern if fill else Qt.NoBrush,
                                     QColor(outline), style, width)
    layer.setPenJoinStyle(Qt.RoundJoin)
    return _symbol(QgsFillSymbol, [layer])


def _line(*layers):
    """A line symbol from (colour, width mm, pen style, rendering pass) tuples."""
    symbol_layers = []
    for color, width, style, rendering_pass in layers:
        sl = QgsSimpleLineSymbolLayer(QColor(color), width, style)
        sl.setPenCapStyle(Qt.RoundCap if style == Qt.SolidLine else Qt.FlatCap)
        sl.setPenJoinStyle(Qt.RoundJoin)
        sl.setRenderingPass(rendering_pass)
        symbol_layers.append(sl)
    return _symbol(QgsLineSymbol, symbol_layers)


def _marker(shape, color, size, outline="#ffffff", alpha=255, outline_width=0.2):
    fill = QColor(color)
    fill.setAlpha(alpha)
    sl = QgsSimpleMarkerSymbolLayer(shape, size)
    sl.setColor(fill)
    sl.setStrokeColor(QColor(outline) if outline else QColor(0, 0, 0, 0))
    sl.setStrokeWidth(outline_width)
    if not outline:
        sl.setStrokeStyle(Qt.NoPen)
    return _symbol(QgsMarkerSymbol, [sl])


def _categorized(field, values, symbol_for, language):
    categories = [QgsRendererCategory(v.code, symbol_for(v.code), _label(v, language))
                  for v in values]
    return QgsCategorizedSymbolRenderer(field, categories)


def _camera_symbol(code):
    """A dot with a 90 degree wedge turned to azimuth_deg, or a ring for 360 degree cameras."""
    dot = QgsSimpleMarkerSymbolLayer(Shape.Circle, 1.8)
    dot.setColor(QColor("#08306b"))
    dot.setStrokeColor(QColor("#ffffff"))
    dot.setStrokeWidth(0.3)
    dot.setDataDefinedProperty(QgsSymbolLayer.PropertyFillColor, QgsProperty.fromExpression(
        "if(\"online\" = 0, '#9e9e9e', '#08306b')"))
    if code == "ptz":
        view = QgsSimpleMarkerSymbolLayer(Shape.Circle, 6.0)
    else:
        # QuarterCircle is the top-left quadrant with its apex on the point: turned by
        # azimuth + 45 degrees (clockwise) its middle points along the azimuth.
        view = QgsSimpleMarkerSymbolLayer(Shape.QuarterCircle, 9.0)
        view.setDataDefinedProperty(QgsSymbolLayer.PropertyAngle, QgsProperty.fromExpression(
            'coalesce("azimuth_deg", 0) + 45'))
    view.setColor(QColor(31, 120, 180, 90))
    view.setStrokeColor(QColor(31, 120, 180, 200))
    view.setStrokeWidth(0.2)
    return _symbol(QgsMarkerSymbol, [view, dot])


def _roads_renderer(language):
    root = QgsRuleBasedRenderer.Rule(None)
    styles = {
        "paths": _line(("#a0522d", 0.35, Qt.DashLine, 1)),
        "minor": _line(("#9a9a9a", 1.0, Qt.SolidLine, 0), ("#ffffff", 0.65, Qt.SolidLine, 2)),
        "major": _line(("#7a5a2a", 1.6, Qt.SolidLine, 0), ("#fcd6a4", 1.2, Qt.SolidLine, 3)),
    }
    for key, en, zh, highways in _ROAD_CLASSES:
        values = ", ".join(f"'{h}'" for h in highways)
        root.appendChild(QgsRuleBasedRenderer.Rule(
            styles[key], 0, 0, f'"highway" IN ({values})', zh if language == "zh" else en))
    other = QgsRuleBasedRenderer.Rule(_line(("#8c8c8c", 0.3, Qt.SolidLine, 1)), 0, 0, "ELSE",
                                      _ROAD_OTHER[1] if language == "zh" else _ROAD_OTHER[0])
    root.appendChild(other)
    root.appendChild(QgsRuleBasedRenderer.Rule(
        _line(("#d7301f", 0.35, Qt.DotLine, 4)), 0, 0, 'coalesce("walkable", 1) = 0',
        _ROAD_NOT_WALKABLE[1] if language == "zh" else _ROAD_NOT_WALKABLE[0]))
    renderer = QgsRuleBasedRenderer(root)
    renderer.setUsingSymbolLevels(True)
    return renderer


def renderer_for(spec, language="zh"):
    """The default renderer of a spatial layer (None for a table)."""
    language = _lang(language)
    name = spec.name
    if spec.geometry is None:
        return None
    if name == "communities":
        return QgsSingleSymbolRenderer(_fill(None, "#3b3125", 0.9))
    if name == "base_grids":
        return QgsSingleSymbolRenderer(_fill("#fde9a8", "#c77c02", 0.45, alpha=90))
    if name == "professional_grids":
        return _categorized("grid_type", S.PROFESSIONAL_GRID_TYPES, lambda code: _fill(
            None, _PROFESSIONAL_COLORS[code], 0.6, Qt.DashLine), language)
    if name == "buildings":
        return QgsSingleSymbolRenderer(_fill("#d9cfbf", "#9c9081", 0.2))
    if name == "parcels":
        return QgsSingleSymbolRenderer(_fill(None, "#8a8a8a", 0.15))
    if name == "roads":
        return _roads_renderer(language)
    if name == "facilities":
        return _categorized("category", S.FACILITY_CATEGORIES, lambda code: _marker(
            _FACILITY_MARKERS[code][0], _FACILITY_MARKERS[code][1],
            1.6 if code == "other" else 2.2, outline_width=0.25),
            language)
    if name == "cameras":
        return _categorized("camera_type", S.CAMERA_TYPES, _camera_symbol, language)
    if name == "events":
        return _categorized("status", S.EVENT_STATUSES, lambda code: _marker(
            Shape.Circle, _EVENT_COLORS[code], 2.4, outline_width=0.3), language)
    if name == "organizations":
        return _categorized("fire_grade", S.FIRE_GRADES, lambda code: _marker(
            Shape.Hexagon, _FIRE_GRADE_MARKERS[code][0], _FIRE_GRADE_MARKERS[code][1]),
            language)
    if name == "things":
        return _categorized("status", S.THING_STATUSES, lambda code: _marker(
            Shape.Diamond, _THING_COLORS[code], 2.0), language)
    if name == "people":
        return QgsSingleSymbolRenderer(_marker(Shape.Circle, "#d6604d", 1.3, None, alpha=120))
    if name == "households":
        return QgsSingleSymbolRenderer(_marker(Shape.Circle, "#4393c3", 1.5, None, alpha=130))
    if name == "patrol_points":
        return QgsSingleSymbolRenderer(_marker(Shape.Circle, "#2ca25f", 0.7, None, alpha=110))
    # A layer added to the schema later, until it gets its own style.
    if spec.geometry == "Point":
        return QgsSingleSymbolRenderer(_marker(Shape.Circle, "#555555", 2.0))
    if spec.geometry == "MultiLineString":
        return QgsSingleSymbolRenderer(_line(("#555555", 0.4, Qt.SolidLine, 0)))
    return QgsSingleSymbolRenderer(_fill(None, "#555555", 0.3))


# --- Labels ----------------------------------------------------------------------------------
#: layer -> (expression, size pt, colour, bold, buffer mm, placement, max scale denominator)
_LABELS = {
    "communities": ('coalesce("name", "code")', 14, "#2b2118", True, 1.4,
                    QgsPalLayerSettings.OverPoint, 0),
    "base_grids": ('coalesce("name", "grid_code")', 9.5, "#7a4a00", False, 1.0,
                   QgsPalLayerSettings.OverPoint, 0),
    "professional_grids": ('coalesce("name", "grid_code")', 8, "#333333", False, 0.8,
                           QgsPalLayerSettings.Line, 25000),
    "parcels": ('"parcel_code"', 6.5, "#666666", False, 0.5,
                QgsPalLayerSettings.OverPoint, 2500),
    "buildings": ('"house_number"', 7, "#4d4238", False, 0.6,
                  QgsPalLayerSettings.OverPoint, 4000),
    "roads": ('"name"', 7.5, "#3a3a3a", False, 0.8, QgsPalLayerSettings.Curved, 10000),
    "facilities": ('"name"', 7.5, "#1a1a1a", False, 0.8,
                   QgsPalLayerSettings.AroundPoint, 8000),
    "organizations": ('"name"', 7, "#3a3a3a", False, 0.7,
                      QgsPalLayerSettings.AroundPoint, 4000),
    "cameras": ('"camera_code"', 6.5, "#08306b", False, 0.6,
                QgsPalLayerSettings.AroundPoint, 2500),
}


#: Label fonts that draw Chinese, by preference: Windows, macOS, Linux.
LABEL_FONTS = ("Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC",
               "WenQuanYi Micro Hei", "SimHei")


def label_font_family():
    """The first installed font of :data:`LABEL_FONTS`, else the application's font family.

    Named explicitly because a style stores its font family, and the default family of a
    headless QGIS ("DejaVu LGC Sans" under Qt's offscreen platform) may exist nowhere else.
    """
    installed = set(QFontDatabase().families())
    for family in LABEL_FONTS:
        if family in installed:
            return family
    return QFont().family()


def labeling_for(spec):
    """The default labels of a layer with a label field (None otherwise)."""
    if spec.label_field is None or spec.geometry is None:
        return None
    expression, size, color, bold, buffer_mm, placement, max_scale = _LABELS.get(
        spec.name, (f'"{spec.label_field}"', 8, "#333333", False, 0.7,
                    QgsPalLayerSettings.AroundPoint, 0))
    text = QgsTextFormat()
    font = QFont(label_font_family())
    font.setBold(bold)
    text.setFont(font)
    text.setSize(size)
    text.setSizeUnit(QgsUnitTypes.RenderPoints)
    text.setColor(QColor(color))
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(buffer_mm)
    buffer.setSizeUnit(QgsUnitTypes.RenderMillimeters)
    buffer.setColor(QColor(255, 255, 255))
    buffer.setOpacity(0.85)
    text.setBuffer(buffer)
    settings = QgsPalLayerSettings()
    settings.fieldName = expression
    settings.isExpression = True
    settings.placement = placement
    settings.setFormat(text)
    if placement == QgsPalLayerSettings.AroundPoint:
        settings.dist = 1.0
    if max_scale:
        settings.scaleVisibility = True
        settings.minimumScale = max_scale
        settings.maximumScale = 1
    return QgsVectorLayerSimpleLabeling(settings)


# --- Forms -----------------------------------------------------------------------------------
def value_map_config(field_spec, language="zh"):
    """ValueMap widget config of a coded field: an ordered list of {label: code}."""
    language = _lang(language)
    entries = []
    if not field_spec.required:
        entries.append({_NULL_LABEL[language]: QgsValueMapFieldFormatter.NULL_VALUE})
    entries += [{_label(v, language): v.code} for v in field_spec.values]
    return {"map": entries}


def widget_for(field_spec, language="zh"):
    """The QgsEditorWidgetSetup of a field (None: QGIS's default for its type)."""
    if field_spec.values:
        return QgsEditorWidgetSetup("ValueMap", value_map_config(field_spec, language))
    if field_spec.type == "bool":
        return QgsEditorWidgetSetup("CheckBox", {"CheckedState": "", "UncheckedState": "",
                                                 "TextDisplayMethod": 0})
    if field_spec.type == "date":
        return QgsEditorWidgetSetup("DateTime", {
            "field_format": "yyyy-MM-dd", "display_format": "yyyy-MM-dd",
            "calendar_popup": True, "allow_null": True, "field_iso_format": False})
    if field_spec.type == "datetime":
        return QgsEditorWidgetSetup("DateTime", {
            "field_format": "yyyy-MM-ddTHH:mm:ssZ", "display_format": "yyyy-MM-dd HH:mm:ss",
            "calendar_popup": True, "allow_null": True, "field_iso_format": False})
    return None


def apply_form(layer, spec, language="zh"):
    """Field aliases and edit widgets of ``layer`` in ``language`` ("zh" or "en")."""
    language = _lang(language)
    fields = layer.fields()
    for field_spec in spec.fields:
        index = fields.indexOf(field_spec.name)
        if index < 0:
            continue
        layer.setFieldAlias(index, _label(field_spec, language))
        setup = widget_for(field_spec, language)
        if setup is not None:
            layer.setEditorWidgetSetup(index, setup)
    if spec.label_field:
        layer.setDisplayExpression(f'"{spec.label_field}"')
    elif spec.required_fields:
        layer.setDisplayExpression(f'"{spec.required_fields[0]}"')


# --- Personal data ---------------------------------------------------------------------------
#: QgsSettings key: True shows ID numbers and phones unmasked (an explicit choice; off by default).
SHOW_PERSONAL_KEY = "onegrid/show_personal_data"
#: How many leading and trailing characters masking keeps, per personal field (as in
#: processing/analysis/idcard.py: 110105********123X, 138****5678).
_MASK_KEEP = {"id_number": (6, 4), "phone": (3, 4)}


def show_personal_data():
    """Whether the user chose to see personal fields unmasked (default: no)."""
    return QgsSettings().value(SHOW_PERSONAL_KEY, False, type=bool)


def mask_expression(field_name):
    """A QGIS expression showing ``field_name`` masked: head, stars, tail."""
    head, tail = _MASK_KEEP.get(field_name, (3, 4))
    quoted = f'"{field_name}"'
    return (f"CASE WHEN {quoted} IS NULL THEN NULL "
            f"WHEN length({quoted}) <= {head + tail} THEN rpad('', length({quoted}), '*') "
            f"ELSE left({quoted}, {head}) || rpad('', length({quoted}) - {head + tail}, '*') "
            f"|| right({quoted}, {tail}) END")


def apply_privacy(layer, spec, language="zh", reveal=False):
    """Mask personal fields: each gets a masked virtual column and the raw one is hidden
    from the attribute table and the form, unless ``reveal`` (an explicit user setting)."""
    language = _lang(language)
    personal = [f for f in spec.fields if f.personal and layer.fields().indexOf(f.name) >= 0]
    config = layer.attributeTableConfig()
    columns = config.columns()
    for field_spec in personal:
        masked = f"{field_spec.name}_masked"
        existing = layer.fields().indexOf(masked)
        if existing >= 0 and reveal:
            layer.removeExpressionField(existing)
        elif existing < 0 and not reveal:
            layer.addExpressionField(mask_expression(field_spec.name),
                                     QgsField(masked, QVariant.String))
            layer.setFieldAlias(layer.fields().indexOf(masked),
                                _label(field_spec, language) + _MASKED_SUFFIX[language])
        index = layer.fields().indexOf(field_spec.name)
        layer.setEditorWidgetSetup(index, QgsEditorWidgetSetup("Hidden", {}) if not reveal
                                   else (widget_for(field_spec, language)
                                         or QgsEditorWidgetSetup("TextEdit", {})))
    config.update(layer.fields())
    columns = config.columns()
    hidden = {f.name for f in personal} if not reveal else set()
    for column in columns:
        column.hidden = column.name in hidden
    config.setColumns(columns)
    layer.setAttributeTableConfig(config)


_MASKED_SUFFIX = {"zh": "（脱敏）", "en": " (masked)"}


def relabel_legend(layer, spec, language="zh"):
    """Put ``language`` labels on the legend classes of a layer's stored default style
    (categories of coded values, road classes).

    Used when a stored (Chinese) default style is shown to an English user: the symbols stay
    as stored, only the legend labels of known codes change.
    """
    language = _lang(language)
    renderer = layer.renderer()
    if isinstance(renderer, QgsRuleBasedRenderer):
        labels = {zh: (zh if language == "zh" else en) for _key, en, zh, _h in _ROAD_CLASSES}
        for en, zh in (_ROAD_OTHER, _ROAD_NOT_WALKABLE, (_CURRENT_LABEL["en"],
                                                         _CURRENT_LABEL["zh"])):
            labels[zh] = zh if language == "zh" else en
        for field_spec in spec.fields:  # categories turned into rules (versioned layers)
            labels.update({v.zh: _label(v, language) for v in field_spec.values})
        for rule in renderer.rootRule().descendants():
            if rule.label() in labels:
                rule.setLabel(labels[rule.label()])
        return
    if not isinstance(renderer, QgsCategorizedSymbolRenderer):
        return
    try:
        field_spec = spec.field(renderer.classAttribute())
    except KeyError:
        return
    labels = {v.code: _label(v, language) for v in field_spec.values}
    for index, category in enumerate(renderer.categories()):
        if category.value() in labels:
            renderer.updateCategoryLabel(index, labels[category.value()])


#: Rows of versioned layers (valid_to) that are current today; closed versions are history.
CURRENT_EXPRESSION = '"valid_to" IS NULL OR "valid_to" > to_date(now())'


def current_only(renderer, language="zh"):
    """``renderer`` as a rule-based renderer drawing only the current versions."""
    rules = QgsRuleBasedRenderer.convertFromRenderer(renderer)
    root = rules.rootRule()
    current = QgsRuleBasedRenderer.Rule(None, 0, 0, CURRENT_EXPRESSION,
                                        _CURRENT_LABEL[_lang(language)])
    for child in list(root.children()):
        current.appendChild(root.takeChild(child))
    root.appendChild(current)
    return rules


_CURRENT_LABEL = {"zh": "现行版本", "en": "Current version"}


def apply_style(layer, spec, language="zh"):
    """Give ``layer`` the default style of the schema layer ``spec``.

    Parameters
    ----------
    layer : QgsVectorLayer
        A layer holding the fields of ``spec`` (fields it lacks are left alone).
    spec : onegrid.layers.schema.LayerSpec
    language : str
        "zh" (default): Chinese aliases, drop-down and legend labels; "en": English ones.
    """
    language = _lang(language)
    apply_form(layer, spec, language)
    apply_privacy(layer, spec, language)
    layer.setTitle(_label(spec, language))
    if spec.geometry is None or not layer.isSpatial():
        return
    versioned = "valid_to" in spec.field_names
    renderer = renderer_for(spec, language)
    layer.setRenderer(current_only(renderer, language) if versioned else renderer)
    if spec.name in VISIBLE_FROM_SCALE:
        layer.setScaleBasedVisibility(True)
        layer.setMinimumScale(VISIBLE_FROM_SCALE[spec.name])
        layer.setMaximumScale(0)
    labeling = labeling_for(spec)
    if labeling is not None and versioned:
        settings = labeling.settings()
        settings.dataDefinedProperties().setProperty(
            QgsPalLayerSettings.Show, QgsProperty.fromExpression(CURRENT_EXPRESSION))
        labeling.setSettings(settings)
    if labeling is not None:
        layer.setLabeling(labeling)
        layer.setLabelsEnabled(True)
    else:
        layer.setLabelsEnabled(False)
    layer.triggerRepaint()


def _store_one(gpkg_path, spec, language):
    options = QgsVectorLayer.LayerOptions(False, False)  # no default style: we write it
    layer = QgsVectorLayer(f"{gpkg_path}|layername={spec.name}", spec.name, "ogr", options)
    try:
        if not layer.isValid():
            raise OneGridError(N_("Workspace {path} has no layer {layer}"),
                               path=str(gpkg_path), layer=spec.name)
        apply_style(layer, spec, language)
        error = layer.saveStyleToDatabase(
            STYLE_NAME, f"OneGrid default style ({language}): {spec.zh} / {spec.en}", True, "")
        if error:
            raise OneGridError(N_("Cannot store the default style of layer {layer} in "
                                  "{path}: {error}"),
                               layer=spec.name, path=str(gpkg_path), error=error)
    finally:
        del layer


def _delete_stored_styles(gpkg_path):
    """Remove OneGrid's earlier default styles: QGIS 3.22 hangs when it updates a GeoPackage
    style row in place (a second saveStyleToDatabase of the same name never returns)."""
    ds = open_dataset(gpkg_path, update=True)
    try:
        if ds.GetLayerByName("layer_styles") is not None:
            ds.ExecuteSQL("DELETE FROM layer_styles WHERE styleName = '%s'" % STYLE_NAME)
    finally:
        ds = None


def store_default_styles(gpkg_path, language="zh"):
    """Store every schema layer's default style in the workspace's layer_styles table.

    An earlier OneGrid default style is replaced; styles saved under other names stay.
    Returns the names of the layers styled. The layers opened for this are deleted before
    returning (OGR layers alive at exit crash QGIS).
    """
    gpkg_path = str(gpkg_path)
    _delete_stored_styles(gpkg_path)
    for spec in S.LAYERS:
        _store_one(gpkg_path, spec, language)
    return [spec.name for spec in S.LAYERS]


def style_layer(layer, spec, language):
    """Style a workspace layer: its stored default style when the database has one (in
    Chinese), else the built-in style; forms, legend and masking follow the language and the
    personal-data setting."""
    count = layer.listStylesInDatabase()[0]
    if count <= 0:
        apply_style(layer, spec, language)
    elif language != "zh":
        apply_form(layer, spec, language)
        relabel_legend(layer, spec, language)
    if count <= 0 or language != "zh" or show_personal_data():
        apply_privacy(layer, spec, language, reveal=show_personal_data())
