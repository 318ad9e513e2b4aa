"""A page compressed once with holes filled per request (core/cache/segments.py)."""

import gzip
import re

import pytest
from django.test import Client

from core.cache import segments
from devdata.factories import OfficerFactory, ThreadFactory


def test_parts_compressed_once_and_fills_between_them_make_one_gzip_file():
    plain = [b"<html>" * 3000, b"<p>between</p>" * 10, b"", b"</html>"]
    fills = [b"token-one", b"", "follow button \u2713".encode()]
    body = segments.gzipped(tuple(segments.compress(part) for part in plain), plain, fills)
    assert gzip.decompress(body) == segments.joined(plain, fills) == (
        plain[0] + fills[0] + plain[1] + fills[1] + plain[2] + fills[2] + plain[3]
    )


def test_a_fill_larger_than_one_stored_block_is_split_across_blocks():
    plain, fills = [b"a", b"b"], [b"x" * 70_000]
    body = segments.gzipped(tuple(segments.compress(part) for part in plain), plain, fills)
    assert gzip.decompress(body) == b"a" + b"x" * 70_000 + b"b"


@pytest.mark.django_db
@pytest.mark.usefixtures("page_cache_on")
def test_a_members_cached_page_leaves_compressed_with_the_readers_own_token():
    thread = ThreadFactory()
    first, second = Client(), Client()
    first.force_login(OfficerFactory())
    second.force_login(OfficerFactory())
    first.get(thread.get_absolute_url())
    response = second.get(thread.get_absolute_url(), headers={"accept-encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    page = gzip.decompress(response.content).decode()
    tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page))
    assert len(tokens) >= 1 and "\x00" not in page
    plain = second.get(thread.get_absolute_url()).content.decode()  # to a client that takes no gzip
    assert "Content-Encoding" not in second.get(thread.get_absolute_url()) and thread.title in plain
