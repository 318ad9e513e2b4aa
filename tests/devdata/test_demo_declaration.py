import io

import pytest
from django.core.management import call_command

from ambassadors.models import Declaration, Signature, translation_languages


@pytest.mark.django_db
def test_the_demo_loads_a_declaration_its_translations_and_three_signatures_once_one_of_a_former_ambassador():
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    declaration = Declaration.objects.get()
    assert declaration.is_published and "Demo text" in declaration.body
    others = {code for code, _name in translation_languages()}
    assert set(declaration.translations.values_list("language", flat=True)) == others
    assert declaration.translations.get(language="it").title == "Dichiarazione degli Ambasciatori SMC"
    signatures = Signature.objects.verified()
    assert sorted(signatures.values_list("source", "city__name", "term_status")) == [
        ("online", "Bologna", "in_office"),
        ("paper", "Emmen", "in_office"),
        ("paper", "Emmen", "left"),
    ]
    assert signatures.get(source="online").signer.email == "mayor@demo.example.org"


def test_there_is_a_demo_text_for_every_official_language_of_the_union():
    from django.conf import settings

    from devdata.demo.declaration import FILE_CODES, TRANSLATIONS

    for code, _name in settings.EU_LANGUAGES:
        if code != "en":
            text = (TRANSLATIONS / f"{FILE_CODES.get(code, code)}.md").read_text()
            assert text.startswith("# ") and "\n1. " in text and "\n8. " in text, code
