"""Hot spots: Gi* on small lattices against values by hand and an independent reference
formula, the kernel density's mass and shape, the time profiles' counts, the whole analysis."""
import math

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from scipy.stats import norm

from onegrid.processing.analysis import hotspots as hs
from onegrid.processing.analysis.errors import OneGridError

pytestmark = pytest.mark.pure

CRS = "EPSG:32650"  # UTM 50N, metres


def reference_gi_star(x, w):
    """Getis-Ord Gi* written out element by element (Ord and Getis 1995, eq. 14), from a dense
    binary matrix with the diagonal set."""
    x = [float(v) for v in x]
    n = len(x)
    mean = sum(x) / n
    s = math.sqrt(sum(v * v for v in x) / n - mean * mean)
    out = []
    for i in range(n):
        wi = [float(w[i][j]) for j in range(n)]
        total = sum(wi)
        s1 = sum(v * v for v in wi)
        top = sum(wi[j] * x[j] for j in range(n)) - mean * total
        bottom = s * math.sqrt((n * s1 - total * total) / (n - 1))
        out.append(top / bottom if bottom > 0 else float("nan"))
    return out


def dense_queen(nrows, ncols):
    n = nrows * ncols
    w = [[0] * n for _ in range(n)]
    for i in range(n):
        ri, ci = divmod(i, ncols)
        for j in range(n):
            rj, cj = divmod(j, ncols)
            w[i][j] = int(abs(ri - rj) <= 1 and abs(ci - cj) <= 1)
    return w


def test_gi_star_by_hand_on_three_cells_in_a_row():
    # x = 0, 0, 6: mean 2, s = sqrt(36/3 - 4) = sqrt(8). Cell 0 sees {0, 1}: (0 - 2*2) /
    # (sqrt(8) * sqrt((3*2 - 4)/2)) = -4/sqrt(8); cell 1 sees all three: undefined; cell 2
    # sees {1, 2}: (6 - 4)/sqrt(8).
    z, p = hs.gi_star([0, 0, 6], hs.lattice_queen(3, 1))
    assert z[0] == pytest.approx(-4 / math.sqrt(8))
    assert math.isnan(z[1]) and math.isnan(p[1])
    assert z[2] == pytest.approx(2 / math.sqrt(8))
    assert p[2] == pytest.approx(2 * (1 - norm.cdf(2 / math.sqrt(8))))
    assert hs.gi_classes(z, p).tolist() == ["not_significant"] * 3


def test_gi_star_on_a_lattice_against_the_reference_formula():
    rng = np.random.default_rng(3)
    counts = rng.poisson(2.0, (6, 7))
    counts[1:3, 1:3] += 9  # a hot block
    x = counts.ravel()
    z, p = hs.gi_star(x, hs.lattice_queen(7, 6))
    expected = reference_gi_star(x, dense_queen(6, 7))
    np.testing.assert_allclose(z, expected, rtol=1e-12)
    np.testing.assert_allclose(p, 2 * norm.sf(np.abs(expected)), rtol=1e-12)
    classes = hs.gi_classes(z, p).reshape(6, 7)
    assert classes[1, 1] == "hot_99" and classes[2, 2] == "hot_99"
    assert (classes[4:, 4:] != "hot_99").all()


def test_lattice_and_polygon_queen_weights_agree():
    cells = hs.square_cells((0, 0, 399, 299), 100.0, CRS)
    assert cells.attrs["lattice"] == (0.0, 0.0, 4, 3, 100.0)
    assert cells["cell_id"].tolist()[:5] == ["r0c0", "r0c1", "r0c2", "r0c3", "r1c0"]
    lattice = hs.lattice_queen(4, 3).toarray()
    polygons = hs.polygon_queen(cells.geometry.values).toarray()
    np.testing.assert_array_equal(lattice, polygons)
    assert lattice.sum(axis=1).tolist() == [4, 6, 6, 4, 6, 9, 9, 6, 4, 6, 6, 4]
    band = hs.distance_band(shapely.get_coordinates(cells.centroid.values), 150.0).toarray()
    np.testing.assert_array_equal(band, lattice)  # 1.5 cells: the 8 around, no further


def test_gi_classes_thresholds():
    z = np.array([2.6, 2.0, 1.7, 1.0, -1.7, -2.0, -2.6, np.nan])
    p = 2 * norm.sf(np.abs(z))
    assert hs.gi_classes(z, p).tolist() == ["hot_99", "hot_95", "hot_90", "not_significant",
                                            "cold_90", "cold_95", "cold_99",
                                            "not_significant"]


def test_gi_star_undefined_when_all_equal():
    z, p = hs.gi_star([3, 3, 3, 3], hs.lattice_queen(2, 2))
    assert np.isnan(z).all() and np.isnan(p).all()


def test_kernel_density_mass_and_peak():
    rng = np.random.default_rng(1)
    xy = rng.uniform(1000, 2000, (500, 2))
    raster = hs.kernel_density(xy, bandwidth=150.0, pixel=10.0)
    mass = raster.values.sum() * raster.pixel ** 2 / 1e6
    assert mass == pytest.approx(500, rel=1e-9)
    assert raster.x0 % 10 == 0 and raster.y_top % 10 == 0
    rows, cols = raster.values.shape
    assert raster.x0 <= 1000 - 150 and raster.x0 + cols * 10 >= 2000 + 150
    assert raster.y_top >= 2000 + 150 and raster.y_top - rows * 10 <= 1000 - 150
    # One point on a pixel centre: the peak is the quartic kernel's 3 / (pi h^2) per m²,
    # zero beyond h, and the values fall off as (1 - d²/h²)².
    one = hs.kernel_density([[505.0, 505.0]], bandwidth=100.0, pixel=10.0)
    peak = 3 / (math.pi * 100.0 ** 2) * 1e6
    assert one.values.max() == pytest.approx(peak, rel=0.01)
    r, c = np.unravel_index(one.values.argmax(), one.values.shape)
    x = one.x0 + (c + 0.5) * 10
    y = one.y_top - (r + 0.5) * 10
    assert (x, y) == (505.0, 505.0)
    assert one.values[r, c + 5] == pytest.approx(peak * (1 - 0.25) ** 2, rel=0.01)
    assert one.values[r, c + 10] == 0.0 and one.values[r + 10, c] == 0.0
    assert one.geotransform == (one.x0, 10.0, 0.0, one.y_top, 0.0, -10.0)


def test_kernel_density_errors():
    with pytest.raises(OneGridError, match="^The bandwidth must be a positive number"):
        hs.kernel_density([[0, 0]], 0, 10)
    with pytest.raises(OneGridError, match="choose a larger pixel size$"):
        hs.kernel_density([[0, 0], [1e6, 1e6]], 100, 0.1)


def test_time_profiles_counts_in_local_time():
    times = ["2026-11-02T01:30:00Z",       # Monday 09:30 in Shanghai
             "2026-11-02T01:59:00",        # naive = UTC: Monday 09:59
             "2026-11-01T16:10:00+00:00",  # Monday 00:10 local (Sunday in UTC)
             pd.Timestamp("2026-12-06T23:00:00Z"),  # Monday 07:00 local, December
             None, "", "not a time"]
    types = ["a", "b", "a", "a", "a", "b", "b"]
    hw, months, info = hs.time_profiles(times, types, "Asia/Shanghai")
    assert info == {"timed": 4, "untimed": 2, "bad_time": 1,
                    "first": "2026-11-02T00:10:00+08:00", "last": "2026-12-07T07:00:00+08:00"}
    everything = hw[hw["incident_type"] == "all"]
    assert len(everything) == 168 and everything["incidents"].sum() == 4
    monday = everything[everything["weekday"] == 1].set_index("hour")["incidents"]
    assert monday[9] == 2 and monday[0] == 1 and monday[7] == 1
    assert everything.loc[(everything["weekday"] == 1) & (everything["hour"] == 9),
                          "share_pct"].item() == 50.0
    a = hw[hw["incident_type"] == "a"]
    assert a["incidents"].sum() == 3
    assert set(hw["incident_type"]) == {"all", "a", "b"}
    m = months[months["incident_type"] == "all"].set_index("month")
    assert m.loc[11, "incidents"] == 3 and m.loc[12, "incidents"] == 1
    assert m.loc[11, "season"] == "autumn" and m.loc[12, "season"] == "winter"
    assert m["observed_months"].tolist() == [0] * 10 + [1, 1]
    assert m.loc[11, "per_month"] == 3.0 and np.isnan(m.loc[1, "per_month"])
    # The same instants at a fixed offset, and in UTC.
    hw8, _, _ = hs.time_profiles(times, None, "+08:00")
    np.testing.assert_array_equal(hw8["incidents"], everything["incidents"])
    hw0, _, _ = hs.time_profiles(times, None, "UTC")
    utc = hw0.set_index(["weekday", "hour"])["incidents"]
    assert utc[(1, 1)] == 2 and utc[(7, 16)] == 1 and utc[(7, 23)] == 1


def test_unknown_timezone():
    with pytest.raises(OneGridError, match="^Mars/Base is not a time zone"):
        hs.time_profiles(["2026-01-01"], None, "Mars/Base")


def points(xy, **columns):
    return gpd.GeoDataFrame(columns, geometry=shapely.points(np.asarray(xy, dtype=float)),
                            crs=CRS)


def test_incident_hotspots_on_cells():
    rng = np.random.default_rng(5)
    hot = rng.uniform(500_000 + 200, 500_000 + 300, (60, 2)) + [0, 3_000_000]
    spread = rng.uniform(500_000, 500_000 + 1000, (40, 2)) + [0, 3_000_000]
    xy = np.vstack([hot, spread])
    incidents = gpd.GeoDataFrame(
        {"kind": ["theft"] * 60 + ["noise"] * 40 + [None],
         "at": ["2026-07-01T12:00:00Z"] * 100 + [None]},
        geometry=list(shapely.points(xy)) + [None], crs=CRS)
    result = hs.incident_hotspots(incidents, cell_size=100.0, time_field="at",
                                  type_field="kind", bandwidth=200.0)
    zones = result.zones
    assert result.info["incidents"] == 101 and result.info["no_geometry"] == 1
    assert result.info["outside"] == 0 and result.info["untimed"] == 1
    assert zones["incidents"].sum() == 100
    assert len(zones) == result.info["zones"] == 100  # 10 x 10 cells of 100 m
    top = zones.loc[zones["incidents"].idxmax()]
    assert top["cell_id"] == "r2c2" and top["top_type"] == "theft"
    assert top["gi_class"] == "hot_99" and top["neighbours"] == 8
    assert top["density_per_km2"] == top["incidents"] * 100
    expected = reference_gi_star(zones["incidents"].to_numpy(), dense_queen(10, 10))
    np.testing.assert_allclose(zones["gi_z"], expected, rtol=1e-12)
    mass = result.density.values.sum() * result.density.pixel ** 2 / 1e6
    assert mass == pytest.approx(100, rel=1e-9)
    assert result.info["pixel_size"] == 20.0
    assert [t for t, _ in result.warnings] == [
        "{count} incidents have no location: left out of the counts and the density surface",
        "{count} incidents have no time: left out of the hour, weekday and month profiles"]
    july = result.months[(result.months["incident_type"] == "all")
                         & (result.months["month"] == 7)]
    assert july["incidents"].item() == 100


def test_incident_hotspots_on_grids_with_outside_points_and_shared_boundaries():
    grids = gpd.GeoDataFrame({"grid_code": ["A", "B", "C"]}, geometry=[
        shapely.box(0, 0, 100, 100), shapely.box(100, 0, 200, 100),
        shapely.box(200, 0, 300, 100)], crs=CRS)
    incidents = points([[50, 50], [100, 50], [150, 50], [250, 50], [260, 50], [500, 500]])
    result = hs.incident_hotspots(incidents, grids=grids, grid_field="grid_code",
                                  neighbours="queen")
    zones = result.zones
    assert zones["grid_code"].tolist() == ["A", "B", "C"]
    assert zones["incidents"].tolist() == [2, 1, 2]  # (100, 50) goes to the first grid, A
    assert zones["neighbours"].tolist() == [1, 2, 1]
    assert result.info["outside"] == 1
    assert result.info["untimed"] == 6
    assert result.warnings[0] == (
        "{count} incidents are outside every grid: left out of the counts (they are in the "
        "density surface)", {"count": 1})
    by_distance = hs.incident_hotspots(incidents, grids=grids, neighbours="distance",
                                       band_m=100.0)
    assert by_distance.zones["neighbours"].tolist() == [1, 2, 1]
    assert by_distance.info["band_m"] == 100.0


def test_incident_hotspots_needs_grids_or_cells_and_fields():
    incidents = points([[0, 0]])
    with pytest.raises(OneGridError, match="^Give the grids or a cell size$"):
        hs.incident_hotspots(incidents)
    with pytest.raises(OneGridError, match="^Layer incidents has no field when;"):
        hs.incident_hotspots(incidents, cell_size=10, time_field="when")
    with pytest.raises(OneGridError, match="^The cell size must be a positive number"):
        hs.incident_hotspots(incidents, cell_size=-1)
