import pytest

from devdata.factories import ThreadFactory
from topics import search
from topics.models import Thread

pytestmark = pytest.mark.django_db


def test_only_the_most_recent_matches_are_ranked_counted_and_shown(client, monkeypatch):
    monkeypatch.setattr(search, "MAX_MATCHES", 3)
    threads = [ThreadFactory(title=f"Parking policy {n}", members_only=False) for n in range(5)]
    from django.contrib.auth.models import AnonymousUser

    found = search.search_threads("parking", AnonymousUser())
    assert found.count() == 3
    assert set(found.values_list("pk", flat=True)) == {thread.pk for thread in threads[2:]}
    html = client.get("/search/", {"q": "parking"}).content.decode()
    assert "The best of the 3 most recent matches" in html
    assert Thread.objects.count() == 5
