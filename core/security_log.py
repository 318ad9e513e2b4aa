"""Security events (logins, failed logins, permission denials, staff decisions) with actor and UTC time."""

import logging

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

logger = logging.getLogger("smcportal.security")


def _ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "-") if request is not None else "-"


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    logger.info("login user_id=%s ip=%s", user.pk, _ip(request))


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    logger.info("logout user_id=%s ip=%s", getattr(user, "pk", None), _ip(request))


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    logger.warning("login_failed ip=%s", _ip(request))


def permission_denied(request, reason: str) -> None:
    user_id = request.user.pk if request.user.is_authenticated else None
    logger.warning("permission_denied user_id=%s path=%s reason=%s", user_id, request.path, reason)
