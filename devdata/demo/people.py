"""Demo accounts, one per kind of person who uses the portal, and their affiliations with demo cities.

Accounts are made as sign-up leaves them (email confirmed); affiliations are requested by the person and
verified by the demo's staff member through accounts.services, as in real use. Their password is DEMO_PASSWORD.
"""

from accounts.models import Affiliation, User
from accounts.services import affiliation_request, affiliation_verify
from cities.models import City
from devdata.factories import UserFactory

DEMO_PASSWORD = "smc-demo-2026"  # noqa: S105 - demo accounts only, printed by `make run` in DEBUG
STAFF_EMAIL = "staff@demo.example.org"
DEMO_ACCOUNTS = [
    # email, full name, staff, (city name, role, job title)
    (STAFF_EMAIL, "Sofie Staff", True, None),
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


def account(email: str, full_name: str, stdout, *, is_staff: bool = False) -> User:
    """The demo account with that address, made on first use."""
    user = User.objects.filter(email=email).first()
    if user is None:
        user = UserFactory(
            email=email, full_name=full_name, password=DEMO_PASSWORD, is_staff=is_staff, is_superuser=is_staff
        )
        stdout.write(f"  account {email} created")
    return user


def staff_member(stdout) -> User:
    """The demo's staff member, who takes the staff decisions of the demo."""
    email, full_name, _is_staff, _affiliation = DEMO_ACCOUNTS[0]
    return account(email, full_name, stdout, is_staff=True)


def affiliate(user: User, city_name: str, role: str, job_title: str, *, verify_by: User | None) -> bool:
    """The person asks to act for the city (and staff verify it, when verify_by is given); False when the
    city is not in the demo or the person asked before (whatever became of it since: the demo undoes nothing)."""
    city = City.objects.members().filter(name=city_name).first()
    if city is None or Affiliation.objects.filter(user=user, city=city, role=role).exists():
        return False
    affiliation = affiliation_request(user=user, city=city, role=role, job_title=job_title, listed_publicly=True)
    if verify_by is not None:
        affiliation_verify(affiliation, by=verify_by)
    return True


def load(stdout) -> None:
    staff = staff_member(stdout)
    for email, full_name, is_staff, affiliation in DEMO_ACCOUNTS:
        user = account(email, full_name, stdout, is_staff=is_staff)
        if affiliation:
            affiliate(user, *affiliation, verify_by=staff)
    for email, city_name, role, job_title in DEMO_PENDING_REQUESTS:
        user = User.objects.get(email=email)
        if affiliate(user, city_name, role, job_title, verify_by=None):
            stdout.write(f"  pending request of {email} for {city_name}")
