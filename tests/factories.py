import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import Affiliation, User
from cities.models import City, GazetteerEntry, MembershipApplication
from topics.models import Topic


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name")
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        """UserFactory(verified=False) leaves the email unconfirmed."""
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class StaffFactory(UserFactory):
    is_staff = True
    is_superuser = True


class CityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = City

    name = factory.Sequence(lambda n: f"Testville {n}")
    country = "NL"
    population = factory.Sequence(lambda n: 20_000 + n * 1000)
    latitude = 52.0
    longitude = 6.0
    membership_status = City.Membership.MEMBER
    joined_on = factory.LazyFunction(timezone.localdate)


class AffiliationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Affiliation

    user = factory.SubFactory(UserFactory)
    city = factory.SubFactory(CityFactory)
    role = Affiliation.Role.OFFICER
    job_title = "Mobility officer"
    status = Affiliation.Status.VERIFIED


class OfficerFactory(UserFactory):
    """A user with a verified email and a verified officer affiliation."""

    affiliation = factory.RelatedFactory(AffiliationFactory, factory_related_name="user")


class RepresentativeFactory(UserFactory):
    affiliation = factory.RelatedFactory(
        AffiliationFactory, factory_related_name="user", role=Affiliation.Role.REPRESENTATIVE, job_title="Mayor"
    )


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MembershipApplication

    city_name = "Emmen"
    country = "NL"
    population = 107_000
    contact_name = "Anna de Vries"
    contact_role = "Mobility officer"
    email = factory.Sequence(lambda n: f"applicant{n}@example.org")
    motivation = "We want to learn from other small cities."
    consent_to_contact = True


def topic(slug="data-and-digitalisation") -> Topic:
    """The seed topics exist from the data migration."""
    return Topic.objects.get(slug=slug)


def gazetteer(name: str, country: str) -> GazetteerEntry:
    from core.text import fold

    return GazetteerEntry.objects.get(search_name=fold(name), country=country)


class PendingAffiliationFactory(AffiliationFactory):
    status = Affiliation.Status.PENDING


def with_totp(user) -> User:
    """Give the user an authenticator app; returns the user. The secret is in user.totp_secret."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    user.totp_secret = generate_totp_secret()
    TOTP.activate(user, user.totp_secret)
    return user
