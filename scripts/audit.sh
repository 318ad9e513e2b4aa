#!/usr/bin/env bash
# `make audit`: pip-audit of requirements.lock, from a separate tool venv (.venv-tools) so that the audit
# tool's own dependencies never mix with the portal's.
# Exit status: 0 no known vulnerability; 1 a pinned package has a known vulnerability;
# 75 (EX_TEMPFAIL) the package index / vulnerability service could not be reached: no verdict.
set -uo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
TOOLS=.venv-tools
log=$(mktemp)
trap 'rm -f "$log"' EXIT

if ! [ -x "$TOOLS/bin/pip-audit" ]; then
  if ! { [ -x "$TOOLS/bin/python" ] || "$PYTHON" -m venv "$TOOLS"; } \
    || ! "$TOOLS/bin/python" -m pip install --quiet --disable-pip-version-check pip-audit; then
    echo "audit: could not install pip-audit (package index unreachable?)" >&2
    exit 75
  fi
fi

"$TOOLS/bin/pip-audit" -r requirements.lock --progress-spinner off > "$log" 2>&1
status=$?
grep -v "^WARNING: Location 'file://" "$log"  # pip's notes on local mirrors are noise here
if grep -Eq "Found [0-9]+ known vulnerabilit" "$log"; then
  echo "audit: known vulnerabilities in pinned packages (see above)" >&2
  exit 1
fi
if [ "$status" -ne 0 ]; then
  echo "audit: pip-audit failed without a verdict (exit $status): network or index failure" >&2
  exit 75
fi
# pip-audit answers "No known vulnerabilities found" even when the vulnerability service knew none of the
# packages (an index or mirror without PyPI's JSON API): that is no verdict, not a pass.
skipped=$(grep -c "could not be audited" "$log")
if [ "$skipped" -gt 0 ]; then
  echo "audit: $skipped of $(grep -c '==' requirements.lock) pinned packages could not be audited (vulnerability service unreachable?)" >&2
  exit 75
fi
exit 0
