"""Logs hold no passwords, tokens or full email addresses."""

import logging
import re
import time

EMAIL = re.compile(r"([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})")
SECRET_PARAMETER = re.compile(r"(?i)\b(password\d?|token|key|secret|code|sig)=([^&\s\"']+)")
# Emailed links carry their secret in the path: /accounts/confirm-email/<key>/, /…/confirm/<token>/…
SECRET_PATH = re.compile(r"/(confirm-email|password/reset/key|confirm|unsubscribe|verify)/[^/\s\"']+")


def redact(text: str) -> str:
    text = EMAIL.sub(r"\1***@\2", text)
    text = SECRET_PARAMETER.sub(r"\1=[redacted]", text)
    return SECRET_PATH.sub(r"/\1/[redacted]", text)


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


class UTCFormatter(logging.Formatter):
    """Log times in UTC, whatever the server's time zone."""

    converter = time.gmtime
