#!/usr/bin/env bash
# `make lighthouse`: Lighthouse (mobile) scores of the key pages, against the portal under gunicorn with
# production settings on the benchmark database (make bench loads it), using Debian's chromium.
# Lighthouse is installed from the npm registry outside the project ($LIGHTHOUSE_DIR), not by CI.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${LIGHTHOUSE_PORT:-8790}
TOOLS=${LIGHTHOUSE_DIR:-$HOME/.cache/smcportal/lighthouse}
export DATABASE_URL=${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/smcportal_bench}
export DEBUG=false ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false LOG_LEVEL=WARNING
export SECRET_KEY=${SECRET_KEY:-lighthouse-only-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')}
export SITE_URL=http://127.0.0.1:$PORT

[ -x "$TOOLS/node_modules/.bin/lighthouse" ] || npm install --prefix "$TOOLS" --no-audit --no-fund lighthouse@12 >/dev/null
.venv/bin/python manage.py collectstatic --no-input -v 0
pages=$(.venv/bin/python manage.py shell -c "
from cities.models import City
from devdata.bench.conversations import big_thread
print('home=/ directory=/cities/ profile=' + City.objects.members().order_by('pk').first().get_absolute_url()
      + ' topic=/topics/data-and-digitalisation/ thread=' + big_thread().get_absolute_url()
      + ' wall=/ambassadors/ declaration=/ambassadors/declaration/')" | tail -n 1)

.venv/bin/gunicorn smcportal.wsgi --bind "127.0.0.1:$PORT" --workers 3 --log-level warning &
server=$!
trap 'kill $server' EXIT
for _ in $(seq 1 50); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" && break; sleep 0.2; done

mkdir -p bench/results
for entry in $pages; do
  name=${entry%%=*}
  CHROME_PATH=/usr/bin/chromium "$TOOLS/node_modules/.bin/lighthouse" "http://127.0.0.1:$PORT${entry#*=}" --quiet \
    --chrome-flags="--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run" \
    --only-categories=performance,accessibility,best-practices,seo --output=json \
    --output-path="bench/results/lighthouse-$name.json" >/dev/null 2>&1 || true
  python3 - "$name" <<'PY'
import json, sys
name = sys.argv[1]
report = json.load(open(f"bench/results/lighthouse-{name}.json"))
scores = {key: None if value["score"] is None else round(value["score"] * 100)
          for key, value in report["categories"].items()}
weight = report["audits"]["total-byte-weight"].get("numericValue") or 0
print(f"{name:12} {scores}  transfer {weight / 1024:.0f} KB")
PY
done
