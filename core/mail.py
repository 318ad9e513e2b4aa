"""Every mail the portal sends is two templates: <name>_subject.txt and <name>.txt."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation


def render_mail(template: str, context: dict) -> tuple[str, str]:
    context = {"SITE_URL": settings.SITE_URL, **context}
    subject = render_to_string(f"{template}_subject.txt", context).strip()
    body = render_to_string(f"{template}.txt", context)
    return settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body


def send_templated_mail(template: str, context: dict, to: list[str], *, language: str | None = None) -> None:
    """Send after the surrounding transaction commits, so no mail tells of a change that was rolled back."""

    def send():
        with translation.override(language or translation.get_language()):
            subject, body = render_mail(template, context)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to, fail_silently=False)

    transaction.on_commit(send)
