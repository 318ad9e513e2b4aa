"""Demo conversations in several topics between two officers, with resources and a meeting.

Threads, replies and resources go through topics.services as an officer's posts would (subscriptions,
counters and audit entries included); the meeting is one staff add in the admin. Idempotent: each thread,
resource and meeting is looked up by title before it is made.
"""

import datetime

from django.utils import timezone

from accounts.models import Affiliation, User
from devdata.demo.people import account, affiliate, staff_member
from devdata.factories import LinkResourceFactory, MeetingFactory
from topics.models import Meeting, Resource, Thread, Topic
from topics.services import post_reply, resource_share, thread_start

OFFICER = "officer@demo.example.org"
SECOND_OFFICER = (
    "officer.bologna@demo.example.org",
    "Giulia Ferri",
    "Bologna",
    "Sustainable mobility planner",
)

THREADS = [
    (
        "controlling-and-reducing-car-use",
        OFFICER,
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
                OFFICER,
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
                OFFICER,
                "We ask for trips aggregated per hour and per zone, not single trips: "
                "that keeps personal data out of our systems and is enough for planning.",
            ),
        ],
    ),
    (
        "european-commission-calls",
        OFFICER,
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
        OFFICER,
        "Mobility Data Specification",
        "https://github.com/openmobilityfoundation/mobility-data-specification",
        "The open data standard many cities use to exchange data with shared-mobility operators.",
    ),
]

MEETING_TOPIC = "controlling-and-reducing-car-use"
MEETING_TITLE = "Working-group meeting: parking policy in smaller cities"
MEETING_AGENDA = (
    "1. Welcome, round of cities\n2. Bologna: the parking-fee trial, results\n"
    "3. Emmen: plans for 2027\n4. Next steps"
)


def _second_officer(stdout) -> None:
    """Bologna's officer, the other side of the conversations; not among the logins `make run` prints."""
    email, full_name, city_name, job_title = SECOND_OFFICER
    user = account(email, full_name, stdout)
    affiliate(user, city_name, Affiliation.Role.OFFICER, job_title, verify_by=staff_member(stdout))


def _threads(people: dict[str, User], topics: dict[str, Topic], stdout) -> None:
    for slug, author_email, title, body, replies in THREADS:
        if Thread.objects.filter(title=title).exists() or slug not in topics:
            continue
        thread = thread_start(topics[slug], author=people[author_email], title=title, body=body)
        for reply_email, reply_body in replies:
            post_reply(thread, author=people[reply_email], body=reply_body)
        stdout.write(f"  thread “{title}” created")


def _resources(people: dict[str, User], topics: dict[str, Topic], stdout) -> None:
    for slug, email, title, url, description in RESOURCES:
        if Resource.objects.filter(title=title).exists() or slug not in topics:
            continue
        resource = LinkResourceFactory.build(
            topic=topics[slug], title=title, url=url, description=description, shared_by=people[email]
        )
        resource_share(resource, by=people[email])
        stdout.write(f"  resource “{title}” shared")


def _meeting(topics: dict[str, Topic], stdout) -> None:
    if Meeting.objects.filter(title=MEETING_TITLE).exists() or MEETING_TOPIC not in topics:
        return
    day = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    starts = datetime.datetime.fromisoformat(f"{day}T14:00:00+01:00")
    MeetingFactory(
        topic=topics[MEETING_TOPIC],
        title=MEETING_TITLE,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1, minutes=30),
        time_zone="Europe/Brussels",
        place="",
        online_url="https://meet.example.org/smc-parking",
        agenda=MEETING_AGENDA,
    )
    stdout.write(f"  meeting “{MEETING_TITLE}” planned")


def load(stdout) -> None:
    _second_officer(stdout)
    officers = Affiliation.objects.verified().officers().filter(user__email__in=[SECOND_OFFICER[0], OFFICER])
    people = {affiliation.user.email: affiliation.user for affiliation in officers.select_related("user")}
    if len(people) < 2:
        stdout.write("  demo officers missing; topic demo skipped")
        return
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    _threads(people, topics, stdout)
    _resources(people, topics, stdout)
    _meeting(topics, stdout)
