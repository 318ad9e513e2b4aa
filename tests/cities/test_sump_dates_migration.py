"""The data migration that turns a plan's adoption year into a date carries its own logic; here it is."""

import datetime
import importlib

import pytest

migration = importlib.import_module("cities.migrations.0005_sump_dates_from_year")
TODAY = datetime.date(2026, 12, 3)


@pytest.mark.parametrize(
    ("status", "year", "becomes"),
    [
        ("adopted", 2019, ("adopted", datetime.date(2019, 1, 1))),
        ("adopted", 2026, ("adopted", datetime.date(2026, 1, 1))),
        ("adopted", 2027, ("in_preparation", None)),  # "adopted" next year: not adopted yet
        ("adopted", None, ("adopted", None)),
        ("in_preparation", 2027, ("in_preparation", None)),  # an intended year is no adoption date
        ("none", 2015, ("none", None)),
    ],
)
def test_an_adoption_year_becomes_a_date_only_where_it_can_be_one(status, year, becomes):
    assert migration.adoption_from_year(status, year, TODAY) == becomes
