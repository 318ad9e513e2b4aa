"""The demo's declaration and its signatures: a first version (a stand-in text for staff to replace) with its
translations into the portal's other languages, published by staff, and three verified signatures, one signed
online (submitted, confirmed by the emailed link, verified by staff), one recorded from paper (its yearly question
is long due: the scheduler puts it in the staff's queue, as there is no address to ask) and one from paper by a
mayor who has since left office (a former ambassador), all through ambassadors.services. Idempotent.
"""

import datetime
from pathlib import Path

from accounts.models import User
from ambassadors.declarations import declaration_publish
from ambassadors.models import Declaration, Signature, translation_languages
from ambassadors.services import (
    signature_confirm,
    signature_record_left_office,
    signature_record_paper,
    signature_submit,
    signature_verify,
)
from cities.models import City
from devdata.demo.people import STAFF_EMAIL
from devdata.factories import DeclarationFactory, TranslationFactory

TITLE = "Declaration of the SMC Ambassadors"
BODY = """\
> **Demo text.** This declaration was written from the platform's public description for the demo.
> Staff replace it by publishing a new version with the text adopted by the platform.

We, political representatives of small and medium-sized cities in Europe, endorse the objectives
of the Small and Medium-sized Cities (SMC) platform.

Our cities are living laboratories for transport innovation: their size makes them an ideal ground
for testing and implementing new transport technologies and services that answer the most pressing
mobility challenges.

As ambassadors of the platform, we commit our cities to **cooperate and exchange knowledge and
experience** with the other small and medium-sized cities on the working group's topics:

1. data and digitalisation;
2. European Commission calls and initiatives;
3. projects focused on small and medium-sized cities;
4. engaging in projects, and building on them after they end;
5. leading projects;
6. working with regions;
7. working with transport providers;
8. controlling and reducing car use, including for health.

We invite more small and medium-sized cities to join the platform and to become its ambassadors.
"""

# The demo text in every other language the portal speaks: devdata/declarations/<code>.md, "# title" first.
TRANSLATIONS = Path(__file__).resolve().parent.parent / "declarations"
FILE_CODES = {"pt-pt": "pt"}  # European Portuguese's catalogue and text are filed under pt


def _translations(declaration: Declaration) -> None:
    for code, _name in translation_languages():
        path = TRANSLATIONS / f"{FILE_CODES.get(code, code)}.md"
        if not path.exists() or declaration.translations.filter(language=code).exists():
            continue
        title, body = path.read_text(encoding="utf-8").split("\n", 1)
        title = title.removeprefix("# ")
        TranslationFactory(declaration=declaration, language=code, title=title, body=body.strip() + "\n")


def _declaration(staff: User, stdout) -> Declaration:
    """Staff write version 1 and its translation in the admin, then publish it."""
    declaration = Declaration.objects.filter(version=1).first()
    if declaration is None:
        declaration = DeclarationFactory(version=1, title=TITLE, body=BODY, published_at=None)
    _translations(declaration)  # more may be added to a published version, as the portal learns languages
    if not declaration.is_published:
        declaration = declaration_publish(declaration, by=staff)
        stdout.write("  ambassador declaration, version 1 (demo text), with its translations")
    return declaration


def _online_signature(declaration: Declaration, mayor: User, city: City, *, staff: User) -> Signature:
    signature = Signature(
        declaration=declaration,
        full_name=mayor.full_name,
        office=Signature.Office.DEPUTY_MAYOR,
        city=city,
        statement="Bologna shares what it learnt adopting its SUMP with every city on the platform.",
        listed_publicly=True,
    )
    signature_submit(signature, by=mayor)
    signature_confirm(signature, by=mayor)
    return signature_verify(signature, by=staff, note="Demo signature")


def _paper_signature(declaration: Declaration, city: City, *, staff: User, **fields) -> Signature:
    return signature_record_paper(
        Signature(
            declaration=declaration,
            city=city,
            listed_publicly=True,
            paper_signed_on=datetime.date(2019, 5, 15),
            paper_place="POLIS conference, Political Group lunch",
            **{"office": Signature.Office.MAYOR, **fields},
        ),
        by=staff,
    )


def _former_ambassador(declaration: Declaration, city: City, *, staff: User) -> Signature:
    left_on = datetime.date(2022, 3, 31)
    signature = _paper_signature(
        declaration, city, staff=staff, full_name="Cees Bijl", office=Signature.Office.DEPUTY_MAYOR,
        statement="Small cities share what works.", term_ends_on=left_on,
    )
    note = "Term ended with the municipal elections (demo)"
    return signature_record_left_office(signature, by=staff, note=note, left_office_on=left_on)


def load(stdout) -> None:
    staff = User.objects.filter(email=STAFF_EMAIL).first()
    if staff is None:
        stdout.write("  no demo staff member; declaration skipped")
        return
    declaration = _declaration(staff, stdout)
    mayor = User.objects.filter(email="mayor@demo.example.org").first()
    bologna = City.objects.filter(name="Bologna").first()
    emmen = City.objects.filter(name="Emmen").first()
    if mayor and bologna and not declaration.signatures.filter(signer=mayor).exists():
        _online_signature(declaration, mayor, bologna, staff=staff)
        stdout.write(f"  verified online signature of {mayor.full_name} ({bologna.name})")
    if emmen and not declaration.signatures.filter(full_name="Eva Burgemeester").exists():
        statement = "Emmen launched the initiative: small cities are laboratories for mobility."
        _paper_signature(declaration, emmen, staff=staff, full_name="Eva Burgemeester", statement=statement)
        stdout.write(f"  verified paper signature for {emmen.name}")
    if emmen and not declaration.signatures.filter(term_status=Signature.Term.LEFT).exists():
        _former_ambassador(declaration, emmen, staff=staff)
        stdout.write(f"  a former ambassador of {emmen.name}, who left office in 2022")
