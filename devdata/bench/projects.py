"""Benchmark data: 2,000 approved projects with 2 to 6 partner cities each (a third of the ended ones telling what
continued), 300 published calls around today, 1,000 partner requests by bench officers with up to three
interested cities each. Needs the member cities and the officers of the other apps' bench data.

Bulk inserts: rows are written in the state the workflows leave them, without audit entries or mail.
bench_pages() names the pages `make bench` measures.
"""

import datetime
import random

from django.utils import timezone

from accounts.models import Affiliation
from cities.models import City
from core.text import fold
from projects.models import (
    AfterEndEntry,
    Call,
    CallStatus,
    Interest,
    Participation,
    PartnerRequest,
    PopulationBand,
    Programme,
    Project,
    RequestStatus,
    Review,
    Role,
)

PROJECTS = 2_000
CALLS = 300
REQUESTS = 1_000
BATCH = 2_000
MARK = "BENCH"
WORDS = ["mobility", "cycling", "bus", "parking", "data", "logistics", "walking", "sharing", "hub", "school"]


def _topic_ids() -> list[int]:
    return list(Project._meta.get_field("topics").related_model.objects.order_by("pk").values_list("pk", flat=True))


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def _projects(rng, total, city_ids, today, progress) -> None:
    programmes = Programme.values
    projects = []
    for n in range(total):
        start = today + datetime.timedelta(days=rng.randint(-4000, 500))
        projects.append(
            Project(
                acronym=f"{MARK}{n}", slug=f"bench-{n}", title=f"Bench project on {_words(rng, 3)} {n}",
                programme=programmes[n % len(programmes)], start_date=start,
                end_date=start + datetime.timedelta(days=rng.randint(365, 1500)),
                summary=_words(rng, 40).capitalize() + ".", status=Review.APPROVED, decided_at=timezone.now(),
                search_text=fold(f"{MARK}{n} bench project"),
            )
        )
    for start in range(0, len(projects), BATCH):
        Project.objects.bulk_create(projects[start : start + BATCH])
        progress("projects", min(start + BATCH, total), total)
    projects = list(Project.objects.filter(acronym__startswith=MARK).only("pk", "end_date").order_by("pk"))
    topics = _topic_ids()
    Project.topics.through.objects.bulk_create(
        [Project.topics.through(project_id=p.pk, topic_id=topics[p.pk % len(topics)]) for p in projects],
        batch_size=BATCH,
    )
    roles = [Role.PARTNER, Role.PARTNER, Role.REPLICATING, Role.ASSOCIATED]
    participations, entries = [], []
    for project in projects:
        cities = rng.sample(city_ids, min(len(city_ids), rng.randint(2, 6)))
        for index, city_id in enumerate(cities):
            role = Role.COORDINATOR if index == 0 else roles[index % len(roles)]
            participations.append(Participation(project=project, city_id=city_id, role=role, status=Review.APPROVED))
        if project.end_date < today - datetime.timedelta(days=30) and rng.random() < 0.33:
            entries.append(
                AfterEndEntry(
                    project=project, city_id=cities[0], happened_on=project.end_date + datetime.timedelta(days=20),
                    title="The pilot continued", description=_words(rng, 30),
                )
            )
    Participation.objects.bulk_create(participations, batch_size=BATCH)
    AfterEndEntry.objects.bulk_create(entries, batch_size=BATCH)


def _calls(rng, total, today, progress) -> list[Call]:
    programmes = Programme.values
    calls = []
    for n in range(total):
        opens = today + datetime.timedelta(days=rng.randint(-400, 120))
        deadline = opens + datetime.timedelta(days=rng.randint(30, 200))
        if n == 0:  # one call closes soon at every scale, so that the measured list has rows at 1 % too
            opens, deadline = today - datetime.timedelta(days=60), today + datetime.timedelta(days=14)
        calls.append(
            Call(
                identifier=f"{MARK}-CALL-{n:04d}", slug=f"bench-call-{n}", title=f"Bench call on {_words(rng, 3)}",
                programme=programmes[n % len(programmes)], opens_on=opens, deadline=deadline,
                second_deadline=deadline + datetime.timedelta(days=120) if n % 4 == 0 else None,
                budget_eur=rng.randint(1, 40) * 500_000, url="https://example.org/bench-call",
                summary=_words(rng, 40).capitalize() + ".", status=CallStatus.PUBLISHED, decided_at=timezone.now(),
                search_text=fold(f"{MARK}-CALL-{n:04d} bench call"),
            )
        )
    Call.objects.bulk_create(calls, batch_size=BATCH)
    progress("calls", total, total)
    return list(Call.objects.filter(identifier__startswith=MARK).order_by("pk"))


def _requests(rng, total, calls, today, progress) -> None:
    officers = list(Affiliation.objects.verified().officers().order_by("pk").values_list("user_id", "city_id")[:5000])
    if len(officers) < 3:  # a request is answered by up to three other cities
        return
    bands = PopulationBand.values
    requests = []
    for n in range(total):
        user_id, city_id = officers[n % len(officers)]
        call = calls[n % len(calls)] if n % 2 == 0 and calls else None
        deadline = call.deadline if call else today + datetime.timedelta(days=rng.randint(-60, 120))
        requests.append(
            PartnerRequest(
                city_id=city_id, posted_by_id=user_id, call=call, programme=call.programme if call else "other",
                title=f"Bench partners wanted for {_words(rng, 3)}", description=_words(rng, 40),
                role_sought=Role.values[n % len(Role.values)], countries=["DE", "IT"] if n % 3 == 0 else [],
                population_band=bands[n % len(bands)], deadline=deadline, members_only=n % 4 != 0,
                status=RequestStatus.OPEN if deadline >= today else RequestStatus.CLOSED,
                search_text=fold(f"bench partners wanted {n}"),
            )
        )
    PartnerRequest.objects.bulk_create(requests, batch_size=BATCH)
    created = PartnerRequest.objects.filter(title__startswith="Bench partners").order_by("pk")
    interests = []
    for index, (request_id, city_id) in enumerate(created.values_list("pk", "city_id")):
        answering = {officer for officer in rng.sample(officers, 3) if officer[1] != city_id}
        for user_id, other_city in list({o[1]: o for o in answering}.values())[: index % 4]:
            interests.append(
                Interest(request_id=request_id, city_id=other_city, request_city_id=city_id, officer_id=user_id,
                         message="Bench: we are interested.")
            )
    Interest.objects.bulk_create(interests, batch_size=BATCH)
    progress("partner requests", total, total)


def load_bench(scale: float, progress) -> None:
    """Idempotent: once the bench projects are there, nothing more is added."""
    if Project.objects.filter(acronym__startswith=MARK).exists():
        return
    rng = random.Random(2027)  # noqa: S311 - benchmark data, not security
    today = timezone.localdate()
    city_ids = list(City.objects.members().order_by("pk").values_list("pk", flat=True))
    if len(city_ids) < 2:
        return
    _projects(rng, max(10, int(PROJECTS * scale)), city_ids, today, progress)
    calls = _calls(rng, max(5, int(CALLS * scale)), today, progress)
    _requests(rng, max(5, int(REQUESTS * scale)), calls, today, progress)


def bench_pages() -> list[tuple[str, str, str]]:
    """(name, path, kind) of the projects' pages for `make bench`."""
    project = Project.objects.approved().filter(acronym__startswith=MARK).order_by("pk").first()
    call = Call.objects.published().filter(identifier__startswith=MARK).order_by("pk").first()
    request = PartnerRequest.objects.filter(members_only=False).order_by("pk").first()
    return [
        ("projects", "/projects/", "page"),
        ("projects, three filters", "/projects/?programme=civitas&status=ended&after_the_end=yes", "page"),
        ("project page", project.get_absolute_url(), "page"),
        ("projects CSV", "/projects/export.csv", "export"),
        ("projects GeoJSON", "/projects/export.geojson", "export"),
        ("projects feed", "/projects/feed/", "feed"),
        ("calls", "/calls/", "page"),
        ("calls closing soon", "/calls/?status=closing", "page"),
        ("call page", call.get_absolute_url(), "page"),
        ("open calls calendar", "/calls/calendar.ics", "feed"),
        ("partner requests", "/partners/", "page"),
        ("partner request", request.get_absolute_url(), "page"),
        ("directory, led projects", "/cities/?led_projects=yes", "page"),
    ]


# Those an officer uses too.
LOGGED_IN_PAGES = ("projects", "calls", "partner requests", "partner request")
