"""Factories for the portal's rows: the tests, the demo and the benchmark data build with them.

`Factory()` saves a row through its model, whose save() fills in the derived fields. `Factory.build()` makes
an unsaved row for a bulk insert, which then calls the model's derive_fields() for it, as save() does.
Rows whose state a workflow changes (affiliations, signatures…) are built here in a given state for test
set-up; the demo gets them through the workflows instead.
"""

import datetime

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import Affiliation, User
from ambassadors.models import Declaration, DeclarationTranslation, Reconfirmation, Signature
from cities.models import City, GazetteerEntry, MembershipApplication
from core.text import fold
from projects.models import (
    AfterEndEntry,
    Call,
    CallStatus,
    Interest,
    Participation,
    PartnerRequest,
    Programme,
    Project,
    RequestStatus,
    Review,
    Role,
)
from topics.models import Meeting, Post, Resource, Thread, Topic

# People and cities --------------------------------------------------------------------------------------


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


class PendingAffiliationFactory(AffiliationFactory):
    status = Affiliation.Status.PENDING


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
    applicant_role = MembershipApplication.ApplicantRole.OFFICER
    contact_role = "Mobility officer"
    email = factory.Sequence(lambda n: f"applicant{n}@example.org")
    motivation = "We want to learn from other small cities."
    consent_to_contact = True


def topic(slug="data-and-digitalisation") -> Topic:
    """The seed topics exist from the data migration."""
    return Topic.objects.get(slug=slug)


def gazetteer(name: str, country: str) -> GazetteerEntry:
    return GazetteerEntry.objects.get(search_name=fold(name), country=country)


def with_totp(user) -> User:
    """Give the user an authenticator app; returns the user. The secret is in user.totp_secret."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    user.totp_secret = generate_totp_secret()
    TOTP.activate(user, user.totp_secret)
    return user


# Topics -------------------------------------------------------------------------------------------------


def _city_of(author):
    return author.affiliations.first().city if author else None


class ThreadFactory(factory.django.DjangoModelFactory):
    """A thread with its opening post (body=...) when created; built, it has none."""

    class Meta:
        model = Thread
        skip_postgeneration_save = True

    topic = factory.LazyFunction(topic)
    title = factory.Sequence(lambda n: f"How do you plan cycling route {n}?")
    author = factory.SubFactory(OfficerFactory)
    author_city = factory.LazyAttribute(lambda o: _city_of(o.author))

    @factory.post_generation
    def body(self, create, extracted, **kwargs):
        if create:
            Post.objects.create(
                thread=self,
                author=self.author,
                author_city=self.author_city,
                is_first=True,
                body=extracted or "We would like to hear how other cities did it.",
                created_at=self.created_at,
            )


class PostFactory(factory.django.DjangoModelFactory):
    """A reply; counters are the services' business, so tests that count use topics.services."""

    class Meta:
        model = Post

    thread = factory.SubFactory(ThreadFactory)
    author = factory.SubFactory(OfficerFactory)
    author_city = factory.LazyAttribute(lambda o: _city_of(o.author))
    body = factory.Sequence(lambda n: f"Reply number {n}: we tried it too.")


class LinkResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource

    topic = factory.LazyFunction(topic)
    kind = Resource.Kind.LINK
    title = factory.Sequence(lambda n: f"Guide to parking policy, part {n}")
    url = "https://example.org/guide"
    description = "A practical guide."
    shared_by = factory.SubFactory(OfficerFactory)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    topic = factory.LazyFunction(topic)
    title = factory.Sequence(lambda n: f"Working-group meeting {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    time_zone = "Europe/Brussels"
    place = "Emmen town hall, room 2"


# Ambassadors --------------------------------------------------------------------------------------------


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


class ReconfirmationFactory(factory.django.DjangoModelFactory):
    """A question "do you still hold the office?" just sent, its signature moved to "asked" as the daily job does
    (the job itself is tested on its own)."""

    class Meta:
        model = Reconfirmation
        skip_postgeneration_save = True

    signature = factory.SubFactory(
        SignatureFactory,
        term_status=Signature.Term.ASKED,
        office_confirmed_on=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=366)),
    )
    occasion = Reconfirmation.Occasion.YEARLY
    due_on = factory.LazyAttribute(lambda o: o.signature.next_reconfirmation_on)
    sent_on = factory.LazyFunction(timezone.localdate)

    @factory.post_generation
    def signed_days_ago(self, create, extracted, **kwargs):
        """The signature was made this many days ago (400 unless told): a year and more, as when the job asks."""
        if create:
            signed_at = timezone.now() - datetime.timedelta(days=extracted or 400)
            Signature.objects.filter(pk=self.signature_id).update(
                created_at=signed_at, confirmed_at=signed_at, verified_at=signed_at
            )
            self.signature.refresh_from_db()


# Projects, calls and partner requests. Rows that a workflow would have made (approved projects with their
# partners, published calls, open requests) are made here in that state; tests of the workflows call
# projects.services instead.
def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


class ProjectFactory(factory.django.DjangoModelFactory):
    """An approved project; ProjectFactory(partners=[(city, role), ...]) lists its approved partner cities."""

    class Meta:
        model = Project
        skip_postgeneration_save = True

    acronym = factory.Sequence(lambda n: f"PROJ{n}")
    title = factory.Sequence(lambda n: f"Cleaner buses in small towns {n}")
    programme = Programme.CIVITAS
    start_date = factory.LazyFunction(lambda: days(-365))
    end_date = factory.LazyFunction(lambda: days(365))
    summary = "Electric buses tested in three small towns."
    status = Review.APPROVED
    decided_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def partners(self, create, extracted, **kwargs):
        """Approved with an approved project; a proposal's partners wait with it, a rejected one's are rejected."""
        for city, role in extracted or []:
            ParticipationFactory(project=self, city=city, role=role, status=self.status)


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    project = factory.SubFactory(ProjectFactory)
    city = factory.SubFactory(CityFactory)
    role = Role.PARTNER
    status = Review.APPROVED


class AfterEndEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AfterEndEntry

    project = factory.SubFactory(ProjectFactory, start_date=days(-900), end_date=days(-200))
    city = factory.SubFactory(CityFactory)
    happened_on = factory.LazyFunction(lambda: days(-100))
    title = "The bus line stayed"
    description = "The region pays for it now."


class CallFactory(factory.django.DjangoModelFactory):
    """A published call, open now with its deadline in 60 days."""

    class Meta:
        model = Call

    programme = Programme.HORIZON_EUROPE
    identifier = factory.Sequence(lambda n: f"HORIZON-CL5-2027-D6-{n:02d}")
    title = factory.Sequence(lambda n: f"Shared mobility for small cities {n}")
    opens_on = factory.LazyFunction(lambda: days(-10))
    deadline = factory.LazyFunction(lambda: days(60))
    url = "https://ec.example.org/call"
    summary = "Pilots of shared mobility, evaluated and shared with other cities."
    status = CallStatus.PUBLISHED


def officer_of(city, **kwargs):
    """A verified officer of CITY."""
    return OfficerFactory(affiliation__city=city, **kwargs)


class PartnerRequestFactory(factory.django.DjangoModelFactory):
    """An open, members-only request posted by a verified officer of its city."""

    class Meta:
        model = PartnerRequest

    city = factory.SubFactory(CityFactory)
    posted_by = factory.LazyAttribute(lambda o: officer_of(o.city))
    programme = Programme.CIVITAS
    title = factory.Sequence(lambda n: f"Partners wanted for on-demand buses {n}")
    description = "We look for two cities to pilot on-demand buses."
    role_sought = Role.PARTNER
    deadline = factory.LazyFunction(lambda: days(30))
    status = RequestStatus.OPEN


class InterestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interest

    request = factory.SubFactory(PartnerRequestFactory)
    city = factory.SubFactory(CityFactory)
    request_city = factory.LazyAttribute(lambda o: o.request.city)
    officer = factory.LazyAttribute(lambda o: officer_of(o.city))
    message = "We would like to join."
