"""The seed topics the migration stores are the texts the translation catalogue knows."""

from importlib import import_module

import pytest
from django.apps import apps

from topics.models import Topic
from topics.seed import TOPICS

pytestmark = pytest.mark.django_db

FIELDS = ["slug", "name", "summary", "description"]


def _stored() -> list[dict]:
    return list(Topic.objects.order_by("order").values(*FIELDS, "order", "is_active"))


def test_the_migration_stores_the_eight_topics_in_order_with_the_translated_texts():
    expected = [{**topic, "order": order, "is_active": True} for order, topic in enumerate(TOPICS, start=1)]
    assert _stored() == expected


def test_replaying_the_migration_changes_nothing():
    before = _stored()
    import_module("topics.migrations.0002_seed_topics").seed_topics(apps, None)
    assert _stored() == before
    assert Topic.objects.count() == 8
