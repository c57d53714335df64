"""The "Building lookup" tab of the OneGrid dock (以房查人 / 以人找房).

Click a building on the map: the tab lists its parcel and grid, its rooms and households with
their residents (ID numbers and phones masked), its organisations and events. Search a person
by ID number (full or the last digits), name or phone: the person's building is selected,
zoomed to and listed, with the person highlighted.

The answers come from a :class:`~onegrid.layers.lookup.LookupIndex` built from the workspace
(its file, or the PostGIS tables and views the user may read) in a QgsTask when a workspace is
opened and again after edits to its layers are saved, so
a click or a search is a dict look-up however many residents the workspace holds. ID numbers
and phones are shown unmasked only when the setting ``onegrid/show_personal_data`` is on
(:func:`onegrid.layers.styles.show_personal_data`). Nothing personal goes to QGIS's log or the
message bar: messages never repeat what was searched for.
"""
from qgis.core import (QgsApplication, QgsCoordinateTransform, QgsFeatureRequest, QgsGeometry,
                       QgsPointXY, QgsProject, QgsRectangle, QgsTask)
from qgis.gui import QgsFilterLineEdit, QgsMapTool
from qgis.PyQt.QtCore import Qt, QTimer, pyqtSignal
from qgis.PyQt.QtGui import QBrush, QColor, QFont
from qgis.PyQt.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel,
                                 QPushButton, QTreeWidget, QTreeWidgetItem,
                                 QVBoxLayout, QWidget)

from ..i18n import tr, ui_language
from ..layers import schema as S
from ..layers.lookup import LookupIndex, read_frames, read_postgis_frames
from ..layers.project import is_postgis, project_workspace
from ..layers.styles import show_personal_data
from ..processing.analysis.errors import OneGridError

#: Layers whose saved edits make the index stale.
WATCHED_LAYERS = ("buildings", "households", "people", "organizations", "events", "parcels",
                  "base_grids", "communities")
#: Milliseconds to wait after a save before the index is rebuilt (several layers saved at once
#: give one rebuild).
REBUILD_DELAY_MS = 400
#: The map is never zoomed in further than this scale (1:N) when showing a building.
MIN_SCALE = 1500
#: Data role of tree items: ("resident", row), ("building", code) ...
ROLE = Qt.UserRole + 1
HIGHLIGHT = QColor(255, 236, 160)


class BuildLookupTask(QgsTask):
    """Build a :class:`LookupIndex` from the workspace at ``path`` in the background;
    ``on_done(task)`` runs on the main thread; ``task.index`` is None on failure or cancel,
    ``task.error`` then the translated reason (None when canceled). ``read`` (optional, run
    in the task) gives the frames to index; by default the workspace file is read."""

    def __init__(self, path, on_done, read=None):
        super().__init__(tr("Indexing buildings and residents"), QgsTask.CanCancel)
        self.path = path
        self.on_done = on_done
        self.read = read or (lambda: read_frames(path))
        self.index = None
        self.error = None

    def run(self):
        try:
            self.index = LookupIndex(self.read())
        except OneGridError as err:
            self.error = err.translated(tr)
            return False
        except (OSError, RuntimeError, ValueError, KeyError) as err:
            self.error = tr("Cannot index workspace {path}: {error}").format(
                path=self.path, error=type(err).__name__)
            return False
        return not self.isCanceled()

    def finished(self, result):
        if not result:
            self.index = None
        self.on_done(self)


class PickBuildingTool(QgsMapTool):
    """A left click on the map emits :attr:`buildingPicked` with the feature id of the
    building under the cursor (the one holding the point, else the nearest within a few
    pixels)."""

    buildingPicked = pyqtSignal(int)

    #: Search radius around the cursor, in pixels.
    RADIUS_PX = 4

    def __init__(self, canvas, layer_getter):
        super().__init__(canvas)
        self.layer_getter = layer_getter
        self.setCursor(Qt.PointingHandCursor)

    def building_at(self, map_point):
        """Feature id of the building at ``map_point`` (canvas CRS), or None."""
        layer = self.layer_getter()
        if layer is None:
            return None
        transform = QgsCoordinateTransform(self.canvas().mapSettings().destinationCrs(),
                                           layer.crs(), QgsProject.instance())
        point = transform.transform(QgsPointXY(map_point))
        radius = self.RADIUS_PX * self.canvas().mapUnitsPerPixel()
        corner = transform.transform(QgsPointXY(map_point.x() + radius, map_point.y()))
        radius = max(abs(corner.x() - point.x()), abs(corner.y() - point.y()))
        rect = QgsRectangle(point.x() - radius, point.y() - radius,
                            point.x() + radius, point.y() + radius)
        where = QgsGeometry.fromPointXY(point)
        best, best_distance = None, None
        request = QgsFeatureRequest().setFilterRect(rect).setNoAttributes()
        for feature in layer.getFeatures(request):
            geometry = feature.geometry()
            if geometry.contains(where):
                return feature.id()
            distance = geometry.distance(where)
            if distance <= radius and (best is None or distance < best_distance):
                best, best_distance = feature.id(), distance
        return best

    def canvasReleaseEvent(self, event):  # noqa: N802 (Qt's name)
        if event.button() != Qt.LeftButton:
            return
        fid = self.building_at(event.mapPoint())
        if fid is not None:
            self.buildingPicked.emit(fid)


def _zh():
    return ui_language().lower().startswith("zh")


def _label(layer, field, code):
    """The value-map label of ``code`` (Chinese or English as QGIS runs), else the code."""
    if code is None:
        return None
    try:
        values = S.layer(layer).field(field).values
    except KeyError:
        return str(code)
    for value in values:
        if value.code == code:
            return value.zh if _zh() else value.en
    return str(code)


def _reader(layers):
    """What the index task of a workspace's ``layers`` reads: None for a GeoPackage (the
    file), for a PostGIS workspace its tables as the connecting user may read them."""
    if not is_postgis(layers):
        return None
    from ..layers.postgis_qgis import workspace_source

    connection, schema, tables = workspace_source(layers)
    return lambda: read_postgis_frames(connection, schema, tables)


def _join(*parts):
    return " · ".join(str(p) for p in parts if p not in (None, ""))


class HouseLookupPanel(QWidget):
    """The "Building lookup" tab (以房查人). ``dock`` (optional) is the OneGrid dock, whose
    ``workspaceOpened`` signal triggers indexing."""

    #: Emitted after a building was shown, with its code.
    buildingShown = pyqtSignal(str)
    #: Emitted when the index is ready (or failed: False).
    indexReady = pyqtSignal(bool)

    def __init__(self, iface, dock=None, parent=None):
        super().__init__(parent)
        self.iface = iface
        self.canvas = iface.mapCanvas()
        self.index = None
        self.index_path = None
        self._read = None           # what the index task reads (None: the workspace file)
        self.task = None
        self.report = None
        self._pending = None       # ("building", code) or ("search", text) waiting for the index
        self._rebuild_after = False
        self._watched = []
        self.setObjectName("OneGridHouseLookupTab")
        self._build()
        self.tool = PickBuildingTool(self.canvas, self.buildings_layer)
        self.tool.buildingPicked.connect(self.show_building_fid)
        self.tool.deactivated.connect(lambda: self.pick_button.setChecked(False))
        self.rebuild_timer = QTimer(self)
        self.rebuild_timer.setSingleShot(True)
        self.rebuild_timer.setInterval(REBUILD_DELAY_MS)
        self.rebuild_timer.timeout.connect(self.rebuild_index)
        project = QgsProject.instance()
        project.readProject.connect(self.use_workspace)
        project.cleared.connect(self._project_cleared)
        self.dock = dock
        if dock is not None:
            dock.workspaceOpened.connect(self.use_workspace)
        self.use_workspace()

    # --- building ---------------------------------------------------------------------------
    def _build(self):
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.pick_button = QPushButton(tr("Click a building"), self)
        self.pick_button.setObjectName("OneGridLookupPick")
        self.pick_button.setCheckable(True)
        self.pick_button.setToolTip(tr("Click a building on the map to list its rooms, "
                                       "households and residents"))
        self.pick_button.toggled.connect(self._pick_toggled)
        layout.addWidget(self.pick_button)  # rows of their own: the dock is often narrow
        self.search_edit = QgsFilterLineEdit(self)
        self.search_edit.setObjectName("OneGridLookupSearch")
        self.search_edit.setShowSearchIcon(True)
        self.search_edit.setPlaceholderText(tr("ID number, name or phone"))
        self.search_edit.setToolTip(tr("A full ID number or its last 4 or more characters, a "
                                       "name or its beginning, a phone number or its last "
                                       "digits"))
        self.search_edit.returnPressed.connect(self.search_from_edit)
        row.addWidget(self.search_edit, 1)
        self.search_button = QPushButton(tr("Search"), self)
        self.search_button.setObjectName("OneGridLookupSearchButton")
        self.search_button.clicked.connect(self.search_from_edit)
        row.addWidget(self.search_button)
        layout.addLayout(row)

        self.status_label = QLabel(tr("No workspace open"), self)
        self.status_label.setObjectName("OneGridLookupStatus")
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)

        self.hits = QTreeWidget(self)
        self.hits.setObjectName("OneGridLookupHits")
        self.hits.setHeaderLabels([tr("Name"), tr("ID number"), tr("Phone"), tr("Address")])
        self.hits.setRootIsDecorated(False)
        self.hits.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.hits.itemActivated.connect(self._hit_chosen)
        self.hits.itemClicked.connect(self._hit_chosen)
        self.hits.setVisible(False)
        layout.addWidget(self.hits)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("OneGridLookupTree")
        self.tree.setHeaderLabels([tr("Item"), tr("Details"), tr("Notes")])
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeToContents)
        layout.addWidget(self.tree, 1)

    # --- layers and the index ---------------------------------------------------------------
    def buildings_layer(self):
        """The open workspace's buildings layer in the project (or None)."""
        return project_workspace(QgsProject.instance())[1].get("buildings")

    def use_workspace(self, *_args):
        """Follow the project's workspace: watch its layers and index it when it is new."""
        path, layers = project_workspace(QgsProject.instance())
        self._watch(layers)
        if path is None:
            return
        if path != self.index_path or self.index is None:
            self.index = None
            self.index_path = path
            self._read = _reader(layers)
            self.rebuild_index()

    def _watch(self, layers):
        for layer in self._watched:
            try:
                layer.afterCommitChanges.disconnect(self._layer_saved)
            except (TypeError, RuntimeError):
                pass
        self._watched = [layers[name] for name in WATCHED_LAYERS if name in layers]
        for layer in self._watched:
            layer.afterCommitChanges.connect(self._layer_saved)

    def _layer_saved(self):
        self.rebuild_timer.start()

    def _project_cleared(self):
        if self.task is not None:
            self.task.cancel()
            self.task = None
        self._rebuild_after = False
        self._watched = []
        self.index = None
        self.index_path = None
        self._read = None
        self._pending = None
        self.report = None
        self.tree.clear()
        self.hits.clear()
        self.hits.setVisible(False)
        self.status_label.setText(tr("No workspace open"))

    def rebuild_index(self):
        """Index the workspace file again, in a background task."""
        if self.index_path is None:
            return
        if self.task is not None:
            self._rebuild_after = True
            return
        self.status_label.setText(tr("Indexing buildings and residents…"))
        self.task = BuildLookupTask(self.index_path, self._index_built, self._read)
        QgsApplication.taskManager().addTask(self.task)

    def _index_built(self, task):
        if task is not self.task:
            return  # a task for a workspace that is no longer open
        self.task = None
        index, error = task.index, task.error
        if task.path != self.index_path:
            self.rebuild_index()
            return
        if self._rebuild_after:
            self._rebuild_after = False
            self.rebuild_index()
            return
        if index is None:
            self.status_label.setText(error or tr("Indexing was canceled"))
            self.indexReady.emit(False)
            return
        self.index = index
        counts = index.counts
        self.status_label.setText(tr(
            "{buildings} buildings, {households} households, {people} residents indexed"
        ).format(buildings=f"{counts['buildings']:,}", households=f"{counts['households']:,}",
                 people=f"{counts['people']:,}"))
        self.indexReady.emit(True)
        pending, self._pending = self._pending, None
        if pending is not None and pending[0] == "building":
            self.show_building(pending[1])
        elif pending is not None:
            self.search(pending[1])
        elif self.report is not None:
            self.show_building(self.report.code)

    def wait_for_index(self):
        """True when the index is ready; otherwise starts indexing if needed (False)."""
        if self.index is not None:
            return True
        if self.task is None:
            self.use_workspace()
            if self.index_path is not None and self.task is None:
                self.rebuild_index()
        if self.index_path is None:
            self.status_label.setText(tr("Open a workspace in the Workspace tab first"))
        return False

    # --- map tool ---------------------------------------------------------------------------
    def _pick_toggled(self, checked):
        if checked:
            self.canvas.setMapTool(self.tool)
        elif self.canvas.mapTool() is self.tool:
            self.canvas.unsetMapTool(self.tool)

    def show_building_fid(self, fid):
        """Show the building with feature id ``fid`` of the buildings layer."""
        layer = self.buildings_layer()
        if layer is None:
            return False
        feature = layer.getFeature(fid)
        index = layer.fields().lookupField("building_code")
        if not feature.isValid() or index < 0:
            return False
        code = feature.attribute(index)
        if code in (None, "") or not isinstance(code, str):
            self.status_label.setText(tr("This building has no building code"))
            return False
        layer.selectByIds([fid])
        return self.show_building(code)

    # --- search -----------------------------------------------------------------------------
    def search_from_edit(self):
        return self.search(self.search_edit.text())

    def search(self, text):
        """Search people by ID number, name or phone; list the hits and show the first
        one's building. Returns the hits (empty while the index is being built)."""
        text = (text or "").strip()
        if not text or "*" in text:  # empty, or the masked value of the last search
            return []
        if not self.wait_for_index():
            self._pending = ("search", text)
            return []
        reveal = show_personal_data()
        hits = self.index.search(text, reveal=reveal)
        if hits and not reveal and self.search_edit.text().strip() == text:
            self._mask_query(text, hits[0])
        self.hits.clear()
        for hit in hits:
            item = QTreeWidgetItem([hit.name or "", hit.id_number or "", hit.phone or "",
                                    hit.address or hit.building_code or ""])
            item.setData(0, ROLE, hit)
            self.hits.addTopLevelItem(item)
        for column in range(3):
            self.hits.resizeColumnToContents(column)
        row_height = max(self.hits.sizeHintForRow(0), self.hits.fontMetrics().height() + 4)
        self.hits.setFixedHeight(self.hits.header().sizeHint().height() + 2
                                 * self.hits.frameWidth() + min(len(hits), 5) * row_height)
        self.hits.setVisible(bool(hits))
        if not hits:
            self.status_label.setText(tr("Nobody in the workspace matches the search"))
            return hits
        self.hits.setCurrentItem(self.hits.topLevelItem(0))
        self.go_to_person(hits[0])
        if len(hits) > 1:
            self.status_label.setText(_join(tr("{n} people found").format(n=len(hits)),
                                            self.status_label.text()))
        return hits

    def _mask_query(self, text, hit):
        """A full ID number or phone typed in the box is shown masked once it was found,
        like everywhere else in the panel (a partial one stays as typed)."""
        typed = "".join(ch for ch in text if ch.isalnum())
        if hit.matched == "id_number" and len(typed) >= 15:
            self.search_edit.setText(hit.id_number)
        elif hit.matched == "phone" and len(typed) >= 11:
            self.search_edit.setText(hit.phone)

    def _hit_chosen(self, item, _column=0):
        hit = item.data(0, ROLE)
        if hit is not None:
            self.go_to_person(hit)

    def go_to_person(self, hit):
        """Select and zoom to ``hit``'s building, list it and highlight the person."""
        if hit.building_code is None:
            self.tree.clear()
            self.status_label.setText(tr("This person is not linked to a building"))
            return False
        layer = self.buildings_layer()
        fid = hit.building_fid
        if layer is not None and fid is not None:
            layer.selectByIds([fid])
            self.zoom_to(layer, fid)
        return self.show_building(hit.building_code, person_row=hit.row)

    def zoom_to(self, layer, fid):
        """Centre the map on feature ``fid`` of ``layer`` with some context around it."""
        feature = layer.getFeature(fid)
        if not feature.isValid() or not feature.hasGeometry():
            return False
        transform = QgsCoordinateTransform(layer.crs(), self.canvas.mapSettings()
                                           .destinationCrs(), QgsProject.instance())
        rect = transform.transformBoundingBox(feature.geometry().boundingBox())
        rect.scale(5.0)
        self.canvas.setExtent(rect)
        if self.canvas.scale() < MIN_SCALE:
            self.canvas.zoomScale(MIN_SCALE)
        self.canvas.refresh()
        self.canvas.flashFeatureIds(layer, [fid])
        return True

    # --- the building tree --------------------------------------------------------------------
    def show_building(self, code, person_row=None):
        """List building ``code`` in the tree; ``person_row`` (a resident's index row) is
        highlighted. False when the building is unknown (or the index not ready yet)."""
        if not self.wait_for_index():
            self._pending = ("building", code)
            return False
        report = self.index.building(code, reveal=show_personal_data())
        self.tree.clear()
        self.report = report
        if report is None:
            self.status_label.setText(tr("Building {code} is not in the index").format(
                code=code))
            return False
        focus = self._fill(report, person_row)
        self.tree.resizeColumnToContents(0)
        if focus is not None:
            self.tree.setCurrentItem(focus)
            self.tree.scrollToItem(focus, QAbstractItemView.PositionAtCenter)
        self.status_label.setText(tr(
            "Building {code}: {rooms} households, {people} residents").format(
            code=code, rooms=len(report.rooms), people=report.resident_count))
        self.buildingShown.emit(code)
        return True

    def _item(self, parent, label, details="", data=None, bold=False, notes=""):
        item = QTreeWidgetItem([label or "", details or "", notes or ""])
        if data is not None:
            item.setData(0, ROLE, data)
        if bold:
            font = QFont(item.font(0))
            font.setBold(True)
            item.setFont(0, font)
        tip = _join(label, details, notes)
        for column in range(3):
            item.setToolTip(column, tip)
        if isinstance(parent, QTreeWidget):
            parent.addTopLevelItem(item)
        else:
            parent.addChild(item)
        if bold:  # a heading: one line across the columns, not widening the first one
            item.setText(0, _join(label, details))
            item.setText(1, "")
            item.setFirstColumnSpanned(True)
        return item

    def _resident(self, parent, person):
        """A resident: name; masked ID number and phone; relation, gender, residence type
        and special groups (独居老人 ...)."""
        notes = _join(_label("people", "relation", person.relation),
                      _label("people", "gender", person.gender),
                      _label("people", "residence_type", person.residence_type),
                      person.special_groups)
        return self._item(parent, person.name or tr("(no name)"),
                          _join(person.id_number, person.phone), ("resident", person.row),
                          notes=notes)

    def _fill(self, report, person_row):
        focus = None
        title = report.address or report.name or ""
        top = self._item(self.tree, tr("Building {code}").format(code=report.code), title,
                         ("building", report.code), bold=True)
        self._item(top, tr("Use"), _label("buildings", "use", report.use))
        if report.levels is not None:
            self._item(top, tr("Floors"), str(report.levels))
        if report.floor_area_m2 is not None:
            self._item(top, tr("Floor area"), f"{report.floor_area_m2:,.0f} m²")
        if report.parcel is not None:
            p = report.parcel
            self._item(top, tr("Parcel"), _join(p["parcel_code"],
                                                _label("parcels", "land_use", p["land_use"]),
                                                p["owner"]), ("parcel", p["parcel_code"]))
        else:
            self._item(top, tr("Parcel"), tr("not linked"))
        if report.grid is not None:
            g = report.grid
            self._item(top, tr("Base grid"), _join(g["grid_code"], g["name"]),
                       ("grid", g["grid_code"]))
            if g["community_code"] or g["community_name"]:
                self._item(top, tr("Community"), _join(g["community_name"],
                                                       g["community_code"]))
        else:
            self._item(top, tr("Base grid"), tr("not linked"))
        top.setExpanded(True)

        rooms = self._item(self.tree, tr("Rooms and households ({n}), residents ({people})")
                           .format(n=len(report.rooms), people=report.resident_count),
                           bold=True)
        for room in report.rooms:
            where = tr("Unit {unit}, room {room}").format(unit=room.unit_no or "-",
                                                         room=room.room_no or "-")
            item = self._item(rooms, where, tr("Residents: {n}").format(
                n=len(room.residents)), ("household", room.household_code),
                notes=_join(tr("rented") if room.is_rental else None, room.household_code))
            for person in room.residents:
                child = self._resident(item, person)
                if person.row == person_row:
                    focus = child
            item.setExpanded(len(report.rooms) <= 8 or any(
                p.row == person_row for p in room.residents))
        if report.other_residents:
            other = self._item(rooms, tr("Not in a room of this building"),
                               tr("Residents: {n}").format(n=len(report.other_residents)))
            for person in report.other_residents:
                child = self._resident(other, person)
                if person.row == person_row:
                    focus = child
            other.setExpanded(True)
        rooms.setExpanded(True)

        orgs = self._item(self.tree, tr("Organisations ({n})").format(
            n=len(report.organizations)), "", bold=True)
        for org in report.organizations:
            self._item(orgs, org["name"] or org["org_code"] or "", _join(
                _label("organizations", "org_type", org["org_type"]),
                _label("organizations", "fire_grade", org["fire_grade"])),
                ("organization", org["org_code"]),
                notes=_join(org["responsible_person"], org["phone"]))
        orgs.setExpanded(True)
        events = self._item(self.tree, tr("Events ({n})").format(n=len(report.events)), "",
                            bold=True)
        for event in report.events:
            self._item(events, event["event_code"] or "", _join(
                _label("events", "event_type", event["event_type"]),
                _label("events", "status", event["status"])), ("event", event["event_code"]),
                notes=_join(str(event["reported_at"] or "")[:10], event["description"]))
        events.setExpanded(True)
        if focus is not None:
            for column in range(3):
                focus.setBackground(column, QBrush(HIGHLIGHT))
        return focus

    # --- inspection (tests, screenshots) ----------------------------------------------------
    def tree_rows(self):
        """The tree as nested (label, details, children) tuples, top level first; details
        joins the Details and Notes columns with " · "."""
        def walk(item):
            return (item.text(0), _join(item.text(1), item.text(2)),
                    [walk(item.child(i)) for i in range(item.childCount())])
        return [walk(self.tree.topLevelItem(i)) for i in range(self.tree.topLevelItemCount())]

    def cleanup(self):
        """Disconnect from the project and the canvas (plugin unload)."""
        project = QgsProject.instance()
        signals = [(project.readProject, self.use_workspace),
                   (project.cleared, self._project_cleared)]
        if self.dock is not None:
            signals.append((self.dock.workspaceOpened, self.use_workspace))
        for signal, slot in signals:
            try:
                signal.disconnect(slot)
            except (TypeError, RuntimeError):
                pass
        self._watch({})
        if self.canvas.mapTool() is self.tool:
            self.canvas.unsetMapTool(self.tool)
        if self.task is not None:
            self.task.cancel()
            self.task = None
