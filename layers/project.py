"""Add a workspace's layers to a QGIS project, in one layer-tree group (QGIS side)."""
import os

from qgis.core import (Qgis, QgsCoordinateReferenceSystem, QgsCoordinateTransform,
                       QgsDataSourceUri, QgsLayerTreeGroup, QgsMessageLog, QgsRectangle,
                       QgsVectorLayer)

from ..i18n import tr, tr_zh, ui_language
from ..processing.analysis.crs import metric_crs_for_bounds
from ..processing.analysis.errors import N_, OneGridError
from . import schema as S
from .migrations import upgrade_workspace
from .postgis import DEFAULT_SCHEMA, is_postgres_target
from .styles import style_layer
from .workspace import missing_layers, schema_version

#: Layer-tree order, top to bottom: points, then lines, then polygons (outline-only
#: communities and professional grids above the lightly filled base grids, buildings and
#: parcels at the bottom). The tables go into a subgroup below.
TREE_ORDER = (
    "patrol_points", "cameras", "events", "things", "people", "households", "organizations",
    "facilities", "roads", "communities", "professional_grids", "base_grids", "buildings",
    "parcels",
)
#: Custom property on the group holding the workspace path.
GROUP_PROPERTY = "onegrid/workspace"
#: Project entry (scope, key) holding the path of the workspace added last.
PROJECT_SCOPE, PROJECT_KEY = "OneGrid", "workspace"
LOG_TAG = "OneGrid"


def _language(language):
    language = language or ui_language()
    return "zh" if str(language).lower().startswith("zh") else "en"


def _same_file(a, b):
    return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))


def _check_workspace(path):
    """Raise a translated-template OneGridError unless ``path`` is a OneGrid workspace."""
    if not os.path.exists(path):
        raise OneGridError(N_("Workspace file {path} does not exist"), path=path)
    if schema_version(path) == 0 and len(missing_layers(path)) == len(S.LAYERS):
        raise OneGridError(N_("{path} is not a OneGrid workspace: it has none of the "
                              "workspace layers"), path=path)


def _open_layer(path, spec, language):
    layer = QgsVectorLayer(f"{path}|layername={spec.name}", spec.zh if language == "zh"
                           else spec.en, "ogr")
    if not layer.isValid():
        raise OneGridError(N_("Cannot open layer {layer} of workspace {path}"),
                           layer=spec.name, path=path)
    style_layer(layer, spec, language)
    return layer



def add_workspace_to_project(gpkg_path, project, language=None, report=None, schema=None):
    """Add every layer of a workspace to ``project`` in a group "OneGrid workspace".

    The workspace is first upgraded to the current schema (what changed is logged and given
    to ``report``). A workspace already in the project is replaced, not added twice.

    Parameters
    ----------
    gpkg_path : str or Path
        The workspace GeoPackage, or a PostgreSQL URI or ``key=value`` string (a PostGIS
        workspace, not upgraded here: see
        :func:`onegrid.layers.postgis_qgis.add_postgis_workspace_to_project`).
    project : QgsProject
    language : str, optional
        "zh" or "en" for layer names, aliases and legends; default: QGIS's interface language.
    report : callable, optional
        Called with each translated message about the upgrade.
    schema : str, optional
        A PostGIS workspace's schema (default ``onegrid``).

    Returns
    -------
    dict
        Layer name (schema name, e.g. "buildings") -> QgsVectorLayer, in schema order.

    Raises
    ------
    OneGridError
        The file does not exist, is not a workspace, is newer than this plugin, or a layer
        cannot be opened.
    """
    language = _language(language)
    if is_postgres_target(os.fspath(gpkg_path)):
        from .postgis_qgis import add_postgis_workspace_to_project
        return add_postgis_workspace_to_project(os.fspath(gpkg_path), project,
                                                schema=schema or DEFAULT_SCHEMA,
                                                language=language, report=report)
    path = os.path.abspath(os.fspath(gpkg_path))
    _check_workspace(path)
    remove_workspace(project, path)  # release the file before upgrading it
    old, new, changes = upgrade_workspace(path)
    if old != new or changes:
        message = tr("Workspace {path} upgraded from schema version {old} to {new}: "
                     "{changes}").format(path=path, old=old, new=new,
                                         changes=", ".join(changes) or "-")
        QgsMessageLog.logMessage(message, LOG_TAG, Qgis.Info)
        if report is not None:
            report(message)
    layers = {spec.name: _open_layer(path, spec, language) for spec in S.LAYERS}
    add_layer_group(project, layers, path, language)
    return layers


def add_layer_group(project, layers, key, language):
    """Add a workspace's opened ``layers`` ({schema name: layer}) to ``project`` in a group
    "OneGrid workspace" marked with ``key`` (the file path, or the database and schema),
    points on top, tables in a subgroup; the project remembers ``key``."""
    project_was_empty = not project.mapLayers()
    root = project.layerTreeRoot()
    title = tr_zh("OneGrid workspace")  # the group is named in the layers' language
    group = root.insertGroup(0, title if language == "zh" else "OneGrid workspace")
    group.setCustomProperty(GROUP_PROPERTY, key)
    tables = None
    spatial = [name for name in TREE_ORDER if name in layers]
    spatial += [spec.name for spec in S.LAYERS
                if spec.geometry and spec.name not in spatial and spec.name in layers]
    for name in spatial:
        project.addMapLayer(layers[name], False)
        group.addLayer(layers[name])
    for spec in S.LAYERS:
        if spec.geometry is None and spec.name in layers:
            if tables is None:
                tables = group.addGroup(tr("Tables"))
                tables.setExpanded(False)
            project.addMapLayer(layers[spec.name], False)
            tables.addLayer(layers[spec.name])
    if project_was_empty:
        set_display_crs(project, layers.values())
    project.writeEntry(PROJECT_SCOPE, PROJECT_KEY, key)
    return group


def _layer_name(source):
    for part in source.split("|")[1:]:
        if part.startswith("layername="):
            return part[len("layername="):]
    return None


def _postgis_layer_name(source):
    """The schema layer a postgres-provider source reads (``people`` for the
    ``people_masked`` view)."""
    table = QgsDataSourceUri(source).table()
    return table[:-len("_masked")] if table.endswith("_masked") else table


def is_postgis(layers):
    """Whether a workspace's project ``layers`` ({name: layer}) read from PostGIS."""
    return any(layer.providerType() == "postgres" for layer in layers.values())


def project_workspace(project):
    """The workspace a project shows, from its OneGrid group's layers (their sources are
    resolved by QGIS, so a moved project still finds its file).

    Returns ``(path, {schema layer name: QgsVectorLayer})``, or ``(None, {})``. For a
    PostGIS workspace the path is the group's key (the connection without its password,
    and the schema: ``postgis.workspace_key``).
    """
    for key, group in workspace_groups(project):
        layers = {}
        path = None
        for node in group.findLayers():
            layer = node.layer()
            if layer is None:
                continue
            if layer.providerType() == "ogr":
                name = _layer_name(layer.source())
                where = os.path.abspath(layer.source().split("|")[0])
            elif layer.providerType() == "postgres":
                name, where = _postgis_layer_name(layer.source()), key
            else:
                continue
            if name in S.LAYERS_BY_NAME:
                layers[name] = layer
                path = path or where
        if layers:
            return path, layers
    return None, {}


def set_display_crs(project, layers):
    """Show geographic (degree) data in the metric CRS chosen for it, so that a city map is
    not stretched east-west: CGCS2000 Gauss-Kruger in China, UTM elsewhere. Returns the
    EPSG code set, or None when the layers are projected already or empty."""
    wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
    extent = QgsRectangle()
    extent.setMinimal()
    for layer in layers:
        if not layer.isSpatial() or layer.featureCount() == 0:
            continue
        if not layer.crs().isGeographic():
            return None
        transform = QgsCoordinateTransform(layer.crs(), wgs84, project)
        extent.combineExtentWith(transform.transformBoundingBox(layer.extent()))
    if extent.isEmpty() or extent.isNull():
        return None
    epsg = metric_crs_for_bounds(extent.xMinimum(), extent.yMinimum(), extent.xMaximum(),
                                 extent.yMaximum())
    project.setCrs(QgsCoordinateReferenceSystem(f"EPSG:{epsg}"))
    return epsg


def workspace_groups(project):
    """The layer-tree groups of OneGrid workspaces in ``project``: list of (path, group)."""
    found = []
    for node in project.layerTreeRoot().children():
        if isinstance(node, QgsLayerTreeGroup) and node.customProperty(GROUP_PROPERTY):
            found.append((node.customProperty(GROUP_PROPERTY), node))
    return found


def remove_workspace(project, path):
    """Remove a workspace's group and every project layer reading its file; returns a count."""
    path = os.fspath(path)
    removed = [layer.id() for layer in project.mapLayers().values()
               if layer.providerType() == "ogr"
               and _same_file(layer.source().split("|")[0], path)]
    project.removeMapLayers(removed)
    root = project.layerTreeRoot()
    for group_path, group in workspace_groups(project):
        if _same_file(group_path, path):
            root.removeChildNode(group)
    return len(removed)
