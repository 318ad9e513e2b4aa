"""The targets of issue 13 ("Targets", measured by `make bench`, never as a timed test), in one place.
Each check gives the names of the figures of a result that miss theirs."""

FLOOR_RATIO = {"visitor": 0.8, "officer": 0.25, "staff": 0.25}  # requests/s against the floor's
P99_TO_FLOOR = 5.0  # p99 at most 5 x the floor's p99
GROWTH = 0.8  # full data at most 20 % slower than 1 % of it
QUERIES = {"visitor": 10, "officer": 12, "staff": 12}  # and no more at full data than at 1 %
PAGE_BYTES = 150_000  # compressed, for pages and feeds (not the open-data exports)
BUSY_RATIO = 0.8  # requests/s on a busy day against a quiet one
BUSY_PAGES = 100  # different pages in the busy day's mix, at least


def page_misses(page: dict) -> list[str]:
    checks = {
        "ratio": page["ratio"] < FLOOR_RATIO[page["as"]],
        "p99_to_floor": page["p99_to_floor"] > P99_TO_FLOOR,
        "growth": page["growth"] < GROWTH,
        "queries": page["queries"] > QUERIES[page["as"]] or page["queries"] > page["queries_at_small_scale"],
        "bytes": page["kind"] != "export" and page["bytes"] > PAGE_BYTES,
        "errors": page["errors"] + page["non_2xx"] > 0 or page["status"] != 200 or page["requests"] == 0,
    }
    return [name for name, missed in checks.items() if missed]


def busy_misses(busy: dict) -> list[str]:
    checks = {
        "busy_ratio": busy["ratio"] < BUSY_RATIO,
        "pages": busy["pages"] < BUSY_PAGES,
        "errors": any(
            busy[run]["errors"] + busy[run]["non_2xx"] > 0 or busy[run]["requests"] == 0 for run in ("quiet", "busy")
        ),
    }
    return [name for name, missed in checks.items() if missed]
