"""What Django's Irish formats lack: a date with its time, and thousands grouped (107,000)."""

DATETIME_FORMAT = "j F Y H:i"
SHORT_DATETIME_FORMAT = "j M Y H:i"
YEAR_MONTH_FORMAT = "F Y"
NUMBER_GROUPING = 3
