"""Every string a visitor or member reads exists in French, German, Italian, Spanish, Dutch and Polish."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]
SOURCES = [
    "accounts", "ambassadors", "cities", "core", "portal", "smcportal", "templates", "topics", "locale", "manage.py"
]
pytestmark = pytest.mark.skipif(shutil.which("msgattrib") is None, reason="GNU gettext is not installed")


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
        command += ["-l", code]
    subprocess.run(command, cwd=copy, check=True, capture_output=True, timeout=120)
    return copy / "locale"


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_string_is_translated(catalogues, code):
    po = catalogues / code / "LC_MESSAGES" / "django.po"
    assert _entries(po, "--untranslated") == []


@pytest.mark.parametrize("code", LANGUAGES)
def test_no_translation_is_fuzzy(catalogues, code):
    po = catalogues / code / "LC_MESSAGES" / "django.po"
    assert _entries(po, "--only-fuzzy") == []
