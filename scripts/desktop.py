"""A screenshot of the real QGIS desktop with OneGrid, and what it showed, as JSON.

Two halves in one file:

* :func:`grab_desktop` (plain Python) starts ``bin/onegrid-qgis`` (QGIS under Xvfb with the
  plugin enabled, see bin/env.sh) with ``--code`` this file, waits for it with a timeout and
  returns the JSON the QGIS side wrote;
* run by QGIS with ``--code``, the QGIS side reads ``ONEGRID_PROJECT`` or ``ONEGRID_WORKSPACE``,
  ``ONEGRID_SCREENSHOT`` and ``ONEGRID_RESULT`` from the environment, waits for QGIS to finish
  starting, sets the window to 1600x1000 (Xvfb has no window manager), loads the project or
  opens the workspace in the OneGrid dock by clicking its Open button, zooms to the data, waits
  for the map to render, saves the screenshot and the JSON, clears the project and quits.
  ``ONEGRID_DOCK_TAB`` (optional), the objectName of a dock tab's widget (e.g.
  ``OneGridGridEditTab``), shows that tab before the screenshot.

Command line::

    .venv/bin/python -m onegrid.scripts.desktop WORKSPACE_OR_PROJECT OUT.png OUT.json [zh_CN]
"""
import json
import os
import signal
import subprocess
import sys
import time
import traceback
from pathlib import Path

#: Window size, the same as the Xvfb screen bin/onegrid-qgis starts.
WIDTH, HEIGHT = 1600, 1000
#: Seconds the QGIS side waits for its window and the OneGrid dock.
START_WAIT_S = 45
#: Seconds the QGIS side gives the map to render before it grabs anyway.
RENDER_WAIT_S = 60


class DesktopError(RuntimeError):
    """QGIS did not produce a result (timeout, crash before the JSON).

    ``log`` is the path of QGIS's output, ``pid`` the process (group) id that was started.
    """

    def __init__(self, message, log, pid):
        super().__init__(message)
        self.log = log
        self.pid = pid


def _repo():
    return Path(__file__).resolve().parents[1]


def grab_desktop(project_or_workspace, png, result_json, language="zh_CN", timeout=120,
                 profile=None):
    """Run the QGIS desktop under Xvfb on a project or workspace and screenshot it.

    Parameters
    ----------
    project_or_workspace : str or Path
        A QGIS project (.qgz/.qgs) to load, or a workspace GeoPackage (.gpkg) to open through
        the OneGrid dock.
    png, result_json : str or Path
        Where the screenshot (1600x1000) and the JSON result are written. QGIS's output goes
        to ``result_json`` with the suffix ``.log``.
    language : str
        QGIS's interface language (``--lang``), e.g. "zh_CN" or "en".
    timeout : float
        Seconds before QGIS (and its Xvfb) is killed and :class:`DesktopError` raised.
    profile : str or Path, optional
        QGIS profile folder (default: bin/env.sh's build/qgis-profile).

    Returns
    -------
    dict
        The JSON the QGIS side wrote, plus ``returncode`` (QGIS's exit status) and ``log``.
    """
    source = Path(project_or_workspace).resolve()
    png, result_json = Path(png).resolve(), Path(result_json).resolve()
    log = result_json.with_suffix(".log")
    for path in (png, result_json):
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            path.unlink()
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "QT_QPA_PLATFORM", "ONEGRID_PROJECT", "ONEGRID_WORKSPACE")}
    key = "ONEGRID_WORKSPACE" if source.suffix.lower() == ".gpkg" else "ONEGRID_PROJECT"
    env.update({key: str(source), "ONEGRID_SCREENSHOT": str(png),
                "ONEGRID_RESULT": str(result_json), "LANG": "C.UTF-8",
                # the QGIS side gives up (with a result) before it would be killed
                "ONEGRID_DESKTOP_LIMIT_S": str(max(5.0, 0.8 * timeout))})
    if profile is not None:
        env["ONEGRID_QGIS_PROFILE"] = str(Path(profile).resolve())
    command = ["bash", str(_repo() / "bin" / "onegrid-qgis"), "--lang", qgis_language(language),
               "--code", str(Path(__file__).resolve())]
    with open(log, "wb") as out:
        proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env,
                                cwd=str(_repo()), start_new_session=True)
        try:
            returncode = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # QGIS and the Xvfb that xvfb-run started
            proc.wait()
            raise DesktopError(f"QGIS did not finish within {timeout} s; log {log}:\n"
                               + _tail(log), log, proc.pid) from None
    if not result_json.exists():
        raise DesktopError(f"QGIS exited with {returncode} without writing {result_json}; "
                           f"log {log}:\n" + _tail(log), log, proc.pid)
    result = json.loads(result_json.read_text(encoding="utf-8"))
    result["returncode"] = returncode
    result["log"] = str(log)
    return result


def qgis_language(language):
    """QGIS 3.22's name for a language: its Simplified Chinese catalogue is "zh-Hans"
    (``--lang zh_CN`` finds no catalogue and leaves QGIS in English)."""
    code = str(language).replace("-", "_")
    if code in ("zh", "zh_CN", "zh_SG", "zh_Hans"):
        return "zh-Hans"
    if code in ("zh_TW", "zh_HK", "zh_Hant"):
        return "zh-Hant"
    return language


def _tail(path, lines=60):
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    return "\n".join(text.splitlines()[-lines:])


# --- The QGIS side -------------------------------------------------------------------------------
class _Session:
    """Runs inside QGIS: one step after another on the Qt event loop, never blocking it."""

    def __init__(self, iface):
        from qgis.PyQt.QtCore import QTimer

        self.iface = iface
        self.result = {"ok": False, "errors": [], "steps": []}
        self.started = time.monotonic()
        self.render_started = None
        self.rendered = False
        self.finished = False
        self.deadline = QTimer()
        self.deadline.setSingleShot(True)
        self.deadline.timeout.connect(self._deadline)
        self.deadline.start(int(float(os.environ.get("ONEGRID_DESKTOP_LIMIT_S", "90")) * 1000))

    def later(self, ms, step):
        from qgis.PyQt.QtCore import QTimer

        QTimer.singleShot(ms, lambda: self._guarded(step))

    def _guarded(self, step):
        if self.finished:
            return
        try:
            step()
        except Exception:  # noqa: BLE001 - any failure must still end QGIS with a result
            self.result["errors"].append(traceback.format_exc())
            self.finish()

    def _deadline(self):
        self.result["errors"].append("the QGIS side did not finish in time")
        self.finish()

    # Steps, in order.
    def wait_for_start(self):
        from qgis.PyQt.QtWidgets import QDockWidget

        window = self.iface.mainWindow()
        dock = window.findChild(QDockWidget, "OneGridDock")
        if not window.isVisible() or dock is None:
            if time.monotonic() - self.started > START_WAIT_S:
                self.result["errors"].append("QGIS started without the OneGrid dock "
                                             "(is the plugin enabled in the profile?)")
                self.finish()
                return
            self.later(250, self.wait_for_start)
            return
        self.result["steps"].append("started")
        self.later(500, self.layout)

    def layout(self):
        window = self.iface.mainWindow()
        window.showNormal()
        window.setGeometry(0, 0, WIDTH, HEIGHT)
        self.result["steps"].append("window")
        self.later(300, self.load)

    def load(self):
        from qgis.core import QgsProject
        from qgis.PyQt.QtCore import Qt
        from qgis.PyQt.QtTest import QTest
        from qgis.PyQt.QtWidgets import QDockWidget

        dock = self.iface.mainWindow().findChild(QDockWidget, "OneGridDock")
        dock.setUserVisible(True)
        dock.raise_()
        project = os.environ.get("ONEGRID_PROJECT")
        workspace = os.environ.get("ONEGRID_WORKSPACE")
        if project:
            if not QgsProject.instance().read(project):
                raise RuntimeError(f"QGIS could not read the project {project}: "
                                   + QgsProject.instance().error())
            self.result["steps"].append("project")
        elif workspace:
            dock.path_edit.setText(workspace)
            QTest.mouseClick(dock.open_button, Qt.LeftButton)
            self.result["steps"].append("workspace")
        else:
            raise RuntimeError("set ONEGRID_PROJECT or ONEGRID_WORKSPACE")
        self.later(300, self.zoom)

    def zoom(self):
        from qgis.core import QgsProject
        from qgis.PyQt.QtWidgets import QDockWidget

        canvas = self.iface.mapCanvas()
        dock = self.iface.mainWindow().findChild(QDockWidget, "OneGridDock")
        self._show_tab(dock, os.environ.get("ONEGRID_DOCK_TAB"))
        if dock.layer_ids and dock.zoom_to_workspace():
            self.result["steps"].append("zoomed to workspace")
        elif QgsProject.instance().mapLayers() and not os.environ.get("ONEGRID_PROJECT"):
            canvas.zoomToFullExtent()
        canvas.mapCanvasRefreshed.connect(self._rendered)
        canvas.refreshAllLayers()
        self.render_started = time.monotonic()
        self.later(500, self.wait_for_render)

    def _show_tab(self, dock, name):
        """Switch the dock to the tab whose widget is called ``name`` (ONEGRID_DOCK_TAB)."""
        from qgis.PyQt.QtWidgets import QTabWidget

        tabs = dock.findChild(QTabWidget, "OneGridTabs")
        for index in range(tabs.count() if name else 0):
            if tabs.widget(index).objectName() == name:
                tabs.setCurrentIndex(index)
                self.result["steps"].append(f"tab {name}")

    def _rendered(self):
        self.rendered = True

    def wait_for_render(self):
        canvas = self.iface.mapCanvas()
        waited = time.monotonic() - self.render_started
        if (not self.rendered or canvas.isDrawing()) and waited < RENDER_WAIT_S:
            self.later(250, self.wait_for_render)
            return
        self.result["rendered"] = self.rendered and not canvas.isDrawing()
        self.result["steps"].append("rendered")
        self.later(300, self.grab)  # let labels and the message bar paint

    def grab(self):
        png = os.environ["ONEGRID_SCREENSHOT"]
        image = self.iface.mainWindow().grab()
        if not image.save(png):
            raise RuntimeError(f"could not save the screenshot {png}")
        self.result["screenshot"] = png
        self.result["screenshot_size"] = [image.width(), image.height()]
        self.result["steps"].append("grabbed")
        self.describe()
        self.result["ok"] = not self.result["errors"]
        self.finish()

    def describe(self):
        from qgis.core import Qgis, QgsApplication, QgsProject, QgsVectorLayer
        from qgis.PyQt.QtCore import QPoint
        from qgis.PyQt.QtWidgets import QDockWidget, QTabWidget, QToolBar

        from onegrid.i18n import ui_language

        window = self.iface.mainWindow()
        canvas = self.iface.mapCanvas()
        origin = canvas.mapTo(window, QPoint(0, 0))
        dock = window.findChild(QDockWidget, "OneGridDock")
        toolbar = window.findChild(QToolBar, "OneGridToolbar")
        provider = QgsApplication.processingRegistry().providerById("onegrid")
        tabs = dock.findChild(QTabWidget, "OneGridTabs") if dock else None
        message = dock.message_bar.currentItem() if dock else None
        project = QgsProject.instance()
        layers = []
        for node in project.layerTreeRoot().findLayers():
            layer = node.layer()
            layers.append({
                "name": layer.name(),
                "source": layer.source(),
                "count": layer.featureCount() if isinstance(layer, QgsVectorLayer) else None,
                "visible": node.isVisible(),
            })
        self.result.update({
            "qgis_version": Qgis.QGIS_VERSION,
            "translation": QgsApplication.instance().translation(),
            "ui_language": ui_language(),
            "window_title": window.windowTitle(),
            "window_size": [window.width(), window.height()],
            "menus": [action.text() for action in window.menuBar().actions()],
            "canvas_rect": [origin.x(), origin.y(), canvas.width(), canvas.height()],
            "dock": {
                "present": dock is not None,
                "visible": bool(dock and dock.isVisible()),
                "objectName": dock.objectName() if dock else None,
                "title": dock.windowTitle() if dock else None,
                "tabs": [tabs.tabText(i) for i in range(tabs.count())] if tabs else [],
                "workspace": getattr(dock, "workspace_path", None),
                "table": dock.table_counts() if dock else {},
                "message": message.text() if message is not None else None,
            },
            "toolbar": {"present": toolbar is not None,
                        "visible": bool(toolbar and toolbar.isVisible()),
                        "title": toolbar.windowTitle() if toolbar else None},
            "provider": {"registered": provider is not None,
                         "name": provider.name() if provider else None,
                         "algorithms": sorted(a.id() for a in provider.algorithms())
                         if provider else []},
            "messages": [f"{item.title()}: {item.text()}"
                         for item in self.iface.messageBar().items()],
            "project_crs": project.crs().authid(),
            "canvas_crs": canvas.mapSettings().destinationCrs().authid(),
            "canvas_scale": round(canvas.scale()),
            "layers": layers,
        })

    def finish(self):
        from qgis.core import QgsProject

        if self.finished:
            return
        self.finished = True
        self.deadline.stop()
        self.result["seconds"] = round(time.monotonic() - self.started, 1)
        path = os.environ.get("ONEGRID_RESULT")
        if path:
            with open(path, "w", encoding="utf-8") as out:
                json.dump(self.result, out, ensure_ascii=False, indent=2)
        QgsProject.instance().clear()  # quitting with layers loaded segfaults
        self.iface.actionExit().trigger()


def run_in_qgis(iface):
    """The QGIS side: start the steps on QGIS's event loop; keep the returned session."""
    session = _Session(iface)
    session.later(0, session.wait_for_start)
    return session


def _main(argv):
    if len(argv) not in (3, 4):
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    result = grab_desktop(argv[0], argv[1], argv[2], *(argv[3:4] or []))
    print(json.dumps({k: result[k] for k in ("ok", "returncode", "screenshot", "errors")
                      if k in result}, ensure_ascii=False, indent=2))
    return 0 if result.get("ok") and result["returncode"] == 0 else 1


def _qgis_iface():
    try:
        from qgis.utils import iface
    except ImportError:
        return None
    return iface


if __name__ == "__main__":
    _IFACE = _qgis_iface()
    if _IFACE is not None:
        _SESSION = run_in_qgis(_IFACE)  # a global of QGIS's __main__: lives until QGIS quits
    else:
        sys.exit(_main(sys.argv[1:]))
