"""`make bench`: how fast the portal serves its pages (see `__main__` and `scenarios/`)."""
