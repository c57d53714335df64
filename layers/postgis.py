"""Multi-user workspaces in PostgreSQL/PostGIS, built from the same schema (psycopg2 + GDAL;
no qgis import).

A PostGIS workspace is one PostgreSQL schema (default ``onegrid``) holding every layer of
:mod:`onegrid.layers.schema` as a table: ``fid`` identity primary key, ``geom`` typed with the
workspace SRID and a GiST index, value maps as CHECK constraints, required fields NOT NULL,
defaults, and the Chinese / English aliases as column comments. Around the layers:

* ``schema_version``: as in a GeoPackage; :func:`upgrade_workspace` migrates;
* ``user_grids``: login name -> base grid codes (a grid worker's grids, a police officer's
  jurisdiction);
* ``audit_log``: every insert, update and delete of the governance layers (who =
  ``session_user``, when, old and new row as jsonb), written by a SECURITY DEFINER trigger,
  readable by ``onegrid_admin`` only; :func:`grid_history` and the ``audit_map`` view;
* optimistic locking: a BEFORE UPDATE trigger on every editable layer rejects an update whose
  ``row_version`` is not the row's current version (SQLSTATE ``OG409``, naming the table, the
  row and the last editor) and increments it, and stamps ``updated_by``/``updated_at``;
* security (:func:`install_security`): NOLOGIN group roles ``onegrid_admin``,
  ``onegrid_grid_office``, ``onegrid_grid_worker``, ``onegrid_police``, ``onegrid_planner``;
  table and column privileges; FORCE'd row-level security by grid; ``<layer>_masked`` views
  that mask ID numbers and phones exactly like :mod:`onegrid.processing.analysis.idcard`;
  ``grid_summary`` (aggregates per base grid, the planner's view of people and events).

Every identifier in generated SQL goes through :mod:`psycopg2.sql` (never string formatting),
every value is a bound parameter or :class:`psycopg2.sql.Literal`.

Other modules build on :func:`connect`, :func:`dsn_for_ogr`, :func:`open_pg_dataset`,
:data:`DEFAULT_SCHEMA`, :func:`table_of`, :func:`read_rows` and :func:`copy_gpkg_to_postgis`
(e.g. analyses that run as SQL inside the database); tests/postgis/conftest.py has the
fixtures (a throwaway server, a fresh schema, seeded rows, logins per role).
"""
import io
import json
import re
import struct

from osgeo import gdal, ogr
from psycopg2 import sql

from ..processing.analysis.errors import N_, OneGridError
from . import schema as S
from .workspace import DEFAULT_CRS, utc_now

gdal.UseExceptions()

DEFAULT_SCHEMA = "onegrid"
#: The five group roles (key -> database role name). Role names are cluster-wide, hence the
#: prefix; one set of roles serves every OneGrid schema of the cluster.
ROLES = {
    "admin": "onegrid_admin",
    "grid_office": "onegrid_grid_office",
    "grid_worker": "onegrid_grid_worker",
    "police": "onegrid_police",
    "planner": "onegrid_planner",
}
#: Roles that see and edit every row of every layer, personal fields included.
MANAGERS = ("admin", "grid_office")
#: SQLSTATE of a rejected stale save (optimistic locking).
CONFLICT_SQLSTATE = "OG409"
#: Tables of a PostGIS workspace that are not schema layers.
SYSTEM_TABLES = ("user_grids", "audit_log")
#: Views every PostGIS workspace has besides ``<layer>_masked``.
VIEWS = ("grid_summary", "audit_map")

_PG_TYPE = {"text": "text", "int": "bigint", "real": "double precision", "date": "date",
            "datetime": "timestamptz", "bool": "boolean"}
_URI_RE = re.compile(r"^(postgres(ql)?://|pg:)", re.I)
_KEYWORD_RE = re.compile(r"(^|\s)(dbname|host|service|hostaddr|port|user)\s*=", re.I)
_PASSWORD_RE = re.compile(r"(password\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)|(://[^:/@]*:)([^@]*)(@)",
                          re.I)


# --- Connections -----------------------------------------------------------------------------
def is_postgres_target(text):
    """Whether ``text`` names a PostgreSQL database (a ``postgresql://`` URI, ``PG:…`` or a
    libpq ``key=value`` string) rather than a file."""
    text = str(text or "").strip()
    return bool(_URI_RE.match(text) or _KEYWORD_RE.search(text))


def _strip_pg_prefix(dsn):
    dsn = str(dsn).strip()
    return dsn[3:] if dsn[:3].upper() == "PG:" else dsn


def describe(dsn):
    """``dsn`` with any password replaced by ``***`` (for messages and logs)."""
    def hide(match):
        if match.group(1):
            return match.group(1) + "***"
        return match.group(3) + "***" + match.group(5)
    return _PASSWORD_RE.sub(hide, _strip_pg_prefix(dsn))


def workspace_key(dsn, schema=DEFAULT_SCHEMA):
    """What names a PostGIS workspace in messages and marks its layer group in a project:
    the connection without its password, then `` schema=NAME``."""
    return f"{describe(dsn)} schema={schema}"


#: A workspace key's (or a typed database workspace's) trailing `` schema=NAME``.
_SCHEMA_SUFFIX = re.compile(r"^(?P<database>.*\S)\s+schema=(?P<schema>[A-Za-z_][A-Za-z0-9_]*)$")


def split_schema(text):
    """``(database, schema)`` of a text ending, like a workspace key, in `` schema=NAME``
    (schema None when it does not)."""
    text = str(text or "").strip()
    match = _SCHEMA_SUFFIX.match(text)
    return (match["database"], match["schema"]) if match else (text, None)


def connect(dsn, **kwargs):
    """A psycopg2 connection to ``dsn`` (URI or libpq string, optionally ``PG:``-prefixed),
    session time zone UTC. Raises :class:`OneGridError` naming the server (without password)."""
    import psycopg2

    try:
        conn = psycopg2.connect(_strip_pg_prefix(dsn), options="-c TimeZone=UTC", **kwargs)
    except psycopg2.Error as err:
        raise OneGridError(N_("Cannot connect to the PostgreSQL server {server}: {error}"),
                           server=describe(dsn), error=str(err).strip()) from err
    return conn


def dsn_for_ogr(conn):
    """A GDAL ``PG:`` connection string to the database of ``conn`` (session time zone UTC;
    open it with :func:`open_pg_dataset` to see one workspace schema)."""
    params = conn.get_dsn_parameters()
    parts = []
    for key in ("host", "port", "dbname", "user", "sslmode"):
        if params.get(key):
            parts.append(f"{key}={_quote_conninfo(params[key])}")
    password = getattr(conn.info, "password", None)
    if password:
        parts.append(f"password={_quote_conninfo(password)}")
    parts.append("options='-c TimeZone=UTC'")
    return f"PG:{' '.join(parts)}"


def _quote_conninfo(value):
    value = str(value)
    if value and not re.search(r"[\s'\\]", value):
        return value
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def role_name(key):
    """The database role of a OneGrid role key (``"planner"`` -> ``onegrid_planner``)."""
    try:
        return ROLES[key]
    except KeyError:
        raise OneGridError(N_("Unknown OneGrid role {role}; known: {known}"), role=key,
                           known=", ".join(ROLES)) from None


def table_of(schema, name):
    """``schema.name`` as a quoted :class:`psycopg2.sql.Identifier` of a workspace layer."""
    S.layer(name)  # KeyError naming the known layers for anything else
    return sql.Identifier(schema, name)


def srid_of(crs):
    """The EPSG code of ``crs`` (``"EPSG:4490"`` -> 4490)."""
    match = re.fullmatch(r"\s*EPSG:(\d+)\s*", str(crs), re.I)
    if not match:
        raise OneGridError(N_("A PostGIS workspace needs an EPSG coordinate reference system, "
                              "not {crs}"), crs=str(crs))
    return int(match.group(1))


# --- Schema ----------------------------------------------------------------------------------
def editable(spec):
    """Whether a layer is edited by people (carries row_version, updated_at/by)."""
    return "row_version" in spec.field_names


#: Edit stamps of a new row the inserting client leaves out (an update always sets them).
_STAMP_DEFAULTS = {"updated_by": "session_user", "updated_at": "now()"}


def _column_sql(spec, field):
    parts = [sql.Identifier(field.name), sql.SQL(_PG_TYPE[field.type])]
    if field.required or field.name == "row_version":
        parts.append(sql.SQL("NOT NULL"))
    if field.default is not None:
        value = bool(field.default) if field.type == "bool" else field.default
        parts += [sql.SQL("DEFAULT"), sql.Literal(value)]
    elif field.name in _STAMP_DEFAULTS:
        parts += [sql.SQL("DEFAULT"), sql.SQL(_STAMP_DEFAULTS[field.name])]
    if field.values:
        parts += [sql.SQL("CHECK ({} IN ({}))").format(
            sql.Identifier(field.name), sql.SQL(", ").join(sql.Literal(c) for c in field.codes))]
    return sql.SQL(" ").join(parts)


def _create_table(cur, schema, spec, srid):
    table = sql.Identifier(schema, spec.name)
    columns = [sql.SQL("fid bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY")]
    columns += [_column_sql(spec, f) for f in spec.fields]
    if spec.geometry:
        columns.append(sql.SQL("geom geometry({}, {})").format(
            sql.SQL(spec.geometry), sql.Literal(srid)))
    cur.execute(sql.SQL("CREATE TABLE {} ({})").format(table, sql.SQL(", ").join(columns)))
    _comment_layer(cur, schema, spec)
    if spec.geometry:
        cur.execute(sql.SQL("CREATE INDEX {} ON {} USING gist (geom)").format(
            sql.Identifier(f"{spec.name}_geom_idx"), table))
    if "grid_code" in spec.field_names:
        cur.execute(sql.SQL("CREATE INDEX {} ON {} (grid_code)").format(
            sql.Identifier(f"{spec.name}_grid_code_idx"), table))


def _comment_layer(cur, schema, spec):
    table = sql.Identifier(schema, spec.name)
    cur.execute(sql.SQL("COMMENT ON TABLE {} IS {}").format(
        table, sql.Literal(f"{spec.zh} / {spec.en}")))
    for f in spec.fields:
        cur.execute(sql.SQL("COMMENT ON COLUMN {} IS {}").format(
            sql.Identifier(schema, spec.name, f.name), sql.Literal(f"{f.zh} / {f.en}")))


def _add_column(cur, schema, spec, field):
    """Add a field an older workspace lacks; existing rows get the default."""
    cur.execute(sql.SQL("ALTER TABLE {} ADD COLUMN {}").format(
        sql.Identifier(schema, spec.name), _column_sql(spec, field)))
    cur.execute(sql.SQL("COMMENT ON COLUMN {} IS {}").format(
        sql.Identifier(schema, spec.name, field.name), sql.Literal(f"{field.zh} / {field.en}")))


def schema_exists(conn, schema=DEFAULT_SCHEMA):
    """Whether the database of ``conn`` has a schema called ``schema``."""
    with conn.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (schema,))
        return cur.fetchone() is not None


def _tables(cur, schema):
    cur.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = %s",
                (schema,))
    return {row[0] for row in cur.fetchall()}


def create_workspace(conn, schema=DEFAULT_SCHEMA, crs=DEFAULT_CRS, overwrite=False):
    """Build an empty workspace in schema ``schema`` of the database of ``conn``.

    One transaction: the postgis extension if missing, the schema, every layer, the system
    tables, triggers, the roles, privileges, row-level security and views.
    An existing schema is refused unless ``overwrite`` (then it is dropped with everything in
    it). Returns the schema name.
    """
    srid = srid_of(crs)
    _check_schema_name(schema)
    try:
        with conn:
            with conn.cursor() as cur:
                if not _has_postgis(cur):
                    cur.execute("CREATE EXTENSION postgis")
                cur.execute("SELECT 1 FROM spatial_ref_sys WHERE srid = %s", (srid,))
                if cur.fetchone() is None:
                    raise OneGridError(N_("Unknown coordinate reference system {crs}"),
                                       crs=str(crs))
                if schema_exists(conn, schema):
                    if not overwrite:
                        raise OneGridError(N_("Schema {schema} already exists in the database; "
                                              "choose another schema or allow overwriting"),
                                           schema=schema)
                    cur.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))
                cur.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
                cur.execute(sql.SQL("COMMENT ON SCHEMA {} IS {}").format(
                    sql.Identifier(schema), sql.Literal(f"OneGrid workspace (EPSG:{srid})")))
                for spec in S.LAYERS:
                    _create_table(cur, schema, spec, srid)
                _create_system_tables(cur, schema)
                _install_functions(cur, schema, srid)
                _install_triggers(cur, schema)
                _write_version(cur, schema, S.SCHEMA_VERSION, "created")
                install_roles(cur)
                install_security(cur, schema)
    except Exception as err:
        _raise_pg(err)
    return schema


def _has_postgis(cur):
    cur.execute("SELECT 1 FROM pg_extension WHERE extname = 'postgis'")
    return cur.fetchone() is not None


def _check_schema_name(schema):
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", str(schema or "")):
        raise OneGridError(N_("A workspace schema name is lowercase ASCII letters, digits and "
                              "underscores, not {schema}"), schema=str(schema))


def _raise_pg(err):
    """Re-raise psycopg2 errors as OneGridError (other exceptions unchanged)."""
    import psycopg2

    if isinstance(err, psycopg2.Error):
        raise OneGridError(N_("The PostgreSQL server refused: {error}"),
                           error=(err.pgerror or str(err)).strip()) from err
    raise err


def _create_system_tables(cur, schema):
    cur.execute(sql.SQL(
        "CREATE TABLE {} (username text NOT NULL, grid_code text NOT NULL, "
        "PRIMARY KEY (username, grid_code))").format(sql.Identifier(schema, "user_grids")))
    cur.execute(sql.SQL("COMMENT ON TABLE {} IS {}").format(
        sql.Identifier(schema, "user_grids"),
        sql.Literal("用户负责的网格（网格员的网格、民警的辖区）/ Grids of each database user "
                    "(a grid worker's grids, a police officer's jurisdiction)")))
    cur.execute(sql.SQL(
        "CREATE TABLE {} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
        "table_name text NOT NULL, fid bigint, op text NOT NULL, "
        "who text NOT NULL DEFAULT session_user, at timestamptz NOT NULL DEFAULT now(), "
        "grid_code text, old_row jsonb, new_row jsonb)").format(
            sql.Identifier(schema, "audit_log")))
    cur.execute(sql.SQL("CREATE INDEX {} ON {} (grid_code, at)").format(
        sql.Identifier("audit_log_grid_idx"), sql.Identifier(schema, "audit_log")))
    cur.execute(sql.SQL("CREATE INDEX {} ON {} (table_name, fid, at)").format(
        sql.Identifier("audit_log_row_idx"), sql.Identifier(schema, "audit_log")))
    cur.execute(sql.SQL("COMMENT ON TABLE {} IS {}").format(
        sql.Identifier(schema, "audit_log"),
        sql.Literal("审计日志（谁、何时、修改前后）/ Audit trail: who, when, old and new row")))


def _install_functions(cur, schema, srid):
    s = sql.Identifier(schema)
    # Masking exactly as processing/analysis/idcard.py: normalise, then keep head and tail.
    cur.execute(sql.SQL("""
CREATE OR REPLACE FUNCTION {s}.mask_id(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$
  SELECT CASE WHEN value IS NULL THEN NULL
              WHEN length(t) <= 10 THEN repeat('*', length(t))
              ELSE left(t, 6) || repeat('*', length(t) - 10) || right(t, 4) END
  FROM (SELECT translate(replace(btrim(translate(value, '\u3000０１２３４５６７８９ｘＸ',
                                                   ' 0123456789xX'),
                                         E' \\t\\n\\r\\u000b\\u000c'), ' ', ''),
                         'x', 'X') AS t) n
$f$""").format(s=s))
    cur.execute(sql.SQL("""
CREATE OR REPLACE FUNCTION {s}.mask_phone(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$
  SELECT CASE WHEN value IS NULL THEN NULL
              WHEN length(t) <= 7 THEN repeat('*', length(t))
              ELSE left(t, 3) || repeat('*', length(t) - 7) || right(t, 4) END
  FROM (SELECT CASE WHEN d LIKE '0086%' AND length(d) = 15 THEN substr(d, 5)
                    WHEN d LIKE '86%' AND length(d) = 13 THEN substr(d, 3)
                    ELSE d END AS t
        FROM (SELECT regexp_replace(translate(value, '０１２３４５６７８９', '0123456789'),
                                    '[^0-9]', '', 'g') AS d) digits) n
$f$""").format(s=s))
    # Optimistic locking and edit stamps (runs as the editing user).
    cur.execute(sql.SQL("""
CREATE OR REPLACE FUNCTION {s}.tg_row_version() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $f$
DECLARE
  label text := to_jsonb(OLD) ->> TG_ARGV[0];
BEGIN
  IF TG_OP = 'INSERT' THEN
    -- Inserted stamps are kept as given (a copied row keeps its history); the column
    -- defaults fill them when left out. The audit trail records who really inserted.
    NEW.row_version := coalesce(NEW.row_version, 1);
    RETURN NEW;
  END IF;
  IF NEW.row_version IS DISTINCT FROM OLD.row_version THEN
    RAISE EXCEPTION USING ERRCODE = 'OG409',
      MESSAGE = format('Row %s (%s) of %s was changed by %s at %s after you read it '
                       '(you saved version %s, it is now version %s); reload it and edit again',
                       OLD.fid, coalesce(label, '-'), TG_TABLE_NAME,
                       coalesce(OLD.updated_by, '?'),
                       coalesce(to_char(OLD.updated_at AT TIME ZONE 'UTC',
                                        'YYYY-MM-DD"T"HH24:MI:SS"Z"'), '?'),
                       coalesce(NEW.row_version::text, 'none'), OLD.row_version),
      DETAIL = json_build_object('table', TG_TABLE_NAME, 'fid', OLD.fid, 'label', label,
                                 'editor', OLD.updated_by, 'at', OLD.updated_at,
                                 'saved', NEW.row_version, 'current', OLD.row_version)::text;
  END IF;
  NEW.row_version := OLD.row_version + 1;
  NEW.updated_by := session_user;
  NEW.updated_at := now();
  RETURN NEW;
END
$f$""").format(s=s))
    # Audit: SECURITY DEFINER so that editors need no right on audit_log; search_path pinned.
    cur.execute(sql.SQL("""
CREATE OR REPLACE FUNCTION {s}.tg_audit() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $f$
DECLARE
  old_row jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
  new_row jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
BEGIN
  INSERT INTO {audit} (table_name, fid, op, who, at, grid_code, old_row, new_row)
  VALUES (TG_TABLE_NAME, (coalesce(new_row, old_row) ->> 'fid')::bigint, TG_OP, session_user, now(),
          coalesce(new_row ->> 'grid_code', old_row ->> 'grid_code'), old_row, new_row);
  RETURN NULL;
END
$f$""").format(s=s, audit=sql.Identifier(schema, "audit_log")))
    cur.execute(sql.SQL("REVOKE ALL ON FUNCTION {s}.tg_audit() FROM PUBLIC").format(s=s))
    # A grid's history (admin: needs SELECT on audit_log, checked as the caller).
    cur.execute(sql.SQL("""
CREATE OR REPLACE FUNCTION {s}.grid_history(code text)
RETURNS TABLE (at timestamptz, who text, table_name text, fid bigint, op text,
               old_row jsonb, new_row jsonb)
LANGUAGE sql STABLE AS $f$
  SELECT a.at, a.who, a.table_name, a.fid, a.op, a.old_row, a.new_row
  FROM {audit} a
  WHERE a.grid_code = code
     OR a.old_row ->> 'grid_code' = code OR a.new_row ->> 'grid_code' = code
  ORDER BY a.at, a.id
$f$""").format(s=s, audit=sql.Identifier(schema, "audit_log")))
    # The audit trail on the map: each change as a point on the row's (new, else old)
    # geometry (one geometry type, so that QGIS draws every layer's changes in one layer).
    cur.execute(sql.SQL("DROP VIEW IF EXISTS {}").format(sql.Identifier(schema, "audit_map")))
    cur.execute(sql.SQL("""
CREATE VIEW {view} AS
SELECT a.id, a.table_name, a.fid, a.op, a.who, a.at, a.grid_code,
       CASE WHEN jsonb_typeof(coalesce(a.new_row, a.old_row) -> 'geom') = 'object'
            THEN ST_PointOnSurface(ST_SetSRID(ST_GeomFromGeoJSON(
                     coalesce(a.new_row, a.old_row) -> 'geom'), {srid}))
            END::geometry(Point, {srid}) AS geom,
       a.old_row, a.new_row
FROM {audit} a""").format(view=sql.Identifier(schema, "audit_map"), srid=sql.Literal(srid),
                         audit=sql.Identifier(schema, "audit_log")))


def _install_triggers(cur, schema):
    for spec in S.LAYERS:
        if spec.name in ("schema_version", "rejected_rows"):
            continue
        table = sql.Identifier(schema, spec.name)
        cur.execute(sql.SQL("DROP TRIGGER IF EXISTS onegrid_audit ON {}").format(table))
        cur.execute(sql.SQL(
            "CREATE TRIGGER onegrid_audit AFTER INSERT OR UPDATE OR DELETE ON {} "
            "FOR EACH ROW EXECUTE FUNCTION {}()").format(
                table, sql.Identifier(schema, "tg_audit")))
        if editable(spec):
            label = spec.label_field or (spec.required_fields or ("fid",))[0]
            cur.execute(sql.SQL("DROP TRIGGER IF EXISTS onegrid_row_version ON {}").format(
                table))
            cur.execute(sql.SQL(
                "CREATE TRIGGER onegrid_row_version BEFORE INSERT OR UPDATE ON {} "
                "FOR EACH ROW EXECUTE FUNCTION {}({})").format(
                    table, sql.Identifier(schema, "tg_row_version"), sql.Literal(label)))


def _write_version(cur, schema, version, note):
    cur.execute(sql.SQL("INSERT INTO {} (version, applied_at, note) VALUES (%s, %s, %s)").format(
        sql.Identifier(schema, "schema_version")), (int(version), utc_now(), note))


def schema_version(conn, schema=DEFAULT_SCHEMA):
    """The schema version of a PostGIS workspace (0 when it has no version table)."""
    with conn.cursor() as cur:
        if "schema_version" not in _tables(cur, schema):
            conn.rollback()
            return 0
        cur.execute(sql.SQL("SELECT max(version) FROM {}").format(
            sql.Identifier(schema, "schema_version")))
        value = cur.fetchone()[0]
    conn.rollback()
    return int(value or 0)


def workspace_srid(conn, schema=DEFAULT_SCHEMA):
    """The SRID of the workspace's geometry columns."""
    with conn.cursor() as cur:
        cur.execute("SELECT srid FROM geometry_columns WHERE f_table_schema = %s AND srid > 0 "
                    "ORDER BY f_table_name LIMIT 1", (schema,))
        row = cur.fetchone()
    conn.rollback()
    if row is None:
        raise OneGridError(N_("Schema {schema} is not a OneGrid workspace"), schema=schema)
    return int(row[0])


def layer_counts(conn, schema=DEFAULT_SCHEMA):
    """Rows per schema layer present in the workspace (as the connecting user sees them)."""
    counts = {}
    with conn.cursor() as cur:
        have = _tables(cur, schema)
        for spec in S.LAYERS:
            if spec.name in have:
                cur.execute(sql.SQL("SELECT count(*) FROM {}").format(
                    sql.Identifier(schema, spec.name)))
                counts[spec.name] = cur.fetchone()[0]
    conn.rollback()
    return counts


# --- Migrations ------------------------------------------------------------------------------
#: version upgraded from -> function(cursor, schema) for non-additive PostGIS steps.
PG_STEPS = {}


def upgrade_workspace(conn, schema=DEFAULT_SCHEMA):
    """Bring a PostGIS workspace to :data:`schema.SCHEMA_VERSION`, in one transaction.

    Missing layers and fields are added (existing rows get the defaults; ``row_version`` 1),
    comments, functions, triggers, privileges and policies are (re)installed. Returns
    ``(old_version, new_version, changes)``; a current workspace is left untouched.
    """
    old = schema_version(conn, schema)
    if old == 0:
        raise OneGridError(N_("Schema {schema} is not a OneGrid workspace"), schema=schema)
    if old > S.SCHEMA_VERSION:
        raise OneGridError(N_("Workspace {path} has schema version {found}, newer than this "
                              "OneGrid ({supported}); update the plugin"),
                           path=schema, found=old, supported=S.SCHEMA_VERSION)
    if old == S.SCHEMA_VERSION and not missing_parts(conn, schema):
        return old, old, []
    srid = workspace_srid(conn, schema)
    changes = []
    try:
        with conn:
            with conn.cursor() as cur:
                for version in range(old, S.SCHEMA_VERSION):
                    step = PG_STEPS.get(version)
                    if step is not None:
                        changes += step(cur, schema)
                have = _tables(cur, schema)
                for spec in S.LAYERS:
                    if spec.name not in have:
                        _create_table(cur, schema, spec, srid)
                        changes.append(spec.name)
                        continue
                    cur.execute("SELECT column_name FROM information_schema.columns "
                                "WHERE table_schema = %s AND table_name = %s",
                                (schema, spec.name))
                    columns = {row[0] for row in cur.fetchall()}
                    for field in spec.fields:
                        if field.name not in columns:
                            _add_column(cur, schema, spec, field)
                            changes.append(f"{spec.name}.{field.name}")
                for name in SYSTEM_TABLES:
                    if name not in have:
                        raise OneGridError(N_("Schema {schema} is not a OneGrid workspace"),
                                           schema=schema)
                _install_functions(cur, schema, srid)
                _install_triggers(cur, schema)
                install_roles(cur)
                install_security(cur, schema)
                if old != S.SCHEMA_VERSION:
                    _write_version(cur, schema, S.SCHEMA_VERSION,
                                   f"upgraded from {old}: " + ", ".join(changes))
    except Exception as err:
        _raise_pg(err)
    return old, S.SCHEMA_VERSION, changes


def missing_parts(conn, schema=DEFAULT_SCHEMA):
    """Layers and fields of the current schema a PostGIS workspace lacks."""
    missing = []
    with conn.cursor() as cur:
        cur.execute("SELECT table_name, column_name FROM information_schema.columns "
                    "WHERE table_schema = %s", (schema,))
        columns = {}
        for table, column in cur.fetchall():
            columns.setdefault(table, set()).add(column)
    conn.rollback()
    for spec in S.LAYERS:
        if spec.name not in columns:
            missing.append(spec.name)
        else:
            missing += [f"{spec.name}.{f}" for f in spec.field_names
                        if f not in columns[spec.name]]
    return missing


# --- Roles and row-level security ------------------------------------------------------------
#: Reference layers everybody may read (the map's background).
_REFERENCE = ("communities", "parcels", "base_grids", "professional_grids", "buildings",
              "roads", "facilities")
#: role key -> ((layer, commands, scope), ...). scope: "all" rows, "grid" (grid_code among the
#: user's grids), "area" (geometry inside the user's base grids), "event" (an event the user
#: can read). Managers (admin, grid_office) have everything and are not listed.
ACCESS = {
    "grid_worker": (
        *((name, "SELECT", "all") for name in _REFERENCE),
        ("buildings", "UPDATE", "grid"),
        ("people", "SELECT INSERT UPDATE DELETE", "grid"),
        ("households", "SELECT INSERT UPDATE DELETE", "grid"),
        ("events", "SELECT INSERT UPDATE", "grid"),
        ("things", "SELECT INSERT UPDATE", "grid"),
        ("organizations", "SELECT INSERT UPDATE", "grid"),
        ("grid_staff", "SELECT", "grid"),
        ("cameras", "SELECT", "grid"),
        ("patrol_points", "SELECT INSERT", "area"),
        ("event_history", "SELECT INSERT", "event"),
        ("schema_version", "SELECT", "all"),
    ),
    "police": (
        *((name, "SELECT", "all") for name in _REFERENCE),
        ("events", "SELECT INSERT UPDATE", "grid"),
        ("cameras", "SELECT INSERT UPDATE", "grid"),
        ("patrol_points", "SELECT", "area"),
        ("event_history", "SELECT INSERT", "event"),
        ("people", "SELECT", "grid"),  # non-personal columns only: see _PARTIAL_COLUMNS
        ("schema_version", "SELECT", "all"),
    ),
    "planner": (
        *((name, "SELECT", "all") for name in _REFERENCE),
        ("facilities", "INSERT UPDATE DELETE", "all"),
        ("things", "SELECT", "all"),
        ("schema_version", "SELECT", "all"),
    ),
}
#: (role key, layer) whose SELECT is granted on the non-personal columns only.
_PARTIAL_COLUMNS = {("police", "people")}
#: Masked views: which roles read them (managers read them too).
MASKED_READERS = ("grid_worker", "police")


def masked_layers():
    """Layers with personal fields; each has a ``<layer>_masked`` view."""
    return tuple(spec for spec in S.LAYERS if any(f.personal for f in spec.fields))


def install_roles(cur):
    """Create the five NOLOGIN group roles if missing (needs CREATEROLE), and make a
    non-superuser creator a member of onegrid_admin (it owns the tables but, with FORCE'd
    row-level security, reads rows through the admin policies)."""
    for key, role in ROLES.items():
        cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,))
        if cur.fetchone() is None:
            cur.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(role)))
            cur.execute(sql.SQL("COMMENT ON ROLE {} IS {}").format(
                sql.Identifier(role), sql.Literal(f"OneGrid {key}")))
    cur.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
    if not cur.fetchone()[0]:
        cur.execute(sql.SQL("GRANT {} TO CURRENT_USER").format(sql.Identifier(ROLES["admin"])))


def _scope_sql(schema, layer, scope):
    mine = sql.SQL("(SELECT ug.grid_code FROM {} ug WHERE ug.username = current_user)").format(
        sql.Identifier(schema, "user_grids"))
    if scope == "all":
        return sql.SQL("true")
    if scope == "grid":
        return sql.SQL("{} IN {}").format(sql.Identifier(layer, "grid_code"), mine)
    if scope == "area":
        return sql.SQL("EXISTS (SELECT 1 FROM {} g WHERE g.grid_code IN {} "
                       "AND ST_Intersects(g.geom, {}))").format(
            sql.Identifier(schema, "base_grids"), mine, sql.Identifier(layer, "geom"))
    if scope == "event":
        return sql.SQL("{} IN (SELECT e.event_code FROM {} e)").format(
            sql.Identifier(layer, "event_code"), sql.Identifier(schema, "events"))
    raise ValueError(scope)


def install_security(cur, schema=DEFAULT_SCHEMA):
    """Privileges, FORCE'd row-level security policies and masked views of a workspace.

    Idempotent: earlier OneGrid policies are dropped first. Run by the workspace's owner.
    """
    s = sql.Identifier(schema)
    all_roles = sql.SQL(", ").join(sql.Identifier(r) for r in ROLES.values())
    managers = sql.SQL(", ").join(sql.Identifier(ROLES[k]) for k in MANAGERS)
    cur.execute(sql.SQL("REVOKE ALL ON SCHEMA {} FROM PUBLIC").format(s))
    cur.execute(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(s, all_roles))
    cur.execute(sql.SQL("REVOKE ALL ON ALL TABLES IN SCHEMA {} FROM PUBLIC, {}").format(
        s, all_roles))
    cur.execute(sql.SQL("REVOKE ALL ON ALL FUNCTIONS IN SCHEMA {} FROM PUBLIC").format(s))
    for name in ("mask_id(text)", "mask_phone(text)", "grid_history(text)"):
        cur.execute(sql.SQL("GRANT EXECUTE ON FUNCTION {}.{} TO {}").format(
            s, sql.SQL(name), all_roles))
    # Every layer: managers do everything; RLS forced, also on the owner.
    for spec in S.LAYERS:
        table = sql.Identifier(schema, spec.name)
        cur.execute(sql.SQL("ALTER TABLE {} ENABLE ROW LEVEL SECURITY").format(table))
        cur.execute(sql.SQL("ALTER TABLE {} FORCE ROW LEVEL SECURITY").format(table))
        cur.execute("SELECT policyname FROM pg_policies WHERE schemaname = %s "
                    "AND tablename = %s AND policyname LIKE 'onegrid%%'", (schema, spec.name))
        for (policy,) in cur.fetchall():
            cur.execute(sql.SQL("DROP POLICY {} ON {}").format(sql.Identifier(policy), table))
        cur.execute(sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON {} TO {}").format(
            table, managers))
        cur.execute(sql.SQL("CREATE POLICY onegrid_managers ON {} TO {} USING (true) "
                            "WITH CHECK (true)").format(table, managers))
    for key, rules in ACCESS.items():
        role = sql.Identifier(ROLES[key])
        for layer, commands, scope in rules:
            table = sql.Identifier(schema, layer)
            condition = _scope_sql(schema, layer, scope)
            for command in commands.split():
                spec = S.layer(layer)
                if command == "SELECT" and (key, layer) in _PARTIAL_COLUMNS:
                    columns = [f.name for f in spec.fields if not f.personal] + ["fid"]
                    if spec.geometry:
                        columns.append("geom")
                    cur.execute(sql.SQL("GRANT SELECT ({}) ON {} TO {}").format(
                        sql.SQL(", ").join(sql.Identifier(c) for c in columns), table, role))
                else:
                    cur.execute(sql.SQL("GRANT {} ON {} TO {}").format(
                        sql.SQL(command), table, role))
                policy = sql.Identifier(f"onegrid_{key}_{command.lower()}")
                if command == "INSERT":
                    clause = sql.SQL("WITH CHECK ({})").format(condition)
                elif command == "UPDATE":
                    clause = sql.SQL("USING ({0}) WITH CHECK ({0})").format(condition)
                else:
                    clause = sql.SQL("USING ({})").format(condition)
                cur.execute(sql.SQL("CREATE POLICY {} ON {} FOR {} TO {} {}").format(
                    policy, table, sql.SQL(command), role, clause))
    # user_grids: admin maintains it; everybody reads their own rows.
    table = sql.Identifier(schema, "user_grids")
    cur.execute(sql.SQL("ALTER TABLE {} ENABLE ROW LEVEL SECURITY").format(table))
    cur.execute(sql.SQL("ALTER TABLE {} FORCE ROW LEVEL SECURITY").format(table))
    for policy in ("onegrid_admin", "onegrid_own"):
        cur.execute(sql.SQL("DROP POLICY IF EXISTS {} ON {}").format(
            sql.Identifier(policy), table))
    cur.execute(sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON {} TO {}").format(
        table, sql.Identifier(ROLES["admin"])))
    cur.execute(sql.SQL("GRANT SELECT ON {} TO {}").format(table, all_roles))
    cur.execute(sql.SQL("CREATE POLICY onegrid_admin ON {} TO {} USING (true) "
                        "WITH CHECK (true)").format(table, sql.Identifier(ROLES["admin"])))
    cur.execute(sql.SQL("CREATE POLICY onegrid_own ON {} FOR SELECT USING "
                        "(username = current_user)").format(table))
    # audit_log: only admin reads; nobody writes but the trigger (its owner).
    audit = sql.Identifier(schema, "audit_log")
    cur.execute(sql.SQL("GRANT SELECT ON {}, {} TO {}").format(
        audit, sql.Identifier(schema, "audit_map"), sql.Identifier(ROLES["admin"])))
    _install_views(cur, schema)


def _install_views(cur, schema):
    """``<layer>_masked`` views and ``grid_summary`` (see the module docstring)."""
    readers = sql.SQL(", ").join(sql.Identifier(ROLES[k]) for k in MANAGERS + MASKED_READERS)
    mine = sql.SQL("(SELECT ug.grid_code FROM {} ug WHERE ug.username = current_user)").format(
        sql.Identifier(schema, "user_grids"))
    managers = sql.SQL(" OR ").join(
        sql.SQL("pg_has_role(current_user, {}, 'MEMBER')").format(sql.Literal(ROLES[k]))
        for k in MANAGERS)
    for spec in masked_layers():
        columns = [sql.Identifier("fid")]
        for f in spec.fields:
            if f.personal:
                mask = "mask_id" if f.name == "id_number" else "mask_phone"
                columns.append(sql.SQL("{}({}) AS {}").format(
                    sql.Identifier(schema, mask), sql.Identifier("t", f.name),
                    sql.Identifier(f.name)))
            else:
                columns.append(sql.Identifier("t", f.name))
        if spec.geometry:
            columns.append(sql.Identifier("t", "geom"))
        view = sql.Identifier(schema, f"{spec.name}_masked")
        # The view reads the table as its owner; rows are filtered here by the caller
        # (current_user stays the caller inside a view).
        cur.execute(sql.SQL("DROP VIEW IF EXISTS {}").format(view))
        cur.execute(sql.SQL(
            "CREATE VIEW {} WITH (security_barrier) AS SELECT {} FROM {} t "
            "WHERE {} OR t.grid_code IN {}").format(
                view, sql.SQL(", ").join(columns), sql.Identifier(schema, spec.name),
                managers, mine))
        cur.execute(sql.SQL("COMMENT ON VIEW {} IS {}").format(view, sql.Literal(
            f"{spec.zh}（脱敏）/ {spec.en} (masked)")))
        cur.execute(sql.SQL("GRANT SELECT ON {} TO {}").format(view, readers))
    # Aggregates per base grid, over all rows whoever asks (a SECURITY DEFINER function).
    fn = sql.Identifier(schema, "grid_summary_rows")
    s = lambda name: sql.Identifier(schema, name)  # noqa: E731
    cur.execute(sql.SQL("DROP VIEW IF EXISTS {}").format(s("grid_summary")))
    cur.execute(sql.SQL("""
CREATE OR REPLACE FUNCTION {fn}()
RETURNS TABLE (fid bigint, grid_code text, name text, community_code text,
               households bigint, people bigint, floating_people bigint, events bigint,
               open_events bigint, things_damaged bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $f$
  SELECT g.fid, g.grid_code, g.name, g.community_code,
         (SELECT count(*) FROM {households} h WHERE h.grid_code = g.grid_code),
         (SELECT count(*) FROM {people} p WHERE p.grid_code = g.grid_code),
         (SELECT count(*) FROM {people} p WHERE p.grid_code = g.grid_code
                                           AND p.residence_type = 'floating'),
         (SELECT count(*) FROM {events} e WHERE e.grid_code = g.grid_code),
         (SELECT count(*) FROM {events} e WHERE e.grid_code = g.grid_code
                                           AND e.status <> 'closed'),
         (SELECT count(*) FROM {things} t WHERE t.grid_code = g.grid_code
                                           AND t.status <> 'normal')
  FROM {grids} g
$f$""").format(fn=fn, households=s("households"), people=s("people"), events=s("events"),
               things=s("things"), grids=s("base_grids")))
    cur.execute(sql.SQL("REVOKE ALL ON FUNCTION {}() FROM PUBLIC").format(fn))
    all_roles = sql.SQL(", ").join(sql.Identifier(r) for r in ROLES.values())
    cur.execute(sql.SQL("GRANT EXECUTE ON FUNCTION {}() TO {}").format(fn, all_roles))
    cur.execute(sql.SQL(
        "CREATE VIEW {} AS SELECT r.*, g.geom FROM {}() r JOIN {} g ON g.fid = r.fid").format(
            s("grid_summary"), fn, s("base_grids")))
    cur.execute(sql.SQL("COMMENT ON VIEW {} IS {}").format(s("grid_summary"), sql.Literal(
        "网格汇总（户数、人数、事件数）/ Per-grid totals of households, people and events")))
    cur.execute(sql.SQL("GRANT SELECT ON {} TO {}").format(s("grid_summary"), all_roles))


def create_user(conn, login, role, grids=(), password=None, schema=DEFAULT_SCHEMA):
    """Create a LOGIN user in OneGrid role ``role`` with the base grids ``grids`` (a grid
    worker's grids, a police officer's jurisdiction); an existing login is reused."""
    group = role_name(role)
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.@-]{0,62}", str(login)):
        raise OneGridError(N_("A database user name is ASCII letters, digits, _ . @ -, "
                              "not {login}"), login=str(login))
    try:
        with conn:
            with conn.cursor() as cur:
                cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (login,))
                if cur.fetchone() is None:
                    cur.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD %s").format(
                        sql.Identifier(login)), (password,))
                cur.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(group),
                                                              sql.Identifier(login)))
                for code in grids:
                    cur.execute(sql.SQL("INSERT INTO {} (username, grid_code) VALUES (%s, %s) "
                                        "ON CONFLICT DO NOTHING").format(
                        sql.Identifier(schema, "user_grids")), (login, str(code)))
    except Exception as err:
        _raise_pg(err)
    return login


# --- Reading and saving rows -----------------------------------------------------------------
def read_rows(conn, layer, columns=None, where=None, params=(), schema=DEFAULT_SCHEMA):
    """Rows of ``layer`` as dicts (``fid`` first), as the connected user may see them.

    ``columns`` are checked against the schema; ``where`` is a :class:`psycopg2.sql.Composable`
    (never a string) with ``%s`` placeholders for ``params``.
    """
    spec = S.layer(layer)
    names = ["fid"] + list(columns or spec.field_names)
    for name in names[1:]:
        if name != "geom":
            spec.field(name)  # KeyError for anything not in the schema
    query = sql.SQL("SELECT {} FROM {}").format(
        sql.SQL(", ").join(sql.Identifier(n) for n in names), table_of(schema, layer))
    if where is not None:
        if isinstance(where, str):
            raise TypeError("where must be a psycopg2.sql.Composable, not a string")
        query = sql.SQL("{} WHERE {}").format(query, where)
    with conn.cursor() as cur:
        cur.execute(query + sql.SQL(" ORDER BY fid"), params)
        return [dict(zip(names, row)) for row in cur.fetchall()]


class EditConflict(OneGridError):
    """A save lost the optimistic-locking race: someone changed the row since it was read."""


def save_row(conn, layer, fid, values, read_version, schema=DEFAULT_SCHEMA):
    """Update row ``fid`` of ``layer`` with ``values`` (field -> value), stating the
    ``row_version`` it was read with. Commits; returns the new version.

    Raises :class:`EditConflict` (message naming the layer, the row and the other editor)
    when the row changed since it was read, :class:`OneGridError` when the row is not there
    (or not visible to the user) or the server refuses.
    """
    import psycopg2

    spec = S.layer(layer)
    for name in values:
        spec.field(name)
    assignments = [sql.SQL("{} = %s").format(sql.Identifier(k)) for k in values]
    assignments.append(sql.SQL("row_version = %s"))
    query = sql.SQL("UPDATE {} SET {} WHERE fid = %s RETURNING row_version").format(
        table_of(schema, layer), sql.SQL(", ").join(assignments))
    try:
        with conn:
            with conn.cursor() as cur:
                cur.execute(query, list(values.values()) + [read_version, fid])
                row = cur.fetchone()
    except psycopg2.Error as err:
        if err.pgcode == CONFLICT_SQLSTATE:
            detail = json.loads(err.diag.message_detail or "{}")
            raise EditConflict(
                N_("Row {row} ({label}) of layer {layer} was changed by {editor} at {at} "
                   "after you read it; reload it and edit again"),
                row=detail.get("fid", fid), label=detail.get("label") or "-", layer=layer,
                editor=detail.get("editor") or "?", at=detail.get("at") or "?") from err
        _raise_pg(err)
    if row is None:
        raise OneGridError(N_("Layer {layer} has no row {row} that you may edit"),
                           layer=layer, row=fid)
    return row[0]


# --- Copying between GeoPackage and PostGIS ----------------------------------------------------
def _copy_layer(src_ds, dst_ds, name):
    gdal.VectorTranslate(dst_ds, src_ds, options=gdal.VectorTranslateOptions(
        options=["-append", "-preserve_fid", "-gt", "65536", "-nln", name, name]))


def open_pg_dataset(conn, schema=DEFAULT_SCHEMA, update=False):
    """The PostGIS workspace as a GDAL dataset (only ``schema``'s tables)."""
    dsn = dsn_for_ogr(conn)
    return gdal.OpenEx(dsn, gdal.OF_VECTOR | (gdal.OF_UPDATE if update else 0),
                       allowed_drivers=["PostgreSQL"],
                       open_options=[f"SCHEMAS={schema}", f"ACTIVE_SCHEMA={schema}",
                                     "LIST_ALL_TABLES=NO"])


def copy_gpkg_to_postgis(gpkg_path, conn, schema=DEFAULT_SCHEMA, overwrite=False,
                         progress=None):
    """Copy every layer of a GeoPackage workspace into a new PostGIS workspace, row for row
    (same fids, the same values to the last bit of every real, the same geometries).

    Rows go in with COPY, in one transaction with the new schema. Returns ``{layer: (rows in
    the GeoPackage, rows in PostGIS)}``; raises :class:`OneGridError` if any count differs.
    """
    from .workspace import open_dataset, schema_version as gpkg_version, workspace_crs

    version = gpkg_version(gpkg_path)
    if version != S.SCHEMA_VERSION:
        raise OneGridError(N_("Workspace {path} has schema version {found}; upgrade it with "
                              "onegrid:migrate_workspace before copying"),
                           path=str(gpkg_path), found=version)
    crs = workspace_crs(gpkg_path)
    create_workspace(conn, schema, crs=crs, overwrite=overwrite)
    srid = srid_of(crs)
    src = open_dataset(gpkg_path)
    names = [spec.name for spec in S.LAYERS if spec.name != "schema_version"]
    counts = {}
    try:
        with conn:
            with conn.cursor() as cur:
                for i, name in enumerate(names):
                    layer = src.GetLayerByName(name)
                    counts[name] = (layer.GetFeatureCount(),
                                    _copy_into_postgis(cur, schema, S.layer(name), layer, srid))
                    if progress is not None:
                        progress((i + 1) / len(names))
    except Exception as err:
        _raise_pg(err)
    finally:
        src = None
    _reset_identities(conn, schema)
    pg = layer_counts(conn, schema)
    counts = {name: (before, pg.get(name)) for name, (before, _sent) in counts.items()}
    _check_counts(counts, gpkg_path, schema)
    return counts


#: Rows sent per COPY statement.
_COPY_BATCH = 20000
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_EWKB_DIMS = {0: 0, 1: 0x80000000, 2: 0x40000000, 3: 0xC0000000}
_FORCE_MULTI = {"MultiPolygon": ogr.ForceToMultiPolygon,
                "MultiLineString": ogr.ForceToMultiLineString}


def _ewkb_hex(geometry, spec, srid):
    """Hex EWKB (with SRID) of an OGR geometry, promoted to the layer's multi type."""
    if spec.geometry in _FORCE_MULTI and not geometry.GetGeometryName().startswith("MULTI"):
        geometry = _FORCE_MULTI[spec.geometry](geometry.Clone())
    wkb = bytes(geometry.ExportToIsoWkb(ogr.wkbNDR))
    code = struct.unpack_from("<I", wkb, 1)[0]
    head = struct.pack("<BII", 1, (code % 1000) | _EWKB_DIMS[code // 1000] | 0x20000000, srid)
    return (head + wkb[5:]).hex()


def _iso_datetime(feature, index):
    year, month, day, hour, minute, second, tz = feature.GetFieldAsDateTime(index)
    whole = int(second)
    micro = int(round((second - whole) * 1e6))
    text = f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{whole:02d}"
    if micro:
        text += f".{micro:06d}"
    if tz == 100:
        return text + "Z"
    if tz > 1:
        offset = (tz - 100) * 15
        sign = "+" if offset >= 0 else "-"
        return text + f"{sign}{abs(offset) // 60:02d}:{abs(offset) % 60:02d}"
    return text + "Z"  # no time zone: OneGrid stores UTC


def _copy_into_postgis(cur, schema, spec, layer, srid):
    """COPY every feature of an OGR layer into the workspace table; returns rows sent."""
    defn = layer.GetLayerDefn()
    fields = [f for f in spec.fields if defn.GetFieldIndex(f.name) >= 0]
    indexes = [defn.GetFieldIndex(f.name) for f in fields]
    columns = ["fid"] + [f.name for f in fields] + (["geom"] if spec.geometry else [])
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(schema, spec.name), sql.SQL(", ").join(map(sql.Identifier, columns)))
    lines, sent = [], 0
    layer.ResetReading()
    for feature in layer:
        out = [str(feature.GetFID())]
        for f, index in zip(fields, indexes):
            if not feature.IsFieldSetAndNotNull(index):
                out.append("\\N")
            elif f.type == "text":
                out.append(feature.GetFieldAsString(index).translate(_COPY_ESCAPES))
            elif f.type == "int":
                out.append(str(feature.GetFieldAsInteger64(index)))
            elif f.type == "real":
                out.append(repr(feature.GetFieldAsDouble(index)))
            elif f.type == "bool":
                out.append("t" if feature.GetFieldAsInteger(index) else "f")
            elif f.type == "date":
                year, month, day = feature.GetFieldAsDateTime(index)[:3]
                out.append(f"{year:04d}-{month:02d}-{day:02d}")
            else:
                out.append(_iso_datetime(feature, index))
        if spec.geometry:
            geometry = feature.GetGeometryRef()
            out.append("\\N" if geometry is None else _ewkb_hex(geometry, spec, srid))
        lines.append("\t".join(out))
        if len(lines) >= _COPY_BATCH:
            sent += _send(cur, statement, lines)
    return sent + _send(cur, statement, lines)


def _send(cur, statement, lines):
    if not lines:
        return 0
    count = len(lines)
    cur.copy_expert(statement, io.StringIO("\n".join(lines) + "\n"))
    lines.clear()
    return count


def _reset_identities(conn, schema):
    with conn:
        with conn.cursor() as cur:
            for spec in S.LAYERS:
                cur.execute(sql.SQL(
                    "SELECT setval(pg_get_serial_sequence({}, 'fid'), "
                    "coalesce((SELECT max(fid) FROM {}), 0) + 1, false)").format(
                        sql.Literal(f'"{schema}"."{spec.name}"'),
                        sql.Identifier(schema, spec.name)))


def _check_counts(counts, source, target):
    bad = [f"{name} {a} -> {b}" for name, (a, b) in counts.items() if a != b]
    if bad:
        raise OneGridError(N_("Copying {source} to {target} lost rows: {layers}"),
                           source=str(source), target=str(target), layers=", ".join(bad))


def copy_postgis_to_gpkg(conn, gpkg_path, schema=DEFAULT_SCHEMA, overwrite=False,
                         progress=None):
    """Copy a PostGIS workspace (every row the connected user can read) into a new
    GeoPackage workspace, row for row. Returns ``{layer: (rows in PostGIS, rows in the
    GeoPackage)}``; raises :class:`OneGridError` if any count differs."""
    from .workspace import create_workspace as create_gpkg, layer_counts as gpkg_counts

    version = schema_version(conn, schema)
    if version != S.SCHEMA_VERSION:
        raise OneGridError(N_("Workspace {path} has schema version {found}; upgrade it with "
                              "onegrid:migrate_workspace before copying"),
                           path=schema, found=version)
    srid = workspace_srid(conn, schema)
    create_gpkg(gpkg_path, crs=f"EPSG:{srid}", overwrite=overwrite)
    src = open_pg_dataset(conn, schema)
    pg = layer_counts(conn, schema)
    dst = gdal.OpenEx(str(gpkg_path), gdal.OF_VECTOR | gdal.OF_UPDATE,
                      allowed_drivers=["GPKG"])
    names = [spec.name for spec in S.LAYERS if spec.name != "schema_version"]
    try:
        for i, name in enumerate(names):
            if pg.get(name):
                _copy_layer(src, dst, name)
            if progress is not None:
                progress((i + 1) / len(names))
    finally:
        dst = None
        src = None
    after = gpkg_counts(gpkg_path)
    counts = {name: (pg.get(name), after.get(name)) for name in names}
    _check_counts(counts, schema, gpkg_path)
    return counts
