"""English as written in the European Union (the EU's own style guide, Ireland, Malta): 3 December 2026, 14:05.

Django's "en" is American (Dec. 3, 2026, 2:05 p.m.). Input formats stay Django's, ISO first.
"""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
