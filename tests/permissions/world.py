"""The people and things a permission case needs, each built with factories the first time a case asks for it.

`person` is the one in the role under test. `someone` is another verified officer: the author of the public
thread, and the owner of whatever the person does not own. The person's "own" things belong to `owner`: the
person, or someone for the visitor, who owns nothing.
"""

from functools import cached_property

from django.core.files.base import ContentFile

from accounts.models import Affiliation
from ambassadors.models import Signature
from devdata.factories import (
    ApplicationFactory,
    CallFactory,
    CityFactory,
    DeclarationFactory,
    MeetingFactory,
    OfficerFactory,
    PartnerRequestFactory,
    PendingAffiliationFactory,
    PostFactory,
    ProjectFactory,
    ReconfirmationFactory,
    SignatureFactory,
    ThreadFactory,
    topic,
)
from tests.accounts.roles import make
from topics.models import Resource, Subscription

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def city_of(user, role=Affiliation.Role.OFFICER):
    """The city the user speaks for in that role, or None."""
    return next((a.city for a in user.verified_affiliations if a.role == role), None)


def document(*, members_only=False, **fields) -> Resource:
    """A shared PDF, stored under MEDIA_ROOT."""
    resource = Resource(
        topic=topic(),
        kind=Resource.Kind.FILE,
        title=fields.pop("title", "Parking study"),
        content_type="application/pdf",
        size=len(PDF),
        members_only=members_only,
        **fields,
    )
    resource.file.save("study.pdf", ContentFile(PDF))  # saves the row too
    return resource


def unconfirmed_signature(**fields) -> Signature:
    return SignatureFactory(status=Signature.Status.UNCONFIRMED, confirmed_at=None, verified_at=None, **fields)


class World:
    def __init__(self, role: str):
        self.role = role
        self.person = make(role)

    @property
    def signed_in(self) -> bool:
        return self.person.is_authenticated

    @cached_property
    def someone(self):
        return OfficerFactory()

    @cached_property
    def owner(self):
        return self.person if self.signed_in else self.someone

    # Cities and topics

    @cached_property
    def city(self):
        """A member city nobody speaks for yet."""
        return CityFactory()

    @cached_property
    def planned_city(self):
        """The city whose plan the person keeps: the officer's own; for the others a city nobody speaks for."""
        own = city_of(self.person) if self.signed_in else None
        return own or self.city

    @cached_property
    def application_with_document(self):
        """A membership application with its council's decision, a PDF stored under MEDIA_ROOT."""
        application = ApplicationFactory(decision_document_type="application/pdf")
        application.decision_document.save("decision.pdf", ContentFile(PDF))  # saves the row too
        return application

    @cached_property
    def topic(self):
        return topic()

    @cached_property
    def thread(self):
        return ThreadFactory(author=self.someone)

    @cached_property
    def reply(self):
        """Someone's public reply."""
        return PostFactory(thread=self.thread, author=self.someone)

    @cached_property
    def own_reply(self):
        return PostFactory(thread=self.thread, author=self.owner, author_city=city_of(self.owner))

    @cached_property
    def document(self):
        return document(shared_by=self.someone)

    @cached_property
    def meeting(self):
        return MeetingFactory()

    @cached_property
    def subscription(self):
        """Someone follows the public thread."""
        return Subscription.objects.create(user=self.someone, thread=self.thread)

    # Projects, calls and partner search

    @cached_property
    def project(self):
        """An approved project whose partner is a city nobody here speaks for."""
        return ProjectFactory(partners=[(self.city, "partner")])

    @cached_property
    def call(self):
        return CallFactory()

    @cached_property
    def partner_request(self):
        """A members-only request, posted by someone else's city."""
        return PartnerRequestFactory()

    # Accounts

    @cached_property
    def own_affiliation(self):
        """A request of the owner's own, waiting for staff."""
        return PendingAffiliationFactory(user=self.owner)

    # The Ambassadors Initiative

    @cached_property
    def declaration(self):
        """The current declaration."""
        return DeclarationFactory()

    @cached_property
    def signature(self):
        """Someone's verified signature, on the wall."""
        return SignatureFactory(declaration=self.declaration, signer=self.someone)

    @cached_property
    def unconfirmed_signature(self):
        """Someone's signature whose emailed link was not clicked yet."""
        return unconfirmed_signature(signer=self.someone)

    @cached_property
    def reconfirmation(self):
        """Someone was asked by mail whether they still hold the office they signed in."""
        return ReconfirmationFactory(signature__signer=self.someone)

    @cached_property
    def own_signature(self):
        """The owner's verified signature, of a declaration of its own."""
        return SignatureFactory(signer=self.owner)

    @cached_property
    def own_unconfirmed_signature(self):
        return unconfirmed_signature(signer=self.owner)

    @cached_property
    def city_to_sign_for(self):
        """The representative's own city; any member city for the others, whom the page turns away first."""
        own = city_of(self.person, Affiliation.Role.REPRESENTATIVE) if self.signed_in else None
        return own or self.city
