"""The real QGIS desktop under Xvfb: the plugin loads, the dock opens a workspace, the map
renders, and a hung QGIS is killed instead of hanging the test run."""
import os
import time
from pathlib import Path

import numpy as np
import pytest
from qgis.PyQt.QtGui import QImage

from onegrid.layers import schema
from onegrid.layers.workspace import layer_counts
from onegrid.scripts.desktop import DesktopError, grab_desktop, qgis_language

from .conftest import clear_project

pytestmark = [pytest.mark.gui, pytest.mark.slow]


def _pixels(png):
    image = QImage(str(png)).convertToFormat(QImage.Format_RGB32)
    assert not image.isNull(), png
    data = image.constBits().asstring(image.sizeInBytes())
    rows = np.frombuffer(data, dtype=np.uint8).reshape(image.height(),
                                                       image.bytesPerLine() // 4, 4)
    return rows[:, :image.width(), 2::-1]  # RGB32 is B, G, R, A in memory (little endian)


def _alive_in_group(pgid):
    """Processes of group ``pgid`` that still run (zombies excluded)."""
    alive = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            alive.append(int(stat.parent.name))
    return alive


def test_qgis_language_names():
    assert qgis_language("zh_CN") == "zh-Hans"
    assert qgis_language("zh-Hans") == "zh-Hans"
    assert qgis_language("en") == "en"


def test_desktop_opens_workspace_in_the_dock(bubenec_workspace, tmp_path):
    png, out = tmp_path / "qgis_window.png", tmp_path / "qgis_window.json"
    result = grab_desktop(bubenec_workspace, png, out, language="zh_CN", timeout=120,
                          profile=tmp_path / "profile")
    log = Path(result["log"]).read_text(errors="replace")
    assert result["returncode"] == 0, log
    assert result["ok"] and result["errors"] == [], result["errors"]
    assert result["steps"] == ["started", "window", "workspace", "zoomed to workspace",
                               "rendered", "grabbed"]
    assert result["rendered"]

    dock = result["dock"]
    assert dock["present"] and dock["visible"]
    assert dock["objectName"] == "OneGridDock"
    assert dock["title"] in ("OneGrid", "一张网")
    assert dock["tabs"][0] in ("Workspace", "工作空间")
    assert dock["workspace"] == str(bubenec_workspace)
    assert result["toolbar"]["present"] and result["toolbar"]["visible"]
    assert result["provider"]["registered"]
    assert "onegrid:create_workspace" in result["provider"]["algorithms"]

    # Chinese QGIS and Chinese layer names.
    assert result["translation"] == "zh-Hans"
    assert result["menus"][0] == "工程(&J)"
    names = {layer["name"] for layer in result["layers"]}
    assert names == {spec.zh for spec in schema.LAYERS}
    assert len(result["layers"]) == len(schema.LAYERS)
    counts = layer_counts(bubenec_workspace)
    by_name = {spec.zh: spec.name for spec in schema.LAYERS}
    assert {by_name[layer["name"]]: layer["count"] for layer in result["layers"]} == counts
    assert dock["table"] == counts
    assert counts["buildings"] == 144
    # Shown in UTM 33N (Prague), zoomed to the ~0.9 km wide data.
    assert result["project_crs"] == result["canvas_crs"] == "EPSG:32633"
    assert 1000 < result["canvas_scale"] < 20000

    assert result["screenshot_size"] == [1600, 1000]
    pixels = _pixels(png)
    assert pixels.shape == (1000, 1600, 3)
    assert pixels.std() > 20
    x, y, w, h = result["canvas_rect"]
    assert w > 600 and h > 500
    canvas = pixels[y:y + h, x:x + w].reshape(-1, 3)
    assert canvas.std() > 15  # the map drew something
    colours = {tuple(c) for c in canvas[::7]}
    assert len(colours) > 200
    # The building fill (#d9cfbf) and the event red (#e31a1c) are on the map.
    for rgb in ((0xd9, 0xcf, 0xbf), (0xe3, 0x1a, 0x1c)):
        assert (np.abs(canvas.astype(int) - rgb).sum(axis=1) < 12).sum() > 20, rgb


def test_hung_qgis_is_killed_with_its_log(bubenec_workspace, tmp_path):
    with pytest.raises(DesktopError, match=r"QGIS did not finish within 2 s; log ") as info:
        grab_desktop(bubenec_workspace, tmp_path / "x.png", tmp_path / "x.json", timeout=2,
                     profile=tmp_path / "profile")
    assert Path(info.value.log).exists()
    deadline = time.monotonic() + 10
    while _alive_in_group(info.value.pid) and time.monotonic() < deadline:
        time.sleep(0.2)  # killed processes leave the table as they are reaped
    assert _alive_in_group(info.value.pid) == []
    assert not os.path.exists(tmp_path / "x.json")


def test_desktop_loads_a_project(bubenec_workspace, tmp_path):
    from qgis.core import QgsProject

    from onegrid.layers.project import add_workspace_to_project

    project = QgsProject.instance()
    clear_project(project)
    add_workspace_to_project(bubenec_workspace, project, language="en")
    qgz = tmp_path / "bubenec.qgz"
    assert project.write(str(qgz))
    clear_project(project)

    png, out = tmp_path / "project.png", tmp_path / "project.json"
    result = grab_desktop(qgz, png, out, language="en", timeout=120,
                          profile=tmp_path / "profile")
    assert result["returncode"] == 0, Path(result["log"]).read_text(errors="replace")
    assert result["ok"], result["errors"]
    assert "project" in result["steps"]
    assert not [m for m in result["messages"] if "not available" in m], result["messages"]
    assert result["menus"][0] == "Pro&ject"
    assert result["dock"]["workspace"] == str(bubenec_workspace)
    assert result["dock"]["table"]["buildings"] == 144
    assert {layer["name"] for layer in result["layers"]} == {spec.en for spec in schema.LAYERS}
    assert result["project_crs"] == "EPSG:32633"
    assert _pixels(png).std() > 20
