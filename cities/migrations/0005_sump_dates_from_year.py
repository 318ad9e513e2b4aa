"""A mobility plan's adoption year becomes its adoption date.

Today's data knew only a year; a date is what the plan's page now asks for. The logic lives here, not in the
app, so that this migration means the same thing whatever the app's code becomes.
"""

import datetime

from django.db import migrations

ADOPTED = "adopted"
IN_PREPARATION = "in_preparation"
BATCH = 500


def adoption_from_year(status: str, year: int | None, today: datetime.date) -> tuple[str, datetime.date | None]:
    """(status, adoption date) for a plan known by its status and a year.

    An adopted plan's year becomes 1 January of that year (a year alone says no more; officers refine it on
    their city's plan page). A plan "adopted" in a year still to come is not adopted yet: it is in preparation.
    For a plan that is not adopted, the year was no adoption date and is dropped.
    """
    if status != ADOPTED or year is None:
        return status, None
    if year > today.year:
        return IN_PREPARATION, None
    return status, datetime.date(year, 1, 1)


def carry_years_to_dates(apps, schema_editor):
    City = apps.get_model("cities", "City")
    today = datetime.date.today()
    changed = []
    for city in City.objects.exclude(sump_year=None).only("pk", "sump_status", "sump_year").iterator():
        city.sump_status, city.sump_adopted_on = adoption_from_year(city.sump_status, city.sump_year, today)
        changed.append(city)
    City.objects.bulk_update(changed, ["sump_status", "sump_adopted_on"], batch_size=BATCH)


def carry_dates_back_to_years(apps, schema_editor):
    City = apps.get_model("cities", "City")
    changed = []
    for city in City.objects.exclude(sump_adopted_on=None).only("pk", "sump_adopted_on").iterator():
        city.sump_year = city.sump_adopted_on.year
        changed.append(city)
    City.objects.bulk_update(changed, ["sump_year"], batch_size=BATCH)
    City.objects.filter(sump_status="under_revision").update(sump_status=ADOPTED)


class Migration(migrations.Migration):
    dependencies = [("cities", "0004_membership_lifecycle_and_plan_dates")]

    operations = [migrations.RunPython(carry_years_to_dates, carry_dates_back_to_years)]
