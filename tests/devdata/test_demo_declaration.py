import io

import pytest
from django.core.management import call_command

from ambassadors.models import Declaration, Signature


@pytest.mark.django_db
def test_the_demo_loads_a_declaration_its_translation_and_three_signatures_once_one_of_a_former_ambassador():
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    declaration = Declaration.objects.get()
    assert declaration.is_published and "Demo text" in declaration.body
    assert declaration.translations.filter(language="it").exists()
    signatures = Signature.objects.verified()
    assert sorted(signatures.values_list("source", "city__name", "term_status")) == [
        ("online", "Bologna", "in_office"),
        ("paper", "Emmen", "in_office"),
        ("paper", "Emmen", "left"),
    ]
    assert signatures.get(source="online").signer.email == "mayor@demo.example.org"
