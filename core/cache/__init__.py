"""The portal's caching, in five small modules to read in this order:

- versions: every thing a page shows has a version ("directory", "city:emmen", "thread:42", "user:7"); a
  committed change moves on the versions of what it affects, and a request reads the versions it needs once, in
  one round trip, before it reads the database.
- evictions: what each kind of change moves on. Each app declares it next to its models (<app>/evictions.py);
  tests/core/test_evictions.py checks that every model has a declaration and that each page shows a change at once
  while the other pages stay cached.
- store: entries stored under the release and the versions of what they show, in the shared cache (Redis) and in
  this process's own memory (LocalCopies); `remembered()` keeps a computed value (a signed-in person's row, what
  they follow) until a version it depends on moves on.
- audiences: who shares a cached page: every visitor one copy; people with an account one copy per audience
  ("frame": member or staff; "rights": what they may see and do; "person": themselves only).
- pages: `cached_page(audience=..., depends=...)`, the view decorator. A page is stored once per audience with its
  per-person bits left as slots (a form's token, a follow button's state, the links on one's own posts), which are
  filled in for each request from what is remembered about the reader: no page is copied per person, and a
  cached hit costs no query.

backend holds the cache backend itself (Redis while it answers; see there what an outage does).
"""
