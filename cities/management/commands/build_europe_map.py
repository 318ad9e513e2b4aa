"""Build the committed SVG fragment of European country shapes.

Input: countries-50m.json (or countries-110m.json) from the npm package
world-atlas 2.0.2, i.e. Natural Earth country shapes (public domain) as TopoJSON.

    python manage.py build_europe_map --source /path/to/countries-50m.json

Steps: decode the TopoJSON arcs, project them to EPSG:3035 SVG units, simplify
each arc once (Douglas-Peucker, so shared borders stay shared), stitch rings,
clip them to the map frame (Sutherland-Hodgman), round to 0.1 unit, drop
slivers, and write one <path> per country. The output is deterministic.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext_lazy as _

from cities import mapping
from cities.mapping import Point

DEFAULT_OUTPUT = Path(__file__).resolve().parents[3] / "templates" / "cities" / "_europe_countries.svg"
# Generous longitude/latitude box around the frame: polygons wholly outside it are skipped unprojected.
GEO_BOX = (-45.0, 20.0, 75.0, 90.0)  # west, south, east, north
Ring = list[tuple[int, int]]  # in tenths of a user unit


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker simplification; keeps both ends (closed arcs keep their shape too)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    if points[0] == points[-1]:  # closed ring: split at the point farthest from the start
        far = max(range(1, len(points) - 1), key=lambda i: _distance2(points[i], points[0]))
        keep[far] = True
        stack = [(0, far), (far, len(points) - 1)]
    limit = tolerance * tolerance
    while stack:
        first, last = stack.pop()
        best, best_index = -1.0, -1
        for i in range(first + 1, last):
            d = _segment_distance2(points[i], points[first], points[last])
            if d > best:
                best, best_index = d, i
        if best > limit:
            keep[best_index] = True
            stack.extend([(first, best_index), (best_index, last)])
    return [p for p, k in zip(points, keep, strict=True) if k]


def _distance2(p: Point, q: Point) -> float:
    return (p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2


def _segment_distance2(p: Point, a: Point, b: Point) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    if length2 == 0:
        return _distance2(p, a)
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2))
    return _distance2(p, (a[0] + t * dx, a[1] + t * dy))


def clip_to_frame(ring: list[Point], width: float, height: float) -> list[Point]:
    """Sutherland-Hodgman clipping of a ring (without repeated end point) to 0..width x 0..height."""
    for axis, value, keep_greater in ((0, 0.0, True), (0, width, False), (1, 0.0, True), (1, height, False)):
        ring = _clip_edge(ring, axis, value, keep_greater)
    return ring


def _clip_edge(ring: list[Point], axis: int, value: float, keep_greater: bool) -> list[Point]:
    """Keep the part of a ring where point[axis] >= value (keep_greater) or <= value."""

    def inside(p: Point) -> bool:
        return p[axis] >= value if keep_greater else p[axis] <= value

    def cross(p: Point, q: Point) -> Point:
        t = (value - p[axis]) / (q[axis] - p[axis])
        other = p[1 - axis] + t * (q[1 - axis] - p[1 - axis])
        return (value, other) if axis == 0 else (other, value)

    output: list[Point] = []
    previous = ring[-1] if ring else (0.0, 0.0)
    for current in ring:
        if inside(current):
            if not inside(previous):
                output.append(cross(previous, current))
            output.append(current)
        elif inside(previous):
            output.append(cross(previous, current))
        previous = current
    return output


def to_tenths(ring: list[Point]) -> Ring:
    """Round to 0.1 unit (as integers) and drop repeated points."""
    out: Ring = []
    for x, y in ring:
        p = (round(x * 10), round(y * 10))
        if not out or p != out[-1]:
            out.append(p)
    while len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


def area(ring: Ring) -> float:
    """Signed area in square user units; positive is clockwise on screen (y down)."""
    total = 0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        total += x1 * y2 - x2 * y1
    return total / 200


def _number(tenths: int) -> str:
    whole, tenth = divmod(abs(tenths), 10)
    sign = "-" if tenths < 0 else ""
    if tenth == 0:
        return f"{sign}{whole}"
    return f"{sign}{whole or ''}.{tenth}"


def path_data(rings: list[Ring]) -> str:
    """SVG path data: absolute move to each ring's start, then relative lines."""
    parts = []
    for ring in rings:
        (x0, y0), numbers = ring[0], []
        for (xa, ya), (xb, yb) in zip(ring, ring[1:], strict=False):
            numbers += [_number(xb - xa), _number(yb - ya)]
        lines = " ".join(numbers).replace(" -", "-")
        parts.append(f"M{_number(x0)} {_number(y0)}l{lines}z")
    return "".join(parts)


class Command(BaseCommand):
    help = _("Build the SVG fragment of European country shapes from a world-atlas TopoJSON file.")

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--source",
            required=True,
            help=_("Path to countries-50m.json or countries-110m.json from the npm package world-atlas."),
        )
        parser.add_argument(
            "--output", default=str(DEFAULT_OUTPUT), help=_("Where to write the SVG fragment.")
        )
        parser.add_argument(
            "--tolerance",
            type=float,
            default=0.6,
            help=_("Simplification tolerance, in SVG user units."),
        )
        parser.add_argument(
            "--min-area",
            type=float,
            default=1.0,
            help=_("Rings smaller than this many square user units are dropped."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            with open(options["source"], encoding="utf-8") as handle:
                topology = json.load(handle)
            geometries = topology["objects"]["countries"]["geometries"]
        except (OSError, ValueError, KeyError, TypeError) as error:
            message = _("Cannot read a world-atlas countries topology: %(error)s") % {"error": error}
            raise CommandError(message) from error

        paths = build_paths(topology, geometries, options["tolerance"], options["min_area"])
        fragment = render_fragment(paths)
        output = Path(options["output"])
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(fragment, encoding="utf-8")
        self.stdout.write(
            _("Wrote %(path)s: %(count)d countries, %(size)d bytes.")
            % {"path": output, "count": len(paths), "size": len(fragment.encode())}
        )


def build_paths(
    topology: dict[str, Any], geometries: list[dict[str, Any]], tolerance: float, min_area: float
) -> list[str]:
    """Return one path data string per country that shows in the frame, in input order."""
    arcs = mapping.decode_arcs(topology)
    projected: dict[int, list[Point]] = {}

    def project_arcs(arc_indexes: list[int]) -> None:
        for index in (i if i >= 0 else ~i for i in arc_indexes):
            if index not in projected:
                points = [mapping.project_exact(lon, lat) for lon, lat in arcs[index]]
                projected[index] = simplify(points, tolerance)

    paths = []
    for geometry in geometries:
        rings: list[Ring] = []
        for polygon in mapping.geometry_polygons(geometry):
            if not polygon or not _touches_box(mapping.stitch_ring(polygon[0], arcs)):
                continue
            for number, ring_arcs in enumerate(polygon):
                project_arcs(ring_arcs)
                ring = mapping.stitch_ring(ring_arcs, projected)
                ring = to_tenths(clip_to_frame(ring[:-1], mapping.WIDTH, mapping.HEIGHT))
                signed = area(ring) if len(ring) >= 3 else 0.0
                if abs(signed) < min_area:
                    if number == 0:
                        break  # the exterior is gone, and so are its holes
                    continue
                # Exteriors clockwise on screen, holes counter-clockwise: right for any fill rule.
                if (signed > 0) != (number == 0):
                    ring.reverse()
                rings.append(ring)
        if rings:
            paths.append(path_data(rings))
    return paths


def _touches_box(ring: list[Point]) -> bool:
    west, south, east, north = GEO_BOX
    lons = [p[0] for p in ring]
    lats = [p[1] for p in ring]
    return min(lons) <= east and max(lons) >= west and min(lats) <= north and max(lats) >= south


def render_fragment(paths: list[str]) -> str:
    lines = [
        "<!-- Generated by manage.py build_europe_map from Natural Earth (world-atlas 2.0.2, public domain),"
        " EPSG:3035, viewBox " + mapping.VIEWBOX + ". Do not edit. -->",
        '<g class="map-countries" aria-hidden="true">',
        *(f'<path class="map-country" d="{d}"/>' for d in paths),
        "</g>",
    ]
    return "\n".join(lines) + "\n"
