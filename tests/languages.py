"""Languages in tests: a reader of catalogues, and tiny catalogues that
switch on languages the portal does not speak yet (Greek and Maltese, say) so that every mechanism is tested
for all 24 official languages of the EU before their translations are in."""

import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from django.utils import formats
from django.utils.translation import to_locale

from core.languages import PLURAL_FORMS

GETTEXT = shutil.which("msgfmt") is not None

@dataclass
class Entry:
    msgid: str
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)  # msgstr is form 0
    flags: set[str] = field(default_factory=set)


_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}


def _unquote(line: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(0)), "".join(_STRING.findall(line)))


def _entry(block: list[str]) -> Entry | None:
    entry, part = Entry(msgid=""), None
    for line in block:
        if line.startswith("#,"):
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            _append(entry, part, _unquote(line))
        else:
            part, rest = line.split(" ", 1)
            _append(entry, part, _unquote(rest), first=True)
    return entry if part is not None else None


def _append(entry: Entry, part: str, value: str, first: bool = False) -> None:
    if part.startswith("msgstr"):
        index = int(part[7:-1]) if "[" in part else 0
        entry.msgstr[index] = ("" if first else entry.msgstr[index]) + value
    elif part == "msgid_plural":
        entry.msgid_plural = ("" if first else entry.msgid_plural) + value
    elif part == "msgctxt":
        entry.msgctxt = ("" if first else entry.msgctxt) + value
    else:
        entry.msgid += value


def read_catalogue(po: Path) -> tuple[dict[str, str], list[Entry]]:
    """The header's fields and the entries of a .po file, obsolete ones left out."""
    blocks = po.read_text(encoding="utf-8").split("\n\n")
    entries = []
    for block in blocks:
        entry = _entry([line for line in block.splitlines() if line.strip() and not line.startswith("#~")])
        if entry is not None:
            entries.append(entry)
    header = next((e for e in entries if e.msgid == "" and e.msgctxt is None), None)
    fields = {}
    if header is not None:
        for row in header.msgstr.get(0, "").splitlines():
            name, _sep, value = row.partition(":")
            fields[name.strip()] = value.strip()
    return fields, [e for e in entries if e is not header]


def write_catalogue(root: Path, code: str, messages: dict[str, str]) -> None:
    """A compiled catalogue of MESSAGES (msgid: msgstr) for language CODE under ROOT (a LOCALE_PATHS entry)."""
    folder = root / to_locale(code) / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    plural_forms = PLURAL_FORMS[code][0]
    lines = [
        'msgid ""',
        'msgstr ""',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        f'"Language: {code}\\n"',
        f'"Plural-Forms: {plural_forms}\\n"',
        "",
    ]
    for msgid, msgstr in messages.items():
        lines += [f'msgid "{msgid}"', f'msgstr "{msgstr}"', ""]
    (folder / "django.po").write_text("\n".join(lines), encoding="utf-8")
    subprocess.run(["msgfmt", "-o", str(folder / "django.mo"), str(folder / "django.po")], check=True)


def speak(settings, folder: Path, portal: dict[str, dict[str, str]], third_party=None) -> None:
    """Switch on English and the languages of PORTAL, each with a tiny catalogue of the portal's own strings
    (and THIRD_PARTY's: of Django's and allauth's), made in FOLDER. They come before the real catalogues."""
    for name, catalogues in (("locale", portal), ("locale_third_party", third_party or {})):
        for code, messages in catalogues.items():
            write_catalogue(folder / name, code, messages)
    settings.LOCALE_PATHS = [folder / "locale", folder / "locale_third_party", *settings.LOCALE_PATHS]
    settings.LANGUAGES = [(code, name) for code, name in settings.EU_LANGUAGES if code == "en" or code in portal]
    formats.reset_format_cache()  # which format modules a language has depends on its catalogues
