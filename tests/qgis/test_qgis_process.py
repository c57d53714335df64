"""OneGrid inside QGIS-hosted processes: qgis_process runs our algorithms, which use shapely,
pyproj, pyogrio and geopandas next to QGIS's own GDAL/PROJ/GEOS, and exits 0."""
import json
import pathlib
import subprocess

import pyogrio
import pytest

pytestmark = pytest.mark.qgis
REPO = pathlib.Path(__file__).resolve().parents[2]
TOOL = str(REPO / "bin" / "onegrid-process")


def _run(*args):
    return subprocess.run([TOOL, *args], capture_output=True, text=True, timeout=300)


def test_list_shows_the_provider():
    out = _run("list")
    assert out.returncode == 0, out.stderr
    for alg in ("onegrid:create_workspace", "onegrid:import_osm", "onegrid:import_table",
                "onegrid:convert_coordinates"):
        assert alg in out.stdout


def test_create_then_import_osm_through_qgis_process(tmp_path):
    ws = tmp_path / "w.gpkg"
    out = _run("run", "onegrid:create_workspace", "--", f"OUTPUT={ws}")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "LAYERS:\t18" in out.stdout
    out = _run("--json", "run", "onegrid:import_osm", "--",
               f"INPUT={REPO / 'build' / 'data' / 'Helsinki.osm.pbf'}", f"WORKSPACE={ws}")
    assert out.returncode == 0, out.stdout + out.stderr
    results = json.loads(out.stdout)["results"]
    assert results["BUILDINGS"] == pyogrio.read_info(ws, layer="buildings")["features"] > 400
    assert results["ROADS"] == pyogrio.read_info(ws, layer="roads")["features"] > 1000
    # the process must not crash at exit (double free / SIGSEGV with pip's bundled libraries)
    assert "Segmentation fault" not in out.stderr and "double free" not in out.stderr


def test_a_bad_parameter_fails_cleanly(tmp_path):
    out = _run("run", "onegrid:import_osm", "--", f"INPUT={tmp_path / 'missing.pbf'}",
               f"WORKSPACE={tmp_path / 'missing.gpkg'}")
    assert out.returncode != 0
    assert "missing" in out.stdout + out.stderr
    assert out.returncode in (1, 2)  # an error exit, not a signal
