"""Each rule has one home, accounts.permissions: changed there, it changes everywhere it applies (pages and their
links, views, workflows, lists, feeds and search). Each test changes one rule and watches every place."""

import pytest
from django.urls import reverse

from accounts import permissions
from ambassadors.models import Signature
from ambassadors.services import signature_submit
from core.workflow import Refused
from devdata.factories import (
    DeclarationFactory,
    OfficerFactory,
    RepresentativeFactory,
    StaffFactory,
    ThreadFactory,
    UserFactory,
    topic,
)
from topics import moderation, services

pytestmark = pytest.mark.django_db


def _never(*args, **kwargs) -> bool:
    return False


def test_can_edit_post_decides_the_link_the_page_and_the_workflow(client, monkeypatch):
    officer = OfficerFactory()
    thread = ThreadFactory(author=officer)
    post = thread.posts.get()
    client.force_login(officer)
    edit = reverse("topics:post-edit", args=[post.pk])
    assert edit in client.get(thread.get_absolute_url()).content.decode()
    monkeypatch.setattr(permissions, "can_edit_post", _never)
    assert edit not in client.get(thread.get_absolute_url()).content.decode()
    assert client.get(edit).status_code == 403
    with pytest.raises(Refused):
        services.post_edit(post, by=officer, body="Changed")


def test_can_report_post_decides_the_link_the_page_and_the_workflow(client, monkeypatch):
    post = ThreadFactory().posts.get()
    reader = UserFactory()
    client.force_login(reader)
    report = reverse("topics:post-report", args=[post.pk])
    assert report in client.get(post.thread.get_absolute_url()).content.decode()
    monkeypatch.setattr(permissions, "can_report_post", _never)
    assert report not in client.get(post.thread.get_absolute_url()).content.decode()
    assert client.get(report).status_code == 403
    with pytest.raises(Refused):
        services.post_report(post, by=reader, reason="Spam")


def test_can_see_members_only_decides_every_list_search_and_page(client, monkeypatch):
    thread = ThreadFactory(title="Members-only budget figures", members_only=True)
    client.force_login(OfficerFactory())
    places = [topic().get_absolute_url(), "/search/?q=figures", "/topics/"]
    assert all("Members-only budget" in client.get(path).content.decode() for path in places[:2])
    monkeypatch.setattr(permissions, "can_see_members_only", _never)
    assert not any("Members-only budget" in client.get(path).content.decode() for path in places)
    assert client.get(thread.get_absolute_url()).status_code == 404


def test_can_moderate_decides_the_admin_link_hidden_rows_and_moderation(client, monkeypatch):
    staff = StaffFactory()
    hidden = ThreadFactory(title="Hidden spam", is_hidden=True)
    client.force_login(staff)
    assert reverse("admin:index") in client.get("/").content.decode()
    assert client.get(hidden.get_absolute_url()).status_code == 200
    monkeypatch.setattr(permissions, "can_moderate", _never)
    assert reverse("admin:index") not in client.get("/").content.decode()
    assert client.get(hidden.get_absolute_url()).status_code == 404
    with pytest.raises(Refused):
        moderation.thread_lock(ThreadFactory(), by=staff, note="Closed")


def test_can_post_decides_the_buttons_the_pages_and_the_workflows(client, monkeypatch):
    officer = OfficerFactory()
    thread = ThreadFactory()
    client.force_login(officer)
    start = reverse("topics:thread-create", args=[topic().slug])
    assert start in client.get(topic().get_absolute_url()).content.decode()
    monkeypatch.setattr(permissions, "can_post", _never)
    assert start not in client.get(topic().get_absolute_url()).content.decode()
    assert client.get(start).status_code == 403
    with pytest.raises(Refused):
        services.post_reply(thread, author=officer, body="Me too")


def test_can_sign_declaration_decides_the_declaration_page_the_sign_page_and_the_workflow(client, monkeypatch):
    declaration = DeclarationFactory()
    representative = RepresentativeFactory()
    client.force_login(representative)
    sign = reverse("ambassadors:sign")
    assert sign in client.get(reverse("ambassadors:declaration")).content.decode()
    monkeypatch.setattr(permissions, "can_sign_declaration", _never)
    assert sign not in client.get(reverse("ambassadors:declaration")).content.decode()
    assert client.get(sign).status_code == 403
    city = representative.affiliations.get().city
    with pytest.raises(Refused):
        signature_submit(
            Signature(declaration=declaration, full_name="A Mayor", office="mayor", city=city), by=representative
        )


def test_can_subscribe_decides_the_follow_button_and_the_workflow(client, monkeypatch):
    person = UserFactory()
    client.force_login(person)
    assert "Follow “" in client.get(topic().get_absolute_url()).content.decode()
    monkeypatch.setattr(permissions, "can_subscribe", _never)
    assert "Follow “" not in client.get(topic().get_absolute_url()).content.decode()
    assert client.post(reverse("topics:topic-follow", args=[topic().slug]), {"follow": "1"}).status_code == 403
    with pytest.raises(Refused):
        services.subscribe(person, topic=topic())
