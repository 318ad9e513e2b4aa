"""Demo content: a few projects of demo cities (one ended, with what continued after it; one running; one
upcoming; one still waiting for staff), a few funding calls (open, closing soon, opening later, closed) and a
partner request answered by another city. All of it is invented, marked as demo, and made through the
projects' own workflows by the demo accounts. Idempotent: what exists already is left as it is.
The request is answered by the verified officer of Bologna that the conversations' step made.
"""

import datetime

from django.utils import timezone

from accounts.models import User
from cities.models import City
from devdata.demo.conversations import OFFICER, SECOND_OFFICER
from devdata.demo.people import STAFF_EMAIL
from projects.models import Call, PartnerRequest, Programme, Project, Role
from projects.services import calls, partners, projects

NOTE = "Demo content: an invented example, not a real project."


def _city(name: str) -> City | None:
    return City.objects.members().filter(name=name).first()


def _topics(*slugs):
    return list(Project._meta.get_field("topics").related_model.objects.filter(slug__in=slugs))


def _project(officer, staff, *, acronym, partners_by_staff=(), approve=True, entry=None, **fields) -> None:
    if Project.objects.filter(acronym=acronym).exists():
        return
    city, role = fields.pop("city"), fields.pop("role")
    topics = _topics(*fields.pop("topics"))
    project = Project(acronym=acronym, is_demo=True, **fields)
    projects.project_propose(project, by=officer, city=city, role=role, topics=topics)
    if not approve:
        return
    projects.project_approve(project, by=staff, note="Demo project")
    for partner, partner_role in partners_by_staff:
        if partner is not None:
            projects.participation_record(project, by=staff, city=partner, role=partner_role)
    if entry is not None:
        project.refresh_from_db()
        projects.after_end_add(project, by=officer, city=city, **entry)


def _projects(officer, staff, today) -> None:
    emmen = _city("Emmen")
    _project(
        officer, staff, acronym="SHIFT-SMC", title="Shared, flexible transport for small cities (demo)",
        programme=Programme.CIVITAS, start_date=datetime.date(2019, 9, 1), end_date=datetime.date(2023, 8, 31),
        summary=f"Demand-responsive buses and mobility hubs tested in three small cities. {NOTE}",
        results="Two mobility hubs opened; the on-demand bus carried 40,000 passengers in its trial year.",
        city=emmen, role=Role.COORDINATOR, topics=["projects", "working-with-transport-providers"],
        partners_by_staff=[(_city("Bologna"), Role.PARTNER), (_city("Leeuwarden"), Role.REPLICATING)],
        entry={
            "happened_on": datetime.date(2024, 5, 15),
            "title": "The on-demand bus became a permanent line",
            "description": "The province took over the service in its bus concession; the app is still used.",
        },
    )
    _project(
        officer, staff, acronym="LINK-REGIONS", title="Linking small cities with their regions (demo)",
        programme=Programme.INTERREG, start_date=today - datetime.timedelta(days=400),
        end_date=today + datetime.timedelta(days=700), summary=f"Cross-border commuting by train and bike. {NOTE}",
        city=emmen, role=Role.PARTNER, topics=["working-with-regions"],
        partners_by_staff=[(_city("Münster"), Role.COORDINATOR), (_city("Zwolle"), Role.PARTNER)],
    )
    _project(
        officer, staff, acronym="GREEN-LOGISTICS", title="Zero-emission deliveries in historic centres (demo)",
        programme=Programme.LIFE, start_date=today + datetime.timedelta(days=120),
        end_date=today + datetime.timedelta(days=1200), summary=f"Cargo bikes and a consolidation centre. {NOTE}",
        city=emmen, role=Role.ASSOCIATED, topics=["controlling-and-reducing-car-use"],
        partners_by_staff=[(_city("Parma"), Role.COORDINATOR)],
    )
    _project(
        officer, staff, acronym="PARK-LESS", title="Parking policy for liveable streets (demo)", approve=False,
        programme=Programme.EUI, start_date=today - datetime.timedelta(days=30),
        end_date=today + datetime.timedelta(days=900), summary=f"Fewer parking places, more trees. {NOTE}",
        city=emmen, role=Role.COORDINATOR, topics=["controlling-and-reducing-car-use"],
    )


DEMO_CALLS = [
    # identifier, programme, title, opens (days from today), deadline, second stage, budget (EUR), topic slugs
    ("DEMO-HORIZON-CL5-MOB-01", Programme.HORIZON_EUROPE, "Demonstrating shared mobility in small cities",
     -30, 45, 160, 12_000_000, ["data-and-digitalisation", "projects"]),
    ("DEMO-EUI-IA-04", Programme.EUI, "Innovative actions: liveable streets", -10, 20, None, 5_000_000,
     ["controlling-and-reducing-car-use"]),
    ("DEMO-LIFE-CLIMA-2026", Programme.LIFE, "Climate action in urban logistics", 15, 90, None, 3_000_000,
     ["working-with-transport-providers"]),
    ("DEMO-INTERREG-NWE-03", Programme.INTERREG, "Cross-border commuting", -120, -30, None, None,
     ["working-with-regions"]),
]


def _calls(staff, today) -> Call | None:
    for identifier, programme, title, opens, deadline, second, budget, topics in DEMO_CALLS:
        if Call.objects.filter(identifier=identifier).exists():
            continue
        call = Call(
            identifier=identifier, programme=programme, title=f"{title} (demo)", is_demo=True,
            opens_on=today + datetime.timedelta(days=opens), deadline=today + datetime.timedelta(days=deadline),
            second_deadline=today + datetime.timedelta(days=second) if second else None, budget_eur=budget,
            url="https://example.org/demo-call",
            summary="Demo content: an invented call. A small city can lead or join a consortium; the call pays "
            "pilots, their evaluation and exchanges with other cities.",
        )
        calls.call_record(call, by=staff, topics=_topics(*topics))
    return Call.objects.filter(identifier=DEMO_CALLS[0][0]).first()


def _partner_request(officer, bologna_officer, call) -> None:
    emmen = _city("Emmen")
    if emmen is None or call is None or PartnerRequest.objects.filter(is_demo=True).exists():
        return
    request = PartnerRequest(
        city=emmen, call=call, title="Looking for two cities to demonstrate on-demand buses (demo)",
        description="Emmen builds a consortium for this call and looks for cities of 100,000 to 250,000 people "
        "that have run a CIVITAS project. Demo content.",
        role_sought=Role.PARTNER, countries=["IT", "DE", "BE"], population_band="100k_250k",
        programme_experience=True, sump_wanted="adopted", is_demo=True,
    )
    partners.partner_request_post(request, by=officer, topics=_topics("data-and-digitalisation"))
    bologna = _city("Bologna")
    if bologna_officer is not None and bologna is not None:
        partners.interest_express(
            request, by=bologna_officer, city=bologna,
            message="Bologna ran a CIVITAS project and would gladly join. Write to Giulia (demo).",
        )


def load(stdout) -> None:
    staff = User.objects.filter(email=STAFF_EMAIL).first()
    officer = User.objects.filter(email=OFFICER).first()
    if staff is None or officer is None or _city("Emmen") is None:
        return
    today = timezone.localdate()
    bologna_officer = User.objects.filter(email=SECOND_OFFICER[0]).first()
    _projects(officer, staff, today)
    call = _calls(staff, today)
    _partner_request(officer, bologna_officer, call)
    stdout.write(
        f"  projects: {Project.objects.filter(is_demo=True).count()} demo projects, "
        f"{Call.objects.filter(is_demo=True).count()} demo calls, "
        f"{PartnerRequest.objects.filter(is_demo=True).count()} demo partner request"
    )
