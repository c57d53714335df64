"""The pure core: shapely 2, numpy, pandas, geopandas, pyproj, scipy. Never imports qgis.

Functions take and return arrays or (Geo)DataFrames, accept ``progress(fraction)`` and
``is_canceled()`` callables where they run long, and raise :class:`errors.OneGridError`, whose
English template is translated by the caller (QGIS side) before it reaches a person.
"""
