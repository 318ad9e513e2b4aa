"""Benchmark data: 20,000 users with verified emails; every other one a verified officer or representative; one
staff member."""

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password

from accounts.models import Affiliation, User
from cities.models import City
from devdata.factories import AffiliationFactory, UserFactory

USERS = 20_000
BATCH = 2000
BENCH_PASSWORD = "bench-password-2026"  # noqa: S105 - benchmark data only
BENCH_DOMAIN = "bench.example.org"
STAFF_EMAIL = f"staff@{BENCH_DOMAIN}"


def _affiliation(user: User, cities: list[City]) -> Affiliation:
    return AffiliationFactory.build(
        user=user,
        city=cities[user.pk % len(cities)],
        role=Affiliation.Role.REPRESENTATIVE if user.pk % 4 == 0 else Affiliation.Role.OFFICER,
        job_title="Mobility officer",
        listed_publicly=user.pk % 2 == 0,
        status=Affiliation.Status.VERIFIED,
    )


def load(scale: float, progress) -> None:
    _staff_member()
    total = max(10, int(USERS * scale))
    existing = User.objects.filter(email__endswith="@" + BENCH_DOMAIN).count()
    if existing >= total:
        return
    # One hash for all (hashing 20,000 times would take minutes), given as it is, not hashed again.
    password = factory.Transformer.Force(make_password(BENCH_PASSWORD))
    cities = list(City.objects.members().order_by("pk").only("pk"))
    for start in range(existing, total, BATCH):
        numbers = range(start, min(start + BATCH, total))
        users = User.objects.bulk_create(
            [
                UserFactory.build(email=f"user{n}@{BENCH_DOMAIN}", full_name=f"Bench User {n}", password=password)
                for n in numbers
            ]
        )
        users = list(User.objects.filter(email__in=[user.email for user in users]))
        EmailAddress.objects.bulk_create(
            [EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users]
        )
        Affiliation.objects.bulk_create([_affiliation(user, cities) for user in users if user.pk % 2 == 0])
        progress("users", numbers.stop, total)


def _staff_member() -> None:
    """A staff member, for the benchmark's staff pages (created apart: databases loaded before it lack it)."""
    if User.objects.filter(email=STAFF_EMAIL).exists():
        return
    staff = User.objects.create_user(STAFF_EMAIL, BENCH_PASSWORD, full_name="Bench Staff", is_staff=True)
    EmailAddress.objects.create(user=staff, email=staff.email, verified=True, primary=True)


def officer_emails(count: int) -> list[str]:
    """`count` verified officers, always the same ones."""
    affiliations = Affiliation.objects.verified().officers().filter(user__email__endswith=BENCH_DOMAIN)
    return list(affiliations.order_by("pk").values_list("user__email", flat=True)[:count])
