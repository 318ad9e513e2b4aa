"""Demo conversations in several topics between two officers, with resources and a meeting.

Idempotent: each thread, resource and meeting is looked up by title before it is made.
"""

import datetime

from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import Affiliation, User
from cities.models import City
from topics.models import Meeting, Post, Resource, Thread, Topic

SECOND_OFFICER = (
    "officer.bologna@demo.example.org",
    "Giulia Ferri",
    "Bologna",
    "Sustainable mobility planner",
)

THREADS = [
    (
        "controlling-and-reducing-car-use",
        "officer@demo.example.org",
        "Parking fees in the centre: how did you win the council over?",
        "In Emmen we are preparing a proposal to raise parking fees in the centre and to use the income "
        "for cycling routes.\n\nWhat arguments convinced **your** council? Did health data help?",
        [
            (
                "officer.bologna@demo.example.org",
                "In Bologna the health argument worked best: we showed the council the air-quality figures "
                "next to the hospital admissions for asthma.\n\nThe shops were the harder part. We ran a "
                "six-month trial and published footfall counts every month.",
            ),
            (
                "officer@demo.example.org",
                "Thank you, the monthly footfall counts are a good idea. "
                "Did you count by hand or with sensors?",
            ),
            (
                "officer.bologna@demo.example.org",
                "Sensors at four entrances to the centre, "
                "plus a manual count on two Saturdays to check them.",
            ),
        ],
    ),
    (
        "data-and-digitalisation",
        "officer.bologna@demo.example.org",
        "Which data do you ask bike-sharing operators for?",
        "Our new bike-sharing contract starts next year. Which data fields do you require, and in which "
        "format? We consider asking for the "
        "[MDS](https://github.com/openmobilityfoundation/mobility-data-specification) standard.",
        [
            (
                "officer@demo.example.org",
                "We ask for trips aggregated per hour and per zone, not single trips: "
                "that keeps personal data out of our systems and is enough for planning.",
            ),
        ],
    ),
    (
        "european-commission-calls",
        "officer@demo.example.org",
        "Looking for partners: a call on rural–urban mobility links",
        "Emmen wants to apply to a call on mobility links between small cities and their rural "
        "surroundings. Is any city with demand-responsive transport interested in joining?",
        [],
    ),
]

RESOURCES = [
    (
        "controlling-and-reducing-car-use",
        "officer.bologna@demo.example.org",
        "Bologna's Sustainable Urban Mobility Plan",
        "https://www.comune.bologna.it/",
        "The adopted plan, with its targets for walking, cycling and public transport by 2030.",
    ),
    (
        "data-and-digitalisation",
        "officer@demo.example.org",
        "Mobility Data Specification",
        "https://github.com/openmobilityfoundation/mobility-data-specification",
        "The open data standard many cities use to exchange data with shared-mobility operators.",
    ),
]


def _second_officer(stdout) -> User | None:
    email, full_name, city_name, job_title = SECOND_OFFICER
    user = User.objects.filter(email=email).first()
    if user is not None:
        return user
    city = City.objects.filter(name=city_name).first()
    if city is None:
        stdout.write(f"  no demo city {city_name}; second officer skipped")
        return None
    from accounts.demo import DEMO_PASSWORD

    user = User.objects.create_user(email, DEMO_PASSWORD, full_name=full_name)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    Affiliation.objects.create(
        user=user,
        city=city,
        role=Affiliation.Role.OFFICER,
        job_title=job_title,
        listed_publicly=True,
        status=Affiliation.Status.VERIFIED,
        decided_at=timezone.now(),
    )
    stdout.write(f"  account {email} created")
    return user


def _city_of(user):
    affiliation = user.affiliations.verified().officers().select_related("city").first()
    return affiliation.city if affiliation else None


def load(stdout) -> None:
    _second_officer(stdout)
    people = {
        user.email: user
        for user in User.objects.filter(email__in=[SECOND_OFFICER[0], "officer@demo.example.org"])
    }
    if len(people) < 2:
        stdout.write("  demo officers missing; topic demo skipped")
        return
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    start = timezone.now() - datetime.timedelta(days=20)
    for index, (slug, author_email, title, body, replies) in enumerate(THREADS):
        if Thread.objects.filter(title=title).exists() or slug not in topics:
            continue
        author = people[author_email]
        moment = start + datetime.timedelta(days=index * 3)
        thread = Thread.objects.create(
            topic=topics[slug],
            title=title,
            author=author,
            author_city=_city_of(author),
            created_at=moment,
            last_activity_at=moment,
        )
        Post.objects.create(
            thread=thread,
            author=author,
            author_city=thread.author_city,
            body=body,
            is_first=True,
            created_at=moment,
        )
        for offset, (reply_email, reply_body) in enumerate(replies, start=1):
            replier = people[reply_email]
            moment = moment + datetime.timedelta(hours=5 * offset)
            Post.objects.create(
                thread=thread,
                author=replier,
                author_city=_city_of(replier),
                body=reply_body,
                created_at=moment,
            )
        thread.reply_count = len(replies)
        thread.last_activity_at = moment
        thread.save(update_fields=["reply_count", "last_activity_at"])
        stdout.write(f"  thread “{title}” created")
    for slug, email, title, url, description in RESOURCES:
        if Resource.objects.filter(title=title).exists() or slug not in topics:
            continue
        Resource.objects.create(
            topic=topics[slug],
            kind=Resource.Kind.LINK,
            title=title,
            url=url,
            description=description,
            shared_by=people[email],
            shared_by_city=_city_of(people[email]),
        )
        stdout.write(f"  resource “{title}” shared")
    title = "Working-group meeting: parking policy in smaller cities"
    if not Meeting.objects.filter(title=title).exists() and "controlling-and-reducing-car-use" in topics:
        day = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
        starts = datetime.datetime.fromisoformat(f"{day}T14:00:00+01:00")
        Meeting.objects.create(
            topic=topics["controlling-and-reducing-car-use"],
            title=title,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=1, minutes=30),
            time_zone="Europe/Brussels",
            online_url="https://meet.example.org/smc-parking",
            agenda=(
                "1. Welcome, round of cities\n2. Bologna: the parking-fee trial, results\n"
                "3. Emmen: plans for 2027\n4. Next steps"
            ),
        )
        stdout.write(f"  meeting “{title}” planned")
