"""allauth's side of the portal's mail: its mails (confirmation, password reset, notices) go through the
outbox like every other, in their reader's language, and a new account remembers the language it was made in
(the language of its mails until the person chooses one)."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site
from django.db.models.functions import Lower
from django.utils import translation
from django.utils.html import strip_tags

from core import mail


def reader(user) -> mail.Recipient:
    return mail.Recipient(user=user, chosen_language=user.language, signup_language=user.signup_language)


def recipients(addresses: list[str]) -> dict[str, mail.Recipient]:
    """Registered with core.mail: the accounts behind these addresses."""
    from accounts.models import User

    users = User.objects.annotate(address=Lower("email")).filter(address__in=[a.lower() for a in addresses])
    return {user.address: reader(user) for user in users}


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        request = allauth_context.request
        user = context.get("user")
        # A mail about an account (an address being added to it, say) reads in that account's language.
        recipient = reader(user) if getattr(user, "pk", None) else mail.recipient(email)
        language = mail.reading_language(recipient)
        with translation.override(language):
            message = self.render_mail(
                template_prefix,
                email,
                {"request": request, "email": email, "current_site": get_current_site(request), **context},
            )
        if message.content_subtype == "html":
            body, html_body = strip_tags(message.body), message.body
        else:
            body = message.body
            alternatives = getattr(message, "alternatives", [])
            html_body = next((content for content, kind in alternatives if kind == "text/html"), "")
        mail.queue_mail(
            to=email,
            subject=message.subject,
            body=body,
            html_body=html_body,
            template=template_prefix,
            language=language,
            user=recipient.user,
        )

    def save_user(self, request, user, form, commit=True):
        user.signup_language = translation.get_language() or ""
        return super().save_user(request, user, form, commit)
