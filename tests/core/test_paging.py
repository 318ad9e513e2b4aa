"""Counting with the first page: one query for a page of results and their total, the same pages as before."""

import pytest
from django.core.paginator import Paginator

from cities.models import City
from core.paging import CountedWithFirstPage
from devdata.factories import CityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cities():
    return [CityFactory(name=f"Town {n:02d}") for n in range(23)]


def test_the_first_page_and_the_total_are_one_query(cities, django_assert_num_queries):
    paginator = Paginator(CountedWithFirstPage(City.objects.order_by("name"), 10), 10)
    with django_assert_num_queries(1):
        page = paginator.get_page(1)
        names = [city.name for city in page.object_list]
    assert paginator.count == 23 and names == [f"Town {n:02d}" for n in range(10)]


def test_later_pages_read_their_own_rows(cities):
    paginator = Paginator(CountedWithFirstPage(City.objects.order_by("name"), 10), 10)
    assert [city.name for city in paginator.get_page(3).object_list] == ["Town 20", "Town 21", "Town 22"]


def test_no_rows_is_a_count_of_zero_and_an_empty_page():
    paginator = Paginator(CountedWithFirstPage(City.objects.none().order_by("name"), 10), 10)
    page = paginator.get_page(1)
    assert paginator.count == 0 and list(page.object_list) == []


def test_fewer_rows_than_a_page(cities):
    two = City.objects.filter(name__in=["Town 01", "Town 02"]).order_by("name")
    paginator = Paginator(CountedWithFirstPage(two, 10), 10)
    assert [city.name for city in paginator.get_page(1).object_list] == ["Town 01", "Town 02"]
