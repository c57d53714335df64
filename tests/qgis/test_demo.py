"""``make demo`` end to end: the workspace, the project and the maps (desktop shot skipped)."""
import os
import subprocess
import sys

import numpy as np
import pyogrio
import pytest
from qgis.core import QgsProject, QgsVectorLayer
from qgis.PyQt.QtGui import QImage

from onegrid.layers import schema as S
from onegrid.layers.io import read_layer
from onegrid.layers.workspace import layer_counts
from onegrid.processing.analysis import idcard
from onegrid.scripts import demo

pytestmark = [pytest.mark.qgis, pytest.mark.slow]

REPO = demo.REPO

#: Rows per layer: OSM-derived ones from the Helsinki extract, synthetic ones from the seed.
EXPECTED_COUNTS = {
    "communities": 5, "parcels": 239, "base_grids": 35, "professional_grids": 24,
    "buildings": 479, "roads": 2506, "facilities": 1040, "organizations": 150,
    "households": 9607, "people": 24333, "events": 300, "things": 400, "cameras": 120,
    "patrol_points": 8834, "grid_staff": 181, "rejected_rows": 0, "schema_version": 1,
}
SYNTHETIC = ("communities", "parcels", "base_grids", "organizations", "households", "people",
             "events", "things", "cameras", "patrol_points", "grid_staff")


def run_demo(out):
    env = dict(os.environ, PYTHONSAFEPATH="1", QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=str(REPO / "build" / "pythonpath"))
    proc = subprocess.run([sys.executable, "-m", "onegrid.scripts.demo", "--out", str(out),
                           "--no-desktop"], cwd=out, env=env, capture_output=True, text=True,
                          timeout=900)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout


@pytest.fixture(scope="module")
def demo_output(tmp_path_factory):
    """The demo run twice into the same folder: the second run must replace the first."""
    out = tmp_path_factory.mktemp("demo")
    run_demo(out)
    first = read_layer(out / demo.GPKG_NAME, "people", columns=["id_number"])
    stdout = run_demo(out)
    return out, stdout, first


def test_layer_counts_exact(demo_output):
    out, _, _ = demo_output
    counts = layer_counts(out / demo.GPKG_NAME)
    assert {name: counts.get(name) for name in EXPECTED_COUNTS} == EXPECTED_COUNTS
    # Layers added to the schema later are there, and empty.
    assert set(counts) == {spec.name for spec in S.LAYERS}
    assert {name: n for name, n in counts.items() if name not in EXPECTED_COUNTS} == {
        name: 0 for name in counts if name not in EXPECTED_COUNTS}


def test_second_run_reproduces_the_first(demo_output):
    out, _, first = demo_output
    second = read_layer(out / demo.GPKG_NAME, "people", columns=["id_number"])
    assert second["id_number"].tolist() == first["id_number"].tolist()


def test_synthetic_rows_are_flagged(demo_output):
    out, stdout, _ = demo_output
    gpkg = out / demo.GPKG_NAME
    for name in SYNTHETIC:
        flags = read_layer(gpkg, name, columns=["synthetic"])["synthetic"]
        assert (flags == 1).all(), name
    for name in ("roads", "buildings", "facilities"):
        flags = read_layer(gpkg, name, columns=["synthetic"])["synthetic"]
        assert (flags == 0).all(), name
    assert "SIMULATED" in stdout and "SIMULATED" in (out / "README.md").read_text("utf-8")


def test_buildings_carry_households_and_grids(demo_output):
    out, _, _ = demo_output
    gpkg = out / demo.GPKG_NAME
    buildings = read_layer(gpkg, "buildings")
    households = read_layer(gpkg, "households", columns=["building_code", "grid_code"])
    per_building = households.groupby("building_code").size()
    housed = buildings[buildings["households"] > 0].set_index("building_code")
    assert per_building.to_dict() == housed["households"].to_dict()
    assert buildings["grid_code"].notna().all()
    grids = read_layer(gpkg, "base_grids")
    assert set(buildings["grid_code"]) <= set(grids["grid_code"])
    per_grid = households.groupby("grid_code").size()
    assert 150 <= per_grid.median() <= 350


def test_people_have_valid_id_numbers(demo_output):
    out, _, _ = demo_output
    people = read_layer(out / demo.GPKG_NAME, "people", columns=["id_number", "residence_type"])
    ids = people["id_number"].dropna()
    assert len(ids) == (people["residence_type"] != "foreign").sum()
    assert [v for v in ids if idcard.id_problem(v) is not None] == []


def test_project_loads_with_every_layer_valid(demo_output, qgis_app):
    out, _, _ = demo_output
    project = QgsProject()
    assert project.read(str(out / demo.PROJECT_NAME))
    layers = list(project.mapLayers().values())
    try:
        assert len(layers) == len(S.LAYERS)
        assert all(layer.isValid() for layer in layers)
        names = {layer.name() for layer in layers}
        assert names == {spec.zh for spec in S.LAYERS}
        counts = {layer.name(): layer.featureCount() for layer in layers
                  if isinstance(layer, QgsVectorLayer)}
        assert counts[S.PEOPLE.zh] == EXPECTED_COUNTS["people"]
        assert project.crs().authid() == "EPSG:32635"
    finally:
        project.clear()
        del layers


@pytest.mark.parametrize("name", demo.MAPS)
def test_maps_have_content(demo_output, name):
    out, _, _ = demo_output
    image = QImage(str(out / name))
    assert not image.isNull() and image.width() >= 1000 and image.height() >= 1000
    # Sample a 40 x 40 lattice of pixels: a real map has many colours, not a blank page.
    colours = {image.pixel(int(x), int(y))
               for x in np.linspace(0, image.width() - 1, 40)
               for y in np.linspace(0, image.height() - 1, 40)}
    assert len(colours) > 60
    assert not (out / demo.DESKTOP_PNG).exists()


def test_grid_analyses_in_the_demo(demo_output):
    """check/merge/align/divide/code ran on the demo workspace and their tables add up."""
    out, stdout, _ = demo_output
    results = out / demo.RESULTS_NAME
    problems = pyogrio.read_dataframe(results, layer="grid_problems")
    assert set(problems["error_type"]) <= {"too_few_households", "too_many_households"}
    network = pyogrio.read_dataframe(results, layer="one_network")
    assert len(network) == EXPECTED_COUNTS["base_grids"]
    for grid_type in demo.PROFESSIONAL_TYPES:
        assert network[f"{grid_type}_grid"].notna().all()
        assert ((network[f"{grid_type}_share"] > 0) & (network[f"{grid_type}_share"] <= 1)).all()
    aligned = pyogrio.read_dataframe(results, layer="aligned_professional_grids")
    assert sorted(aligned["grid_type"].unique()) == sorted(demo.PROFESSIONAL_TYPES)
    divided = pyogrio.read_dataframe(results, layer="divided_grids_coded")
    assert divided["within_tolerance"].astype(bool).all()
    assert divided["grid_code"].str.len().eq(20).all() and divided["grid_code"].is_unique
    assert f"grid_problems {len(problems)}" in stdout
    assert (out / "one_network.png").stat().st_size > 100_000


def test_life_circles_and_cameras_in_the_demo(demo_output):
    out, _, _ = demo_output
    results = out / demo.RESULTS_NAME
    circles = pyogrio.read_dataframe(results, layer="life_circles", read_geometry=False)
    assert len(circles) == EXPECTED_COUNTS["buildings"]
    assert set(circles["education_tier"].dropna()) <= {5, 10, 15}
    sheds = pyogrio.read_dataframe(results, layer="camera_viewsheds", read_geometry=False)
    assert len(sheds) == EXPECTED_COUNTS["cameras"]
    # the generator keeps every camera outside the footprints: none flagged, all see something
    assert (sheds["flags"].fillna("") == "").all()
    assert (sheds["area_m2"] > 0).all()
    for png in ("life_circle_education.png", "camera_coverage.png"):
        assert (out / png).stat().st_size > 100_000


def test_versioned_merge_and_its_impact(demo_output):
    """The demo merges its smallest grid into a neighbour as a new version; the impact lists
    exactly the records of the retired grid, moving to the neighbour."""
    out, stdout, _ = demo_output
    small, neighbour = stdout.split("merged ")[1].split(",")[0].split("->")
    records = pyogrio.read_dataframe(out / demo.RESULTS_NAME, layer="grid_change_records",
                                     read_geometry=False)
    assert set(records["from_grid"]) == {small} and set(records["to_grid"]) == {neighbour}
    gpkg = out / demo.GPKG_NAME
    buildings = read_layer(gpkg, "buildings", columns=["grid_code"])
    moved = records.groupby("kind").size()
    assert moved["buildings"] == (buildings["grid_code"] == small).sum()
    versions = pyogrio.read_dataframe(out / demo.RESULTS_NAME, layer="base_grids_versions",
                                      read_geometry=False)
    assert len(versions) == EXPECTED_COUNTS["base_grids"] + 1
    assert versions["valid_to"].notna().sum() == 2
