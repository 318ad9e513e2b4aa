"""Which language a page is in: the browser's on a first visit, the one chosen with the chooser or ?lang= after
that; each page names its version in every language (hreflang), and the page cache serves each its own."""

import pytest
from django.urls import reverse

from devdata.factories import CityFactory
from tests.languages import GETTEXT, speak

pytestmark = pytest.mark.django_db
CHOOSER = reverse("core:language")


def test_a_first_visit_follows_the_browsers_accept_language(client):
    response = client.get("/cities/", headers={"accept-language": "de-AT,de;q=0.9,en;q=0.5"})
    assert '<html lang="de">' in response.content.decode() and "Mitgliedsstädte" in response.content.decode()
    assert response["Content-Language"] == "de" and "Accept-Language" in response["Vary"]


def test_a_browser_asking_for_a_language_the_portal_does_not_speak_gets_english(client):
    response = client.get("/cities/", headers={"accept-language": "ja,zh;q=0.8"})
    assert response["Content-Language"] == "en"


def test_the_chooser_is_a_form_without_a_token_naming_each_language_in_itself(client):
    html = client.get("/cities/?country=NL", headers={"accept-language": "fr"}).content.decode()
    chooser = html[html.index('<form class="language-chooser"'):]
    chooser = chooser[: chooser.index("</form>")]
    assert f'action="{CHOOSER}" method="get"' in chooser and "csrfmiddlewaretoken" not in chooser
    assert '<label for="language-chooser-select">' in chooser and "Langue" in chooser
    assert '<option value="de" lang="de">Deutsch</option>' in chooser
    assert '<option value="fr" lang="fr" selected>Français</option>' in chooser
    assert chooser.count("<option") == 24
    assert '<option value="el" lang="el">Ελληνικά</option>' in chooser
    assert '<input type="hidden" name="next" value="/cities/?country=NL">' in chooser
    assert '<button type="submit">Changer de langue</button>' in chooser


def test_the_chooser_remembers_the_language_and_goes_back_to_the_same_page(client):
    response = client.get(CHOOSER, {"lang": "fr", "next": "/cities/?country=NL"})
    assert response.status_code == 302 and response["Location"] == "/cities/?country=NL"
    assert response.cookies["django_language"].value == "fr"
    assert "Villes membres" in client.get("/cities/").content.decode()


def test_the_chooser_drops_a_language_in_the_address_it_goes_back_to(client):
    response = client.get(CHOOSER, {"lang": "de", "next": "/cities/?country=NL&lang=fr"})
    assert response["Location"] == "/cities/?country=NL"
    assert "Mitgliedsstädte" in client.get(response["Location"]).content.decode()


def test_the_chooser_never_sends_anyone_to_another_site(client):
    for elsewhere in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        assert client.get(CHOOSER, {"lang": "fr", "next": elsewhere})["Location"] == "/"


def test_an_unknown_language_changes_nothing(client):
    response = client.get(CHOOSER, {"lang": "xx", "next": "/cities/"})
    assert response["Location"] == "/cities/"
    assert "django_language" not in response.cookies


def test_lang_in_the_address_answers_in_that_language_and_remembers_it(client):
    response = client.get("/cities/", {"lang": "it"}, headers={"accept-language": "de"})
    assert response["Content-Language"] == "it" and "Città membro" in response.content.decode()
    assert response.cookies["django_language"].value == "it"
    assert client.get("/cities/")["Content-Language"] == "it"
    again = client.get("/cities/", {"lang": "it"})
    assert "django_language" not in again.cookies  # already remembered


def test_lang_in_the_address_comes_before_the_remembered_language(client):
    client.cookies["django_language"] = "fr"
    assert client.get("/cities/", {"lang": "nl"})["Content-Language"] == "nl"


def test_an_unknown_lang_in_the_address_is_ignored(client):
    response = client.get("/cities/", {"lang": "klingon"}, headers={"accept-language": "es"})
    assert response["Content-Language"] == "es" and "django_language" not in response.cookies


def test_every_public_page_names_its_version_in_every_language_and_a_default(client, settings):
    html = client.get("/cities/?country=NL&country=DE").content.decode()
    page = "http://testserver/cities/?country=NL&amp;country=DE"
    for code, _name in settings.LANGUAGES:
        assert f'<link rel="alternate" hreflang="{code}" href="{page}&amp;lang={code}">' in html
    assert f'<link rel="alternate" hreflang="x-default" href="{page}">' in html
    assert html.count('rel="alternate" hreflang=') == len(settings.LANGUAGES) + 1


def test_the_versions_of_a_page_in_another_language_name_the_same_addresses(client):
    html = client.get("/topics/?lang=fr").content.decode()
    assert 'hreflang="de" href="http://testserver/topics/?lang=de"' in html
    assert 'hreflang="x-default" href="http://testserver/topics/"' in html


def test_an_error_page_names_no_versions(client):
    html = client.get("/no-such-page/").content.decode()
    assert 'hreflang="' not in html.split("</head>")[0]


@pytest.mark.usefixtures("page_cache_on")
def test_a_page_in_the_address_language_is_cached_and_served_to_everyone_who_asks_for_it(
    client, django_assert_max_num_queries
):
    CityFactory(name="Emmen")
    first = client.get("/cities/?lang=fr", headers={"accept-language": "de"})
    assert "Villes membres" in first.content.decode() and first.cookies["django_language"].value == "fr"
    other = type(client)()
    with django_assert_max_num_queries(1):  # from the cache
        again = other.get("/cities/?lang=fr", headers={"accept-language": "de"})
    assert again.content == first.content and again.cookies["django_language"].value == "fr"
    assert again["Content-Language"] == "fr"
    german = type(client)().get("/cities/", headers={"accept-language": "de"})
    assert "Mitgliedsstädte" in german.content.decode() and "django_language" not in german.cookies


@pytest.mark.skipif(not GETTEXT, reason="GNU gettext is not installed")
def test_languages_switched_on_later_work_the_same_way(client, settings, tmp_path):
    speak(settings, tmp_path, {"el": {"Member cities": "Πόλεις-μέλη"}, "mt": {"Member cities": "Bliet membri"}})
    greek = client.get("/cities/", headers={"accept-language": "el-GR,el;q=0.9"})
    html = greek.content.decode()
    assert '<html lang="el">' in html and "Πόλεις-μέλη" in html
    assert '<option value="el" lang="el" selected>Ελληνικά</option>' in html
    assert '<option value="mt" lang="mt">Malti</option>' in html
    assert 'hreflang="mt" href="http://testserver/cities/?lang=mt"' in html
    maltese = client.get("/cities/", {"lang": "mt"})
    assert "Bliet membri" in maltese.content.decode() and maltese.cookies["django_language"].value == "mt"
    assert client.get(CHOOSER, {"lang": "el", "next": "/cities/"}).cookies["django_language"].value == "el"


@pytest.mark.skipif(not GETTEXT, reason="GNU gettext is not installed")
def test_a_browser_asking_for_any_portuguese_gets_european_portuguese(client, settings, tmp_path):
    speak(settings, tmp_path, {"pt-pt": {"Member cities": "Cidades-membro"}})
    for asked in ("pt-BR,pt;q=0.9", "pt", "pt-PT"):
        response = client.get("/cities/", headers={"accept-language": asked})
        assert response["Content-Language"] == "pt-pt" and "Cidades-membro" in response.content.decode()
    assert '<option value="pt-pt" lang="pt-pt" selected>Português</option>' in response.content.decode()
