"""The targets of issue 13 ("Targets", measured by `make bench`, never as a timed test), in one place.
Each check gives the names of the figures of a result that miss theirs."""

FLOOR_RATIO = {"visitor": 0.8, "officer": 0.25, "staff": 0.25}  # requests/s against the floor's
P99_TO_FLOOR = 5.0  # p99 at most 5 x the floor's p99
GROWTH = 0.8  # full data at most 20 % slower than 1 % of it
QUERIES = {"visitor": 10, "officer": 12, "staff": 12}  # and no more at full data than at 1 %
PAGE_BYTES = 150_000  # compressed, for pages and feeds (not the open-data exports)
BUSY_RATIO = 0.8  # requests/s on a busy day against a quiet one
BUSY_PAGES = 100  # different pages in the busy day's mix, at least

DESCRIBED = {
    "ratio": f"req/s >= {FLOOR_RATIO['officer']} x the floor's logged in, {FLOOR_RATIO['visitor']} x for visitors",
    "p99_to_floor": f"p99 <= {P99_TO_FLOOR:g} x the floor's p99",
    "growth": f"full data at most {100 - GROWTH * 100:.0f} % slower than 1 %",
    "queries": f"at most {QUERIES['visitor']} queries ({QUERIES['officer']} logged in), no more at full data",
    "bytes": f"at most {PAGE_BYTES // 1000} KB compressed",
    "errors": "every answer 2xx or 3xx, no socket error",
    "busy_ratio": f"busy req/s >= {BUSY_RATIO} x quiet",
    "pages": f"at least {BUSY_PAGES} different pages",
}


def page_misses(page: dict) -> list[str]:
    checks = {
        "ratio": page["ratio"] < FLOOR_RATIO[page["as"]],
        "p99_to_floor": page["p99_to_floor"] > P99_TO_FLOOR,
        "growth": page["growth"] < GROWTH,
        "queries": page["queries"] > QUERIES[page["as"]] or page["queries"] > page["queries_at_small_scale"],
        "bytes": page["kind"] != "export" and page["bytes"] > PAGE_BYTES,
        "errors": page["errors"] + page["non_2xx"] > 0 or page["status"] != 200,
    }
    return [name for name, missed in checks.items() if missed]


def busy_misses(busy: dict) -> list[str]:
    checks = {
        "busy_ratio": busy["ratio"] < BUSY_RATIO,
        "pages": busy["pages"] < BUSY_PAGES,
        "errors": busy["quiet"]["errors"] + busy["quiet"]["non_2xx"] + busy["busy"]["errors"] + busy["busy"]["non_2xx"]
        > 0,
    }
    return [name for name, missed in checks.items() if missed]
