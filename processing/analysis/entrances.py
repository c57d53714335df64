"""Where a building is entered from the street: its entrance, else its wall nearest the road.

A walking time measured from a footprint's centroid starts in the middle of the building; for a
deep block that is tens of metres from any street and may snap to the street behind it. The
life-circle analyses (:mod:`.service`) therefore start a polygon from, in this order:

1. ``entrance`` -- an entrance point on its outline (OpenStreetMap ``entrance=*`` nodes, which
   are vertices of the building way: :func:`read_osm_entrances`), within
   :data:`TOLERANCE_M`; when it has several, the one nearest the road network;
2. ``wall`` -- the point of its outline nearest the road network (where a road runs into the
   building, the point where it crosses the outline);
3. ``centroid`` -- its centroid (a point inside when the centroid falls outside) when no road
   is within the snap distance, or when the caller asks for centroids.

Points stay as they are (``point``); lines use their centroid (``centroid``).

>>> import shapely
>>> from onegrid.processing.analysis.network import Network
>>> net = Network.from_lines([shapely.LineString([(0, 0), (100, 0)])])
>>> homes = [shapely.Polygon([(50, 10), (60, 20), (50, 30), (40, 20)]), shapely.Point(5, 5)]
>>> xy, kind = anchors(homes, net)
>>> [(p.x, p.y) for p in xy], kind.tolist()
([(50.0, 10.0), (5.0, 5.0)], ['wall', 'point'])
>>> xy, kind = anchors(homes, net, entrances=[shapely.Point(55, 25)])
>>> (xy[0].x, xy[0].y), kind[0]
((55.0, 25.0), 'entrance')
"""
import os
import tempfile

import geopandas as gpd
import numpy as np
import pyogrio
import shapely

from .errors import N_, OneGridError

#: An entrance this close (metres) to a footprint's outline belongs to it.
TOLERANCE_M = 2.0
#: How origins are anchored: an entrance or the wall nearest the road, or the centroid.
MODES = ("entrance", "centroid")
#: ``entrance=*`` values that are not a way in for residents on foot.
NOT_FOR_WALKERS = ("garage", "service", "emergency", "exit", "no")

_CONFIG = "\n".join([
    "closed_ways_are_polygons=building", "attribute_name_laundering=no", "[points]",
    "osm_id=yes", "osm_version=no", "osm_timestamp=no", "osm_uid=no", "osm_user=no",
    "osm_changeset=no", "attributes=entrance,name,ref", "other_tags=no", "all_tags=no"]) + "\n"


def read_osm_entrances(path, walkers_only=True):
    """The ``entrance=*`` nodes of an OSM file (.osm.pbf or .osm) in EPSG:4326.

    Returns a GeoDataFrame with ``osm_id`` (``node/<id>``), ``entrance`` (the tag's value),
    ``name`` and ``ref``. With ``walkers_only`` the values of :data:`NOT_FOR_WALKERS` (garage
    doors, service and emergency exits) are left out.
    """
    path = os.fspath(path)
    if not os.path.isfile(path):
        raise OneGridError(N_("OSM file {path} does not exist"), path=path)
    with tempfile.TemporaryDirectory(prefix="onegrid_entrances_") as folder:
        config = os.path.join(folder, "osmconf.ini")
        with open(config, "w", encoding="utf-8") as fh:
            fh.write(_CONFIG)
        try:
            frame = pyogrio.read_dataframe(path, layer="points", CONFIG_FILE=config,
                                           where="entrance IS NOT NULL")
        except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError):
            raise OneGridError(N_("{path} is not an OpenStreetMap file (.osm, .osm.pbf) that "
                                  "GDAL can read"), path=path) from None
    frame["osm_id"] = "node/" + frame["osm_id"].astype(str)
    if walkers_only:
        frame = frame[~frame["entrance"].astype(str).str.lower().isin(NOT_FOR_WALKERS)]
    frame = frame.reset_index(drop=True)
    return gpd.GeoDataFrame(frame, geometry="geometry", crs="EPSG:4326")


def centroids(geoms):
    """The centroid of each geometry (a point on the surface when the centroid falls outside
    a polygon); None for missing or empty geometries."""
    geoms = np.asarray(geoms, dtype=object)
    out = np.full(len(geoms), None, dtype=object)
    ok = ~shapely.is_missing(geoms) & ~shapely.is_empty(geoms)
    if not ok.any():
        return out
    g = geoms[ok]
    centroid = shapely.centroid(g)
    polygonal = np.isin(shapely.get_type_id(g), (3, 6))
    outside = polygonal & ~shapely.intersects(g, centroid)
    centroid[outside] = shapely.point_on_surface(g[outside])
    out[ok] = centroid
    return out


def anchors(geoms, network, entrances=None, mode="entrance", max_distance=None,
            tolerance=TOLERANCE_M):
    """One start point per geometry and how it was chosen (see the module's docstring).

    Parameters
    ----------
    geoms : array of shapely geometries (metres, the network's CRS)
    network : :class:`~.network.Network`
    entrances : array of shapely Points, optional
    mode : ``entrance`` (entrance, else wall, else centroid) or ``centroid``
    max_distance : float, optional; a polygon farther than this from every road uses its
        centroid
    tolerance : float, metres between an entrance and a footprint's outline

    Returns
    -------
    (points, kind) : object arrays; kind is ``point``, ``entrance``, ``wall``, ``centroid``
        or None (no geometry)
    """
    if mode not in MODES:
        raise OneGridError(N_("{value} is not a valid {parameter}; choose one of: {options}"),
                           value=mode, parameter="ANCHOR", options=", ".join(MODES))
    geoms = np.asarray(geoms, dtype=object)
    points = centroids(geoms)
    kind = np.full(len(geoms), None, dtype=object)
    ok = ~shapely.is_missing(points)
    type_id = shapely.get_type_id(geoms)
    kind[ok] = "centroid"
    kind[ok & (type_id == 0)] = "point"
    polygon = np.flatnonzero(ok & np.isin(type_id, (3, 6)))
    if mode == "centroid" or len(polygon) == 0 or network.n_edges == 0:
        return points, kind
    todo = np.ones(len(polygon), dtype=bool)
    if entrances is not None:
        doors = np.asarray(entrances, dtype=object)
        doors = doors[~shapely.is_missing(doors) & ~shapely.is_empty(doors)]
        doors = shapely.get_geometry(doors, 0)  # a multipoint's first point
        if len(doors):
            door, which = shapely.STRtree(geoms[polygon]).query(
                doors, predicate="dwithin", distance=tolerance)
            if len(door):
                _, to_road = network.tree.query_nearest(doors, return_distance=True,
                                                        all_matches=False)
                # per footprint, its entrance nearest the network
                order = np.lexsort((to_road[door], which))
                which, door = which[order], door[order]
                first = np.r_[True, which[1:] != which[:-1]]
                near = to_road[door[first]]
                use = near <= max_distance if max_distance is not None else np.ones(
                    len(near), dtype=bool)
                chosen = which[first][use]
                points[polygon[chosen]] = doors[door[first][use]]
                kind[polygon[chosen]] = "entrance"
                todo[chosen] = False
    rest = polygon[todo]
    if len(rest):
        (which, edge), dist = network.tree.query_nearest(geoms[rest], return_distance=True,
                                                         all_matches=False)
        use = dist <= max_distance if max_distance is not None else np.ones(len(dist), bool)
        which, edge = which[use], edge[use]
        wall = shapely.get_point(shapely.shortest_line(shapely.boundary(geoms[rest[which]]),
                                                       network.edges[edge]), 0)
        points[rest[which]] = wall
        kind[rest[which]] = "wall"
    return points, kind
