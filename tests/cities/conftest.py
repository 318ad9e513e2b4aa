import pytest
from allauth.mfa.models import Authenticator

from devdata.factories import StaffFactory


@pytest.fixture
def staff_client(client):
    """A client logged in as staff with a second factor, as the admin requires; the user is `client.staff`."""
    staff = StaffFactory()
    Authenticator.objects.create(user=staff, type=Authenticator.Type.TOTP, data={"secret": "x"})
    client.force_login(staff)
    client.staff = staff
    return client


def apply_action(client, changelist: str, action: str, obj, **data):
    """Run an admin action on OBJ with its form filled in (DATA); returns the page it ends on."""
    return client.post(
        changelist, {"action": action, "_selected_action": [obj.pk], "apply": "1", **data}, follow=True
    )
