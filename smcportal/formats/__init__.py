"""Date and number formats per language (settings.FORMAT_MODULE_PATH), read before Django's own.

Each module sets only what Django's module for the language lacks or what the portal does otherwise; every
other format still comes from Django. tests/core/test_formats.py checks that every official language of the EU
has its own display formats and groups thousands.
"""
