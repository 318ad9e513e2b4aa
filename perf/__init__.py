"""The portal's measurement tools, outside the portal (nothing in the portal imports them):

- `harness/`: what both tools share: gunicorn with production settings, wrk and its output, a person's
  browser session, private PostgreSQL and Redis servers;
- `bench/` (`make bench`): how fast each page is, against a trivial view, at two sizes of data, and on a busy day;
- `resilience/` (`make resilience`): what the portal does when its database or Redis fails, with two app
  servers, and under concurrent writes.

Each tool runs a list of scenarios, one module each, listed in its `scenarios/__init__.py`.
"""
