"""Maltese, which Django does not know: 3 ta’ Diċembru 2026, 14:05; 107,000 and 3.5 (as in Malta).

The month and day names come from the Maltese translations of Django's own strings (locale_third_party/mt).
"t" and "a" are format characters, hence the backslashes in "ta’".
"""

DATE_FORMAT = r"j \t\a’ F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = r"j \t\a’ F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = r"j \t\a’ F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
FIRST_DAY_OF_WEEK = 0  # Sunday, as calendars in Malta start
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y"]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%y %H:%M",
]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
