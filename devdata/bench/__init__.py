"""Benchmark data at network scale, built with the demo's factories and inserted in bulk (minutes, not hours).

A bulk insert sends no signals and calls no save(): each row's derived fields come from its model's
derive_fields(), the method save() calls, and counters from the queryset method the workflows use.
Each step takes (scale, progress) and skips what is already loaded.
"""

from devdata.bench import cities, conversations, people, projects, signatures

# In order: cities, then the people who act for them, then what those people write, sign and work on together.
STEPS = [cities.load, people.load, conversations.load, signatures.load, projects.load_bench]
