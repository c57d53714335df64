"""OneGrid (一张网): a QGIS plugin for grid-based community governance.

The repository root is the plugin folder, installed as ``onegrid``. Nothing is imported here
at module level so that loading the plugin list stays cheap.
"""


def classFactory(iface):  # noqa: N802 (QGIS's name)
    """QGIS entry point: build the plugin for the desktop interface ``iface``."""
    from .grid_plugin.plugin import OneGridPlugin

    return OneGridPlugin(iface)
