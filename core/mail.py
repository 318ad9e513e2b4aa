"""Every mail the portal sends is two templates: <name>_subject.txt and <name>.txt."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template import Context, engines
from django.utils import translation


def _render_text(name: str, context: dict) -> str:
    # Plain text: "city's" must arrive as typed, not as HTML's "city&#x27;s".
    template = engines["django"].get_template(name).template
    return template.render(Context(context, autoescape=False))


def render_mail(template: str, context: dict) -> tuple[str, str]:
    context = {"SITE_URL": settings.SITE_URL, **context}
    subject = " ".join(_render_text(f"{template}_subject.txt", context).split())
    body = _render_text(f"{template}.txt", context)
    return settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body


def send_templated_mail(template: str, context: dict, to: list[str], *, language: str | None = None) -> None:
    """Send after the surrounding transaction commits, so no mail tells of a change that was rolled back."""

    def send():
        with translation.override(language or translation.get_language()):
            subject, body = render_mail(template, context)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to, fail_silently=False)

    transaction.on_commit(send)
