"""The demo's life-circle and camera stage (scripts/demo_services.py) on the demo workspace."""
import numpy as np
import pyogrio
import pytest
import shapely
from qgis.PyQt.QtGui import QImage

from onegrid.layers.io import read_layer
from onegrid.scripts import demo, demo_services

pytestmark = [pytest.mark.qgis, pytest.mark.slow]


@pytest.fixture(scope="module")
def out(demo_gpkg):
    return demo_gpkg.parent


def results(out, layer, geometry=False):
    return pyogrio.read_dataframe(out / demo.RESULTS_NAME, layer=layer,
                                  read_geometry=geometry)


def test_stage_is_found_and_its_maps_are_listed():
    assert demo_services in demo.stage_modules()
    assert not set(demo_services.OUTPUTS) & set(demo.MAPS)
    assert len(demo_services.TIER_MAPS) == len(demo_services.CATEGORIES) == 5


@pytest.mark.parametrize("name", demo_services.OUTPUTS)
def test_maps_have_content(out, name):
    image = QImage(str(out / name))
    assert not image.isNull() and image.width() >= 1000 and image.height() >= 1000
    colours = {image.pixel(int(x), int(y))
               for x in np.linspace(0, image.width() - 1, 40)
               for y in np.linspace(0, image.height() - 1, 40)}
    assert len(colours) > 60


def test_buildings_start_at_their_osm_entrances(out):
    circles = results(out, "life_circles")
    assert len(circles) == 479
    anchors = circles["anchor"].value_counts().to_dict()
    assert set(anchors) == {"entrance", "wall"}
    assert anchors["entrance"] > 100
    for category, _ in demo_services.CATEGORIES:
        assert set(circles[f"{category}_tier"].dropna()) <= {5, 10, 15}
    summary = results(out, "life_circle_summary").set_index("category")
    assert summary.loc["elderly", "facilities"] == 0  # reported, not silently left out
    assert summary.loc["education", "facilities"] == 11
    deficiency = results(out, "life_circle_deficiency")
    assert (deficiency["category"] == "elderly").sum() == 479
    assert len(deficiency) == int(sum(
        circles[f"{c}_tier"].isna().sum() for c in summary.index))
    grids = results(out, "life_circle_grids")
    assert grids["education_15min_share"].between(0, 1).all()
    communities = results(out, "life_circle_communities")
    assert len(communities) == 5
    assert communities["weight"].sum() == circles["households"].sum()


def test_cameras_stand_outside_buildings_and_all_see(out):
    sheds = results(out, "camera_viewsheds")
    assert len(sheds) == 120
    assert (sheds["flags"].fillna("") == "").all()
    assert (sheds["area_m2"] > 0).all()
    cameras = read_layer(demo_gpkg_path(out), "cameras").to_crs(32635)
    buildings = read_layer(demo_gpkg_path(out), "buildings").to_crs(32635)
    inside = shapely.STRtree(buildings.geometry.values).query(cameras.geometry.values,
                                                              predicate="within")[0]
    assert inside.tolist() == []


def demo_gpkg_path(out):
    return out / demo.GPKG_NAME


def test_key_places_are_seen_at_their_doors(out):
    places = results(out, "key_places", geometry=True)
    buildings = read_layer(demo_gpkg_path(out), "buildings").to_crs(places.crs)
    assert set(places["category"]) == set(demo_services.KEY_CATEGORIES)
    assert places["at"].isin(["entrance", "wall"]).sum() > 10
    # a place moved to its door stands in the street, outside every footprint
    moved = places[places["at"] != "place"]
    assert shapely.STRtree(buildings.geometry.values).query(
        moved.geometry.values, predicate="intersects")[0].tolist() == []
    coverage = results(out, "camera_coverage")
    key = coverage[coverage["target_class"] == "key_places"]
    assert key["total"].sum() == len(places)


def test_proposed_cameras_rank_by_gain_and_cover_blind_doors(out):
    proposed = results(out, "proposed_cameras", geometry=True)
    assert proposed["rank"].tolist() == list(range(1, demo_services.PROPOSED + 1))
    assert proposed["gain"].is_monotonic_decreasing and (proposed["gain"] > 0).all()
    blind = results(out, "camera_blind_places")
    assert 0 < proposed["added_key_places"].sum() <= len(blind)
    new = results(out, "proposed_viewsheds")
    assert len(new) == len(proposed) and (new["area_m2"] > 0).all()
    np.testing.assert_allclose(new["area_m2"], proposed["viewshed_m2"], rtol=1e-9)
