"""What Django's Bulgarian formats lack: a date with its time, and thousands grouped (107 000)."""

DATETIME_FORMAT = "d F Y, H:i"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
YEAR_MONTH_FORMAT = "F Y"
NUMBER_GROUPING = 3
