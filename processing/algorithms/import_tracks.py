"""onegrid:import_tracks — GPS fixes from CSV/Excel/GPX, cleaned and cut into trips.

Thin: :func:`onegrid.processing.analysis.tracks.read_track_table` /
:func:`~onegrid.processing.analysis.tracks.read_gpx` read the file,
:func:`~onegrid.processing.analysis.tracks.clean_tracks` cleans, the adapter writes the sinks.
"""
import os

from qgis.core import (QgsProcessing, QgsProcessingOutputNumber, QgsProcessingParameterEnum,
                       QgsProcessingParameterFeatureSink, QgsProcessingParameterFile,
                       QgsProcessingParameterNumber, QgsProcessingParameterString,
                       QgsWkbTypes)

from ...i18n import tr
from ..adapter import frame_to_sink
from ..analysis import tables
from ..analysis import tracks as T
from .base import OneGridAlgorithm

ENCODINGS = ("auto", "UTF-8", "UTF-8-SIG", "GB18030")


def report_counts(feedback, counts):
    """Tell the user every count of the cleaning, so that nothing is dropped silently."""
    feedback.pushInfo(tr("Fixes read: {input}; kept: {kept}; left out: {left}").format(
        input=counts["input"], kept=counts["kept"],
        left=counts["input"] - counts["kept"]))
    for key, text in T.REASONS.items():
        if counts.get(key):
            feedback.pushWarning(tr("Fixes left out, {reason}: {count}").format(
                reason=tr(text), count=counts[key]))
    if counts.get("unsorted"):
        feedback.pushWarning(tr("Fixes out of time order in the input (sorted): {count}")
                             .format(count=counts["unsorted"]))
    if counts.get("single_fix_devices"):
        feedback.pushWarning(tr("Devices with a single fix (kept, no line): {count}").format(
            count=counts["single_fix_devices"]))
    if counts.get("jumps_left"):
        feedback.pushWarning(tr("Impossible jumps left in place, the stretches on either "
                                "side holding as many fixes, so that neither could be taken "
                                "for the error (a new trip starts at each): {count}").format(count=counts["jumps_left"]))
    if counts.get("converted"):
        feedback.pushInfo(tr("Fixes converted to WGS84: {count}").format(
            count=counts["converted"]))
    feedback.pushInfo(tr("{devices} devices, {trips} trips ({single} of a single fix); times "
                         "stored in UTC, local times in {zone}").format(
        devices=counts["devices"], trips=counts["trips"], single=counts["single_fix_trips"],
        zone=counts["time_zone"]))


class ImportTracks(OneGridAlgorithm):
    NAME = "import_tracks"
    GROUP = "patrol"
    DISPLAY = "Import GPS tracks (CSV / Excel / GPX)"
    HELP = (
        "Reads the GPS fixes of patrol devices from a CSV, TXT or XLSX table (a device id, a "
        "time, x/longitude and y/latitude per row; columns found by name: device_id, "
        "设备编号, recorded_at, time, 定位时间, lon, lng, 经度, lat, 纬度, or named in "
        "DEVICE_FIELD, TIME_FIELD, X_FIELD, Y_FIELD) or from a GPX file (track points; the "
        "device id is DEVICE_ID or the file name). SOURCE_CRS accepts EPSG:nnnn, WGS84, GCJ02 "
        "(Amap, Tencent) and BD09 (Baidu); GCJ-02 and BD-09 are converted to WGS84. Times "
        "with an offset (Z, +08:00) are converted to UTC; times without one are in "
        "TIME_ZONE (default +08:00, China; a zone name such as Asia/Shanghai also works). "
        "Cleaning: fixes are sorted by device and time (fixes out of order are counted); a "
        "second fix of a device at the same time is a duplicate; an impossible jump (faster "
        "than MAX_SPEED m/s) cuts a device's fixes into stretches and a stretch smaller than "
        "those beside it is dropped as a GPS outlier; trips are cut where two fixes are more "
        "than MAX_GAP minutes apart. OUTPUT: one line per trip (device_id, trip_no, "
        "start/end in UTC and local time, points, length_m, duration_min, mean_speed_mps); "
        "POINTS: the cleaned fixes (recorded_at in UTC, local_time, trip_id, step_m, "
        "speed_mps and the file's other columns); REJECTED: every fix left out with its row "
        "number and reason. Every count is reported.")

    INPUT = "INPUT"
    DEVICE_FIELD = "DEVICE_FIELD"
    TIME_FIELD = "TIME_FIELD"
    X_FIELD = "X_FIELD"
    Y_FIELD = "Y_FIELD"
    DEVICE_ID = "DEVICE_ID"
    SOURCE_CRS = "SOURCE_CRS"
    TIME_ZONE = "TIME_ZONE"
    ENCODING = "ENCODING"
    MAX_SPEED = "MAX_SPEED"
    MAX_GAP = "MAX_GAP"
    OUTPUT = "OUTPUT"
    POINTS = "POINTS"
    REJECTED = "REJECTED"
    ENUM_OPTIONS = {ENCODING: ENCODINGS}

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFile(
            self.INPUT, tr("GPS fixes (CSV, TXT, XLSX or GPX)"),
            QgsProcessingParameterFile.File,
            fileFilter=tr("GPS tracks (*.csv *.txt *.tsv *.xlsx *.gpx)")))
        for name, label in ((self.DEVICE_FIELD, tr("Device id column")),
                            (self.TIME_FIELD, tr("Time column")),
                            (self.X_FIELD, tr("X / longitude column")),
                            (self.Y_FIELD, tr("Y / latitude column")),
                            (self.DEVICE_ID, tr("Device id of a GPX file (default: the file "
                                                "name)"))):
            self.addParameter(QgsProcessingParameterString(name, label, optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.SOURCE_CRS, tr("CRS of the coordinates (EPSG:nnnn, WGS84, GCJ02 or BD09)"),
            defaultValue="EPSG:4326", optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.TIME_ZONE, tr("Time zone of times written without one (+08:00 or a zone "
                               "name)"), defaultValue=T.LOCAL_ZONE, optional=True))
        self.addParameter(QgsProcessingParameterEnum(
            self.ENCODING, tr("Text encoding of a CSV"), options=list(ENCODINGS),
            defaultValue=0, optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.MAX_SPEED, tr("Impossible speed (m/s)"), QgsProcessingParameterNumber.Double,
            defaultValue=T.MAX_SPEED, minValue=0.1, optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.MAX_GAP, tr("Longest gap inside a trip (minutes)"),
            QgsProcessingParameterNumber.Double, defaultValue=T.MAX_GAP_S / 60.0,
            minValue=0.01, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, tr("Trips"), QgsProcessing.TypeVectorLine))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.POINTS, tr("Cleaned GPS points"), QgsProcessing.TypeVectorPoint))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.REJECTED, tr("Fixes left out"), QgsProcessing.TypeVectorPoint, optional=True,
            createByDefault=True))
        for name, label in (("KEPT", tr("Fixes kept")), ("LEFT_OUT", tr("Fixes left out")),
                            ("TRIPS", tr("Trips")), ("DEVICES", tr("Devices"))):
            self.addOutput(QgsProcessingOutputNumber(name, label))

    def execute(self, parameters, context, feedback):
        path = self.parameterAsFile(parameters, self.INPUT, context)
        text = {name: self.parameterAsString(parameters, name, context).strip() or None
                for name in (self.DEVICE_FIELD, self.TIME_FIELD, self.X_FIELD, self.Y_FIELD,
                             self.DEVICE_ID)}
        source_crs = self.parameterAsString(parameters, self.SOURCE_CRS, context).strip() \
            or "EPSG:4326"
        zone = T.parse_zone(self.parameterAsString(parameters, self.TIME_ZONE, context).strip()
                            or T.LOCAL_ZONE)
        encoding = self.enum_value(parameters, self.ENCODING)
        kind, crs = tables.source_crs_kind(source_crs)
        if os.path.splitext(path)[1].lower() == ".gpx":
            frame = T.read_gpx(path, text[self.DEVICE_ID])
            crs = tables.source_crs_kind("EPSG:4326")[1]  # GPX is lon/lat (maybe GCJ-02)
        else:
            frame = T.read_track_table(path, text[self.DEVICE_FIELD], text[self.TIME_FIELD],
                                       text[self.X_FIELD], text[self.Y_FIELD], encoding)
            used = frame.attrs["columns"]
            feedback.pushInfo(tr("Columns used: device {device}, time {time}, x {x}, y {y}; "
                                 "encoding {encoding}").format(
                encoding=frame.attrs["encoding"], **used))
        feedback.setProgress(20)
        result = T.clean_tracks(
            frame, crs=crs, source_system=kind or "WGS84", zone=zone,
            max_speed=self.parameterAsDouble(parameters, self.MAX_SPEED, context)
            if parameters.get(self.MAX_SPEED) is not None else T.MAX_SPEED,
            max_gap_s=60.0 * self.parameterAsDouble(parameters, self.MAX_GAP, context)
            if parameters.get(self.MAX_GAP) is not None else T.MAX_GAP_S,
            progress=lambda f: feedback.setProgress(20 + 60 * f),
            is_canceled=feedback.isCanceled)
        report_counts(feedback, result.counts)
        wkt = crs.to_wkt()
        results = {
            self.OUTPUT: frame_to_sink(self, parameters, self.OUTPUT, context, result.trips,
                                       wkb_type=QgsWkbTypes.LineString, crs=wkt),
            self.POINTS: frame_to_sink(self, parameters, self.POINTS, context, result.points,
                                       wkb_type=QgsWkbTypes.Point, crs=wkt),
        }
        if parameters.get(self.REJECTED) is not None:
            results[self.REJECTED] = frame_to_sink(
                self, parameters, self.REJECTED, context, result.rejected,
                wkb_type=QgsWkbTypes.Point, crs=wkt)
        counts = result.counts
        results.update(KEPT=counts["kept"], LEFT_OUT=counts["input"] - counts["kept"],
                       TRIPS=counts["trips"], DEVICES=counts["devices"])
        feedback.setProgress(100)
        return results
