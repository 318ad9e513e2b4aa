"""Demo accounts, one per kind of person who uses the portal. Their password is in DEMO_PASSWORD."""

from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import Affiliation, User
from cities.models import City

DEMO_PASSWORD = "smc-demo-2026"  # noqa: S105 - demo accounts only, printed by `make run` in DEBUG
DEMO_ACCOUNTS = [
    # email, full name, staff, (city name, role, job title)
    ("staff@demo.example.org", "Sofie Staff", True, None),
    (
        "officer@demo.example.org",
        "Olaf Officer",
        False,
        ("Emmen", Affiliation.Role.OFFICER, "Mobility policy officer"),
    ),
    (
        "mayor@demo.example.org",
        "Matteo Sindaco",
        False,
        ("Bologna", Affiliation.Role.REPRESENTATIVE, "Deputy mayor for mobility"),
    ),
    ("user@demo.example.org", "Una User", False, None),
    ("newcomer@demo.example.org", "Nora Newcomer", False, None),
]
# Requests waiting for staff, so the admin's queue has something in it: email, city name, role, job title.
DEMO_PENDING_REQUESTS = [
    ("newcomer@demo.example.org", "Emmen", Affiliation.Role.OFFICER, "Traffic engineer"),
]


def load(stdout) -> None:
    for email, full_name, is_staff, affiliation in DEMO_ACCOUNTS:
        if User.objects.filter(email=email).exists():
            continue
        user = User.objects.create_user(
            email, DEMO_PASSWORD, full_name=full_name, is_staff=is_staff, is_superuser=is_staff
        )
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        if affiliation:
            city_name, role, job_title = affiliation
            city = City.objects.filter(name=city_name).first()
            if city:
                Affiliation.objects.create(
                    user=user,
                    city=city,
                    role=role,
                    job_title=job_title,
                    listed_publicly=True,
                    status=Affiliation.Status.VERIFIED,
                    decided_at=timezone.now(),
                )
        stdout.write(f"  account {email} created")
    for email, city_name, role, job_title in DEMO_PENDING_REQUESTS:
        user = User.objects.filter(email=email).first()
        city = City.objects.filter(name=city_name).first()
        if user and city and not Affiliation.objects.filter(user=user, city=city, role=role).exists():
            Affiliation.objects.create(
                user=user, city=city, role=role, job_title=job_title, listed_publicly=True
            )
            stdout.write(f"  pending request of {email} for {city_name}")
