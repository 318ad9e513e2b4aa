"""The drills `make resilience` runs, in this order. Each module has a NAME (shown in the table of checks) and
`run(drill)`, which checks its targets with `drill.check(...)`; an exception fails that scenario alone.

To add a drill: write a module beside these (a docstring saying what it checks and its targets), and list
it here. What it starts (a server, a worker) it registers with `drill.cleanup`; a server of the portal with
other settings comes from `drill.app_server(name, workers=…, threads=…, SETTING=value)`, an SMTP server and
task workers delivering to it from `with MailRig(drill, name) as rig:` (perf/resilience/mail_rig.py).
"""

from perf.resilience.scenarios import (
    concurrency,
    mail_server_down,
    postgres_outage,
    redis_outage,
    two_servers,
    two_workers,
    worker_killed,
)

# Those that log people in run before the two servers, whose last step exhausts the login limit of 127.0.0.1
# for a minute.
SCENARIOS = [
    postgres_outage,
    concurrency,
    mail_server_down,
    worker_killed,
    two_workers,
    two_servers,
    redis_outage,
]
