import numpy as np
import pytest

from analysis import geo
from analysis.paths import boundaries_path


pytestmark = pytest.mark.skipif(not boundaries_path().is_file(), reason="scenarios/data has no boundary file")


def test_all_83_regions_of_the_region_table_have_an_outline():
    table = geo.load_region_table()
    shapes = geo.load_shapes()
    assert len(table) == 83 and len(shapes) == 83
    assert set(table["name_en"]) == set(shapes)


def test_chukotka_is_contiguous_across_the_antimeridian():
    chukotka = geo.load_shapes()["Chukotka Autonomous Okrug"]
    x = np.concatenate([ring[:, 0] for ring in chukotka.rings_projected])
    everything = np.concatenate([ring[:, 0] for shape in geo.load_shapes().values() for ring in shape.rings_projected])
    # Without the +360 shift its eastern tip would land at the far west of the map.
    assert x.min() > np.quantile(everything, 0.5)
    assert x.max() - x.min() < 0.5 * (everything.max() - everything.min())


def test_the_projection_keeps_west_left_of_east_and_north_above_south():
    x, y = geo.albers_projection(np.array([30.0, 100.0, 170.0, 100.0]), np.array([60.0, 60.0, 60.0, 70.0]))
    assert x[0] < x[1] < x[2]
    assert y[3] > y[1]
