"""Upgrade a workspace written by an older schema version, in place, without losing a row.

Two kinds of change:

* additive ones (a new layer, a new field, a new value-map domain) need no step: after the
  explicit steps, :func:`upgrade_workspace` creates whatever the current schema has and the
  workspace lacks, with the fields' defaults filled into existing rows;
* anything else (a renamed field, a recoded value, data moved between layers) is a function in
  :data:`STEPS`, keyed by the version it upgrades *from*, run inside one transaction.

The new version is recorded in ``schema_version`` with the time and what was done.
"""
from ..processing.analysis.errors import N_, OneGridError
from . import schema as S
from .workspace import _add_domains, _field_defn, _write_version, create_layer, open_dataset, \
    schema_version, workspace_crs

#: version upgraded from -> function(ds) doing the non-additive part of that upgrade.
#: 1 -> 2 (updated_at, updated_by, event_history) and 2 -> 3 (row_version, filled with its
#: default 1 in existing rows) are additive: :func:`add_missing` does them.
STEPS = {}


def _fill_default(ds, layer_spec, field_spec):
    if field_spec.default is None:
        return
    value = field_spec.default
    if isinstance(value, str):
        literal = "'" + value.replace("'", "''") + "'"
    else:
        literal = repr(int(value) if isinstance(value, bool) else value)
    ds.ExecuteSQL(f'UPDATE "{layer_spec.name}" SET "{field_spec.name}" = {literal} '
                  f'WHERE "{field_spec.name}" IS NULL')


def add_missing(ds, crs):
    """Create every schema layer and field the dataset lacks; returns a list of what it added."""
    added = []
    for spec in S.LAYERS:
        lyr = ds.GetLayerByName(spec.name)
        if lyr is None:
            create_layer(ds, spec, crs)
            added.append(spec.name)
            continue
        _add_domains(ds, spec)
        defn = lyr.GetLayerDefn()
        have = {defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())}
        for f in spec.fields:
            if f.name in have:
                continue
            new = _field_defn(spec, f)
            new.SetNullable(True)  # existing rows have no value yet
            lyr.CreateField(new)
            _fill_default(ds, spec, f)
            added.append(f"{spec.name}.{f.name}")
    return added


def upgrade_workspace(path):
    """Bring the workspace at ``path`` to :data:`schema.SCHEMA_VERSION`.

    Returns ``(old_version, new_version, changes)``; a current workspace is left untouched.
    Raises :class:`OneGridError` for a workspace newer than this code.
    """
    old = schema_version(path)
    if old > S.SCHEMA_VERSION:
        raise OneGridError(N_("Workspace {path} has schema version {found}, newer than this "
                              "OneGrid ({supported}); update the plugin"),
                           path=str(path), found=old, supported=S.SCHEMA_VERSION)
    crs = workspace_crs(path)
    if old == S.SCHEMA_VERSION and not _lacks_anything(path):
        return old, old, []
    ds = open_dataset(path, update=True)
    changes = []
    try:
        ds.StartTransaction()
        for version in range(max(old, 1), S.SCHEMA_VERSION):
            step = STEPS.get(version)
            if step is not None:
                changes += step(ds)
        changes += add_missing(ds, crs)
        if old != S.SCHEMA_VERSION:
            _write_version(ds, S.SCHEMA_VERSION, f"upgraded from {old}: " + ", ".join(changes))
        ds.CommitTransaction()
    except Exception:
        ds.RollbackTransaction()
        raise
    finally:
        ds = None
    return old, S.SCHEMA_VERSION, changes


def _lacks_anything(path):
    ds = open_dataset(path)
    for spec in S.LAYERS:
        lyr = ds.GetLayerByName(spec.name)
        if lyr is None:
            return True
        defn = lyr.GetLayerDefn()
        have = {defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())}
        if not set(spec.field_names) <= have:
            return True
    return False


def row_counts(path):
    """Rows per layer, used to prove an upgrade lost nothing."""
    ds = open_dataset(path)
    return {ds.GetLayer(i).GetName(): ds.GetLayer(i).GetFeatureCount()
            for i in range(ds.GetLayerCount())}

