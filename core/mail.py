"""Every mail the portal sends goes through the outbox; no request ever talks to the mail server.

send_templated_mail() renders a mail from two templates (<name>_subject.txt and <name>.txt) in each
recipient's language, writes one outbox row per recipient in the caller's transaction, and queues its
delivery once that transaction commits: a change that is rolled back sends nothing, one that commits is never
lost (core.delivery delivers, retries and sweeps). A recipient's language is the first of: the language the
person chose, the caller's `language`, the language they signed up in, the language of the current request.

A `key` names the event ("topics.reply.12"): with it, the same event never mails the same address twice,
however often the code that queues it runs (a fan-out task run again after its worker died).
"""

import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template import Context, engines
from django.utils import translation

from core import delivery
from core.models import OutboxMail
from core.taskqueue import BULK


@dataclass(frozen=True)
class Recipient:
    user: Any = None
    chosen_language: str = ""
    signup_language: str = ""


# Who is behind an address: registered by the accounts app from its AppConfig.ready(), as
# fn(addresses) -> {lowercased address: Recipient}; core knows no user model field.
RECIPIENT_LOOKUPS: list[Callable[[list[str]], dict[str, Recipient]]] = []

_batch: ContextVar[list[int] | None] = ContextVar("core_mail_batch", default=None)
_muted: ContextVar[bool] = ContextVar("core_mail_muted", default=False)


def register_recipient_lookup(lookup: Callable[[list[str]], dict[str, Recipient]]) -> None:
    if lookup not in RECIPIENT_LOOKUPS:
        RECIPIENT_LOOKUPS.append(lookup)


def _recipients(addresses: list[str]) -> dict[str, Recipient]:
    found: dict[str, Recipient] = {}
    for lookup in RECIPIENT_LOOKUPS:
        found.update(lookup(addresses))
    return found


def _supported(code: str | None) -> str | None:
    try:
        return translation.get_supported_language_variant(code) if code else None
    except LookupError:
        return None


def reading_language(reader: Recipient, hint: str | None = None) -> str:
    """The language in which the reader gets their mail (see the module's docstring)."""
    for code in (reader.chosen_language, hint, reader.signup_language, translation.get_language()):
        if supported := _supported(code):
            return supported
    return settings.LANGUAGE_CODE


def recipient(address: str) -> Recipient:
    """Who reads the address, as far as the portal knows."""
    return _recipients([address]).get(address.lower(), Recipient())


def _render_text(name: str, context: dict) -> str:
    # Plain text: "city's" must arrive as typed, not as HTML's "city&#x27;s".
    template = engines["django"].get_template(name).template
    return template.render(Context(context, autoescape=False))


def render_mail(template: str, context: dict) -> tuple[str, str]:
    context = {"SITE_URL": settings.SITE_URL, **context}
    subject = " ".join(_render_text(f"{template}_subject.txt", context).split())
    body = _render_text(f"{template}.txt", context)
    return settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body


def _key(key: str | None, address: str) -> str:
    return f"{key}:{address.lower()}" if key else uuid.uuid4().hex


def send_templated_mail(
    template: str, context: dict, to: Iterable[str], *, language: str | None = None, key: str | None = None
) -> None:
    """Queue the mail to each address, in its reader's language; delivered by a worker after commit."""
    if _muted.get():
        return
    addresses = list(dict.fromkeys(address for address in to if address))
    if key:
        done = set(OutboxMail.objects.filter(key__in=[_key(key, a) for a in addresses]).values_list("key", flat=True))
        addresses = [address for address in addresses if _key(key, address) not in done]
    if not addresses:
        return
    found = _recipients(addresses)
    readers_by_language = defaultdict(list)
    for address in addresses:
        reader = found.get(address.lower(), Recipient())
        readers_by_language[reading_language(reader, language)].append((address, reader))
    mails = []
    for code, readers in readers_by_language.items():
        with translation.override(code):
            subject, body = render_mail(template, context)
        mails += [
            _outbox_row(to=address, user=reader.user, template=template, language=code, subject=subject, body=body,
                        key=_key(key, address))
            for address, reader in readers
        ]
    _queue(mails)


def queue_mail(
    *, to: str, subject: str, body: str, template: str, language: str, html_body: str = "", user=None
) -> None:
    """Queue a mail rendered elsewhere (allauth's, through accounts.adapter)."""
    if not _muted.get():
        _queue([_outbox_row(to=to, user=user, template=template, language=language, subject=subject, body=body,
                            html_body=html_body, key=_key(None, to))])


def _outbox_row(*, to, user, template, language, subject, body, key, html_body="") -> OutboxMail:
    return OutboxMail(
        key=key,
        to_email=to,
        user=user,
        template=template,
        language=language,
        subject=subject,
        body=body,
        html_body=html_body,
    )


def _queue(mails: list[OutboxMail]) -> None:
    # A concurrent run of the same fan-out may have written some of these keys since: theirs stand.
    OutboxMail.objects.bulk_create(mails, ignore_conflicts=True)
    ids = list(
        OutboxMail.objects.filter(key__in=[mail.key for mail in mails], state=OutboxMail.State.QUEUED)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    batch = _batch.get()
    if batch is not None:
        batch.extend(ids)
    else:
        delivery.queue_delivery(ids)


@contextmanager
def mail_batch(*, priority: int = BULK):
    """The mails queued inside are delivered by as few tasks as possible (one SMTP connection per
    MAIL_BATCH_SIZE), behind the mails people are waiting for: for fan-outs and digests."""
    ids: list[int] = []
    token = _batch.set(ids)
    try:
        yield
    finally:
        _batch.reset(token)
    delivery.queue_delivery(ids, priority=priority)


@contextmanager
def mail_muted():
    """Nothing queued inside is mailed: for loading demo data through the real workflows."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)
