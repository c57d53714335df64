"""The "Event workflow" (事件流转) panel of the OneGrid dock: move an event through the closed
loop of DOMAIN.md section 3 and record each move in the event_history table.

Pick an event in the list or on the map, choose one of the statuses it may legally move to
(only those are offered), add a comment and save: the events row (status, deadline at
dispatch, closed_at, verify_failures, escalated, updated_at, updated_by) and a new
event_history row are written in one edit session, through the layers' edit buffers. The move
itself is :func:`onegrid.processing.analysis.events.transition`; an illegal one is refused
with its message.
"""
import datetime

import pandas as pd
from qgis.core import (NULL, QgsApplication, QgsCoordinateTransform, QgsExpression,
                       QgsFeature,
                       QgsFeatureRequest, QgsGeometry, QgsPointXY, QgsProject, QgsRectangle)
from qgis.gui import QgsMapTool
from qgis.PyQt.QtCore import QDateTime, Qt, pyqtSignal
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QFormLayout,
                                 QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton,
                                 QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ..i18n import tr, ui_language
from ..layers.project import project_workspace
from ..processing.adapter import _python
from ..processing.analysis import events as ev
from ..processing.analysis.errors import OneGridError

#: Background of an open event past its deadline in the list.
COLOUR_OVERDUE = QColor(244, 170, 170)
#: Fields of the events layer the panel reads.
EVENT_FIELDS = ("event_code", "event_type", "status", "reported_at", "deadline", "closed_at",
                "verify_failures", "escalated", "updated_at", "updated_by", "responsible_unit")
COLUMNS = ("event_code", "status", "deadline")
#: Fields the list reads, and the most events it lists (narrow the search for others).
LIST_FIELDS = ("event_code", "event_type", "status", "deadline", "closed_at")
MAX_ROWS = 2000


def _zh():
    return ui_language().lower().startswith("zh")


def status_text(code):
    """The status label in the interface's language."""
    return ev.status_label(code, "zh" if _zh() else "en")


def type_text(code):
    from ..layers import schema as S

    for value in S.EVENT_TYPES:
        if value.code == code:
            return value.zh if _zh() else value.en
    return "" if code is None else str(code)


def next_text(current, target):
    """What choosing ``target`` from ``current`` means, for the drop-down."""
    if current == "verification" and target == "closed":
        return tr("{status} (verification passed)").format(status=status_text(target))
    if current == "verification" and target == "handling":
        return tr("{status} (verification failed: back to handling)").format(
            status=status_text(target))
    return status_text(target)


def qdatetime(value):
    """A UTC QDateTime for a pandas Timestamp / datetime (NULL for a missing one)."""
    if value is None or pd.isna(value):
        return NULL
    stamp = pd.Timestamp(value)
    stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")
    out = QDateTime.fromString(stamp.strftime("%Y-%m-%dT%H:%M:%S"), Qt.ISODate)
    out.setTimeSpec(Qt.UTC)
    return out


def shown_times(values):
    """Stored UTC date-times as local-time texts ("" when missing)."""
    stamps = ev.utc(pd.Series(list(values), dtype=object))
    local = stamps.dt.tz_convert(datetime.datetime.now().astimezone().tzinfo)
    return local.dt.strftime("%Y-%m-%d %H:%M").where(stamps.notna(), "").tolist()


def shown_time(value):
    """A stored UTC date-time shown in local time (empty when missing)."""
    return shown_times([value])[0]


class EventPickTool(QgsMapTool):
    """Click near an event on the map: :attr:`eventPicked` is emitted with its feature id."""

    eventPicked = pyqtSignal(int)
    #: Search radius around the click, in pixels.
    RADIUS_PX = 8

    def __init__(self, canvas, layer_getter):
        super().__init__(canvas)
        self.layer_getter = layer_getter
        self.setCursor(Qt.PointingHandCursor)

    def canvasReleaseEvent(self, event):  # noqa: N802 (Qt's name)
        if event.button() != Qt.LeftButton:
            return
        layer = self.layer_getter()
        if layer is None:
            return
        radius = self.RADIUS_PX * self.canvas().mapUnitsPerPixel()
        point = event.mapPoint()
        transform = QgsCoordinateTransform(self.canvas().mapSettings().destinationCrs(),
                                           layer.crs(), QgsProject.instance())
        rect = transform.transformBoundingBox(QgsRectangle(
            point.x() - radius, point.y() - radius, point.x() + radius, point.y() + radius))
        here = QgsGeometry.fromPointXY(QgsPointXY(transform.transform(point)))
        best, best_d = None, None
        request = QgsFeatureRequest().setFilterRect(rect).setNoAttributes()
        for feature in layer.getFeatures(request):
            d = feature.geometry().distance(here)
            if best_d is None or d < best_d:
                best, best_d = feature.id(), d
        if best is not None:
            self.eventPicked.emit(best)


class EventWorkflowPanel(QWidget):
    """The event-workflow tab. ``now`` (a callable giving a UTC datetime) dates the changes."""

    #: Emitted with the event code after a change was saved.
    statusChanged = pyqtSignal(str)

    def __init__(self, iface, parent=None):
        super().__init__(parent)
        self.iface = iface
        self.canvas = iface.mapCanvas()
        self.events_layer_id = None
        self.history_layer_id = None
        self.current_fid = None
        self.now = lambda: datetime.datetime.now(datetime.timezone.utc)
        self.setObjectName("OneGridEventsTab")
        self._build()
        self.pick_tool = EventPickTool(self.canvas, self.events_layer)
        self.pick_tool.eventPicked.connect(self.select_event)
        self.pick_tool.deactivated.connect(lambda: self.pick_button.setChecked(False))
        QgsProject.instance().readProject.connect(self.use_workspace_layers)
        self.use_workspace_layers()

    # --- building ---------------------------------------------------------------------------
    def _build(self):
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("OneGridEventSearch")
        self.search_edit.setPlaceholderText(tr("Event code"))
        self.search_edit.textChanged.connect(self.refresh)
        self.open_check = QCheckBox(tr("Open only"), self)
        self.open_check.setObjectName("OneGridEventOpenOnly")
        self.open_check.setChecked(True)
        self.open_check.toggled.connect(self.refresh)
        self.pick_button = QPushButton(tr("Pick on map"), self)
        self.pick_button.setObjectName("OneGridEventPick")
        self.pick_button.setCheckable(True)
        self.pick_button.setToolTip(tr("Click an event on the map to choose it"))
        self.pick_button.toggled.connect(self._pick_toggled)
        row.addWidget(self.search_edit, 1)
        row.addWidget(self.open_check)
        row.addWidget(self.pick_button)
        layout.addLayout(row)

        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("OneGridEventTable")
        self.table.setHorizontalHeaderLabels([tr("Event code"), tr("Status"), tr("Deadline")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._row_chosen)
        layout.addWidget(self.table, 3)
        self.more_label = QLabel(self)
        self.more_label.setObjectName("OneGridEventMore")
        self.more_label.setWordWrap(True)
        self.more_label.setVisible(False)
        layout.addWidget(self.more_label)

        self.detail_label = QLabel(tr("Choose an event in the list or on the map"), self)
        self.detail_label.setObjectName("OneGridEventDetail")
        self.detail_label.setWordWrap(True)
        layout.addWidget(self.detail_label)

        self.history_table = QTableWidget(0, 2, self)
        self.history_table.setObjectName("OneGridEventHistory")
        self.history_table.setHorizontalHeaderLabels([tr("Changed at"), tr("Change")])
        self.history_table.verticalHeader().setVisible(False)
        self.history_table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.history_table.setMaximumHeight(100)
        self.history_table.setWordWrap(False)
        header = self.history_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        layout.addWidget(self.history_table)

        form = QFormLayout()
        self.next_combo = QComboBox(self)
        self.next_combo.setObjectName("OneGridEventNext")
        form.addRow(tr("New status"), self.next_combo)
        self.who_edit = QLineEdit(QgsApplication.userLoginName(), self)
        self.who_edit.setObjectName("OneGridEventWho")
        form.addRow(tr("Changed by"), self.who_edit)
        self.comment_edit = QLineEdit(self)
        self.comment_edit.setObjectName("OneGridEventComment")
        self.comment_edit.setPlaceholderText(tr("Why (required when verification fails)"))
        form.addRow(tr("Comment"), self.comment_edit)
        layout.addLayout(form)
        self.save_button = QPushButton(tr("Change status"), self)
        self.save_button.setObjectName("OneGridEventSave")
        self.save_button.clicked.connect(lambda: self.change_status())
        layout.addWidget(self.save_button)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("OneGridEventMessage")
        self.status_label.setWordWrap(True)
        self.status_label.setVisible(False)
        layout.addWidget(self.status_label)
        self._fill_next(None)

    # --- layers -----------------------------------------------------------------------------
    def events_layer(self):
        """The workspace's events layer in the project (or None)."""
        return QgsProject.instance().mapLayer(self.events_layer_id) \
            if self.events_layer_id else None

    def history_layer(self):
        """The workspace's event_history table in the project (or None)."""
        return QgsProject.instance().mapLayer(self.history_layer_id) \
            if self.history_layer_id else None

    def use_workspace_layers(self, *_args):
        """Use the project's workspace events and event_history layers."""
        _path, layers = project_workspace(QgsProject.instance())
        events, history = layers.get("events"), layers.get("event_history")
        self._watch(events)
        self.events_layer_id = events.id() if events is not None else None
        self.history_layer_id = history.id() if history is not None else None
        self.current_fid = None
        self.refresh()

    def _watch(self, layer):
        """Refresh the list when the events layer changes (edits in its attribute table too)."""
        old = self.events_layer()
        if old is not None and old is not layer:
            try:
                old.layerModified.disconnect(self.refresh)
            except (TypeError, RuntimeError):
                pass
        if layer is not None and layer is not old:
            layer.layerModified.connect(self.refresh)

    def _pick_toggled(self, checked):
        if checked:
            self.canvas.setMapTool(self.pick_tool)
        elif self.canvas.mapTool() is self.pick_tool:
            self.canvas.unsetMapTool(self.pick_tool)

    def _message(self, text, error=False):
        self.status_label.setText(text)
        self.status_label.setVisible(bool(text))
        self.status_label.setStyleSheet("color: #b00020;" if error else "color: #1b5e20;")

    # --- reading ----------------------------------------------------------------------------
    def _row(self, feature):
        fields = feature.fields()
        return {name: _python(feature[name]) if fields.lookupField(name) >= 0 else None
                for name in EVENT_FIELDS}

    def event_row(self, fid):
        """The events row ``fid`` as a dict (edit buffer included), or None."""
        layer = self.events_layer()
        if layer is None:
            return None
        feature = layer.getFeature(int(fid))
        return self._row(feature) if feature.isValid() else None

    def refresh(self, *_args):
        """Fill the list with the events matching the search (open ones only if ticked)."""
        layer = self.events_layer()
        keep = self.current_fid
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        if layer is None:
            self.table.blockSignals(False)
            self._show_detail(None)
            return
        now = pd.Timestamp(self.now())
        rows, more = self._list_rows(layer)
        self.more_label.setText(tr("The first {count} events are listed: narrow the search "
                                   "to see the others").format(count=MAX_ROWS) if more else "")
        self.more_label.setVisible(more)
        deadlines = [row["deadline"] for _, _, row in rows]
        late = ev.is_overdue(deadlines, [row["closed_at"] for _, _, row in rows], now) \
            if rows else []
        shown = shown_times(deadlines) if rows else []
        labels = {code: status_text(code) for code in {row["status"] for _, _, row in rows}}
        self.table.setUpdatesEnabled(False)
        self.table.setRowCount(len(rows))
        select = None
        for i, (code, fid, row) in enumerate(rows):
            overdue = bool(late[i])
            items = [QTableWidgetItem(code), QTableWidgetItem(labels[row["status"]]),
                     QTableWidgetItem(shown[i])]
            items[0].setData(Qt.UserRole, fid)
            for column, item in enumerate(items):
                item.setToolTip(type_text(row["event_type"]))
                if overdue:
                    item.setBackground(COLOUR_OVERDUE)
                    item.setToolTip(tr("{type}; past its deadline").format(
                        type=type_text(row["event_type"])))
                self.table.setItem(i, column, item)
            if fid == keep:
                select = i
        self.table.setUpdatesEnabled(True)
        self.table.blockSignals(False)
        if select is not None:
            self.table.selectRow(select)
        self._show_detail(keep)

    def _list_rows(self, layer):
        """The events to list, by code: [(code, fid, row)] (the first MAX_ROWS matching by
        feature id) and whether more match. The filter runs in the data provider (SQL for a GeoPackage)."""
        fields = layer.fields()
        names = [n for n in LIST_FIELDS if fields.lookupField(n) >= 0]
        parts = []
        if self.open_check.isChecked() and "status" in names:
            parts.append("\"status\" IS NULL OR \"status\" <> 'closed'")
        text = self.search_edit.text().strip()
        if text and "event_code" in names:
            parts.append("\"event_code\" ILIKE " + QgsExpression.quotedString(f"%{text}%"))
        request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)
        request.setSubsetOfAttributes(names, fields)
        if parts:
            request.setFilterExpression(" AND ".join(f"({p})" for p in parts))
        request.setLimit(MAX_ROWS + 1)  # no ORDER BY: QGIS would sort every row in memory
        index = {n: fields.lookupField(n) for n in LIST_FIELDS}
        rows = []
        for feature in layer.getFeatures(request):
            attrs = feature.attributes()
            row = {n: (_python(attrs[i]) if i >= 0 else None) for n, i in index.items()}
            rows.append((str(row["event_code"] or ""), feature.id(), row))
        more = len(rows) > MAX_ROWS
        return sorted(rows[:MAX_ROWS], key=lambda r: r[0]), more

    def listed_codes(self):
        """The event codes the list shows, top to bottom."""
        return [self.table.item(r, 0).text() for r in range(self.table.rowCount())]

    def next_options(self):
        """The drop-down's choices: [(status code, text)]."""
        return [(self.next_combo.itemData(i), self.next_combo.itemText(i))
                for i in range(self.next_combo.count())]

    # --- choosing ---------------------------------------------------------------------------
    def _row_chosen(self):
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.current_fid = self.table.item(rows[0].row(), 0).data(Qt.UserRole)
            self._show_detail(self.current_fid)

    def select_event(self, fid):
        """Choose the event with feature id ``fid`` (listing it even when the filter hides
        it); False when there is no such event."""
        row = self.event_row(fid)
        if row is None:
            return False
        self.current_fid = int(fid)
        for r in range(self.table.rowCount()):
            if self.table.item(r, 0).data(Qt.UserRole) == self.current_fid:
                self.table.selectRow(r)
                break
        else:
            self.table.clearSelection()
        self._show_detail(self.current_fid)
        return True

    def select_code(self, code):
        """Choose the event called ``code``; False when there is none."""
        layer = self.events_layer()
        if layer is None:
            return False
        request = QgsFeatureRequest().setFilterExpression(
            QgsExpression.createFieldEqualityExpression("event_code", str(code)))
        request.setNoAttributes()
        for feature in layer.getFeatures(request):
            return self.select_event(feature.id())
        return False

    def history_rows(self, code):
        """The event_history rows of event ``code``, oldest first: [(changed_at (UTC
        Timestamp), changed_by, from_status, to_status, comment)]."""
        layer = self.history_layer()
        if layer is None or code is None:
            return []
        request = QgsFeatureRequest().setFilterExpression(
            QgsExpression.createFieldEqualityExpression("event_code", str(code)))
        rows = []
        for feature in layer.getFeatures(request):
            values = [_python(feature[name]) for name in ("changed_at", "changed_by",
                                                          "from_status", "to_status",
                                                          "comment")]
            values[0] = ev.utc(pd.Series([values[0]])).iloc[0]
            rows.append(tuple(values))
        return sorted(rows, key=lambda r: (pd.isna(r[0]), r[0] if not pd.isna(r[0]) else 0))

    def _fill_history(self, code):
        rows = self.history_rows(code)
        self.history_table.setRowCount(len(rows))
        for i, (at, by, old, new, comment) in enumerate(reversed(rows)):  # newest first
            change = f"{status_text(old)} → {status_text(new)}"
            items = [QTableWidgetItem(shown_time(at)),
                     QTableWidgetItem(change + (f": {comment}" if comment else ""))]
            for column, item in enumerate(items):
                item.setToolTip(tr("{change} by {who}").format(change=change, who=by or "?")
                                + (f"\n{comment}" if comment else ""))
                self.history_table.setItem(i, column, item)

    def _show_detail(self, fid):
        row = self.event_row(fid) if fid is not None else None
        self._fill_history(row["event_code"] if row is not None else None)
        if row is None:
            self.current_fid = None
            self.detail_label.setText(tr("Choose an event in the list or on the map"))
            self._fill_next(None)
            return
        parts = [tr("{code}: {type}, {status}").format(
            code=row["event_code"], type=type_text(row["event_type"]),
            status=status_text(row["status"]))]
        if row["deadline"] is not None:
            parts.append(tr("deadline {time}").format(time=shown_time(row["deadline"])))
        failures = int(row["verify_failures"] or 0)
        if failures:
            parts.append(tr("failed verifications: {count}").format(count=failures))
        if row["escalated"]:
            parts.append(tr("escalated"))
        if row["responsible_unit"]:
            parts.append(str(row["responsible_unit"]))
        self.detail_label.setText("; ".join(parts))
        self._fill_next(row["status"])

    def _fill_next(self, status):
        self.next_combo.clear()
        options = ev.legal_next(status) if status is not None else ()
        for target in options:
            self.next_combo.addItem(next_text(status, target), target)
        self.next_combo.setEnabled(bool(options))
        self.save_button.setEnabled(bool(options))
        if status is not None and not options:
            self.next_combo.setToolTip(tr("A closed event stays closed") if status == "closed"
                                       else tr("The status is not one of the loop's"))
        else:
            self.next_combo.setToolTip("")

    # --- the change -------------------------------------------------------------------------
    def change_status(self, to_status=None, comment=None, who=None):
        """Move the chosen event to ``to_status`` (default: the drop-down's choice) and record
        it; True on success. An illegal move is refused with its message."""
        events, history = self.events_layer(), self.history_layer()
        if events is None or history is None:
            self._message(tr("Open a workspace with events and an event history first"),
                          error=True)
            return False
        if self.current_fid is None:
            self._message(tr("Choose an event first"), error=True)
            return False
        to_status = to_status if to_status is not None else self.next_combo.currentData()
        comment = comment if comment is not None else self.comment_edit.text().strip()
        who = who if who is not None else (self.who_edit.text().strip()
                                           or QgsApplication.userLoginName())
        row = self.event_row(self.current_fid)
        language = "zh" if _zh() else "en"
        try:
            new, record = ev.transition(row, to_status, self.now(), who, comment,
                                        labels=lambda code: ev.status_label(code, language))
        except OneGridError as err:
            self._message(err.translated(tr), error=True)
            return False
        if not self._write(events, history, self.current_fid, row, new, record):
            return False
        code = str(row["event_code"])
        self.comment_edit.clear()
        self._message(tr("Event {event}: {from_status} -> {to_status}").format(
            event=code, from_status=status_text(record["from_status"]),
            to_status=status_text(record["to_status"])))
        self.refresh()
        self.statusChanged.emit(code)
        return True

    def _write(self, events, history, fid, old, new, record):
        """The events row and the history row in one edit session; committed when the panel
        started the editing (a layer the user was editing keeps its buffer for the user)."""
        started = []
        for layer in (events, history):
            if not layer.isEditable():
                if not layer.startEditing():
                    for other in started:
                        other.rollBack()
                    self._message(tr("Layer {layer} cannot be edited").format(
                        layer=layer.name()), error=True)
                    return False
                started.append(layer)
        fields = events.fields()
        changes = {}
        for name in ("status", "deadline", "closed_at", "verify_failures", "escalated",
                     "updated_at", "updated_by"):
            index = fields.lookupField(name)
            if index < 0 or new.get(name) == old.get(name):
                continue
            value = new.get(name)
            if name in ("deadline", "closed_at", "updated_at"):
                value = qdatetime(value)
            changes[index] = value
        text = tr("Event {event}: {status}").format(event=record["event_code"],
                                                    status=status_text(record["to_status"]))
        feature = QgsFeature(history.fields())
        for name, value in record.items():
            index = history.fields().lookupField(name)
            if index >= 0:
                feature.setAttribute(index, qdatetime(value) if name == "changed_at"
                                     else (NULL if value is None else value))
        events.beginEditCommand(text)
        history.beginEditCommand(text)
        ok = events.changeAttributeValues(int(fid), changes) and history.addFeature(feature)
        if not ok:
            events.destroyEditCommand()
            history.destroyEditCommand()
            for layer in started:
                layer.rollBack()
            self._message(tr("The change of event {event} could not be written").format(
                event=record["event_code"]), error=True)
            return False
        events.endEditCommand()
        history.endEditCommand()
        for layer in started:
            if not layer.commitChanges():
                self._message(tr("Layer {layer} could not be saved: {errors}").format(
                    layer=layer.name(), errors="; ".join(layer.commitErrors())), error=True)
                for other in started:
                    if other.isEditable():
                        other.rollBack()
                return False
        events.triggerRepaint()
        return True

    def cleanup(self):
        """Release the map tool and project signals (plugin unload)."""
        if self.canvas.mapTool() is self.pick_tool:
            self.canvas.unsetMapTool(self.pick_tool)
        QgsProject.instance().readProject.disconnect(self.use_workspace_layers)
        self._watch(None)
