#!/bin/sh
# Runs a command (the web server) with task workers and the scheduler beside it: when the command ends, or on
# Ctrl-C, the workers finish the task in hand and stop. They run in sessions of their own, so that Ctrl-C
# reaches them once, from here, and a worker is never cut off in the middle of a task.
#   WORKERS=2 scripts/with_workers.sh .venv/bin/python manage.py runserver
set -u
manage=".venv/bin/python manage.py"
pids=""
n=0
while [ "$n" -lt "${WORKERS:-1}" ]; do
  setsid $manage db_worker --no-reload &
  pids="$pids $!"
  n=$((n + 1))
done
setsid $manage run_scheduler &
pids="$pids $!"

stop() {
  trap - INT TERM EXIT
  kill -TERM $pids 2>/dev/null
  wait $pids 2>/dev/null
}
trap stop INT TERM EXIT
"$@"
