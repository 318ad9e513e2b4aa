"""Tests for the self-drawn Europe map: EPSG:3035 projection, frame, TopoJSON decoding, fragment.

Needs no database and no Django settings.
"""

from pathlib import Path

import pytest

from cities import mapping
from cities.management.commands import build_europe_map as builder
from cities.mapping import VIEWBOX, is_inside, laea_forward, project

FRAGMENT = Path(__file__).resolve().parents[2] / "templates" / "cities" / "_europe_countries.svg"


def test_projection_centre_maps_to_false_origin() -> None:
    assert laea_forward(10, 52) == (4_321_000.0, 3_210_000.0)


@pytest.mark.parametrize(
    ("longitude", "latitude", "easting", "northing"),
    [
        # Worked example of EPSG Guidance Note 7-2, method 9820 (ETRS89 / LAEA Europe).
        (5, 50, 3_962_799.45, 2_999_718.85),
        # Computed independently: authalic latitude by series, haversine distance and
        # azimuth on the authalic sphere, then the EPSG D scaling.
        (0, 50, 3_606_514.43, 3_036_305.97),
    ],
)
def test_laea_forward_matches_reference_points(
    longitude: float, latitude: float, easting: float, northing: float
) -> None:
    e, n = laea_forward(longitude, latitude)
    assert e == pytest.approx(easting, abs=1.0)
    assert n == pytest.approx(northing, abs=1.0)


def test_antipode_is_refused() -> None:
    with pytest.raises(ValueError):
        laea_forward(-170, -52)


def test_viewbox_matches_frame() -> None:
    assert (mapping.WIDTH, mapping.HEIGHT) == (1000, 840)
    assert VIEWBOX == "0 0 1000 840"


def test_member_cities_are_inside_and_oriented() -> None:
    bologna = project(11.34, 44.49)
    emmen = project(6.91, 52.78)
    assert is_inside(*bologna)
    assert is_inside(*emmen)
    assert emmen[1] < bologna[1]  # Emmen is north of Bologna: higher on the map
    assert emmen[0] < bologna[0]  # and west of it
    assert all(round(v, 1) == v for v in bologna + emmen)


@pytest.mark.parametrize(
    ("name", "longitude", "latitude"),
    [
        ("Reykjavik", -21.9, 64.15),
        ("Lisbon", -9.14, 38.72),
        ("Nicosia", 33.36, 35.17),
        ("Tromsø", 18.96, 69.65),
    ],
)
def test_edges_of_europe_are_inside(name: str, longitude: float, latitude: float) -> None:
    assert is_inside(*project(longitude, latitude)), name


def test_new_york_is_outside() -> None:
    assert not is_inside(*project(-74.0, 40.71))


# A tiny quantized topology: arc 0 runs (10,40) -> (11,40) -> (11,41); arc 1 runs
# (10,40) -> (10,41) -> (11,41), so the square is arc 0 followed by arc 1 reversed.
TOPOLOGY = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.25], "translate": [10, 40]},
    "arcs": [
        [[0, 0], [2, 0], [0, 4]],
        [[0, 0], [0, 4], [2, 0]],
        [[4, 0], [1, 0], [0, 1], [-1, -1]],
    ],
    "objects": {
        "example": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "arcs": [[0, -2]]},
                {"type": "MultiPolygon", "arcs": [[[1, -1]], [[2]]]},
                {"type": "Point", "coordinates": [0, 0]},
            ],
        }
    },
}


def test_decode_arcs_undoes_delta_encoding_and_transform() -> None:
    arcs = mapping.decode_arcs(TOPOLOGY)
    assert arcs[0] == [(10, 40), (11, 40), (11, 41)]
    assert arcs[1] == [(10, 40), (10, 41), (11, 41)]
    assert arcs[2] == [(12, 40), (12.5, 40), (12.5, 40.25), (12, 40)]


def test_decode_polygon_with_reversed_arc() -> None:
    polygon = TOPOLOGY["objects"]["example"]["geometries"][0]
    assert mapping.decode_polygons(TOPOLOGY, polygon) == [
        [[(10, 40), (11, 40), (11, 41), (10, 41), (10, 40)]]
    ]


def test_decode_multipolygon_and_other_types() -> None:
    multi, point = TOPOLOGY["objects"]["example"]["geometries"][1:]
    assert mapping.decode_polygons(TOPOLOGY, multi) == [
        [[(10, 40), (10, 41), (11, 41), (11, 40), (10, 40)]],
        [[(12, 40), (12.5, 40), (12.5, 40.25), (12, 40)]],
    ]
    assert mapping.decode_polygons(TOPOLOGY, point) == []


def test_decode_unquantized_topology() -> None:
    topology = {"type": "Topology", "arcs": [[[1, 2], [3, 4], [1, 2]]], "objects": {}}
    assert mapping.decode_arcs(topology) == [[(1.0, 2.0), (3.0, 4.0), (1.0, 2.0)]]


def test_clipping_keeps_shapes_within_the_frame() -> None:
    square = [(-10.0, -10.0), (10.0, -10.0), (10.0, 10.0), (-10.0, 10.0)]
    clipped = builder.clip_to_frame(square, 100, 100)
    assert sorted(set(clipped)) == [(0.0, 0.0), (0.0, 10.0), (10.0, 0.0), (10.0, 10.0)]
    assert builder.clip_to_frame([(200.0, 0.0), (300.0, 0.0), (250.0, 50.0)], 100, 100) == []


def test_simplify_drops_points_within_tolerance() -> None:
    line = [(0.0, 0.0), (1.0, 0.1), (2.0, -0.1), (3.0, 5.0), (4.0, 0.0)]
    assert builder.simplify(line, 0.6) == [(0.0, 0.0), (2.0, -0.1), (3.0, 5.0), (4.0, 0.0)]


def test_path_data_is_compact_and_relative() -> None:
    assert builder.path_data([[(100, 205), (95, 205), (100, 200)]]) == "M10 20.5l-.5 0 .5-.5z"


def test_generated_fragment() -> None:
    assert FRAGMENT.exists(), "run: manage.py build_europe_map --source countries-50m.json"
    text = FRAGMENT.read_text(encoding="utf-8")
    assert len(text.encode()) < 70_000
    assert "style=" not in text
    assert "<script" not in text
    assert '<g class="map-countries" aria-hidden="true">' in text
    assert text.count('<path class="map-country" d="') >= 40
    assert "<svg" not in text
