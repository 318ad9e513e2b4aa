"""The topic pages: what they show, in a fixed number of queries however many threads and posts there are."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from devdata.factories import LinkResourceFactory, MeetingFactory, OfficerFactory, PostFactory, ThreadFactory, topic
from topics import services
from topics.models import Post, Resource, Thread
from topics.views.reading import POSTS_PER_PAGE

pytestmark = pytest.mark.django_db

# Anonymous: topic list 1 query; topic page 6 (topic, thread count, threads, resources, meetings, cities);
# thread page 2 (thread, posts). A logged-in officer adds session, user, email, affiliations and follow state.
LIMITS = {"visitor": {"list": 2, "detail": 7, "thread": 3}, "officer": {"list": 7, "detail": 12, "thread": 8}}


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("who", ["visitor", "officer"])
def test_query_counts_stay_fixed_from_5_to_50_threads_and_posts(who, client, django_assert_max_num_queries):
    if who == "officer":
        client.force_login(OfficerFactory())
    thread = ThreadFactory()
    for _ in range(4):
        ThreadFactory()
        PostFactory(thread=thread)
        LinkResourceFactory()
        MeetingFactory()
    urls = {
        "list": reverse("topics:list"),
        "detail": reverse("topics:detail", args=[topic().slug]),
        "thread": thread.get_absolute_url(),
    }
    few = {name: _count(client, url) for name, url in urls.items()}
    for _ in range(45):
        ThreadFactory(author=OfficerFactory())
        PostFactory(thread=thread)
        LinkResourceFactory()
    many = {name: _count(client, url) for name, url in urls.items()}
    assert few == many
    for name, url in urls.items():
        with django_assert_max_num_queries(LIMITS[who][name]):
            client.get(url)


def test_the_topic_list_shows_counts_and_latest_activity(client):
    ThreadFactory()
    page = client.get(reverse("topics:list")).content.decode()
    assert "1 thread" in page and "latest activity" in page
    assert page.count('class="card"') == 8


def test_the_topic_page_offers_new_thread_and_follow_to_an_officer_only(officer, client_as, client):
    url = reverse("topics:detail", args=[topic().slug])
    visitor_page = client.get(url).content.decode()
    assert "Start a new thread" not in visitor_page and "Log in</a> to follow" in visitor_page
    officer_page = client_as(officer).get(url).content.decode()
    assert "Start a new thread" in officer_page and "Follow" in officer_page


def test_an_unknown_or_inactive_topic_is_not_found(client):
    assert client.get("/topics/no-such-topic/").status_code == 404
    inactive = topic("projects")
    inactive.is_active = False
    inactive.save()
    assert client.get(inactive.get_absolute_url()).status_code == 404


def test_starting_a_thread_keeps_what_was_typed_when_a_field_is_missing(officer, client_as):
    response = client_as(officer).post(
        reverse("topics:thread-create", args=[topic().slug]), {"title": "Bus lanes", "body": ""}
    )
    assert response.status_code == 200
    assert "body" in response.context["form"].errors
    assert 'value="Bus lanes"' in response.content.decode()


def test_replies_update_the_thread_counters(officer, other_officer):
    thread = services.thread_start(topic(), author=officer, title="Bus lanes", body="Who has them?")
    reply = services.post_reply(thread, author=other_officer, body="We do.")
    thread.refresh_from_db()
    assert thread.reply_count == 1 and thread.last_activity_at == reply.created_at
    assert reply.author_city == other_officer.affiliations.get().city


def test_a_long_thread_is_read_in_windows_of_posts(client):
    thread = ThreadFactory()
    replies = Post.objects.bulk_create(
        [
            Post(thread=thread, body=f"Reply {n}", body_html=f"<p>Reply {n}</p>")
            for n in range(POSTS_PER_PAGE + 20)
        ]
    )
    first = client.get(thread.get_absolute_url())
    assert len(first.context["posts"]) == POSTS_PER_PAGE
    later = first.context["later_after"]
    assert later and "Later posts" in first.content.decode()
    second = client.get(thread.get_absolute_url(), {"after": later})
    assert len(second.context["posts"]) == 21 and second.context["later_after"] is None
    assert second.context["earlier_before"] == second.context["posts"][0].pk
    back = client.get(thread.get_absolute_url(), {"before": second.context["earlier_before"]})
    assert [p.pk for p in back.context["posts"]] == [p.pk for p in first.context["posts"]]
    link = client.get(reverse("topics:post", args=[replies[-1].pk]))
    assert link.status_code == 302 and f"#post-{replies[-1].pk}" in link["Location"]
    assert client.get(thread.get_absolute_url(), {"after": "nonsense"}).status_code == 200


def test_the_demo_loads_twice_without_changing_anything():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    counts = (Thread.objects.count(), Post.objects.count(), Resource.objects.count())
    assert counts[0] >= 3 and counts[1] > counts[0] and counts[2] >= 2
    call_command("load_demo", stdout=out)
    assert (Thread.objects.count(), Post.objects.count(), Resource.objects.count()) == counts


def test_the_topic_page_shows_ten_resources_and_links_to_all_of_them(client):
    for _ in range(12):
        LinkResourceFactory()
    LinkResourceFactory(title="Secret members resource", members_only=True)
    page = client.get(reverse("topics:detail", args=[topic().slug])).content.decode()
    assert page.count("Guide to parking policy") == 10
    assert reverse("topics:resources", args=[topic().slug]) in page
    everything = client.get(reverse("topics:resources", args=[topic().slug]))
    assert everything.content.decode().count("Guide to parking policy") == 12
    assert "Secret members resource" not in everything.content.decode()
