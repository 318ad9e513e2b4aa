"""What Django's Estonian formats lack: a date with its time, and thousands grouped (107 000)."""

DATETIME_FORMAT = "j. F Y G:i"
SHORT_DATETIME_FORMAT = "d.m.Y G:i"
YEAR_MONTH_FORMAT = "F Y"
NUMBER_GROUPING = 3
