import pytest

from devdata.factories import CityFactory, topic

pytestmark = pytest.mark.django_db


def test_the_topic_page_shows_a_sample_of_its_cities_and_links_to_all_of_them(client):
    data = topic("data-and-digitalisation")
    for city in CityFactory.create_batch(30):
        city.topics.add(data)
    html = client.get(data.get_absolute_url()).content.decode()
    section = html.split('id="cities-title"', 1)[1].split("</section>", 1)[0]
    assert section.count("<li>") == 24
    assert "/cities/?topic=data-and-digitalisation" in section


def test_a_topic_with_few_cities_lists_them_all_without_the_link(client):
    data = topic("projects")
    for city in CityFactory.create_batch(3):
        city.topics.add(data)
    html = client.get(data.get_absolute_url()).content.decode()
    section = html.split('id="cities-title"', 1)[1].split("</section>", 1)[0]
    assert section.count("<li>") == 3
    assert "?topic=" not in section
