"""Every address of the portal, for every kind of person: the status or redirect each one gets (table.py)."""

import pytest
from django.apps import apps
from django.urls import URLResolver, get_resolver, reverse

from tests.accounts.roles import ROLES
from tests.permissions.outcomes import NOT_ALLOWED, outcome_of
from tests.permissions.table import ARGS, GET, GIVEN, POST
from tests.permissions.world import World

# Addresses the portal does not define itself: the admin's own pages (but for its index), allauth's, Django's.
FOREIGN_PACKAGES = {"allauth", "django"}


def _portal_patterns(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            module = getattr(pattern.urlconf_module, "__name__", "")
            if pattern.namespace == "admin" or module.split(".")[0] in FOREIGN_PACKAGES:
                continue
            inner = ":".join(filter(None, [namespace, pattern.namespace]))
            yield from _portal_patterns(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name
        else:
            yield f"/{prefix}{pattern.pattern}"


def portal_url_names() -> set[str]:
    return {*_portal_patterns(get_resolver().url_patterns), "admin:index"}


def test_every_address_of_the_portal_has_a_row_in_the_table():
    names = portal_url_names()
    assert names - GET.keys() == set(), "give these addresses a row in tests/permissions/table.py"
    assert GET.keys() - names == set(), "these rows name no address of the portal"
    assert (ARGS.keys() | GIVEN.keys() | POST.keys()) - names == set()


def _url(name: str, world: World) -> str:
    if name in GIVEN:
        GIVEN[name](world)
    if name.startswith("/"):
        return name
    return reverse(name, args=ARGS[name](world) if name in ARGS else [])


def _as(client, role: str) -> World:
    world = World(role)
    if world.signed_in:
        client.force_login(world.person)
    return world


def _cases(rows):
    return [
        pytest.param(name, role, expected, id=f"{name}-{role}")
        for name, row in rows
        for role, expected in zip(ROLES, row, strict=True)
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role", "expected"), _cases(GET.items()))
def test_a_get_gives_each_role_what_the_table_says(client, name, role, expected):
    world = _as(client, role)
    assert outcome_of(client.get(_url(name, world))) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "role", "expected"),
    _cases((name, [change.outcome_for(role) for role in ROLES]) for name, change in POST.items()),
)
def test_a_post_gives_each_role_what_the_table_says_and_stores_the_change_only_when_done(
    client, mailoutbox, django_capture_on_commit_callbacks, name, role, expected
):
    world = _as(client, role)
    change = POST[name]
    url = _url(name, world)
    with django_capture_on_commit_callbacks(execute=True):  # mail leaves once the change is committed
        response = client.post(url, change.data_for(world))
    assert outcome_of(response) == expected
    assert change.stored(world) == (expected == change.done)


def _row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


READ_ONLY = [(name, row) for name, row in GET.items() if name not in POST]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role", "as_get"), _cases(READ_ONLY))
def test_an_address_without_a_post_row_answers_a_post_as_a_get_or_refuses_it_and_stores_nothing(
    client, name, role, as_get
):
    world = _as(client, role)
    url = _url(name, world)
    before = _row_counts()
    response = client.post(url, {"title": "Posted", "body": "Posted", "follow": "1", "confirm": "on"})
    assert outcome_of(response) in (as_get, NOT_ALLOWED)
    assert _row_counts() == before
