"""What each kind of change evicts: the versions (core.cache.versions) a saved or deleted row moves on.

Each app declares it for its own models, next to them (<app>/evictions.py, registered from AppConfig.ready()):

    evictions.register(Post, lambda post, fields: ["activity", f"thread:{post.thread_id}", ...])
    evictions.register(Report, nothing)              # private: evicts nothing anyone sees
    evictions.register(User, ..., ignored_fields={"last_login"})

FIELDS is the save's update_fields (None for a full save, a delete or an m2m change), for a declaration that
can tell a counter's update from a change of what a row shows.

A model of the portal's apps with no declaration moves ALL on (safe, and slow to notice: tests/core/
test_evictions.py fails on any such model). Bulk updates send no signal: code that makes them calls
versions.bump() itself.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save

from core.cache import versions

# The apps whose rows pages show; allauth's "account" and "mfa" hold what decides someone's rights.
PORTAL_APPS = {"core", "accounts", "account", "mfa", "cities", "topics", "ambassadors", "projects"}


@dataclass(frozen=True)
class Eviction:
    versions_of: Callable  # (instance, fields) -> list of version names
    ignored_fields: frozenset = frozenset()


REGISTRY: dict[type, Eviction] = {}


def nothing(instance, fields=None) -> list[str]:
    return []


def register(model, versions_of: Callable, *, ignored_fields=()) -> None:
    """VERSIONS_OF(row) names what a change to a row of MODEL (or, for an m2m through model, to the row on either
    side) moves on; a save of IGNORED_FIELDS alone moves nothing."""
    REGISTRY.setdefault(model, Eviction(versions_of, frozenset(ignored_fields)))


def versions_of(instance, update_fields=None) -> list[str]:
    eviction = REGISTRY.get(type(instance))
    if eviction is None:
        return [versions.ALL]
    if update_fields is not None and set(update_fields) <= eviction.ignored_fields:
        return []
    return eviction.versions_of(instance, update_fields)


def _saved(sender, instance, update_fields=None, **kwargs) -> None:
    versions.bump(*versions_of(instance, update_fields))


def _deleted(sender, instance, **kwargs) -> None:
    versions.bump(*versions_of(instance))


def _m2m_changed(sender, instance, action, **kwargs) -> None:
    if action.startswith("post_") and instance._meta.app_label in PORTAL_APPS:
        eviction = REGISTRY.get(sender)
        versions.bump(*(eviction.versions_of(instance, None) if eviction else [versions.ALL]))


def portal_models() -> list:
    return [model for model in apps.get_models() if model._meta.app_label in PORTAL_APPS]


def connect() -> None:
    for model in portal_models():
        label = model._meta.label
        post_save.connect(_saved, sender=model, dispatch_uid=f"evictions-save-{label}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"evictions-delete-{label}")
    m2m_changed.connect(_m2m_changed, dispatch_uid="evictions-m2m")
