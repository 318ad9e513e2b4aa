"""make bench marks each figure short of issue 13's targets, and the table shows the mark."""

from perf.bench import targets
from perf.bench.table import Section, cell, render


def page(**figures) -> dict:
    """A page measured well within every target, with `figures` changed."""
    measured = {
        "as": "visitor",
        "kind": "page",
        "status": 200,
        "ratio": 0.95,
        "p99_to_floor": 1.5,
        "growth": 0.97,
        "queries": 5,
        "queries_at_small_scale": 5,
        "bytes": 30_000,
        "requests": 4000,
        "errors": 0,
        "non_2xx": 0,
    }
    return measured | figures


def test_a_page_within_every_target_misses_none():
    assert targets.page_misses(page()) == []


def test_officers_pages_need_a_quarter_of_the_floor_and_visitors_pages_four_fifths():
    assert targets.page_misses(page(**{"as": "officer", "ratio": 0.3})) == []
    assert targets.page_misses(page(**{"as": "staff", "ratio": 0.2})) == ["ratio"]
    assert targets.page_misses(page(ratio=0.3)) == ["ratio"]


def test_a_slow_tail_and_a_slowdown_with_the_data_are_short():
    assert targets.page_misses(page(p99_to_floor=5.5)) == ["p99_to_floor"]
    assert targets.page_misses(page(growth=0.75)) == ["growth"]


def test_queries_over_the_budget_or_growing_with_the_data_are_short():
    assert targets.page_misses(page(queries=11)) == ["queries"]
    assert targets.page_misses(page(**{"as": "officer", "queries": 12, "queries_at_small_scale": 12})) == []
    assert targets.page_misses(page(queries=7, queries_at_small_scale=6)) == ["queries"]


def test_the_page_budget_of_150_kb_leaves_the_exports_out():
    assert targets.page_misses(page(bytes=213_000)) == ["bytes"]
    assert targets.page_misses(page(kind="feed", bytes=213_000)) == ["bytes"]
    assert targets.page_misses(page(kind="export", bytes=2_000_000)) == []


def test_a_page_that_failed_is_short_whatever_its_speed():
    assert targets.page_misses(page(non_2xx=3)) == ["errors"]
    assert targets.page_misses(page(status=500)) == ["errors"]


def test_a_page_that_never_answered_within_the_measure_is_short():
    assert targets.page_misses(page(requests=0, ratio=0.0, growth=0.0)) == ["ratio", "growth", "errors"]


def test_a_busy_day_keeps_four_fifths_of_the_quiet_rate_over_at_least_100_pages():
    quiet = {"requests": 8000, "rps": 1000.0, "errors": 0, "non_2xx": 0}
    busy = {"requests": 6320, "rps": 790.0, "errors": 0, "non_2xx": 0}
    assert targets.busy_misses({"ratio": 0.79, "pages": 99, "quiet": quiet, "busy": busy}) == ["busy_ratio", "pages"]
    assert targets.busy_misses({"ratio": 0.8, "pages": 100, "quiet": quiet, "busy": busy}) == []


def test_the_table_marks_the_figures_short_of_their_target():
    section = Section("Pages", ["page", "req/s", "ratio"])
    section.rows.append(["topic page", cell(35.0, "{:.0f}"), cell(0.04, "{:.2f}", missed=True)])
    section.rows.append(["home", cell(950.0, "{:.0f}"), cell(0.95, "{:.2f}")])
    lines = render(section).splitlines()
    assert lines[0] == "Pages"
    assert lines[3].startswith("topic page") and lines[3].endswith("0.04*")
    assert lines[4].endswith("0.95")
    assert len(lines[3]) == len(lines[4]) + 1  # the mark hangs past the column
