"""Benchmark data: 20,000 users with verified emails; some verified officers and representatives; one staff
member."""

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password

from accounts.models import Affiliation, User
from cities.models import City

USERS = 20_000
BATCH = 2000
BENCH_PASSWORD = "bench-password-2026"  # noqa: S105 - benchmark data only
BENCH_DOMAIN = "bench.example.org"
STAFF_EMAIL = f"staff@{BENCH_DOMAIN}"


def load(scale: float, progress) -> None:
    _staff_member()
    total = max(10, int(USERS * scale))
    existing = User.objects.filter(email__endswith="@" + BENCH_DOMAIN).count()
    if existing >= total:
        return
    password = make_password(BENCH_PASSWORD)  # one hash for all: hashing 20,000 times would take minutes
    city_ids = list(City.objects.members().order_by("pk").values_list("pk", flat=True))
    for start in range(existing, total, BATCH):
        users = User.objects.bulk_create(
            [
                User(email=f"user{n}@{BENCH_DOMAIN}", full_name=f"Bench User {n}", password=password)
                for n in range(start, min(start + BATCH, total))
            ]
        )
        users = list(User.objects.filter(email__in=[user.email for user in users]))
        EmailAddress.objects.bulk_create(
            [EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users]
        )
        Affiliation.objects.bulk_create(
            [
                Affiliation(
                    user=user,
                    city_id=city_ids[user.pk % len(city_ids)],
                    role=Affiliation.Role.REPRESENTATIVE if user.pk % 4 == 0 else Affiliation.Role.OFFICER,
                    job_title="Mobility officer",
                    listed_publicly=user.pk % 2 == 0,
                    status=Affiliation.Status.VERIFIED,
                )
                for user in users
                if user.pk % 2 == 0
            ]
        )
        progress("users", min(start + BATCH, total), total)


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
