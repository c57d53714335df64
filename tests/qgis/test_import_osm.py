"""onegrid:import_osm through QGIS Processing, on the real Helsinki extract."""
from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from qgis.core import QgsProcessingException

from onegrid.layers.io import append_frame, read_layer
from onegrid.layers.workspace import open_dataset, workspace_crs

HELSINKI_PBF = Path(__file__).resolve().parents[2] / "build" / "data" / "Helsinki.osm.pbf"

pytestmark = pytest.mark.qgis

COUNTS = {"ROADS": 2506, "BUILDINGS": 479, "FACILITIES": 1040}


def _import(run_alg, workspace, **extra):
    return run_alg("onegrid:import_osm", {"INPUT": str(HELSINKI_PBF),
                                          "WORKSPACE": str(workspace), **extra})


def _counts(workspace):
    return {key: len(read_layer(workspace, key.lower())) for key in COUNTS}


def test_import_into_workspace(run_alg, workspace):
    results, feedback = _import(run_alg, workspace)
    assert {k: results[k] for k in COUNTS} == COUNTS
    assert _counts(workspace) == COUNTS
    assert workspace_crs(workspace) == "EPSG:4490"
    assert any("Imported 2506 roads, 479 buildings and 1040 facilities" in m
               for m in feedback.infos)
    assert any(m.startswith("11 building outlines in ") and "repaired" in m
               for m in feedback.warnings)
    assert any(m.startswith("15 buildings in ") for m in feedback.errors)

    facilities = read_layer(workspace, "facilities")
    assert facilities.crs.to_epsg() == 4490
    oodi = facilities[facilities["name"] == "Helsingin keskustakirjasto Oodi"].iloc[0]
    assert (oodi["category"], oodi["subcategory"], oodi["osm_id"], oodi["facility_code"]) == (
        "culture_sport", "library", "way/596937289", "OSM-W596937289")
    # CGCS2000 and WGS84 differ by centimetres: coordinates stay where they were.
    assert (oodi.geometry.x, oodi.geometry.y) == pytest.approx((24.938, 60.174), abs=0.003)
    assert facilities.total_bounds == pytest.approx([24.92, 60.16, 24.96, 60.18], abs=0.02)

    buildings = read_layer(workspace, "buildings")
    assert set(buildings.geom_type) == {"MultiPolygon"}
    assert shapely.is_valid(buildings.geometry.values).all()
    ateneum = buildings[buildings["building_code"] == "OSM-W8033120"].iloc[0]
    assert (ateneum["name"], ateneum["use"], ateneum["levels"]) == ("Ateneum", "public", 4)
    assert ateneum["floor_area_m2"] == pytest.approx(13511.2, abs=0.1)
    assert ateneum["synthetic"] == 0

    roads = read_layer(workspace, "roads")
    assert set(roads.geom_type) == {"MultiLineString"}
    assert set(roads["walkable"]) == {1}
    assert int(roads["oneway"].sum()) == 458


def test_reimport_without_replace_adds_nothing(run_alg, workspace):
    _import(run_alg, workspace)
    results, feedback = _import(run_alg, workspace, REPLACE=False)
    assert {k: results[k] for k in COUNTS} == {k: 0 for k in COUNTS}
    assert _counts(workspace) == COUNTS
    assert ("1040 objects of layer facilities are already in the workspace and were skipped "
            "(set REPLACE to refresh them)") in feedback.warnings


def test_replace_keeps_hand_made_rows(run_alg, workspace):
    _import(run_alg, workspace)
    own = gpd.GeoDataFrame({"name": ["社区卫生服务站"], "category": ["medical"]},
                           geometry=[shapely.Point(24.94, 60.17)], crs="EPSG:4490")
    append_frame(workspace, "facilities", own)
    results, feedback = _import(run_alg, workspace, REPLACE=True)
    assert {k: results[k] for k in COUNTS} == COUNTS
    counts = _counts(workspace)
    assert counts == {**COUNTS, "FACILITIES": COUNTS["FACILITIES"] + 1}
    facilities = read_layer(workspace, "facilities")
    assert facilities["osm_id"].isna().sum() == 1
    assert facilities.loc[facilities["osm_id"].isna(), "name"].tolist() == ["社区卫生服务站"]
    assert facilities["osm_id"].dropna().is_unique
    assert ("Deleted 479 rows imported from OpenStreetMap before from layer buildings"
            in feedback.infos)


def test_old_workspace_is_upgraded(run_alg, workspace):
    ds = open_dataset(workspace, update=True)
    ds.ExecuteSQL('ALTER TABLE "facilities" DROP COLUMN "capacity"')
    ds = None
    results, _ = _import(run_alg, workspace)
    assert results["FACILITIES"] == COUNTS["FACILITIES"]
    facilities = read_layer(workspace, "facilities")
    # The re-added field is last in the file: values must still land in their own columns.
    assert list(facilities.columns[-2:]) == ["capacity", "geometry"]
    assert not facilities["synthetic"].any()
    cinema = facilities[facilities["capacity"].notna()]
    assert cinema[["name", "capacity", "category"]].values.tolist() == [
        ["Bio Rex", 550, "culture_sport"]]


def _message(run_alg, params):
    """The message of the QgsProcessingException a failing run raises."""
    with pytest.raises(QgsProcessingException) as err:
        run_alg("onegrid:import_osm", params)
    return str(err.value)


@pytest.mark.parametrize("name", ["missing.osm.pbf", "notes.pbf"])
def test_bad_input(run_alg, workspace, tmp_path, name):
    source = tmp_path / name
    if name == "notes.pbf":
        source.write_text("this is a text file, not OpenStreetMap\n")
        expected = f"{source} is not an OpenStreetMap file (.osm, .osm.pbf) that GDAL can read"
    else:
        expected = f"OSM file {source} does not exist"
    assert _message(run_alg, {"INPUT": str(source), "WORKSPACE": str(workspace)}) == expected
    assert _counts(workspace) == {k: 0 for k in COUNTS}


def test_missing_workspace(run_alg, tmp_path):
    missing = tmp_path / "none.gpkg"
    assert _message(run_alg, {"INPUT": str(HELSINKI_PBF), "WORKSPACE": str(missing)}) == (
        f"Workspace file {missing} does not exist")
