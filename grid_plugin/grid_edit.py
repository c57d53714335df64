"""The "Grid editing" panel of the OneGrid dock: split, merge, paint buildings, live household
totals and validation markers.

Every edit goes through the layer's edit buffer inside one edit command, so QGIS's undo/redo
works and nothing reaches the file until the user saves the layer. Editing a grid closes its
row (valid_to = today) and adds the successors (valid_from = today) with
:func:`close_and_version`.
"""
import datetime

import numpy as np
import shapely
from qgis.core import (NULL, QgsCategorizedSymbolRenderer, QgsCoordinateTransform,
                       QgsFeature, QgsFeatureRequest, QgsField, QgsFillSymbol, QgsGeometry,
                       QgsMapLayerProxyModel, QgsProject, QgsRendererCategory, QgsSettings,
                       QgsVectorLayer, QgsWkbTypes, QgsApplication)
from qgis.gui import QgsMapLayerComboBox
from qgis.PyQt.QtCore import QDate, QDateTime, Qt, QTimer, QVariant
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import (QAbstractItemView, QComboBox, QCheckBox, QDoubleSpinBox,
                                 QFormLayout,
                                 QGridLayout, QHeaderView, QLabel, QPushButton, QSpinBox,
                                 QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ..i18n import tr
from ..layers.project import project_workspace
from ..processing.adapter import source_to_frame
from ..processing.analysis.change import close_and_version, grids_at
from ..processing.analysis.editing import (ABOVE, BELOW, household_status, households_by_code,
                                           merge_polygons, move_cells, reassign,
                                           split_polygon)
from ..processing.analysis.errors import N_, OneGridError
from .map_tools import PaintBuildingsTool, SplitLineTool
from .tasks import ValidateGridsTask

TARGET_KEY = "OneGrid/gridEdit/targetHouseholds"
TOLERANCE_KEY = "OneGrid/gridEdit/tolerance"
MOVE_KEY = "OneGrid/gridEdit/moveBoundaries"
LIVE_KEY = "OneGrid/gridEdit/liveValidation"
#: Milliseconds after the last edit before a live validation starts.
LIVE_DELAY_MS = 700
#: Row colours of the totals table: above and below target * (1 ± tolerance).
COLOUR_ABOVE = QColor(244, 170, 170)
COLOUR_BELOW = QColor(250, 214, 140)
#: Fill colours of the validation markers by error_type.
PROBLEM_COLOURS = {
    "gap": "#e31a1c", "overlap": "#ff7f00", "outside_parent": "#6a3d9a",
    "crosses_parent": "#cab2d6", "multipart": "#1f78b4", "invalid": "#000000",
    "sliver": "#fb9a99", "too_few_households": "#fdbf6f", "too_many_households": "#b15928",
    "duplicate_code": "#33a02c", "no_staff": "#a6cee3",
}
CODE_FIELD = "grid_code"
HOUSEHOLD_FIELD = "households"


def _qdate(day):
    return QDate(day.year, day.month, day.day)


def _stamp(layer, values):
    """Add the edit-tracking fields (updated_at in UTC, updated_by) the layer has to
    ``values`` ({field index: value}); returns it."""
    fields = layer.fields()
    at, by = fields.lookupField("updated_at"), fields.lookupField("updated_by")
    if at >= 0:
        values[at] = QDateTime.currentDateTimeUtc()
    if by >= 0:
        values[by] = QgsApplication.userLoginName()
    return values


class GridEditPanel(QWidget):
    """The grid-editing tab. ``today`` (a date) is the day edits are dated with."""

    def __init__(self, iface, parent=None):
        super().__init__(parent)
        self.iface = iface
        self.canvas = iface.mapCanvas()
        self.today = datetime.date.today()
        self.task = None
        self.problems_layer_id = None
        self._watched = []
        self._live_pending = False
        self.live_timer = QTimer(self)
        self.live_timer.setSingleShot(True)
        self.live_timer.setInterval(LIVE_DELAY_MS)
        self.live_timer.timeout.connect(self._live_validate)
        self.setObjectName("OneGridGridEditTab")
        self._build()
        self.split_tool = SplitLineTool(self.canvas)
        self.split_tool.lineFinished.connect(self.split_along)
        self.split_tool.deactivated.connect(lambda: self.split_button.setChecked(False))
        self.paint_tool = PaintBuildingsTool(self.canvas, self.buildings_layer)
        self.paint_tool.buildingsPainted.connect(self.paint_buildings)
        self.paint_tool.deactivated.connect(lambda: self.paint_button.setChecked(False))
        QgsProject.instance().readProject.connect(self.use_workspace_layers)
        self.use_workspace_layers()

    # --- building ---------------------------------------------------------------------------
    def _build(self):
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.grids_combo = QgsMapLayerComboBox(self)
        self.grids_combo.setObjectName("OneGridEditGrids")
        self.grids_combo.setFilters(QgsMapLayerProxyModel.PolygonLayer)
        self.grids_combo.layerChanged.connect(self._layers_changed)
        form.addRow(tr("Base grids"), self.grids_combo)
        self.buildings_combo = QgsMapLayerComboBox(self)
        self.buildings_combo.setObjectName("OneGridEditBuildings")
        self.buildings_combo.setFilters(QgsMapLayerProxyModel.PolygonLayer
                                        | QgsMapLayerProxyModel.PointLayer)
        self.buildings_combo.layerChanged.connect(self._layers_changed)
        form.addRow(tr("Buildings"), self.buildings_combo)
        settings = QgsSettings()
        self.target_spin = QSpinBox(self)
        self.target_spin.setObjectName("OneGridEditTarget")
        self.target_spin.setRange(1, 100000)
        self.target_spin.setValue(settings.value(TARGET_KEY, 300, type=int))
        self.target_spin.setSuffix(tr(" households"))
        self.tolerance_spin = QDoubleSpinBox(self)
        self.tolerance_spin.setObjectName("OneGridEditTolerance")
        self.tolerance_spin.setRange(0.0, 0.95)
        self.tolerance_spin.setSingleStep(0.05)
        self.tolerance_spin.setValue(settings.value(TOLERANCE_KEY, 0.2, type=float))
        self.tolerance_spin.setToolTip(tr("Allowed deviation from the target, as a fraction "
                                          "(0.2 = ±20%)"))
        form.addRow(tr("Target"), self.target_spin)
        form.addRow(tr("Tolerance"), self.tolerance_spin)
        self.target_spin.valueChanged.connect(self._settings_changed)
        self.tolerance_spin.valueChanged.connect(self._settings_changed)
        layout.addLayout(form)

        buttons = QGridLayout()
        self.split_button = QPushButton(tr("Split grid"), self)
        self.split_button.setObjectName("OneGridSplitButton")
        self.split_button.setCheckable(True)
        self.split_button.setToolTip(tr("Draw a line across a grid with clicks; right-click "
                                        "or double-click to split it"))
        self.split_button.toggled.connect(self._split_toggled)
        self.merge_button = QPushButton(tr("Merge selected grids"), self)
        self.merge_button.setObjectName("OneGridMergeButton")
        self.merge_button.clicked.connect(self.merge_selected)
        self.paint_button = QPushButton(tr("Paint buildings"), self)
        self.paint_button.setObjectName("OneGridPaintButton")
        self.paint_button.setCheckable(True)
        self.paint_button.setToolTip(tr("Click or drag over buildings to give them to the "
                                        "target grid"))
        self.paint_button.toggled.connect(self._paint_toggled)
        self.target_grid_combo = QComboBox(self)
        self.target_grid_combo.setObjectName("OneGridPaintTarget")
        self.target_grid_combo.setToolTip(tr("The grid painted buildings are given to"))
        self.validate_button = QPushButton(tr("Validate"), self)
        self.validate_button.setObjectName("OneGridValidateButton")
        self.validate_button.clicked.connect(self.validate)
        self.cancel_button = QPushButton(tr("Cancel"), self)
        self.cancel_button.setObjectName("OneGridValidateCancel")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel_validation)
        buttons.addWidget(self.split_button, 0, 0)
        buttons.addWidget(self.merge_button, 0, 1)
        buttons.addWidget(self.paint_button, 1, 0)
        buttons.addWidget(self.target_grid_combo, 1, 1)
        self.move_check = QCheckBox(tr("Painted buildings take their part of the grid "
                                       "with them"), self)
        self.move_check.setObjectName("OneGridPaintMovesBoundaries")
        self.move_check.setToolTip(tr("Each painted building's Voronoi cell (the part of its "
                                      "grid nearer to it than to the other buildings) moves "
                                      "to the target grid; both grids get a new version"))
        self.move_check.setChecked(settings.value(MOVE_KEY, True, type=bool))
        self.move_check.toggled.connect(
            lambda checked: QgsSettings().setValue(MOVE_KEY, bool(checked)))
        buttons.addWidget(self.move_check, 2, 0, 1, 2)
        buttons.addWidget(self.validate_button, 3, 0)
        buttons.addWidget(self.cancel_button, 3, 1)
        self.live_check = QCheckBox(tr("Validate again after every edit"), self)
        self.live_check.setObjectName("OneGridLiveValidation")
        self.live_check.setChecked(settings.value(LIVE_KEY, False, type=bool))
        self.live_check.toggled.connect(
            lambda checked: QgsSettings().setValue(LIVE_KEY, bool(checked)))
        buttons.addWidget(self.live_check, 4, 0, 1, 2)
        layout.addLayout(buttons)

        self.status_label = QLabel(self)
        self.status_label.setObjectName("OneGridEditStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setVisible(False)
        layout.addWidget(self.status_label)
        self.totals_table = QTableWidget(0, 2, self)
        self.totals_table.setObjectName("OneGridHouseholdTotals")
        self.totals_table.setHorizontalHeaderLabels([tr("Grid code"), tr("Households")])
        self.totals_table.verticalHeader().setVisible(False)
        self.totals_table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.totals_table.setSelectionBehavior(QAbstractItemView.SelectRows)
        header = self.totals_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeToContents)
        layout.addWidget(self.totals_table, 1)

    # --- layers -----------------------------------------------------------------------------
    def grids_layer(self):
        """The chosen base-grid layer (or None)."""
        return self.grids_combo.currentLayer()

    def buildings_layer(self):
        """The chosen buildings layer (or None)."""
        return self.buildings_combo.currentLayer()

    def use_workspace_layers(self, *_args):
        """Choose the project's workspace base_grids and buildings layers, when it has them."""
        _path, layers = project_workspace(QgsProject.instance())
        if "base_grids" in layers:
            self.grids_combo.setLayer(layers["base_grids"])
        if "buildings" in layers:
            self.buildings_combo.setLayer(layers["buildings"])
        self._layers_changed()

    def _layers_changed(self, *_args):
        for layer in self._watched:
            try:
                layer.layerModified.disconnect(self._layer_modified)
            except (TypeError, RuntimeError):
                pass
        self._watched = [layer for layer in (self.grids_layer(), self.buildings_layer())
                         if layer is not None]
        for layer in self._watched:
            layer.layerModified.connect(self._layer_modified)
        self.refresh_totals()

    def _layer_modified(self):
        self.refresh_totals()
        if self.live_check.isChecked():
            self.live_timer.start()

    def _live_validate(self):
        if self.task is not None:
            self._live_pending = True
        elif self.live_check.isChecked():
            self.validate()

    def _settings_changed(self, *_args):
        settings = QgsSettings()
        settings.setValue(TARGET_KEY, self.target_spin.value())
        settings.setValue(TOLERANCE_KEY, self.tolerance_spin.value())
        self.refresh_totals()

    def _message(self, text, error=False):
        self.status_label.setText(text)
        self.status_label.setVisible(bool(text))
        self.status_label.setStyleSheet("color: #b00020;" if error else "")

    def _require(self, layer, what):
        if layer is None:
            self._message(tr("Choose the {what} layer first").format(what=what), error=True)
            return False
        if layer.fields().lookupField(CODE_FIELD) < 0:
            self._message(tr("Layer {layer} has no field {field}").format(
                layer=layer.name(), field=CODE_FIELD), error=True)
            return False
        return True

    def current_grids(self):
        """The grids valid today as a GeoDataFrame indexed by feature id (edit buffer
        included), with grid_code, valid_from and valid_to when the layer has them."""
        layer = self.grids_layer()
        names = [n for n in (CODE_FIELD, "valid_from", "valid_to")
                 if layer.fields().lookupField(n) >= 0]
        frame = source_to_frame(layer, layer.name(), attributes=names)
        return grids_at(frame, self.today)

    # --- map tools --------------------------------------------------------------------------
    def _split_toggled(self, checked):
        if checked:
            self.paint_button.setChecked(False)
            self.canvas.setMapTool(self.split_tool)
        elif self.canvas.mapTool() is self.split_tool:
            self.canvas.unsetMapTool(self.split_tool)

    def _paint_toggled(self, checked):
        if checked:
            self.split_button.setChecked(False)
            self.canvas.setMapTool(self.paint_tool)
        elif self.canvas.mapTool() is self.paint_tool:
            self.canvas.unsetMapTool(self.paint_tool)

    def _to_layer(self, geometry, layer):
        geometry = QgsGeometry(geometry)
        transform = QgsCoordinateTransform(self.canvas.mapSettings().destinationCrs(),
                                           layer.crs(), QgsProject.instance())
        geometry.transform(transform)
        return geometry

    # --- edits ------------------------------------------------------------------------------
    def _write_versions(self, layer, closed, new_rows, codes, text):
        """In one edit command: set valid_to on ``closed`` (the frame close_and_version
        returned, only its changed rows are used) and add ``new_rows`` copying each
        predecessor's attributes; ``codes`` overrides grid_code per new row (None keeps)."""
        if not layer.isEditable() and not layer.startEditing():
            self._message(tr("Layer {layer} cannot be edited").format(layer=layer.name()),
                          error=True)
            return False
        fields = layer.fields()
        to_idx, from_idx = fields.lookupField("valid_to"), fields.lookupField("valid_from")
        code_idx = fields.lookupField(CODE_FIELD)
        fid_idx = fields.lookupField("fid")
        multi = QgsWkbTypes.isMultiType(layer.wkbType())
        layer.beginEditCommand(text)
        try:
            for fid, day in closed["valid_to"].items():
                if day is not None and day == self.today and to_idx >= 0:
                    layer.changeAttributeValues(int(fid), _stamp(layer, {to_idx: _qdate(day)}))
            features = []
            for source_fid, row, code in zip(new_rows["source_fid"], new_rows.itertuples(),
                                              codes):
                source = layer.getFeature(int(source_fid))
                feature = QgsFeature(fields)
                feature.setAttributes(source.attributes())
                if fid_idx >= 0:
                    feature.setAttribute(fid_idx, NULL)
                geometry = QgsGeometry.fromWkt(row.geometry.wkt)
                if multi:
                    geometry.convertToMultiType()
                feature.setGeometry(geometry)
                if from_idx >= 0:
                    feature.setAttribute(from_idx, _qdate(self.today))
                if to_idx >= 0:
                    feature.setAttribute(to_idx, NULL)
                if code is not None and code_idx >= 0:
                    feature.setAttribute(code_idx, code)
                for index, value in _stamp(layer, {}).items():
                    feature.setAttribute(index, value)
                features.append(feature)
            if not layer.addFeatures(features):
                raise RuntimeError(tr("Layer {layer} refused the new features").format(
                    layer=layer.name()))
        except RuntimeError as err:
            layer.destroyEditCommand()
            self._message(str(err), error=True)
            return False
        layer.endEditCommand()
        layer.triggerRepaint()
        return True

    def _version(self, grids, changed, new_geometries):
        closed, new_rows = close_and_version(grids.loc[changed], changed, new_geometries,
                                             self.today)
        sources = [fid for fid, new in zip(changed, new_geometries)
                   for _ in ([] if new is None else (new if isinstance(new, list) else [new]))]
        new_rows["source_fid"] = sources
        return closed, new_rows

    def split_along(self, line):
        """Split the grids the ``line`` (QgsGeometry, canvas CRS) cuts: the largest part keeps
        the grid's code, the others get an empty code to be renumbered."""
        layer = self.grids_layer()
        if not self._require(layer, tr("base grid")):
            return False
        try:
            grids = self.current_grids()
            cut = shapely.from_wkt(self._to_layer(line, layer).asWkt())
            candidates = grids.index[grids.intersects(cut)].tolist()
            changed, parts, last_error = [], [], None
            for fid in candidates:
                try:
                    parts.append(split_polygon(grids.geometry[fid], cut))
                    changed.append(fid)
                except OneGridError as err:
                    last_error = err
            if not changed:
                raise last_error or OneGridError(N_(
                    "The line does not cut the grid in two: draw it across the grid, "
                    "starting and ending outside it"))
            closed, new_rows = self._version(grids, changed, parts)
        except OneGridError as err:
            self._message(err.translated(tr), error=True)
            return False
        codes = [None if i == 0 else "" for p in parts for i in range(len(p))]
        names = ", ".join(str(grids.at[fid, CODE_FIELD]) for fid in changed)
        if not self._write_versions(layer, closed, new_rows, codes,
                                    tr("Split grid {codes}").format(codes=names)):
            return False
        self._message(tr("Split grid {codes} into {parts} parts; the new parts have no code "
                         "until the grids are renumbered").format(
            codes=names, parts=sum(len(p) for p in parts)))
        return True

    def merge_selected(self):
        """Merge the selected current grids into one; it keeps the largest grid's code (of
        equal largest ones, the one with the lowest feature id)."""
        layer = self.grids_layer()
        if not self._require(layer, tr("base grid")):
            return False
        try:
            grids = self.current_grids()
            selected = sorted(fid for fid in layer.selectedFeatureIds() if fid in grids.index)
            geoms = grids.geometry.loc[selected]
            merged = merge_polygons(list(geoms))
            # Largest first; equal areas (to the mm²) keep the lowest feature id first.
            order = np.argsort(-np.round(shapely.area(np.asarray(geoms.values, dtype=object)),
                                         6), kind="stable")
            changed = [selected[i] for i in order]
            closed, new_rows = self._version(grids, changed,
                                             [merged] + [None] * (len(changed) - 1))
        except OneGridError as err:
            self._message(err.translated(tr), error=True)
            return False
        keeps = grids.at[changed[0], CODE_FIELD]
        if not self._write_versions(layer, closed, new_rows, [None],
                                    tr("Merge grids into {code}").format(code=keeps)):
            return False
        layer.removeSelection()
        self._message(tr("Merged {count} grids into {code}").format(count=len(changed),
                                                                     code=keeps))
        return True

    def paint_buildings(self, building_ids):
        """Give the buildings ``building_ids`` (feature ids) the target grid's code."""
        layer = self.buildings_layer()
        if not self._require(layer, tr("buildings")):
            return False
        target = self.target_grid_combo.currentData()
        try:
            frame = source_to_frame(layer, layer.name(), attributes=[CODE_FIELD])
            _frame, changes = reassign(frame, building_ids, target)
        except OneGridError as err:
            self._message(err.translated(tr), error=True)
            return False
        if changes.empty:
            self._message(tr("The buildings are already in grid {code}").format(code=target))
            return True
        grids_layer = self.grids_layer()
        versions = None
        if self.move_check.isChecked() and grids_layer is not None:
            try:
                versions = self._moved_boundaries(frame, changes, target)
            except OneGridError as err:
                self._message(err.translated(tr), error=True)
                return False
        if not layer.isEditable() and not layer.startEditing():
            self._message(tr("Layer {layer} cannot be edited").format(layer=layer.name()),
                          error=True)
            return False
        code_idx = layer.fields().lookupField(CODE_FIELD)
        layer.beginEditCommand(tr("Give buildings to grid {code}").format(code=target))
        for fid in changes["building"]:
            layer.changeAttributeValues(int(fid), _stamp(layer, {code_idx: target}))
        layer.endEditCommand()
        layer.triggerRepaint()
        if versions is not None and not self._write_versions(
                grids_layer, *versions, tr("Move buildings' cells to grid {code}").format(
                    code=target)):
            return False
        self._message(tr("Buildings given to grid {code}: {count}").format(
            count=len(changes), code=target))
        return True

    def _moved_boundaries(self, buildings, changes, target):
        """The grid versions after the painted buildings' cells move to ``target``:
        (closed, new rows, codes) for :meth:`_write_versions`, or None when no grid
        changes."""
        grids = self.current_grids()
        codes = grids[CODE_FIELD].fillna("").astype(str)
        keep = (codes != "") & ~codes.duplicated(keep="first")
        by_code = dict(zip(codes[keep], grids.geometry[keep]))
        fid_of = dict(zip(codes[keep], grids.index[keep]))
        if buildings.crs is not None and grids.crs is not None and buildings.crs != grids.crs:
            buildings = buildings.to_crs(grids.crs)
        points = shapely.point_on_surface(np.asarray(buildings.geometry.values, dtype=object))
        moved = buildings.index.isin(changes["building"])
        new = move_cells(by_code, points, buildings[CODE_FIELD].fillna("").astype(str),
                         moved, target)
        if not new:
            return None
        changed = [fid_of[code] for code in new]
        geometries = [None if geom.is_empty else geom for geom in new.values()]
        closed, new_rows = self._version(grids, changed, geometries)
        return closed, new_rows, [None] * len(new_rows)

    # --- totals -----------------------------------------------------------------------------
    def refresh_totals(self, *_args):
        """Fill the table with the households per grid code and the paint target list."""
        grids, buildings = self.grids_layer(), self.buildings_layer()
        grid_codes = []
        if grids is not None and grids.fields().lookupField(CODE_FIELD) >= 0:
            grid_codes = self.current_grids()[CODE_FIELD].fillna("").astype(str).tolist()
        codes, counts = [], []
        if (buildings is not None and buildings.fields().lookupField(CODE_FIELD) >= 0
                and buildings.fields().lookupField(HOUSEHOLD_FIELD) >= 0):
            request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)
            request.setSubsetOfAttributes([CODE_FIELD, HOUSEHOLD_FIELD], buildings.fields())
            for feature in buildings.getFeatures(request):
                code, count = feature[CODE_FIELD], feature[HOUSEHOLD_FIELD]
                codes.append(None if code == NULL else code)
                counts.append(None if count == NULL else count)
        totals = households_by_code(codes, counts, grid_codes)
        self._fill_target_grids(sorted(c for c in set(grid_codes) if c))
        status = household_status(totals.to_numpy(), self.target_spin.value(),
                                  self.tolerance_spin.value())
        low = self.target_spin.value() * (1 - self.tolerance_spin.value())
        high = self.target_spin.value() * (1 + self.tolerance_spin.value())
        self.totals_table.setRowCount(len(totals))
        for row, ((code, total), state) in enumerate(zip(totals.items(), status)):
            code_item = QTableWidgetItem(code if code else tr("(no code)"))
            code_item.setData(Qt.UserRole, code)
            total_item = QTableWidgetItem(str(int(total)))
            total_item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
            for item in (code_item, total_item):
                if state == ABOVE:
                    item.setBackground(COLOUR_ABOVE)
                    item.setToolTip(tr("More than {high:.0f} households").format(high=high))
                elif state == BELOW:
                    item.setBackground(COLOUR_BELOW)
                    item.setToolTip(tr("Fewer than {low:.0f} households").format(low=low))
            self.totals_table.setItem(row, 0, code_item)
            self.totals_table.setItem(row, 1, total_item)

    def _fill_target_grids(self, codes):
        current = self.target_grid_combo.currentData()
        if [self.target_grid_combo.itemData(i)
                for i in range(self.target_grid_combo.count())] == codes:
            return
        self.target_grid_combo.clear()
        for code in codes:
            self.target_grid_combo.addItem(code, code)
        if current in codes:
            self.target_grid_combo.setCurrentIndex(codes.index(current))

    def set_paint_target(self, code):
        """Choose the grid painted buildings are given to; False if it is not listed."""
        index = self.target_grid_combo.findData(code)
        if index >= 0:
            self.target_grid_combo.setCurrentIndex(index)
        return index >= 0

    def totals(self):
        """What the totals table shows: code -> (households, background colour name or None)."""
        out = {}
        for row in range(self.totals_table.rowCount()):
            item = self.totals_table.item(row, 1)
            brush = item.background()
            colour = brush.color().name() if brush.style() != Qt.NoBrush else None
            out[self.totals_table.item(row, 0).data(Qt.UserRole)] = (int(item.text()), colour)
        return out

    # --- validation -------------------------------------------------------------------------
    def validate(self):
        """Run check_grids on the current grids in a background task; the problems are shown
        as the temporary layer "Validation problems". Returns the task (or None)."""
        layer = self.grids_layer()
        if not self._require(layer, tr("base grid")) or self.task is not None:
            return None
        try:
            grids = self.current_grids()
            grids["grid"] = [code if code else f"#{fid}" for fid, code in
                             zip(grids.index, grids[CODE_FIELD].fillna("").astype(str))]
            options = {"min_households": self.target_spin.value() * (
                           1 - self.tolerance_spin.value()),
                       "max_households": self.target_spin.value() * (
                           1 + self.tolerance_spin.value())}
            buildings = self.buildings_layer()
            if (buildings is not None
                    and buildings.fields().lookupField(HOUSEHOLD_FIELD) >= 0):
                options["buildings"] = source_to_frame(buildings, buildings.name(),
                                                       attributes=[HOUSEHOLD_FIELD])
                options["household_field"] = HOUSEHOLD_FIELD
            _path, layers = project_workspace(QgsProject.instance())
            communities = layers.get("communities")
            if communities is not None and communities.featureCount() > 0:
                parents = source_to_frame(communities, communities.name(),
                                          attributes=["code"])
                options["parents"] = grids_at(parents, self.today)
                options["parent_id_field"] = "code"
        except OneGridError as err:
            self._message(err.translated(tr), error=True)
            return None
        self.task = ValidateGridsTask(grids, "grid", self._validated, code_field="grid",
                                      **options)
        self.validate_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self._message(tr("Validating {count} grids…").format(count=len(grids)))
        QgsApplication.taskManager().addTask(self.task)
        return self.task

    def cancel_validation(self):
        """Ask the running validation to stop."""
        if self.task is not None:
            self.task.cancel()

    def _validated(self, problems, error):
        self.task = None
        self.validate_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        if self._live_pending:
            self._live_pending = False
            self.live_timer.start()
        if error:
            self._message(error, error=True)
            return
        if problems is None:
            self._message(tr("Validation canceled"))
            return
        self.show_problems(problems)
        self._message(tr("Problems found: {count}").format(count=len(problems)),
                      error=len(problems) > 0)

    def problems_layer(self):
        """The temporary "Validation problems" layer (or None)."""
        if self.problems_layer_id is None:
            return None
        return QgsProject.instance().mapLayer(self.problems_layer_id)

    def show_problems(self, problems):
        """Replace the "Validation problems" layer by one holding ``problems``."""
        old = self.problems_layer()
        if old is not None:
            QgsProject.instance().removeMapLayer(old)
        crs = self.grids_layer().crs().authid() or self.grids_layer().crs().toWkt()
        layer = QgsVectorLayer(f"MultiPolygon?crs={crs}", tr("Validation problems"), "memory")
        provider = layer.dataProvider()
        provider.addAttributes([QgsField("error_type", QVariant.String),
                                QgsField("grid_ids", QVariant.String),
                                QgsField("area_m2", QVariant.Double),
                                QgsField("detail", QVariant.String)])
        layer.updateFields()
        features = []
        for row in problems.itertuples():
            feature = QgsFeature(layer.fields())
            geometry = QgsGeometry.fromWkt(row.geometry.wkt) if row.geometry is not None \
                else QgsGeometry()
            geometry.convertToMultiType()
            feature.setGeometry(geometry)
            feature.setAttributes([row.error_type, str(row.grid_ids), float(row.area_m2),
                                   str(row.detail)])
            features.append(feature)
        provider.addFeatures(features)
        categories = []
        for kind in sorted(set(problems["error_type"])):
            symbol = QgsFillSymbol.createSimple({
                "color": PROBLEM_COLOURS.get(kind, "#e31a1c"), "outline_color": "#000000",
                "outline_width": "0.4", "style": "solid"})
            symbol.setOpacity(0.7)
            categories.append(QgsRendererCategory(kind, symbol, kind))
        layer.setRenderer(QgsCategorizedSymbolRenderer("error_type", categories))
        QgsProject.instance().addMapLayer(layer)
        self.problems_layer_id = layer.id()
        return layer

    def cleanup(self):
        """Release the map tools and project signals (plugin unload)."""
        self.live_timer.stop()
        for tool in (self.split_tool, self.paint_tool):
            if self.canvas.mapTool() is tool:
                self.canvas.unsetMapTool(tool)
        if self.task is not None:
            self.task.cancel()
        QgsProject.instance().readProject.disconnect(self.use_workspace_layers)
        for layer in self._watched:
            layer.layerModified.disconnect(self._layer_modified)
        self._watched = []
