"""The drills `make resilience` runs, in this order. Each module has a NAME (shown in the table of checks) and
`run(drill)`, which checks its targets with `drill.check(...)`; an exception fails that scenario alone.

To add a drill: write a module beside these (a docstring saying what it checks and its targets), and list
it here. What it starts (a server, a worker) it registers with `drill.cleanup`; a server of the portal with
other settings comes from `drill.app_server(name, workers=…, threads=…, SETTING=value)`.
"""

from perf.resilience.scenarios import concurrency, postgres_outage, redis_outage, two_servers

# Concurrency runs before the two servers, whose last step exhausts the login limit of 127.0.0.1 for a minute.
SCENARIOS = [postgres_outage, concurrency, two_servers, redis_outage]
