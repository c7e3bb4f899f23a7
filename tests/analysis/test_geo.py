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


def test_simplifying_keeps_corners_and_the_points_further_than_the_tolerance():
    square = np.array([[0, 0], [1, 0], [2, 0], [2, 1], [2, 2], [1, 2], [0, 2], [0, 1], [0, 0]], dtype=float)
    assert geo.simplify_ring(square, 0.01).tolist() == [[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]
    bump = np.array([[0, 0], [1, 0.5], [2, 0], [1, -3], [0, 0]], dtype=float)  # 0.5 off the line (0,0)-(2,0)
    assert [1, 0.5] in geo.simplify_ring(bump, 0.4).tolist()
    assert [1, 0.5] not in geo.simplify_ring(bump, 0.6).tolist()


def test_drawing_outlines_stay_within_the_tolerance_of_the_boundary_file():
    full, drawn = geo.load_shapes(), geo.drawing_shapes()
    assert set(full) == set(drawn)
    kept = sum(len(ring) for shape in drawn.values() for ring in shape.rings_projected)
    total = sum(len(ring) for shape in full.values() for ring in shape.rings_projected)
    assert kept < total / 2
    for name in ("Moscow", "Kaliningrad Oblast"):
        ring, simplified = full[name].rings_projected[0], drawn[name].rings_projected[0]
        kept = [i for i, point in enumerate(map(tuple, ring)) if point in set(map(tuple, simplified))]
        assert len(kept) == len(simplified)  # only vertices of the original, in order
        for first, last in zip(kept, kept[1:]):  # each dropped vertex near the line that replaced it
            start, end = ring[first], ring[last]
            for point in ring[first + 1:last]:
                cross = (end[0] - start[0]) * (point[1] - start[1]) - (end[1] - start[1]) * (point[0] - start[0])
                assert abs(cross) / np.hypot(*(end - start)) <= geo.DRAWING_TOLERANCE
