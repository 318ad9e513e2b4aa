"""Every string a visitor or member reads is translated, well, in every language the portal speaks.

The catalogues are made afresh by makemessages from today's code (in a copy of the project), so a string added
without its translations fails here. Each translation keeps the placeholders and HTML tags of its source, fills
every plural form its language has, under the Plural-Forms header right for that language, and msgfmt --check
accepts the catalogue. The portal's own translations of Django's and allauth's strings (locale_third_party) are
held to the same rules.
"""

import gettext
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.utils.translation import to_locale

from core.languages import PLURAL_FORMS, catalogue_folder
from tests.languages import read_catalogue

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]
# The project's own apps (a new one is picked up by itself), its settings package, templates and catalogues.
APPS = {Path(config.path).name for config in apps.get_app_configs() if Path(config.path).parent == ROOT}
SOURCES = sorted(APPS | {"smcportal", "templates", "locale", "manage.py"})
pytestmark = pytest.mark.skipif(shutil.which("msgattrib") is None, reason="GNU gettext is not installed")

# %(name)s, %s, %d (not %%), {name}, {0}, {}
PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[-#0 +]*\d*(?:\.\d+)?[sdifr]|\{\w*\}")
TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
COUNTS = [*range(0, 201), 1000, 1001, 1_000_000, 2_000_000]


def _entries(po: Path, flag: str) -> list[str]:
    output = subprocess.run(["msgattrib", flag, "--no-wrap", str(po)], capture_output=True, text=True, check=True)
    return [line[7:-1] for line in output.stdout.splitlines() if line.startswith('msgid "') and line != 'msgid ""']


@pytest.fixture(scope="module")
def catalogues(tmp_path_factory) -> Path:
    """The catalogues as makemessages makes them from today's code, in a copy of the project."""
    copy = tmp_path_factory.mktemp("portal")
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        else:
            shutil.copy(source, copy / name)
    command = [sys.executable, "manage.py", "makemessages", "--no-location", "--no-obsolete", "-v", "0"]
    for code in LANGUAGES:
        command += ["-l", catalogue_folder(ROOT / "locale", code)]
    subprocess.run(command, cwd=copy, check=True, capture_output=True, timeout=120)
    return copy / "locale"


def _catalogues_of(code: str, made: Path) -> list[Path]:
    """The language's own catalogue as makemessages made it, and its third-party one if it has one."""
    found = [made / catalogue_folder(ROOT / "locale", code) / "LC_MESSAGES" / "django.po"]
    third_party = ROOT / "locale_third_party" / to_locale(code) / "LC_MESSAGES" / "django.po"
    return found + ([third_party] if third_party.exists() else [])


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_string_is_translated(catalogues, code):
    for po in _catalogues_of(code, catalogues):
        assert _entries(po, "--untranslated") == [], po


@pytest.mark.parametrize("code", LANGUAGES)
def test_no_translation_is_fuzzy(catalogues, code):
    for po in _catalogues_of(code, catalogues):
        assert _entries(po, "--only-fuzzy") == [], po


def _differences(source: str, translation: str) -> list[str]:
    problems = []
    for kind, pattern in (("placeholders", PLACEHOLDER), ("HTML tags", TAG)):
        wanted, found = Counter(pattern.findall(source)), Counter(pattern.findall(translation))
        if wanted != found:
            problems.append(f"{kind} {sorted(wanted.elements())} became {sorted(found.elements())}")
    return problems


def placeholder_and_tag_problems(po: Path) -> list[str]:
    """Each translation keeps its source's placeholders and HTML tags. A plural form may follow either source
    (the singular may say "one city" where the plural says "%(counter)s cities")."""
    problems = []
    _header, entries = read_catalogue(po)
    for entry in entries:
        sources = [entry.msgid] if entry.msgid_plural is None else [entry.msgid, entry.msgid_plural]
        for translation in entry.msgstr.values():
            found = [_differences(source, translation) for source in sources]
            if translation and all(found):
                problems += [f"{entry.msgid!r} → {translation!r}: {problem}" for problem in found[-1]]
    return problems


@pytest.mark.parametrize("code", LANGUAGES)
def test_translations_keep_the_placeholders_and_html_of_their_source(catalogues, code):
    for po in _catalogues_of(code, catalogues):
        assert placeholder_and_tag_problems(po) == [], po


def plural_problems(po: Path, code: str) -> list[str]:
    """The Plural-Forms header is one right for the language, and every entry fills each of its forms."""
    header, entries = read_catalogue(po)
    declared = header.get("Plural-Forms", "")
    match = re.fullmatch(r"nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?);?", declared)
    if match is None:
        return [f"no valid Plural-Forms header: {declared!r}"]
    nplurals, formula = int(match[1]), gettext.c2py(match[2])
    behaviour = (nplurals, [formula(n) for n in COUNTS])
    accepted = []
    for variant in PLURAL_FORMS[code]:
        number, expression = re.fullmatch(r"nplurals=(\d+); plural=(.+);", variant).groups()
        accepted.append((int(number), [gettext.c2py(expression)(n) for n in COUNTS]))
    problems = [] if behaviour in accepted else [f"Plural-Forms {declared!r} is not right for {code}"]
    for entry in entries:
        if entry.msgid_plural is not None and any(entry.msgstr):
            missing = [index for index in range(nplurals) if not entry.msgstr.get(index)]
            if missing:
                problems.append(f"{entry.msgid!r} lacks the plural forms {missing}")
    return problems


@pytest.mark.parametrize("code", LANGUAGES)
def test_plural_forms_are_right_for_the_language_and_complete(catalogues, code):
    for po in _catalogues_of(code, catalogues):
        assert plural_problems(po, code) == [], po


@pytest.mark.parametrize("code", LANGUAGES)
def test_msgfmt_checks_pass(catalogues, code):
    for po in _catalogues_of(code, catalogues):
        result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr


def _po(tmp_path, body: str, plural_forms: str = "nplurals=2; plural=(n != 1);") -> Path:
    po = tmp_path / "django.po"
    header = f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: {plural_forms}\\n"\n\n'
    po.write_text(header + body, encoding="utf-8")
    return po


def test_a_lost_or_renamed_placeholder_is_found(tmp_path):
    po = _po(tmp_path, 'msgid "Welcome, %(name)s, to %s"\nmsgstr "Willkommen, %(nom)s"\n')
    assert len(placeholder_and_tag_problems(po)) == 1


def test_a_changed_html_tag_is_found_and_a_kept_one_is_not(tmp_path):
    po = _po(tmp_path, 'msgid "Read <a href=\\"%(url)s\\">this</a>"\nmsgstr "Lisez <a href=\\"%(url)s\\">ceci</b>"\n\n'
                       'msgid "<strong>{count}</strong> left"\nmsgstr "il en reste <strong>{count}</strong>"\n')
    problems = placeholder_and_tag_problems(po)
    assert len(problems) == 1 and "ceci" in problems[0]


def test_a_plural_form_may_follow_either_source(tmp_path):
    po = _po(tmp_path, 'msgid "one city"\nmsgid_plural "%(counter)s cities"\nmsgstr[0] "une ville"\n'
                       'msgstr[1] "%(counter)s villes"\n')
    assert placeholder_and_tag_problems(po) == []


def test_a_missing_plural_form_and_a_wrong_plural_header_are_found(tmp_path):
    body = 'msgid "%(counter)s city"\nmsgid_plural "%(counter)s cities"\nmsgstr[0] "%(counter)s miasto"\n' \
           'msgstr[1] "%(counter)s miasta"\nmsgstr[2] ""\n'
    right = _po(tmp_path, body, PLURAL_FORMS["pl"][0])
    assert plural_problems(right, "pl") == ["'%(counter)s city' lacks the plural forms [2]"]
    assert "not right for pl" in plural_problems(_po(tmp_path, body, PLURAL_FORMS["cs"][0]), "pl")[0]


def test_every_official_language_of_the_eu_has_its_plural_forms_here():
    assert {code for code, _name in settings.EU_LANGUAGES} == set(PLURAL_FORMS)
