"""`make resilience`: the portal's failure drills (see `__main__` and `scenarios/`)."""
