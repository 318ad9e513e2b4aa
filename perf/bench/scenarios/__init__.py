"""The scenarios `make bench` runs, in this order. Each module has a NAME (its key in
bench/results/latest.json) and `run(bench)`, which measures with `bench.wrk(...)` on `bench.full` and
`bench.small` (see perf/bench/portal.py), stores its figures in `bench.results[NAME]` and returns the table
to print (perf/bench/table.py), each figure short of its target (perf/bench/targets.py) marked.

To add a scenario: write a module beside these (a docstring saying what it measures and its targets), and
list it here. Pages and sessions it needs from the data come from `manage.py bench_pages` (`portal.data`).
"""

from perf.bench.scenarios import busy_day, pages, reply_fanout

SCENARIOS = [pages, busy_day, reply_fanout]
