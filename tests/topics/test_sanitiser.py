"""What officers write is Markdown; what reaches the page is cleaned by nh3's allowlist, on every save."""

import pytest
from django.urls import reverse

from devdata.factories import PostFactory, ThreadFactory
from topics import services

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    '<a href="#" onclick="alert(1)">click</a>',
    '<body onload="alert(1)">',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    '<a href="javascript&colon;alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    "<svg><script>alert(1)</script></svg>",
    '<svg onload="alert(1)"><circle r="1"/></svg>',
    '<iframe src="https://evil.example"></iframe>',
    '<object data="x.swf"></object>',
    "<style>body{display:none}</style>",
    '<p style="background:url(javascript:alert(1))">styled</p>',
    '<form action="https://evil.example"><input name="q"></form>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '"><img src=x onerror=alert(1)>',
    '![img](x" onerror="alert(1))',
    '<details open ontoggle="alert(1)">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
]
FORBIDDEN = [
    "<script",
    "onerror",
    "onload",
    "onclick",
    "ontoggle",
    "javascript:",
    "data:",
    "<svg",
    "<iframe",
    "<object",
    "<style",
    "style=",
    "<form",
    "<input",
    "<img",
    "<meta",
    "<math",
    "<details",
    "<body",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_post_never_stores_or_shows_dangerous_html(payload, client):
    thread = ThreadFactory(body=payload)
    reply = PostFactory(thread=thread, body=f"Before {payload} after")
    page = client.get(thread.get_absolute_url()).content.decode()
    for post in (thread.posts.get(is_first=True), reply):
        stored = post.body_html.lower()
        for needle in FORBIDDEN:
            assert needle not in stored, (payload, stored)
    body = page.split('<ol class="post-list">', 1)[1].split("</ol>", 1)[0].lower()
    for needle in FORBIDDEN:
        assert needle not in body, (payload, needle)


def test_markdown_still_renders_links_with_nofollow_ugc():
    post = PostFactory(body="See **this** [guide](https://example.org/guide).")
    assert "<strong>this</strong>" in post.body_html
    assert 'href="https://example.org/guide"' in post.body_html
    assert "nofollow" in post.body_html and "ugc" in post.body_html


def test_an_edit_is_sanitised_too(officer):
    thread = ThreadFactory(author=officer)
    post = services.post_edit(thread.posts.get(), by=officer, body='<img src=x onerror="alert(1)"> fine')
    post.refresh_from_db()
    assert "onerror" not in post.body_html and "fine" in post.body_html


def test_a_thread_title_is_escaped(client):
    thread = ThreadFactory(title="<script>alert(1)</script>")
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_pages_carry_no_inline_script_or_style_attributes(officer, client_as):
    thread = ThreadFactory(author=officer)
    client = client_as(officer)
    for url in [
        reverse("topics:list"),
        reverse("topics:detail", args=[thread.topic.slug]),
        thread.get_absolute_url(),
        reverse("topics:thread-create", args=[thread.topic.slug]),
        reverse("topics:resource-create", args=[thread.topic.slug]),
        reverse("topics:subscriptions"),
    ]:
        page = client.get(url).content.decode()
        assert "style=" not in page and " onclick=" not in page and " onsubmit=" not in page, url
        assert page.count("<h1") == 1, url
        assert "<script>" not in page, url
