"""The QGIS side of PostGIS workspaces: connection names, styles in ``layer_styles``,
postgres-provider layers with OneGrid's styles, forms and privacy.

Pure database work (schema, roles, triggers, copying) is in :mod:`onegrid.layers.postgis`.
"""
from qgis.core import (QgsDataSourceUri, QgsFeatureRequest, QgsProviderRegistry,
                       QgsVectorLayer, QgsWkbTypes)
from psycopg2 import sql

from ..processing.analysis.errors import N_, OneGridError
from . import postgis as P
from . import schema as S
from .styles import STYLE_NAME, apply_style, style_layer


def connection_names():
    """Names of the PostgreSQL connections saved in QGIS (Browser > PostgreSQL)."""
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    return sorted(metadata.connections().keys()) if metadata is not None else []


def resolve_connection(text):
    """A libpq connection string from a URI / ``key=value`` string (returned as is) or the
    name of a QGIS PostgreSQL connection (its stored host, port, database, user, password).
    """
    text = str(text or "").strip()
    if P.is_postgres_target(text):
        return text[3:] if text[:3].upper() == "PG:" else text
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    connections = metadata.connections() if metadata is not None else {}
    if text not in connections:
        raise OneGridError(N_("{name} is neither a PostgreSQL URI nor a QGIS PostgreSQL "
                              "connection; known connections: {known}"),
                           name=text, known=", ".join(sorted(connections)) or "-")
    uri = QgsDataSourceUri(connections[text].uri())
    return uri.connectionInfo(True)


def layer_uri(dsn, schema, spec, table=None):
    """A postgres-provider data source for layer ``spec`` (or view ``table``) of a workspace."""
    uri = QgsDataSourceUri(P._strip_pg_prefix(dsn))
    uri.setDataSource(schema, table or spec.name, "geom" if spec.geometry else "", "", "fid")
    if spec.geometry:
        uri.setWkbType(QgsWkbTypes.parseType(spec.geometry))
    return uri.uri(False)


def open_layer(dsn, schema, spec, name=None, table=None, styled=True):
    """A postgres-provider QgsVectorLayer of workspace layer ``spec`` (not added anywhere)."""
    options = QgsVectorLayer.LayerOptions(False, False)
    options.loadDefaultStyle = styled
    layer = QgsVectorLayer(layer_uri(dsn, schema, spec, table), name or spec.name, "postgres",
                           options)
    if not layer.isValid():
        raise OneGridError(N_("Cannot open layer {layer} of workspace {path}"),
                           layer=table or spec.name, path=f"{P.describe(dsn)} / {schema}")
    return layer


def store_default_styles(dsn, schema=P.DEFAULT_SCHEMA, language="zh"):
    """Store every layer's OneGrid default style in the database's ``layer_styles`` table
    (QGIS's own layout, created by QGIS on the first save), then let the OneGrid roles read
    it. Earlier OneGrid default styles of ``schema`` are deleted first: QGIS 3.22 hangs on a
    second save under the same name. Returns the names of the layers styled."""
    conn = P.connect(dsn)
    try:
        _delete_styles(conn, schema)
        for spec in S.LAYERS:
            layer = open_layer(dsn, schema, spec, styled=False)
            try:
                apply_style(layer, spec, language)
                error = layer.saveStyleToDatabase(
                    STYLE_NAME, f"OneGrid default style ({language}): {spec.zh} / {spec.en}",
                    True, "")
                if error:
                    raise OneGridError(N_("Cannot store the default style of layer {layer} in "
                                          "{path}: {error}"), layer=spec.name,
                                       path=schema, error=error)
            finally:
                del layer
        with conn:
            with conn.cursor() as cur:
                table = _styles_table(cur)
                if table is not None:
                    cur.execute(sql.SQL("GRANT SELECT ON {} TO {}").format(
                        table, sql.SQL(", ").join(sql.Identifier(r) for r in P.ROLES.values())))
    finally:
        conn.close()
    return [spec.name for spec in S.LAYERS]


def _styles_table(cur):
    cur.execute("SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE c.relname = 'layer_styles' AND c.relkind = 'r' "
                "AND n.nspname = ANY (current_schemas(false)) ORDER BY "
                "array_position(current_schemas(false), n.nspname) LIMIT 1")
    row = cur.fetchone()
    return sql.Identifier(row[0], "layer_styles") if row else None


def _delete_styles(conn, schema):
    with conn:
        with conn.cursor() as cur:
            table = _styles_table(cur)
            if table is not None:
                cur.execute(sql.SQL("DELETE FROM {} WHERE f_table_schema = %s "
                                    "AND stylename = %s").format(table), (schema, STYLE_NAME))


def stored_styles(dsn, schema=P.DEFAULT_SCHEMA):
    """``{table name: style name}`` of the default styles stored for ``schema``."""
    conn = P.connect(dsn)
    try:
        with conn.cursor() as cur:
            table = _styles_table(cur)
            if table is None:
                return {}
            cur.execute(sql.SQL("SELECT f_table_name, stylename FROM {} WHERE f_table_schema = %s "
                                "AND useasdefault").format(table), (schema,))
            return dict(cur.fetchall())
    finally:
        conn.close()


def open_workspace_layers(dsn, schema=P.DEFAULT_SCHEMA, language="zh"):
    """Every layer of a PostGIS workspace as postgres-provider layers with OneGrid's style
    (the stored default, else built), forms and privacy (personal fields masked unless the
    user chose to see them). A layer the user may read only masked (police: people) comes
    from its ``<layer>_masked`` view, read-only; layers the user may not read are left out.

    Returns ``{schema layer name: QgsVectorLayer}`` in schema order.
    """
    layers = {}
    conn = P.connect(dsn)
    try:
        with conn.cursor() as cur:
            readable = {}
            views = {spec.name: f"{spec.name}_masked" for spec in P.masked_layers()}
            for spec in S.LAYERS:
                for table in (spec.name, views.get(spec.name)):
                    if table is None:
                        continue
                    cur.execute("SELECT has_table_privilege(%s, 'SELECT')",
                                (sql.Identifier(schema, table).as_string(conn),))
                    if cur.fetchone()[0]:
                        readable[spec.name] = table
                        break
    finally:
        conn.close()
    for spec in S.LAYERS:
        if spec.name not in readable:
            continue
        layer = open_layer(dsn, schema, spec, spec.zh if language == "zh" else spec.en,
                           table=readable[spec.name])
        style_layer(layer, spec, language)
        install_version_guard(layer)
        layers[spec.name] = layer
    return layers


class VersionGuard:
    """Make QGIS's saves of a postgres layer carry ``row_version``, so that the database's
    optimistic lock sees them.

    QGIS's postgres provider updates only the changed columns. At a feature's first change in
    an edit session the guard reads its ``row_version`` from the database and puts that same
    value into the edit buffer (QGIS keeps a same-value change), so the UPDATE states the
    version the edit was based on: if someone saved the row in between, the commit fails with
    the database's message naming the row and the other editor instead of overwriting.
    """

    def __init__(self, layer):
        self.layer = layer
        self.index = layer.fields().indexOf("row_version")
        self.versions = {}
        layer.attributeValueChanged.connect(self._changed)
        layer.geometryChanged.connect(self._changed)
        layer.afterCommitChanges.connect(self.versions.clear)
        layer.afterRollBack.connect(self.versions.clear)

    def _changed(self, fid, *args):
        if self.index < 0 or fid < 0 or fid in self.versions:
            return
        if args and isinstance(args[0], int) and args[0] == self.index and len(args) == 2:
            return  # our own write of row_version
        request = QgsFeatureRequest(fid).setNoAttributes().setFlags(
            QgsFeatureRequest.NoGeometry)
        request.setSubsetOfAttributes([self.index])
        feature = next(self.layer.dataProvider().getFeatures(request), None)
        if feature is None:
            return
        version = feature.attribute(self.index)
        self.versions[fid] = version
        self.layer.changeAttributeValue(fid, self.index, version, version)


def install_version_guard(layer):
    """Attach a :class:`VersionGuard` to ``layer`` (kept on the layer) and make
    ``row_version``, ``updated_at`` and ``updated_by`` read-only in its forms (the database
    sets them). Returns the guard; layers without ``row_version`` get none."""
    if layer.fields().indexOf("row_version") < 0:
        return None
    guard = VersionGuard(layer)
    _GUARDS[layer.id()] = guard
    layer.willBeDeleted.connect(lambda layer_id=layer.id(): _GUARDS.pop(layer_id, None))
    for name in ("row_version", "updated_at", "updated_by"):
        index = layer.fields().indexOf(name)
        if index >= 0:
            config = layer.editFormConfig()
            config.setReadOnly(index, True)
            layer.setEditFormConfig(config)
    return guard


#: Guards by layer id (kept alive as long as their layer).
_GUARDS = {}


def workspace_source(layers):
    """Where the PostGIS workspace layers ``layers`` ({schema layer name: postgres-provider
    layer}, as :func:`onegrid.layers.project.project_workspace` gives them) read from:
    ``(connection string, schema, {schema layer name: table or view})``. The connection
    string holds the password (an authentication configuration expanded): keep it in
    memory, never show or log it."""
    connection, schema, tables = None, None, {}
    for name, layer in layers.items():
        uri = QgsDataSourceUri(layer.source())
        connection = connection or uri.connectionInfo(True)
        schema = schema or uri.schema()
        tables[name] = uri.table()
    return connection, schema, tables


def add_postgis_workspace_to_project(database, project, schema=P.DEFAULT_SCHEMA, language="zh",
                                     report=None):
    """Add a PostGIS workspace's layers (those the user may read) to ``project`` in a group
    "OneGrid workspace", as :func:`onegrid.layers.project.add_workspace_to_project` does for a
    GeoPackage. ``database``: a QGIS connection name or a URI. An older workspace is not
    upgraded here (that needs the owner's rights): the error says to run migrate_workspace.

    Returns ``{schema layer name: QgsVectorLayer}``.
    """
    from .project import add_layer_group, workspace_groups

    dsn = resolve_connection(database)
    conn = P.connect(dsn)
    try:
        version = P.schema_version(conn, schema)
    finally:
        conn.close()
    where = P.workspace_key(dsn, schema)
    if version == 0:
        raise OneGridError(N_("Schema {schema} is not a OneGrid workspace"), schema=schema)
    if version < S.SCHEMA_VERSION:
        raise OneGridError(N_("Workspace {path} has schema version {found}; the database owner "
                              "upgrades it with onegrid:migrate_workspace"),
                           path=where, found=version)
    if version > S.SCHEMA_VERSION:
        raise OneGridError(N_("Workspace {path} has schema version {found}, newer than this "
                              "OneGrid ({supported}); update the plugin"),
                           path=where, found=version, supported=S.SCHEMA_VERSION)
    for key, group in workspace_groups(project):
        if key == where:
            project.removeMapLayers([node.layerId() for node in group.findLayers()])
            project.layerTreeRoot().removeChildNode(group)
    layers = open_workspace_layers(dsn, schema, language)
    add_layer_group(project, layers, where, language)
    return layers


def grid_history_layer(database, grid_code, schema=P.DEFAULT_SCHEMA):
    """The audit trail of one base grid as a point/polygon layer (``audit_map`` filtered by
    grid code; each change drawn at the row's geometry). Needs ``onegrid_admin``."""
    dsn = resolve_connection(database)
    conn = P.connect(dsn)
    try:
        condition = sql.SQL("{} = {}").format(sql.Identifier("grid_code"),
                                              sql.Literal(str(grid_code))).as_string(conn)
    finally:
        conn.close()
    uri = QgsDataSourceUri(P._strip_pg_prefix(dsn))
    uri.setDataSource(schema, "audit_map", "geom", condition, "id")
    layer = QgsVectorLayer(uri.uri(False), f"{grid_code} history", "postgres")
    if not layer.isValid():
        raise OneGridError(N_("Cannot open layer {layer} of workspace {path}"),
                           layer="audit_map", path=P.workspace_key(dsn, schema))
    return layer
