"""Self-drawn map of Europe: EPSG:3035 projection, SVG frame and TopoJSON decoding.

EPSG:3035 is ETRS89 / LAEA Europe: Lambert Azimuthal Equal-Area on the GRS80
ellipsoid, centred on 52°N 10°E (EPSG Guidance Note 7-2, method 9820).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django_countries.fields import Country

Point = tuple[float, float]

# GRS80 ellipsoid and EPSG:3035 parameters.
_A = 6_378_137.0
_F = 1 / 298.257222101
_E2 = _F * (2 - _F)
_E = math.sqrt(_E2)
_LAT0 = math.radians(52.0)
_LON0 = math.radians(10.0)
FALSE_EASTING = 4_321_000.0
FALSE_NORTHING = 3_210_000.0


def _q(phi: float) -> float:
    s = math.sin(phi)
    return (1 - _E2) * (s / (1 - _E2 * s * s) - math.log((1 - _E * s) / (1 + _E * s)) / (2 * _E))


_QP = _q(math.pi / 2)
_RQ = _A * math.sqrt(_QP / 2)
_BETA0 = math.asin(_q(_LAT0) / _QP)
_D = _A * math.cos(_LAT0) / math.sqrt(1 - _E2 * math.sin(_LAT0) ** 2) / (_RQ * math.cos(_BETA0))


def laea_forward(longitude: float, latitude: float) -> Point:
    """Return the EPSG:3035 (easting, northing) in metres of a point in degrees."""
    beta = math.asin(max(-1.0, min(1.0, _q(math.radians(latitude)) / _QP)))
    dlon = math.radians(longitude) - _LON0
    cos_c = math.sin(_BETA0) * math.sin(beta) + math.cos(_BETA0) * math.cos(beta) * math.cos(dlon)
    if 1 + cos_c < 1e-12:
        raise ValueError("the antipode of the projection centre cannot be projected")
    b = _RQ * math.sqrt(2 / (1 + cos_c))
    easting = FALSE_EASTING + b * _D * math.cos(beta) * math.sin(dlon)
    northing = FALSE_NORTHING + (b / _D) * (
        math.cos(_BETA0) * math.sin(beta) - math.sin(_BETA0) * math.cos(beta) * math.cos(dlon)
    )
    return easting, northing


# Map frame, in EPSG:3035 metres: Iceland to western Turkey, Crete to North Cape.
FRAME_WEST = 2_500_000.0
FRAME_EAST = 7_500_000.0
FRAME_SOUTH = 1_300_000.0
FRAME_NORTH = 5_500_000.0
METRES_PER_UNIT = 5_000.0  # one SVG user unit is 5 km
WIDTH = round((FRAME_EAST - FRAME_WEST) / METRES_PER_UNIT)  # 1000
HEIGHT = round((FRAME_NORTH - FRAME_SOUTH) / METRES_PER_UNIT)  # 840
VIEWBOX = f"0 0 {WIDTH} {HEIGHT}"


def project_exact(longitude: float, latitude: float) -> Point:
    """Map a point in degrees to unrounded SVG user units (y grows downward)."""
    easting, northing = laea_forward(longitude, latitude)
    return (easting - FRAME_WEST) / METRES_PER_UNIT, (FRAME_NORTH - northing) / METRES_PER_UNIT


def project(longitude: float, latitude: float) -> Point:
    """Map a point in degrees to SVG user units of VIEWBOX, rounded to 0.1."""
    x, y = project_exact(longitude, latitude)
    return round(x, 1), round(y, 1)


def is_inside(x: float, y: float) -> bool:
    """Tell whether a projected point lies within the map frame."""
    return 0 <= x <= WIDTH and 0 <= y <= HEIGHT


# --- TopoJSON (https://github.com/topojson/topojson-specification) ---


def decode_arcs(topology: Mapping[str, Any]) -> list[list[Point]]:
    """Return every arc of a topology as absolute (longitude, latitude) points.

    Quantized topologies (with a "transform") store delta-encoded integers.
    """
    transform = topology.get("transform")
    if transform is None:
        return [[(float(p[0]), float(p[1])) for p in arc] for arc in topology["arcs"]]
    (kx, ky), (dx, dy) = transform["scale"], transform["translate"]
    arcs: list[list[Point]] = []
    for arc in topology["arcs"]:
        x = y = 0
        points: list[Point] = []
        for position in arc:
            x += position[0]
            y += position[1]
            points.append((x * kx + dx, y * ky + dy))
        arcs.append(points)
    return arcs


def stitch_ring(
    arc_indexes: Sequence[int], arcs: Sequence[Sequence[Point]] | Mapping[int, Sequence[Point]]
) -> list[Point]:
    """Join the arcs of a ring; a negative index ~i means arc i reversed.

    arcs may be a list of all arcs or a mapping from arc number to points.
    """
    ring: list[Point] = []
    for index in arc_indexes:
        points = list(arcs[index]) if index >= 0 else list(reversed(arcs[~index]))
        if ring:
            ring.pop()  # each arc starts where the previous one ended
        ring.extend(points)
    return ring


def geometry_polygons(geometry: Mapping[str, Any]) -> list[list[list[int]]]:
    """Return the polygons of a geometry as lists of rings of arc indexes.

    Only Polygon and MultiPolygon carry areas; other types give no polygon.
    """
    if geometry.get("type") == "Polygon":
        return [geometry["arcs"]]
    if geometry.get("type") == "MultiPolygon":
        return list(geometry["arcs"])
    return []


def decode_polygons(topology: Mapping[str, Any], geometry: Mapping[str, Any]) -> list[list[list[Point]]]:
    """Return a geometry's polygons as rings of (longitude, latitude) points."""
    arcs = decode_arcs(topology)
    return [[stitch_ring(ring, arcs) for ring in polygon] for polygon in geometry_polygons(geometry)]


# Beyond this many cities a map draws its markers as one path of dots, without a link each: the whole network's
# map would otherwise weigh over the page budget (150 KB compressed). The list beside it links every city.
LINKED_MARKERS_AT_MOST = 400


@dataclass
class Markers:
    """A map's markers (SVG) and the same cities as lists by country (HTML), built here with the standard library's
    escape rather than in the template: a map of every European member city has thousands of them."""

    svg: SafeString
    items: SafeString
    count: int
    linked: bool


def markers_and_list(cities) -> Markers:
    """For rows of (slug, name, country, latitude, longitude): one link per marker, or one path of dots beyond
    LINKED_MARKERS_AT_MOST."""
    url_of = reverse("cities:profile", args=["slug-placeholder"]).replace("slug-placeholder", "{}")
    country_names, points, labels, by_country = {}, [], [], {}
    for slug, name, country, latitude, longitude in cities:
        x, y = project(longitude, latitude)
        if not is_inside(x, y):
            continue
        if country not in country_names:
            country_names[country] = escape(str(Country(country).name))
            by_country[country] = []
        url, safe_name = escape(url_of.format(slug)), escape(name)
        points.append((round(x), round(y)))  # whole units (5 km) are finer than a marker's radius
        labels.append((url, f"{safe_name}, {country_names[country]}"))
        by_country[country].append(f'<li><a href="{url}">{safe_name}</a></li>')
    items = [
        f'<h3>{country_names[code]}</h3><ul class="columns">{"".join(by_country[code])}</ul>'
        for code in sorted(by_country, key=lambda code: country_names[code])
    ]
    linked = len(points) <= LINKED_MARKERS_AT_MOST
    if linked:  # the title names the link and shows on hover
        svg = "".join(
            f'<a href="{url}"><title>{label}</title><circle cx="{x}" cy="{y}" r="7"/></a>'
            for (x, y), (url, label) in zip(points, labels, strict=True)
        )
    else:
        svg = f'<path class="map-dots" d="{"".join(f"M{x} {y}h0" for x, y in points)}"/>' if points else ""
    return Markers(join([svg]), join(items), len(points), linked)


def join(parts: list[str]) -> SafeString:
    return mark_safe("".join(parts))  # noqa: S308 - every value in the parts was escaped above
