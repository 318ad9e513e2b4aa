"""The harness `make bench` and `make resilience` share.

- `processes`: paths, a timestamped log, free ports, waiting, `manage.py` with a given environment;
- `gunicorn`: the portal's production environment and a gunicorn serving it, ready once /healthz answers;
- `wrk`: runs wrk (optionally with a Lua list of paths) and reads its output;
- `browser`: a person's session (httpx: cookies, forms with their CSRF token, login);
- `services`: a private PostgreSQL cluster and Redis server on free loopback ports, and databases to create.
"""
