"""The strings of Django and allauth that the portal's pages show, to be translated by the portal's translators
into the official languages that those packages do not translate themselves.

`manage.py third_party_messages` writes locale_third_party/<locale>/LC_MESSAGES/django.po (the second entry of
LOCALE_PATHS) for each language of settings.EU_LANGUAGES that lacks a catalogue of one of SOURCES, with the
strings of that package the portal shows. Run it again after upgrading a package: new strings come in
untranslated, strings gone are dropped, translations are kept. `--check` writes nothing and fails when a
catalogue is missing or out of date. Needs GNU gettext.
"""

import gettext
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import to_locale

from core.languages import PLURAL_FORMS, catalogue_folder

FOLDER = "locale_third_party"
HEADER = """msgid ""
msgstr ""
"Project-Id-Version: SMC Portal, strings of the packages it uses\\n"
"Last-Translator: SMC Portal translators\\n"
"Language-Team: SMC Portal translators\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\\n"
"""


@dataclass(frozen=True)
class Source:
    """A package's catalogues (LOCALE, under the package's folder) and the files of the package whose strings
    the portal's pages show, as the catalogues' references name them (wildcards allowed)."""

    package: str
    locale: str
    files: tuple[str, ...]

    @property
    def root(self) -> Path:
        return Path(import_module(self.package).__file__).parent / self.locale

    def translates(self, code: str) -> bool:
        """Whether gettext finds a catalogue of the package for the language (pt-pt: pt_PT, else pt)."""
        return gettext.find("django", str(self.root), [to_locale(code)]) is not None


SOURCES = (
    # Form errors, the names of months and days, file sizes.
    Source(
        "django",
        "conf/locale",
        (
            "forms/*",
            "core/validators.py",
            "db/models/base.py",
            "db/models/constraints.py",
            "template/defaultfilters.py",
            "utils/dates.py",
            "utils/dateformat.py",
            "utils/text.py",
        ),
    ),
    # The password rules.
    Source("django.contrib.auth", "locale", ("contrib/auth/password_validation.py",)),
    # Sign-up, login, email, password reset and two-factor authentication: pages, forms and messages.
    Source(
        "allauth", "locale", ("account/*", "mfa/*", "templates/account/*", "templates/mfa/*", "templates/allauth/*")
    ),
    # The names of countries.
    Source("django_countries", "locale", ("data.py",)),
)


def _run(*command) -> str:
    # GNU gettext's own tools on files of installed packages and of this portal.
    return subprocess.run(  # noqa: S603
        [str(part) for part in command], check=True, capture_output=True, text=True
    ).stdout


def template(sources: list[Source], folder: Path) -> Path:
    """The chosen strings of SOURCES, untranslated, in one .pot."""
    folder.mkdir(parents=True, exist_ok=True)
    parts = [folder / "header.po"]
    parts[0].write_text(HEADER, encoding="utf-8")
    for number, source in enumerate(sources):
        part = folder / f"{number}.po"
        locations = [argument for name in source.files for argument in ("--location", name)]
        _run("msggrep", "--no-wrap", *locations, "-o", part, source.root / "en" / "LC_MESSAGES" / "django.po")
        parts.append(part)
    pot = folder / "django.pot"
    _run("msgcat", "--use-first", "--no-wrap", "--sort-output", "--add-location=file", "-o", pot, *parts)
    return pot


def plural_forms(code: str) -> str:
    """The Plural-Forms of the portal's own catalogue of the language, so that both agree; else gettext's."""
    root = Path(settings.BASE_DIR) / "locale"
    own = root / catalogue_folder(root, code) / "LC_MESSAGES" / "django.po"
    if own.exists():
        found = re.search(r'^"Plural-Forms: *(.*?)\\n"$', own.read_text(encoding="utf-8").replace('"\n"', ""), re.M)
        if found and "INTEGER" not in found[1]:
            return found[1]
    return PLURAL_FORMS[code][0]


def catalogue(code: str, sources: list[Source], existing: Path | None, folder: Path) -> Path:
    """The language's catalogue of SOURCES' strings, keeping the translations of EXISTING (else made from a
    header alone, whose Plural-Forms gives each plural entry its forms)."""
    pot = template(sources, folder)
    if existing is None:
        existing = folder / "header.po"
        header = HEADER.replace("nplurals=INTEGER; plural=EXPRESSION;", plural_forms(code))
        existing.write_text(header + f'"Language: {code}\\n"\n', encoding="utf-8")
    made = folder / "django.po"
    options = ("--quiet", "--no-fuzzy-matching", "--no-wrap", "--sort-output", "--add-location=file")
    _run("msgmerge", *options, "-o", made, existing, pot)
    _run("msgattrib", "--no-obsolete", "--no-wrap", "-o", made, made)
    return made


def messages(po: Path) -> set[str]:
    """The msgctxt, msgid and msgid_plural of each entry, as text."""
    keys, key = set(), None
    for line in _run("msgattrib", "--no-obsolete", "--no-wrap", "--no-location", po).splitlines():
        if line.startswith(("msgctxt ", "msgid ", "msgid_plural ")):
            key = (key or []) + [line]
        elif line.startswith('"') and key is not None:
            key.append(line)
        elif line.startswith("msgstr") and key is not None:
            keys.add("\n".join(key))
            key = None
    return keys


class Command(BaseCommand):
    help = "Writes the catalogues of the Django and allauth strings the portal shows, for languages they lack."

    def add_arguments(self, parser):
        parser.add_argument("-l", "--language", action="append", help="a language code; default: every EU one")
        parser.add_argument("--check", action="store_true", help="write nothing; fail if a catalogue is behind")
        parser.add_argument("--output", default=str(Path(settings.BASE_DIR) / FOLDER))

    def handle(self, *args, language=None, check=False, output=None, **options):
        if shutil.which("msgmerge") is None:
            raise CommandError("GNU gettext is needed (msggrep, msgcat, msgmerge, msgattrib).")
        codes = language or [code for code, _name in settings.EU_LANGUAGES]
        behind = []
        with tempfile.TemporaryDirectory() as work:
            for code in codes:
                sources = [source for source in SOURCES if not source.translates(code)]
                if code == "en" or not sources:
                    continue
                po = Path(output) / to_locale(code) / "LC_MESSAGES" / "django.po"
                made = catalogue(code, sources, po if po.exists() else None, Path(work) / code)
                if check:
                    if not po.exists() or messages(po) != messages(made):
                        behind.append(code)
                    continue
                po.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(made, po)
                names = ", ".join(source.package for source in sources)
                self.stdout.write(f"{po.relative_to(Path(output).parent)}: the strings of {names}")
        if behind:
            raise CommandError(f"Out of date: {', '.join(behind)}. Run `manage.py third_party_messages`.")
