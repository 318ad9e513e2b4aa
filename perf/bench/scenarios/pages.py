"""Each page as a visitor, a verified officer and a staff member (the list and the sessions come from
`manage.py bench_pages`), against the floor, a trivial Django view through the same middleware and server
measured before and after the pages in the same run, and against itself on 1 % of the data (the growth
ratio): both servers run side by side and each page is measured on them full, small, small, full. Beside the
speed: the queries a page costs without the page cache, and what it weighs compressed."""

from perf.bench import targets
from perf.bench.portal import Bench, Portal, alternating, combined, ratio
from perf.bench.table import Section, cell
from perf.harness.processes import log

NAME = "pages"
WARMUP_SECONDS = 2
SHORT = {  # what a shortfall line says of the figure, and its target
    "ratio": lambda page: f"{page['ratio']:.2f} x the floor's req/s (target >= {targets.FLOOR_RATIO[page['as']]})",
    "p99_to_floor": lambda page: f"p99 {page['p99_to_floor']:.1f} x the floor's (target <= {targets.P99_TO_FLOOR:g})",
    "growth": lambda page: f"{page['growth']:.2f} x its req/s at 1 % (target >= {targets.GROWTH})",
    "queries": lambda page: (
        f"{page['queries']} queries, {page['queries_at_small_scale']} at 1 % (target <= {targets.QUERIES[page['as']]},"
        " no more at full data)"
    ),
    "bytes": lambda page: f"{page['bytes'] / 1000:.0f} KB compressed (target <= {targets.PAGE_BYTES // 1000} KB)",
    "errors": lambda page: (
        f"status {page['status']}, {page['requests']} requests answered, {page['errors']} socket errors,"
        f" {page['non_2xx']} answers of 400 or more"
    ),
}
COLUMNS = ["page", "as", "req/s", "p50 ms", "p99 ms", "ratio", "p99/fl", "growth", "queries", "KB gz", "errors"]


def run(bench: Bench) -> Section:
    full, small = bench.full, bench.small
    floor_runs = {full.label: [], small.label: []}
    for portal in (full, small, full, small):
        floor_runs[portal.label].append(_floor(bench, portal))
    results = [_page(bench, page) for page in full.data["pages"]]
    for portal in (full, small):
        floor_runs[portal.label].append(_floor(bench, portal))
    floor, small_floor = combined(floor_runs[full.label]), combined(floor_runs[small.label])
    for result in results:
        result["ratio"] = ratio(result["rps"], floor["rps"])
        result["p99_to_floor"] = ratio(result["p99_ms"], floor["p99_ms"], 2)
        result["growth"] = ratio(result["rps"], result["rps_at_small_scale"])
        result["misses"] = targets.page_misses(result)
    bench.results[NAME] = {"floor": floor, "floor_at_small_scale": small_floor, "pages": results}
    return _section(bench, floor, results)


def _floor(bench: Bench, portal: Portal):
    bench.wrk(portal, path="/bench/floor", seconds=WARMUP_SECONDS)
    return bench.wrk(portal, path="/bench/floor", seconds=bench.seconds)


def _page(bench: Bench, page: dict) -> dict:
    """One page measured on both portals (after a warm-up of each), with its queries and weight."""
    full, small = bench.full, bench.small
    at_small = next(p for p in small.data["pages"] if (p["as"], p["name"]) == (page["as"], page["name"]))
    half = max(bench.seconds / 2, 1)

    def on(portal: Portal, entry: dict):
        return lambda: bench.wrk(portal, path=entry["path"], person=entry["as"], seconds=half)

    on(full, page)(), on(small, at_small)()  # warm-up: fills the caches, starts the connections
    measured, measured_small = alternating(on(full, page), on(small, at_small))
    result = {
        **page,
        **measured,
        "rps_at_small_scale": measured_small["rps"],
        "queries_at_small_scale": at_small["queries"],
        "bytes": full.compressed_size(page["path"], page["as"]),
    }
    log(f"{page['as']:<8} {page['name']:<40} {result['rps']:>8.0f} req/s  p99 {result['p99_ms']:.0f} ms")
    return result


def _section(bench: Bench, floor: dict, results: list[dict]) -> Section:
    section = Section(
        f"Pages at scale {bench.full.scale} (growth against {bench.small.scale}), {bench.connections} connections",
        COLUMNS,
    )
    section.rows.append(
        ["floor", "", cell(floor["rps"], "{:.0f}"), cell(floor["p50_ms"], "{:.1f}")]
        + [cell(floor["p99_ms"], "{:.1f}"), "1.00", "1.0", "", "", "", ""]
    )
    for page in results:
        missed = set(page["misses"])
        queries = str(page["queries"])
        if page["queries"] != page["queries_at_small_scale"]:
            queries += f"/{page['queries_at_small_scale']}"
        section.rows.append(
            [
                page["name"],
                page["as"],
                cell(page["rps"], "{:.0f}"),
                cell(page["p50_ms"], "{:.1f}"),
                cell(page["p99_ms"], "{:.1f}"),
                cell(page["ratio"], "{:.2f}", "ratio" in missed),
                cell(page["p99_to_floor"], "{:.1f}", "p99_to_floor" in missed),
                cell(page["growth"], "{:.2f}", "growth" in missed),
                cell(queries, "{}", "queries" in missed),
                cell(page["bytes"] / 1000, "{:.1f}", "bytes" in missed),
                cell(page["errors"] + page["non_2xx"], "{}", "errors" in missed),
            ]
        )
        section.shortfalls += [f"{page['as']}, {page['name']}: {SHORT[figure](page)}" for figure in page["misses"]]
    section.notes.append(
        "ratio and p99/fl: against the floor; growth: req/s at full data / at 1 %; queries: full/1 % where they differ"
    )
    return section
