"""Feeds, search and the city page never show hidden or members-only content to those who may not see it."""

import pytest
from django.urls import reverse

from core.text import highlight
from devdata.factories import CityFactory, LinkResourceFactory, OfficerFactory, PostFactory, ThreadFactory, topic
from tests.topics.conftest import ROLES

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus():
    """One public thread, and one of each kind a visitor must not see, all about "tramway"."""
    public = ThreadFactory(title="Tramway public plans", body="The tramway opens in spring.")
    PostFactory(thread=public, body="Our tramway reply is public.")
    PostFactory(thread=public, body="Tramway spam reply", is_hidden=True)
    ThreadFactory(title="Tramway members plans", body="Tramway budget, members only.", members_only=True)
    ThreadFactory(title="Tramway hidden thread", body="Tramway hidden body.", is_hidden=True)
    LinkResourceFactory(title="Tramway public guide")
    LinkResourceFactory(title="Tramway members guide", members_only=True)
    LinkResourceFactory(title="Tramway hidden guide", is_hidden=True)
    return public


SECRET_WORDS = [
    "members plans",
    "members only",
    "hidden thread",
    "hidden body",
    "spam reply",
    "members guide",
    "hidden guide",
]


@pytest.mark.parametrize("url", ["/topics/feed/", "/topics/data-and-digitalisation/feed/"])
def test_feeds_show_public_visible_threads_only_even_to_staff(url, corpus, staff, client_as):
    response = client_as(staff).get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    text = response.content.decode()
    assert "Tramway public plans" in text
    assert "The tramway opens in spring." in text
    for word in SECRET_WORDS:
        assert word not in text.lower() if word.islower() else word not in text


def test_a_topic_feed_holds_only_its_topic(corpus, client):
    ThreadFactory(title="Projects thread", topic=topic("projects"))
    text = client.get(reverse("topics:feed", args=["data-and-digitalisation"])).content.decode()
    assert "Projects thread" not in text
    assert "Projects thread" in client.get(reverse("topics:feed-all")).content.decode()


def test_the_feed_of_an_unknown_topic_is_not_found(client):
    assert client.get("/topics/no-such-topic/feed/").status_code == 404


@pytest.mark.parametrize("person", ["visitor", "unverified", "verified"], indirect=True)
def test_search_never_shows_hidden_or_members_only_content(person, corpus, client_as):
    page = client_as(person).get(reverse("portal:search"), {"q": "tramway"}).content.decode()
    assert "Tramway public plans" in page.replace("<mark>", "").replace("</mark>", "")
    assert "public guide" in page
    for word in SECRET_WORDS:
        assert word not in page.lower()


def test_an_officer_finds_members_only_content_but_not_hidden_content(corpus, client_as):
    page = client_as(OfficerFactory()).get(reverse("portal:search"), {"q": "tramway"}).content.decode().lower()
    plain = page.replace("<mark>", "").replace("</mark>", "")
    assert "tramway members plans" in plain and "members guide" in plain
    for word in ["hidden thread", "hidden body", "spam reply", "hidden guide"]:
        assert word not in plain


def test_search_results_are_grouped_and_highlighted(corpus, client):
    response = client.get(reverse("portal:search"), {"q": "tramway"})
    kinds = [group["kind"] for group in response.context["groups"]]
    assert kinds == ["cities", "threads", "posts", "resources", "ambassadors", "projects", "calls", "partner_requests"]
    assert "<mark>Tramway</mark>" in response.content.decode()


def test_search_results_are_paginated_per_kind(client):
    for n in range(12):
        ThreadFactory(title=f"Cycling street {n}")
    response = client.get(reverse("portal:search"), {"q": "cycling", "threads_page": "2"})
    threads = next(g for g in response.context["groups"] if g["kind"] == "threads")
    assert threads["page"].number == 2 and len(threads["page"].object_list) == 2
    assert "threads_page=1" in threads["previous_query"] and "q=cycling" in threads["previous_query"]
    assert client.get(reverse("portal:search"), {"q": "cycling", "threads_page": "x"}).status_code == 200


def test_search_snippets_escape_the_text_before_marking_it():
    snippet = highlight('<script>alert("tram")</script> & the tram &amp; amp', "tram amp")
    assert "<script>" not in snippet
    assert "&lt;script&gt;" in snippet
    assert "<mark>tram</mark>" in snippet
    assert "&<mark>" not in snippet  # never inside an entity the escaping made
    assert highlight("Fish & chips", "amp chips") == "Fish &amp; <mark>chips</mark>"


def test_an_empty_or_symbol_only_search_shows_no_error(client):
    assert client.get(reverse("portal:search"), {"q": ""}).status_code == 200
    assert client.get(reverse("portal:search"), {"q": "&&& !!!"}).status_code == 200
    assert client.get(reverse("portal:search"), {"q": "x" * 500}).status_code == 200


@pytest.mark.parametrize("person", ROLES, indirect=True)
def test_the_city_profile_shows_only_public_visible_posts_by_its_officers(person, client_as):
    city = CityFactory(name="Tramtown")
    officer = OfficerFactory(affiliation__city=city)
    ThreadFactory(author=officer, author_city=city, title="Public tram thread")
    ThreadFactory(author=officer, author_city=city, title="Members tram thread", members_only=True)
    ThreadFactory(author=officer, author_city=city, title="Hidden tram thread", is_hidden=True)
    ThreadFactory(title="Someone else's thread")
    page = client_as(person).get(city.get_absolute_url()).content.decode()
    assert "Public tram thread" in page
    for title in ["Members tram thread", "Hidden tram thread", "Someone else&#x27;s thread"]:
        assert title not in page


def test_the_topic_list_counts_only_threads_the_reader_may_see(client, client_as):
    ThreadFactory()
    ThreadFactory(members_only=True)
    ThreadFactory(is_hidden=True)
    counts = {t.slug: t.visible_thread_count for t in client.get(reverse("topics:list")).context["topics"]}
    assert counts["data-and-digitalisation"] == 1 and counts["projects"] == 0
    response = client_as(OfficerFactory()).get(reverse("topics:list"))
    assert {t.slug: t.visible_thread_count for t in response.context["topics"]}[
        "data-and-digitalisation"
    ] == 2
