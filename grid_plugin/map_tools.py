"""Map tools of the grid-editing panel: draw a split line, paint buildings.

The tools only collect what the user drew or touched and emit it; the panel edits the layers.
"""
from qgis.core import (QgsCoordinateTransform, QgsFeatureRequest, QgsGeometry, QgsPointXY,
                       QgsProject, QgsRectangle, QgsWkbTypes)
from qgis.gui import QgsMapTool, QgsRubberBand
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtGui import QColor


class SplitLineTool(QgsMapTool):
    """Left clicks add vertices of a line; a right click or a double click finishes it and
    emits :attr:`lineFinished` with the line (QgsGeometry, canvas CRS). Escape cancels."""

    lineFinished = pyqtSignal(QgsGeometry)

    def __init__(self, canvas):
        super().__init__(canvas)
        self.points = []
        self.band = QgsRubberBand(canvas, QgsWkbTypes.LineGeometry)
        self.band.setColor(QColor(220, 30, 30))
        self.band.setWidth(2)
        self.setCursor(Qt.CrossCursor)

    def _redraw(self, moving=None):
        points = self.points + ([moving] if moving is not None else [])
        self.band.setToGeometry(QgsGeometry.fromPolylineXY(points), None)

    def canvasMoveEvent(self, event):  # noqa: N802 (Qt's name)
        if self.points:
            self._redraw(event.mapPoint())

    def canvasReleaseEvent(self, event):  # noqa: N802 (Qt's name)
        if event.button() == Qt.RightButton:
            self.finish()
        elif event.button() == Qt.LeftButton:
            point = QgsPointXY(event.mapPoint())
            if not self.points or point != self.points[-1]:
                self.points.append(point)
            self._redraw()

    def canvasDoubleClickEvent(self, event):  # noqa: N802 (Qt's name)
        self.finish()

    def keyPressEvent(self, event):  # noqa: N802 (Qt's name)
        if event.key() == Qt.Key_Escape:
            self.reset()

    def finish(self):
        """Emit the line drawn so far (when it has two points or more) and start again."""
        points = list(self.points)
        self.reset()
        if len(points) >= 2:
            self.lineFinished.emit(QgsGeometry.fromPolylineXY(points))

    def reset(self):
        """Forget the line being drawn."""
        self.points = []
        self.band.reset(QgsWkbTypes.LineGeometry)

    def deactivate(self):
        self.reset()
        super().deactivate()


class PaintBuildingsTool(QgsMapTool):
    """Press and drag over buildings: every building touched is collected; on release
    :attr:`buildingsPainted` is emitted with their feature ids (in touching order)."""

    buildingsPainted = pyqtSignal(list)

    #: Search radius around the cursor, in pixels.
    RADIUS_PX = 3

    def __init__(self, canvas, layer_getter):
        super().__init__(canvas)
        self.layer_getter = layer_getter
        self.painting = False
        self.touched = []
        self.band = QgsRubberBand(canvas, QgsWkbTypes.PolygonGeometry)
        self.band.setColor(QColor(30, 120, 220, 90))
        self.setCursor(Qt.PointingHandCursor)

    def _touch(self, event):
        layer = self.layer_getter()
        if layer is None:
            return
        radius = self.RADIUS_PX * self.canvas().mapUnitsPerPixel()
        point = event.mapPoint()
        rect = QgsRectangle(point.x() - radius, point.y() - radius,
                            point.x() + radius, point.y() + radius)
        transform = QgsCoordinateTransform(self.canvas().mapSettings().destinationCrs(),
                                           layer.crs(), QgsProject.instance())
        rect = transform.transformBoundingBox(rect)
        search = QgsGeometry.fromRect(rect)
        request = QgsFeatureRequest().setFilterRect(rect).setNoAttributes()
        for feature in layer.getFeatures(request):
            if feature.id() not in self.touched and feature.geometry().intersects(search):
                self.touched.append(feature.id())
                self.band.addGeometry(feature.geometry(), layer)

    def canvasPressEvent(self, event):  # noqa: N802 (Qt's name)
        if event.button() == Qt.LeftButton:
            self.painting = True
            self.touched = []
            self.band.reset(QgsWkbTypes.PolygonGeometry)
            self._touch(event)

    def canvasMoveEvent(self, event):  # noqa: N802 (Qt's name)
        if self.painting:
            self._touch(event)

    def canvasReleaseEvent(self, event):  # noqa: N802 (Qt's name)
        if event.button() != Qt.LeftButton or not self.painting:
            return
        self._touch(event)
        self.painting = False
        touched = list(self.touched)
        self.touched = []
        self.band.reset(QgsWkbTypes.PolygonGeometry)
        if touched:
            self.buildingsPainted.emit(touched)

    def deactivate(self):
        self.painting = False
        self.touched = []
        self.band.reset(QgsWkbTypes.PolygonGeometry)
        super().deactivate()
