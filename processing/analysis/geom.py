"""Small vectorised geometry helpers shared by the core modules."""
import numpy as np
import shapely


def locate(points, polygons, tree=None):
    """For each point, the position of the polygon holding it (-1 for none).

    A point on a shared edge or in an overlap goes to the polygon that comes first.
    Missing points and missing polygons are ignored. ``tree`` may be an STRtree already
    built over ``polygons``.

    >>> import shapely
    >>> squares = [shapely.box(0, 0, 1, 1), shapely.box(1, 0, 2, 1), None]
    >>> locate(shapely.points([[0.5, 0.5], [1, 0.5], [5, 5]]), squares).tolist()
    [0, 0, -1]
    """
    points = np.asarray(points, dtype=object)
    out = np.full(len(points), -1, dtype=np.int64)
    if not len(points) or not len(polygons):
        return out
    tree = tree if tree is not None else shapely.STRtree(polygons)
    pi, gi = tree.query(points, predicate="intersects")
    order = np.lexsort((gi, pi))
    pi, gi = pi[order], gi[order]
    first = np.unique(pi, return_index=True)[1]
    out[pi[first]] = gi[first]
    return out
