"""Django's and allauth's strings on the portal's pages, for the languages those packages do not translate:
`manage.py third_party_messages` gathers them into locale_third_party for the portal's translators."""

import pytest
from django.core.management import CommandError, call_command

from core.languages import PLURAL_FORMS
from core.management.commands.third_party_messages import SOURCES
from tests.languages import GETTEXT, read_catalogue, speak

pytestmark = pytest.mark.skipif(not GETTEXT, reason="GNU gettext is not installed")


def _made(tmp_path, *codes) -> dict[str, tuple[dict, dict]]:
    call_command("third_party_messages", *(f"--language={code}" for code in codes), output=str(tmp_path))
    made = {}
    for folder in tmp_path.iterdir():
        header, entries = read_catalogue(folder / "LC_MESSAGES" / "django.po")
        made[folder.name] = (header, {(entry.msgctxt, entry.msgid): entry for entry in entries})
    return made


def test_maltese_gets_the_django_allauth_and_country_strings_the_portal_shows(tmp_path):
    header, entries = _made(tmp_path, "mt")["mt"]
    assert header["Language"] == "mt" and header["Plural-Forms"] == PLURAL_FORMS["mt"][0]
    for wanted in ("This field is required.", "December", "Sign In", "Forgot your password?", "Malta",
                   "This password is too common."):
        assert (None, wanted) in entries, wanted
    plural = entries[(None, "%(size)d byte")]
    assert sorted(plural.msgstr) == [0, 1, 2, 3] and not any(plural.msgstr.values())
    assert not any(key[1].startswith("Social Account") for key in entries)  # allauth's parts the portal lacks


def test_irish_gets_only_what_django_does_not_translate_into_irish_already(tmp_path):
    header, entries = _made(tmp_path, "ga")["ga"]
    assert header["Plural-Forms"] == PLURAL_FORMS["ga"][0]
    assert (None, "Sign In") in entries and (None, "Ireland") in entries
    assert (None, "This field is required.") not in entries


def test_european_portuguese_needs_nothing_since_allauth_translates_pt_pt(tmp_path):
    assert _made(tmp_path, "pt-pt", "de", "fr") == {}


def test_a_new_run_keeps_the_translations_and_check_tells_when_a_catalogue_is_behind(tmp_path):
    _made(tmp_path, "mt")
    po = tmp_path / "mt" / "LC_MESSAGES" / "django.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgid "December"\nmsgstr ""', 'msgid "December"\nmsgstr "Diċembru"'), encoding="utf-8")
    call_command("third_party_messages", "--language=mt", "--check", output=str(tmp_path))
    _header, entries = _made(tmp_path, "mt")["mt"]
    assert entries[(None, "December")].msgstr[0] == "Diċembru"
    po.write_text(po.read_text(encoding="utf-8").replace('msgid "December"', 'msgid "Dec"'), encoding="utf-8")
    with pytest.raises(CommandError, match="Out of date: mt"):
        call_command("third_party_messages", "--language=mt", "--check", output=str(tmp_path))


def test_the_catalogues_in_the_repository_are_current():
    call_command("third_party_messages", "--check")


def test_every_language_the_portal_speaks_gets_the_packages_strings_from_somewhere(settings):
    for code, _name in settings.LANGUAGES:
        for source in SOURCES:
            if code != "en" and not source.translates(code):
                assert (settings.BASE_DIR / "locale_third_party" / code).is_dir(), (code, source.package)


@pytest.mark.django_db
def test_a_maltese_reader_sees_the_portals_translation_of_a_django_form_error(client, settings, tmp_path):
    speak(settings, tmp_path, {"mt": {}}, third_party={"mt": {"This field is required.": "Dan il-qasam huwa meħtieġ."}})
    html = client.post("/join/", {"city_name": ""}, headers={"accept-language": "mt"}).content.decode()
    assert '<html lang="mt">' in html and "Dan il-qasam huwa meħtieġ." in html
