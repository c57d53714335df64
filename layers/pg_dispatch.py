"""The QGIS side of the SQL path: when an algorithm's inputs are tables of one PostGIS
workspace, run the analysis inside the database (:mod:`onegrid.layers.pg_analysis`).

An input qualifies when it is a postgres-provider layer read whole: no subset string (layer
filter), not "selected features only", no feature limit, geometry column ``geom``. All inputs
of one call must come from the same database and schema; otherwise (or for any other
provider) the algorithm keeps its in-memory path. Nothing here changes results: the SQL path
gives the same rows (``tests/postgis/test_pg_analysis.py``).
"""
from qgis.core import QgsDataSourceUri, QgsProcessingFeatureSourceDefinition

from ..i18n import tr
from . import pg_analysis
from . import postgis as P


def postgis_source(alg, parameters, name, context):
    """(connection info, schema, table, layer name) of source parameter ``name`` when it is
    a whole postgres table; None otherwise (also when the parameter is not given)."""
    value = parameters.get(name)
    if value is None:
        return None
    if isinstance(value, QgsProcessingFeatureSourceDefinition):
        if value.selectedFeaturesOnly or value.featureLimit not in (-1, None):
            return None
    layer = alg.parameterAsVectorLayer(parameters, name, context)
    if layer is None or layer.providerType() != "postgres" or layer.subsetString():
        return None
    uri = QgsDataSourceUri(layer.source())
    if uri.sql() or (uri.geometryColumn() and uri.geometryColumn() != pg_analysis.GEOM):
        return None
    return uri.connectionInfo(True), uri.schema() or "public", uri.table(), layer.name()


def postgis_sources(alg, parameters, names, context):
    """(connection info, schema, {parameter: (table, layer name)}) when every given source of
    ``names`` is a whole table of one PostGIS schema (and at least one is given); else None."""
    found = {}
    where = set()
    for name in names:
        if parameters.get(name) is None:
            continue
        source = postgis_source(alg, parameters, name, context)
        if source is None:
            return None
        dsn, schema, table, label = source
        where.add((dsn, schema))
        found[name] = (table, label)
    if len(where) != 1:
        return None
    dsn, schema = where.pop()
    return dsn, schema, found


def grid_change_impact(alg, parameters, context, feedback, id_field):
    """Run ``onegrid:grid_change_impact`` inside the database when its layers allow it.

    Returns (changes, staffing, record kinds, staff given) as the in-memory path computes
    them, or None (then the caller runs the in-memory path).
    """
    names = [alg.OLD_GRIDS, alg.NEW_GRIDS, alg.GRIDS, alg.STAFF] + list(alg.RECORDS)
    found = postgis_sources(alg, parameters, names, context)
    if found is None:
        return None
    dsn, schema, tables = found
    if alg.OLD_GRIDS in tables and alg.NEW_GRIDS in tables:
        old = (tables[alg.OLD_GRIDS][0], None)
        new = (tables[alg.NEW_GRIDS][0], None)
        labels = (tables[alg.OLD_GRIDS][1], tables[alg.NEW_GRIDS][1])
    elif alg.GRIDS in tables:
        start = alg._date(parameters.get(alg.DATE_FROM), alg.DATE_FROM)
        end = alg._date(parameters.get(alg.DATE_TO), alg.DATE_TO)
        old = (tables[alg.GRIDS][0], start)
        new = (tables[alg.GRIDS][0], end)
        labels = (tables[alg.GRIDS][1],) * 2
    else:
        return None
    records = {kind: tables[name][0] for name, kind in alg.RECORDS.items() if name in tables}
    staff = tables[alg.STAFF][0] if alg.STAFF in tables else None
    feedback.pushInfo(tr("The layers are tables of PostGIS workspace {schema}: the analysis "
                         "runs inside the database").format(schema=schema))
    conn = P.connect(dsn)
    try:
        changes, staffing = pg_analysis.grid_change_impact(
            conn, schema, old, new, id_field, records, staff=staff, layer_names=labels,
            progress=lambda f: feedback.setProgress(90 * f), is_canceled=feedback.isCanceled)
    finally:
        conn.close()
    return changes, staffing, list(records), staff is not None


def _text(alg, parameters, name, context):
    if parameters.get(name) is None:
        return None
    return alg.parameterAsString(parameters, name, context).strip() or None


def link_records(alg, parameters, context, feedback, kind):
    """Run ``onegrid:link_records`` inside the database when RECORDS, BUILDINGS, PARCELS and
    GRIDS are whole tables of one PostGIS workspace, the records have a ``geom`` column and
    SOURCE_SYSTEM is WGS84 (GCJ-02 / BD-09 conversion is Python). Returns the
    :class:`~onegrid.processing.analysis.linking.LinkResult` or None (in-memory path)."""
    found = postgis_sources(alg, parameters, ["RECORDS", "BUILDINGS", "PARCELS", "GRIDS"],
                            context)
    if found is None:
        return None
    dsn, schema, tables = found
    if not {"RECORDS", "BUILDINGS", "GRIDS"} <= set(tables):
        return None
    if parameters.get("SOURCE_SYSTEM") is not None and alg.enum_value(
            parameters, "SOURCE_SYSTEM") != "WGS84":
        return None
    conn = P.connect(dsn)
    try:
        columns = {name: pg_analysis.table_columns(conn, schema, table)
                   for name, (table, _) in tables.items()}
        if pg_analysis.GEOM not in columns["RECORDS"]:
            return None

        def field(name, layer, default):
            given = _text(alg, parameters, name, context)
            if given:
                return given
            return default if layer in columns and default in columns[layer] else None

        prefer = (alg.enum_value(parameters, "PREFER") if parameters.get("PREFER") is not None
                  else "coordinates")
        min_score = parameters.get("MIN_SCORE")
        feedback.pushInfo(tr("The layers are tables of PostGIS workspace {schema}: the "
                             "analysis runs inside the database").format(schema=schema))
        return pg_analysis.link_records(
            conn, schema, tables["RECORDS"][0], tables["BUILDINGS"][0],
            tables["PARCELS"][0] if "PARCELS" in tables else None, tables["GRIDS"][0],
            kind=kind, address_field=_text(alg, parameters, "ADDRESS_FIELD", context),
            building_address_field=_text(alg, parameters, "BUILDING_ADDRESS_FIELD", context)
            or "address",
            building_id=field("BUILDING_ID_FIELD", "BUILDINGS", "building_code"),
            parcel_id=field("PARCEL_ID_FIELD", "PARCELS", "parcel_code"),
            grid_id=field("GRID_ID_FIELD", "GRIDS", "grid_code"),
            community_field=field("COMMUNITY_FIELD", "GRIDS", "community_code"),
            max_distance=alg.parameterAsDouble(parameters, "MAX_DISTANCE", context),
            prefer=prefer,
            min_score=0.6 if min_score is None else alg.parameterAsDouble(
                parameters, "MIN_SCORE", context),
            progress=lambda f: feedback.setProgress(80 * f), is_canceled=feedback.isCanceled)
    finally:
        conn.close()


def score_database(database, schema, group_by, max_distance, targets, feedback):
    """``onegrid:data_quality`` on a PostGIS workspace (``database``: a QGIS connection name
    or a URI; ``schema``: the workspace schema): ``(Scorecard, {kind: LinkResult (info
    only)}, polygons)`` where polygons is the GeoDataFrame of the base grids (grid_code) or
    communities (code) to draw the scorecard with."""
    import pyogrio

    from .postgis_qgis import resolve_connection

    dsn = resolve_connection(database)
    schema = (schema or P.DEFAULT_SCHEMA).strip()
    conn = P.connect(dsn)
    try:
        feedback.pushInfo(tr("Scoring PostGIS workspace {schema} inside the database").format(
            schema=schema))
        card, links = pg_analysis.score_workspace(
            conn, schema, group_by, max_distance=max_distance,
            progress=lambda f: feedback.setProgress(85 * f), is_canceled=feedback.isCanceled,
            **targets)
        layer, field = (("base_grids", "grid_code") if group_by == "grid"
                        else ("communities", "code"))
        polygons = pyogrio.read_dataframe(P.dsn_for_ogr(conn), layer=f"{schema}.{layer}",
                                          columns=[field])
    finally:
        conn.close()
    return card, links, polygons
