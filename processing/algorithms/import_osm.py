"""onegrid:import_osm — OpenStreetMap roads, buildings and facilities into a workspace.

Thin: the workspace is upgraded, :func:`onegrid.processing.analysis.osm.import_osm` builds
the three frames, rows already imported are deleted (REPLACE) or skipped, and
:func:`onegrid.layers.io.append_frame` writes the rest in the workspace's CRS.
"""
from qgis.core import (QgsProcessingMultiStepFeedback, QgsProcessingOutputNumber,
                       QgsProcessingParameterBoolean, QgsProcessingParameterFile)

from ...i18n import tr
from ...layers import schema as S
from ...layers.io import append_frame, read_layer
from ...layers.migrations import upgrade_workspace
from ...layers.workspace import open_dataset
from ..analysis import osm
from ..analysis.errors import Canceled
from .base import OneGridAlgorithm, fail

#: Workspace layer -> key of the frame import_osm returns (and output name).
TARGETS = ((S.ROADS.name, "ROADS"), (S.BUILDINGS.name, "BUILDINGS"),
           (S.FACILITIES.name, "FACILITIES"))


def osm_ids(path, layer):
    """The osm_id values already in a workspace layer."""
    frame = read_layer(path, layer, columns=["osm_id"], where="osm_id IS NOT NULL")
    return set(frame["osm_id"])


def delete_osm_rows(path, layer):
    """Delete the rows of ``layer`` that came from OSM (osm_id set); returns how many."""
    ds = open_dataset(path, update=True)
    try:
        lyr = ds.GetLayerByName(layer)
        lyr.SetAttributeFilter("osm_id IS NOT NULL")
        count = lyr.GetFeatureCount()
        ds.ExecuteSQL(f'DELETE FROM "{layer}" WHERE "osm_id" IS NOT NULL')
    finally:
        ds = None
    return count


class ImportOsm(OneGridAlgorithm):
    NAME = "import_osm"
    GROUP = "workspace"
    DISPLAY = "Import OpenStreetMap"
    HELP = (
        "Loads an OpenStreetMap extract (.osm.pbf or .osm, read with GDAL's OSM driver) into "
        "a workspace: the walking network into roads (footways, paths, steps, streets and "
        "squares pedestrians may use; no motorways or trunk roads, nothing with foot=no or "
        "private access), buildings with their code OSM-W<id> / OSM-R<id>, address, floors "
        "(building:levels), use and floor area (footprint area in square metres times the "
        "floors), and facilities in the 1+5+X categories (education, medical, elderly care, "
        "commerce, culture & sport, other public services) from points and polygons. "
        "Invalid polygons are repaired, broken ones (ways cut at the edge of the extract) "
        "dropped; both are counted. Geometries are transformed into the workspace's CRS. "
        "REPLACE: delete the rows that came from OpenStreetMap (osm_id set) before importing; "
        "otherwise objects already in the workspace are skipped, so running the import twice "
        "adds nothing. Rows entered by hand (no osm_id) are never touched.")

    INPUT = "INPUT"
    WORKSPACE = "WORKSPACE"
    REPLACE = "REPLACE"
    ROADS = "ROADS"
    BUILDINGS = "BUILDINGS"
    FACILITIES = "FACILITIES"

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFile(
            self.INPUT, tr("OpenStreetMap file (.osm.pbf, .osm)"),
            QgsProcessingParameterFile.File,
            fileFilter=tr("OpenStreetMap (*.osm.pbf *.pbf *.osm)")))
        self.addParameter(QgsProcessingParameterFile(
            self.WORKSPACE, tr("Workspace GeoPackage"), QgsProcessingParameterFile.File,
            fileFilter=tr("GeoPackage (*.gpkg)")))
        self.addParameter(QgsProcessingParameterBoolean(
            self.REPLACE, tr("Replace rows imported from OpenStreetMap before"),
            defaultValue=False))
        self.addOutput(QgsProcessingOutputNumber(self.ROADS, tr("Roads imported")))
        self.addOutput(QgsProcessingOutputNumber(self.BUILDINGS, tr("Buildings imported")))
        self.addOutput(QgsProcessingOutputNumber(self.FACILITIES, tr("Facilities imported")))

    def execute(self, parameters, context, feedback):
        source = self.parameterAsFile(parameters, self.INPUT, context)
        workspace = self.parameterAsFile(parameters, self.WORKSPACE, context)
        replace = self.parameterAsBool(parameters, self.REPLACE, context)
        if not source:
            fail("No OpenStreetMap file given")
        if not workspace:
            fail("No workspace given")
        steps = QgsProcessingMultiStepFeedback(3, feedback)

        old, new, changes = upgrade_workspace(workspace)
        if changes:
            feedback.pushInfo(tr("Workspace {path} upgraded from schema version {old} to "
                                 "{new}").format(path=workspace, old=old, new=new))
        feedback.pushInfo(tr("Reading {path}").format(path=source))
        frames, stats = osm.import_osm(
            source, progress=lambda fraction: steps.setProgress(100 * fraction),
            is_canceled=feedback.isCanceled)
        self._report(stats, source, feedback)

        steps.setCurrentStep(1)
        frames = dict(zip((key for _, key in TARGETS),
                          (frames["roads"], frames["buildings"], frames["facilities"])))
        for i, (layer, key) in enumerate(TARGETS):
            self._check(feedback)
            if replace:
                deleted = delete_osm_rows(workspace, layer)
                if deleted:
                    feedback.pushInfo(tr("Deleted {count} rows imported from OpenStreetMap "
                                         "before from layer {layer}").format(
                        count=deleted, layer=layer))
            else:
                frames[key], skipped = osm.drop_existing(frames[key], osm_ids(workspace, layer))
                if skipped:
                    feedback.pushWarning(tr("{count} objects of layer {layer} are already in "
                                            "the workspace and were skipped (set REPLACE to "
                                            "refresh them)").format(count=skipped, layer=layer))
            steps.setProgress(100 * (i + 1) / len(TARGETS))

        steps.setCurrentStep(2)
        results = {}
        for i, (layer, key) in enumerate(TARGETS):
            self._check(feedback)
            steps.pushInfo(tr("Writing layer {layer}").format(layer=layer))
            results[key] = append_frame(workspace, layer, frames[key])
            steps.setProgress(100 * (i + 1) / len(TARGETS))
        feedback.pushInfo(tr("Imported {roads} roads, {buildings} buildings and {facilities} "
                             "facilities from {path} into {workspace}").format(
            roads=results[self.ROADS], buildings=results[self.BUILDINGS],
            facilities=results[self.FACILITIES], path=source, workspace=workspace))
        return results

    @staticmethod
    def _check(feedback):
        if feedback.isCanceled():
            raise Canceled()

    @staticmethod
    def _report(stats, source, feedback):
        if stats.get("repaired"):
            feedback.pushWarning(tr("{count} building outlines in {path} were invalid and have "
                                    "been repaired").format(count=stats["repaired"],
                                                            path=source))
        dropped = stats.get("unreadable", 0) + stats.get("collapsed", 0)
        if dropped:
            feedback.reportError(tr("{count} buildings in {path} were not imported: their "
                                    "outline is broken or has no area (usually ways cut at "
                                    "the edge of the extract)").format(count=dropped,
                                                                      path=source),
                                 fatalError=False)
        if stats.get("levels_unparsed"):
            feedback.pushWarning(tr("{count} buildings in {path} have a building:levels value "
                                    "that is not a number of floors; their floors are left "
                                    "empty").format(count=stats["levels_unparsed"],
                                                    path=source))
        by_category = ", ".join(f"{k}: {v}" for k, v in
                                stats.get("facilities_by_category", {}).items())
        feedback.pushInfo(tr("Found {roads} roads, {buildings} buildings and {facilities} "
                             "facilities ({categories})").format(
            roads=stats.get("roads", 0), buildings=stats.get("buildings", 0),
            facilities=stats.get("facilities", 0), categories=by_category))
