"""Many projects, calls and partner requests at once, for the query budgets at 10 and at 1,000 rows."""

import datetime

from django.db import connection
from django.utils import timezone

from projects.models import AfterEndEntry, Call, Interest, Participation, PartnerRequest, Project


def project_rows(rows: int, cities: list, officer, topic) -> dict:
    today = timezone.localdate()
    projects = Project.objects.bulk_create(
        [
            Project(
                acronym=f"MOB{n}", slug=f"mob-{n}", title=f"Mobility project {n}", programme="civitas",
                start_date=today - datetime.timedelta(days=1000 - n % 900), end_date=today - datetime.timedelta(days=5),
                summary="mobility", search_text=f"mob{n} mobility project", status="approved",
                decided_at=timezone.now(),
            )
            for n in range(rows)
        ]
    )
    Project.topics.through.objects.bulk_create(
        [Project.topics.through(project_id=p.pk, topic_id=topic.pk) for p in projects]
    )
    Participation.objects.bulk_create(
        [
            Participation(project=p, city=cities[(n + k) % len(cities)], role=role, status="approved")
            for n, p in enumerate(projects)
            for k, role in enumerate(["coordinator", "partner", "replicating"])
        ]
    )
    AfterEndEntry.objects.bulk_create(
        [AfterEndEntry(project=p, city=cities[n % len(cities)], happened_on=today, title="kept", description="x")
         for n, p in enumerate(projects)]
    )
    calls = Call.objects.bulk_create(
        [
            Call(
                identifier=f"CALL-{n}", slug=f"call-{n}", title=f"Mobility call {n}", programme="life",
                opens_on=today - datetime.timedelta(days=10), deadline=today + datetime.timedelta(days=n % 60),
                second_deadline=today + datetime.timedelta(days=90), url="https://example.org", summary="mobility",
                search_text=f"call-{n} mobility call", status="published",
            )
            for n in range(rows)
        ]
    )
    Call.topics.through.objects.bulk_create([Call.topics.through(call_id=c.pk, topic_id=topic.pk) for c in calls])
    requests = PartnerRequest.objects.bulk_create(
        [
            PartnerRequest(
                city=cities[n % len(cities)], posted_by=officer, call=calls[n], programme="life",
                title=f"Mobility partners {n}", description="mobility", role_sought="partner",
                countries=["NL", "DE"], population_band="20k_50k", deadline=calls[n].deadline,
                members_only=n % 2 == 0, search_text=f"mobility partners {n}",
            )
            for n in range(rows)
        ]
    )
    PartnerRequest.topics.through.objects.bulk_create(
        [PartnerRequest.topics.through(partnerrequest_id=r.pk, topic_id=topic.pk) for r in requests]
    )
    big = requests[1]  # public
    Interest.objects.bulk_create(
        [
            Interest(request=big, city=city, request_city=big.city, officer=officer, message="yes")
            for city in cities[:rows]
            if city.pk != big.city_id
        ]
    )
    if connection.vendor == "postgresql":  # statistics as autovacuum keeps them: plans for these rows, not for none
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {"project": projects[0], "call": calls[0], "partner_request": big}
