"""Dates, numbers and populations in each reader's own format; machine-readable values stay ISO."""

import csv
import datetime
import io
import json
import zoneinfo

import pytest
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core import mail
from django.urls import reverse
from django.utils import formats, translation

from core.mail import render_mail
from devdata.factories import ApplicationFactory, CityFactory, MeetingFactory, topic
from tests.languages import GETTEXT, speak

pytestmark = pytest.mark.django_db
BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")
DISPLAY_FORMATS = ["DATE_FORMAT", "DATETIME_FORMAT", "TIME_FORMAT", "SHORT_DATE_FORMAT", "YEAR_MONTH_FORMAT"]


def _profile(client, language: str) -> str:
    city = CityFactory(name="Emmen", population=107_000, joined_on=datetime.date(2026, 12, 3))
    return client.get(city.get_absolute_url(), headers={"accept-language": language}).content.decode()


def test_a_german_reader_sees_german_numbers_and_dates(client):
    html = _profile(client, "de")
    assert "107.000" in html and "Dezember 2026" in html


def test_a_french_reader_sees_french_numbers_and_dates(client):
    html = _profile(client, "fr")
    assert "107\xa0000" in html and "décembre 2026" in html


def test_an_english_reader_sees_dates_as_the_eu_writes_them_in_english():
    moment = datetime.datetime(2026, 12, 3, 14, 5)
    with translation.override("en"):
        assert formats.date_format(moment, "DATE_FORMAT") == "3 December 2026"
        assert formats.date_format(moment, "DATETIME_FORMAT") == "3 December 2026, 14:05"
        assert intcomma(107_000) == "107,000"


def test_a_meeting_shows_its_weekday_date_and_time_in_the_readers_words_and_iso_for_machines(client):
    starts = datetime.datetime(2027, 3, 4, 14, 5, tzinfo=BRUSSELS)
    MeetingFactory(title="Parking", starts_at=starts, ends_at=starts + datetime.timedelta(hours=2))
    url = reverse("topics:detail", args=[topic().slug])
    german = client.get(url, headers={"accept-language": "de"}).content.decode()
    assert '<time datetime="2027-03-04T14:05:00+0100">Donnerstag, 4. März 2027, 14:05 Uhr</time> – 16:05' in german
    french = client.get(url, headers={"accept-language": "fr"}).content.decode()
    assert "jeudi 4 mars 2027 à 14:05</time> – 16:05" in french
    english = client.get(url, headers={"accept-language": "en"}).content.decode()
    assert "Thursday 4 March 2027, 14:05</time> – 16:05" in english


def test_the_ics_file_stays_in_utc_whatever_the_readers_language(client):
    starts = datetime.datetime(2027, 3, 4, 14, 5, tzinfo=BRUSSELS)
    meeting = MeetingFactory(starts_at=starts, ends_at=starts + datetime.timedelta(hours=2))
    text = client.get(reverse("topics:meeting-ics", args=[meeting.pk]), headers={"accept-language": "de"})
    assert "DTSTART:20270304T130500Z" in text.content.decode()


def test_the_exports_keep_plain_numbers_whatever_the_readers_language(client):
    CityFactory(name="Emmen", population=107_000, latitude=52.78)
    rows = list(csv.DictReader(io.StringIO(client.get("/cities/export.csv", headers={"accept-language": "de"})
                                           .content.decode())))
    assert rows[0]["population"] == "107000" and rows[0]["latitude"] == "52.78"
    geojson = json.loads(client.get("/cities/export.geojson", headers={"accept-language": "fr"}).content)
    assert geojson["features"][0]["properties"]["population"] == 107_000


def test_a_mail_gives_numbers_in_its_readers_format():
    application = ApplicationFactory(population=107_000)
    with translation.override("de"):
        _subject, body = render_mail("cities/emails/application_staff", {"application": application})
    assert "107.000" in body
    assert not mail.outbox


@pytest.mark.skipif(not GETTEXT, reason="GNU gettext is not installed")
def test_every_official_language_of_the_eu_has_its_own_formats_and_groups_thousands(settings, tmp_path):
    speak(settings, tmp_path, {code: {} for code, _name in settings.EU_LANGUAGES if code != "en"})
    for code, _name in settings.LANGUAGES:
        modules = formats.get_format_modules(code)
        for name in DISPLAY_FORMATS:
            assert any(getattr(module, name, None) for module in modules), f"{code} has no {name}"
        with translation.override(code):
            assert intcomma(107_000) != "107000", f"{code} does not group thousands"


@pytest.mark.skipif(not GETTEXT, reason="GNU gettext is not installed")
def test_maltese_has_its_formats_though_django_does_not_know_it(settings, tmp_path):
    speak(settings, tmp_path, {"mt": {}}, third_party={"mt": {"December": "Diċembru", "Thursday": "Il-Ħamis"}})
    moment = datetime.datetime(2026, 12, 3, 14, 5)
    with translation.override("mt"):
        assert translation.get_language_info("mt")["name_local"] == "Malti"
        assert formats.date_format(moment, "DATE_FORMAT") == "3 ta’ Diċembru 2026"
        assert formats.date_format(moment, "DATETIME_FORMAT") == "3 ta’ Diċembru 2026, 14:05"
        assert formats.date_format(moment, "l") == "Il-Ħamis"
        assert intcomma(107_000) == "107,000"
