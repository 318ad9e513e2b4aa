import datetime

import factory
from django.utils import timezone

from ambassadors.models import Declaration, DeclarationTranslation, Signature
from tests.factories import CityFactory, UserFactory


class DeclarationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Declaration

    version = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Declaration of the SMC Ambassadors {n}")
    body = "We commit our cities to **cooperate and exchange knowledge and experience**."
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))


class TranslationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeclarationTranslation

    declaration = factory.SubFactory(DeclarationFactory)
    language = "it"
    title = "Dichiarazione degli Ambasciatori SMC"
    body = "Impegniamo le nostre città a **cooperare**."


class SignatureFactory(factory.django.DjangoModelFactory):
    """A signature in a given state, built directly for test set-up (the workflow is tested on its own)."""

    class Meta:
        model = Signature

    declaration = factory.SubFactory(DeclarationFactory)
    signer = factory.SubFactory(UserFactory)
    full_name = factory.Faker("name")
    office = Signature.Office.MAYOR
    city = factory.SubFactory(CityFactory)
    listed_publicly = True
    email = factory.LazyAttribute(lambda o: o.signer.email if o.signer else "")
    status = Signature.Status.VERIFIED
    text_sha256 = factory.LazyAttribute(lambda o: o.declaration.text_sha256)
    confirmed_at = factory.LazyFunction(timezone.now)
    verified_at = factory.LazyFunction(timezone.now)
