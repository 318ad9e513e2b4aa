"""What a change to a person's data evicts: what is remembered about them (their row, rights and follows, under
"user:<id>"), the city profile that lists a verified officer, and, when their name or address changes, the pages that
name people ("people"). A login, which saves last_login alone, evicts nothing; nor does a new account."""

from allauth.account.models import EmailAddress, EmailConfirmation
from allauth.mfa.models import Authenticator

from accounts.models import Affiliation, User
from core.cache import evictions


def _person(instance, fields) -> list[str]:
    return [f"user:{instance.user_id}"]


def _user(user, fields) -> list[str]:
    return [f"user:{user.pk}", "people"] if user.name_changed else [f"user:{user.pk}"]


def _affiliation(affiliation, fields) -> list[str]:
    return [f"user:{affiliation.user_id}", f"city:{affiliation.city.slug}"]


def register() -> None:
    evictions.register(User, _user, ignored_fields={"last_login"})
    evictions.register(Affiliation, _affiliation)
    evictions.register(EmailAddress, _person)
    evictions.register(Authenticator, _person)
    evictions.register(EmailConfirmation, evictions.nothing)  # a pending confirmation key: nobody sees it
