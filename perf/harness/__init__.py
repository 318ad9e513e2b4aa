"""The harness `make bench` and `make resilience` share.

- `processes`: paths, a timestamped log, free ports, waiting, `manage.py` with a given environment;
- `gunicorn`: the portal's production environment and a gunicorn serving it, ready once /healthz answers;
- `wrk`: runs wrk (optionally with a Lua list of paths) and reads its output;
- `browser`: a person's session (httpx: cookies, forms with their CSRF token, login);
- `services`: a private PostgreSQL cluster and Redis server on free loopback ports, and databases to create;
- `smtp_sink`: a real SMTP server (aiosmtpd) on a free loopback port that counts the mails it gets, stops and
  starts again on its port, and can hold its answer to a mail;
- `workers`: the portal's task workers (`manage.py db_worker`), started, stopped and killed;
- `mail_cast`: the officers, representatives, threads and followers a mail measure needs, and the mails due.
"""
