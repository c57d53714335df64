"""A GeoPackage layer's spatial index built in bulk (no qgis).

A GeoPackage spatial index is an SQLite R*Tree virtual table, ``rtree_<table>_<column>``,
kept up to date by triggers (the GeoPackage "gpkg_rtree_index" extension). GDAL 3.6 fills it
one feature at a time, which for a million points takes longer than writing the features
(about 8 s of 12 here). :func:`add_spatial_index` builds the same tree at once instead:

* every feature with a geometry gets one entry, its box in 32-bit floats rounded outwards
  (min down, max up), as SQLite stores them;
* entries are packed sort-tile-recursively (sorted by x into vertical slices, each slice
  by y) into as few nodes of at most :data:`MAX_CELLS` entries as hold them, filled
  evenly, and so on up to one root;
* the nodes are written into the R*Tree's own tables (``_node``: node number -> blob of
  a 4-byte header, depth (root) and count, and 24-byte cells: 64-bit id and four 32-bit
  floats, all big-endian; ``_rowid``: feature -> leaf; ``_parent``: node -> parent), the
  layout SQLite's rtree module reads and keeps editing afterwards;
* the extension's triggers (as GDAL writes them) and its ``gpkg_extensions`` row are
  added, so later edits in QGIS keep the index right.

Afterwards SQLite's own ``rtreecheck()`` must answer "ok": otherwise the index is dropped
and :class:`RtreeError` raised, so a caller can let GDAL build it instead.
"""
import sqlite3

import numpy as np
import shapely

#: Cells per node: SQLite's RTREE_MAXCELLS; with 2D boxes a node blob is 4 + 51 * 24 bytes
#: (what SQLite makes for a 4096-byte page).
MAX_CELLS = 51
CELL = np.dtype([("id", ">i8"), ("minx", ">f4"), ("maxx", ">f4"), ("miny", ">f4"),
                 ("maxy", ">f4")])


class RtreeError(Exception):
    """No bulk-built index: the layer does not hold the features given, or the index
    failed SQLite's check (nothing of it is left in the file)."""


def _quote(name):
    return '"' + str(name).replace('"', '""') + '"'


def float32_boxes(bounds):
    """(n, 4) minx, miny, maxx, maxy in float64 -> minx, maxx, miny, maxy in float32, each
    min rounded down and each max rounded up (the box always holds the exact one)."""
    out = np.empty((len(bounds), 4), dtype=np.float32)
    for k, (col, direction) in enumerate(((0, -np.inf), (2, np.inf), (1, -np.inf),
                                          (3, np.inf))):
        exact = bounds[:, col]
        f = exact.astype(np.float32)
        wrong = (f > exact) if direction < 0 else (f < exact)
        f[wrong] = np.nextafter(f[wrong], np.float32(direction))
        out[:, k] = f
    return out


def _str_order(cx, cy, per_node):
    """Sort-tile-recursive order of items with centres ``cx``, ``cy`` packed ``per_node``
    to a node: vertical slices of whole nodes by x, each sorted by y."""
    n = len(cx)
    nodes = -(-n // per_node)
    slices = max(1, int(np.ceil(np.sqrt(nodes))))
    by_x = np.argsort(cx, kind="stable")
    slice_of = np.empty(n, dtype=np.int64)
    slice_of[by_x] = np.arange(n) // (slices * per_node)
    return np.lexsort((cy, slice_of))


def pack(ids, boxes):
    """The nodes of an R*Tree over entries ``ids`` with float32 ``boxes`` (minx, maxx,
    miny, maxy).

    Returns
    -------
    nodes : list of (node number, blob); node 1 is the root
    leaf_of : node number of the leaf holding each entry (aligned with ``ids``)
    parents : list of (node number, parent node number)
    """
    n = len(ids)
    level_ids = np.asarray(ids, dtype=np.int64)
    level_boxes = np.asarray(boxes, dtype=np.float32)
    levels = []  # per level: (cells ordered, cells per node start offsets)
    leaf_order = None
    while True:
        cx = (level_boxes[:, 0].astype(np.float64) + level_boxes[:, 1]) / 2
        cy = (level_boxes[:, 2].astype(np.float64) + level_boxes[:, 3]) / 2
        order = _str_order(cx, cy, MAX_CELLS) if len(level_ids) > MAX_CELLS else \
            np.arange(len(level_ids))
        if leaf_order is None:
            leaf_order = order
        ids_o, boxes_o = level_ids[order], level_boxes[order]
        # as few nodes as hold them, filled evenly (no nearly empty last node)
        count = -(-len(ids_o) // MAX_CELLS)
        starts = np.arange(count) * len(ids_o) // count
        levels.append((ids_o, boxes_o, starts))
        if len(starts) == 1:
            break
        # one entry per node for the level above: its box; its id is set when numbered
        level_boxes = np.column_stack([np.minimum.reduceat(boxes_o[:, 0], starts),
                                       np.maximum.reduceat(boxes_o[:, 1], starts),
                                       np.minimum.reduceat(boxes_o[:, 2], starts),
                                       np.maximum.reduceat(boxes_o[:, 3], starts)])
        level_ids = np.arange(len(starts), dtype=np.int64)  # positions, renumbered below
    # Number the nodes: root 1, then the levels below it, top down.
    depth = len(levels) - 1
    numbers = []  # per level (bottom up): node number of each node
    next_no = 2
    for k in range(len(levels) - 1, -1, -1):
        count = len(levels[k][2])
        if k == len(levels) - 1:
            numbers.append(np.array([1], dtype=np.int64))
        else:
            numbers.append(np.arange(next_no, next_no + count, dtype=np.int64))
            next_no += count
    numbers = numbers[::-1]  # bottom up again
    nodes, parents = [], []
    leaf_of = np.empty(n, dtype=np.int64)
    for k, (ids_o, boxes_o, starts) in enumerate(levels):
        if k > 0:  # cells point at the child nodes (positions in the level below)
            ids_o = numbers[k - 1][ids_o]
        count = np.diff(np.r_[starts, len(ids_o)])
        node = np.repeat(np.arange(len(starts)), count)
        slot = np.arange(len(ids_o)) - np.repeat(starts, count)
        cells = np.zeros((len(starts), MAX_CELLS), dtype=CELL)
        cells["id"][node, slot] = ids_o
        cells["minx"][node, slot] = boxes_o[:, 0]
        cells["maxx"][node, slot] = boxes_o[:, 1]
        cells["miny"][node, slot] = boxes_o[:, 2]
        cells["maxy"][node, slot] = boxes_o[:, 3]
        header = np.zeros((len(starts), 2), dtype=">u2")
        header[:, 1] = count
        if k == len(levels) - 1:
            header[0, 0] = depth
        blob = np.concatenate([header.view(np.uint8).reshape(len(starts), 4),
                               cells.view(np.uint8).reshape(len(starts), -1)], axis=1)
        nodes.extend(zip(numbers[k].tolist(), (row.tobytes() for row in blob)))
        if k == 0:
            leaf_of[leaf_order] = numbers[0][node]
        else:  # each child node's parent
            parents.extend(zip(ids_o.tolist(), numbers[k][node].tolist()))
    return nodes, leaf_of, parents


def add_spatial_index(path, table, geometries, fids):
    """Build the spatial index of GeoPackage layer ``table`` (written without one) from its
    ``geometries`` (shapely, aligned with ``fids``, the features' ids) at once.

    Raises :class:`RtreeError` when the layer does not hold those features or SQLite's
    check of the index fails (the layer is then left without an index)."""
    geometries = np.asarray(geometries, dtype=object)
    fids = np.asarray(fids, dtype=np.int64)
    keep = ~(shapely.is_missing(geometries) | shapely.is_empty(geometries))
    ids = fids[keep]
    boxes = float32_boxes(shapely.bounds(geometries[keep]))
    con = sqlite3.connect(path, isolation_level=None)
    try:
        column = con.execute("SELECT column_name FROM gpkg_geometry_columns "
                             "WHERE lower(table_name) = lower(?)", (table,)).fetchone()
        key = [r[1] for r in con.execute(f"PRAGMA table_info({_quote(table)})") if r[5]]
        if column is None or len(key) != 1:
            raise RtreeError(f"{table}: no geometry column or no single integer key")
        column, key = column[0], key[0]
        count, low, high, total = con.execute(
            f"SELECT count(*), min({_quote(key)}), max({_quote(key)}), "
            f"sum({_quote(key)}) FROM {_quote(table)}").fetchone()
        if (count != len(fids) or (len(fids) and (low != fids.min() or high != fids.max()
                                                  or total != int(fids.sum())))):
            raise RtreeError(f"{table}: its features are not the ones given")
        rtree = f"rtree_{table}_{column}"
        con.execute("PRAGMA cache_size=-262144")
        con.execute("BEGIN")
        con.execute(f"CREATE VIRTUAL TABLE {_quote(rtree)} USING "
                    "rtree(id, minx, maxx, miny, maxy)")
        if len(ids):
            nodes, leaf_of, parents = pack(ids, boxes)
            con.execute(f"DELETE FROM {_quote(rtree + '_node')}")
            con.executemany(f"INSERT INTO {_quote(rtree + '_node')} VALUES (?, ?)", nodes)
            order = np.argsort(ids, kind="stable")
            con.executemany(f"INSERT INTO {_quote(rtree + '_rowid')} VALUES (?, ?)",
                            zip(ids[order].tolist(), leaf_of[order].tolist()))
            con.executemany(f"INSERT INTO {_quote(rtree + '_parent')} VALUES (?, ?)",
                            parents)
        for sql in _triggers(table, column, key, rtree):
            con.execute(sql)
        con.execute("CREATE TABLE IF NOT EXISTS gpkg_extensions (table_name TEXT, "
                    "column_name TEXT, extension_name TEXT NOT NULL, definition TEXT NOT "
                    "NULL, scope TEXT NOT NULL, CONSTRAINT ge_tce UNIQUE (table_name, "
                    "column_name, extension_name))")
        con.execute("INSERT INTO gpkg_extensions VALUES (?, ?, 'gpkg_rtree_index', "
                    "'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')",
                    (table, column))
        check = con.execute("SELECT rtreecheck(?)", (rtree,)).fetchone()[0]
        if check != "ok":
            con.execute("ROLLBACK")
            raise RtreeError(f"{rtree}: {check}")
        con.execute("COMMIT")
    except BaseException:
        if con.in_transaction:
            con.execute("ROLLBACK")
        raise
    finally:
        con.close()
    return rtree


def _triggers(table, column, key, rtree):
    """The extension's triggers, in the form GDAL 3.6 writes them."""
    t, c, k, r = _quote(table), _quote(column), _quote(key), _quote(rtree)
    n = _quote
    values = (f"VALUES (NEW.{k},ST_MinX(NEW.{c}), ST_MaxX(NEW.{c}),ST_MinY(NEW.{c}), "
              f"ST_MaxY(NEW.{c}))")
    return [
        f"CREATE TRIGGER {n(rtree + '_insert')} AFTER INSERT ON {t} WHEN (new.{c} NOT NULL "
        f"AND NOT ST_IsEmpty(NEW.{c})) BEGIN INSERT OR REPLACE INTO {r} {values}; END",
        f"CREATE TRIGGER {n(rtree + '_update1')} AFTER UPDATE OF {c} ON {t} WHEN "
        f"OLD.{k} = NEW.{k} AND (NEW.{c} NOTNULL AND NOT ST_IsEmpty(NEW.{c})) BEGIN "
        f"INSERT OR REPLACE INTO {r} {values}; END",
        f"CREATE TRIGGER {n(rtree + '_update2')} AFTER UPDATE OF {c} ON {t} WHEN "
        f"OLD.{k} = NEW.{k} AND (NEW.{c} ISNULL OR ST_IsEmpty(NEW.{c})) BEGIN DELETE FROM "
        f"{r} WHERE id = OLD.{k}; END",
        f"CREATE TRIGGER {n(rtree + '_update3')} AFTER UPDATE ON {t} WHEN "
        f"OLD.{k} != NEW.{k} AND (NEW.{c} NOTNULL AND NOT ST_IsEmpty(NEW.{c})) BEGIN "
        f"DELETE FROM {r} WHERE id = OLD.{k}; INSERT OR REPLACE INTO {r} {values}; END",
        f"CREATE TRIGGER {n(rtree + '_update4')} AFTER UPDATE ON {t} WHEN "
        f"OLD.{k} != NEW.{k} AND (NEW.{c} ISNULL OR ST_IsEmpty(NEW.{c})) BEGIN DELETE FROM "
        f"{r} WHERE id IN (OLD.{k}, NEW.{k}); END",
        f"CREATE TRIGGER {n(rtree + '_delete')} AFTER DELETE ON {t} WHEN old.{c} NOT NULL "
        f"BEGIN DELETE FROM {r} WHERE id = OLD.{k}; END",
    ]
