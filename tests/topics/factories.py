import datetime

import factory
from django.utils import timezone

from tests.factories import OfficerFactory, topic
from topics.models import Meeting, Post, Resource, Thread


class ThreadFactory(factory.django.DjangoModelFactory):
    """A thread with its opening post (body=...)."""

    class Meta:
        model = Thread
        skip_postgeneration_save = True

    topic = factory.LazyFunction(topic)
    title = factory.Sequence(lambda n: f"How do you plan cycling route {n}?")
    author = factory.SubFactory(OfficerFactory)
    author_city = factory.LazyAttribute(lambda o: o.author.affiliations.first().city if o.author else None)

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
    author_city = factory.LazyAttribute(lambda o: o.author.affiliations.first().city if o.author else None)
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
