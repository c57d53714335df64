"""OneGrid's Processing side: the provider, its algorithms and the pure analysis core.

Imported only as ``onegrid.processing``; QGIS's own top-level ``processing`` is never shadowed.
"""
