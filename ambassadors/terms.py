"""The daily jobs of the ambassadors' terms (run by the scheduler through ambassadors.tasks).

Each asks the workflow (ambassadors.services) to move one signature at a time and counts what it moved. A
second run on the same day finds nothing to do: every signature it would move has left the state it starts
from, and each request is stored once per due date.
"""

import datetime

from django.db.models import F, Max, Q

from ambassadors.models import Signature
from ambassadors.services import ANSWER_WITHIN_DAYS, signature_ask_to_reconfirm, signature_flag_unanswered
from core.workflow import Refused


def ask_for_reconfirmations(*, today: datetime.date) -> int:
    """Ask every ambassador in office whose year since the last confirmation, or whose term, is up; returns how
    many were asked (or, without an address to ask, flagged for staff)."""
    year_up = Q(office_confirmed_on__lte=today - datetime.timedelta(days=365))  # and Signature decides exactly
    term_up = Q(term_ends_on__lte=today, term_ends_on__gt=F("office_confirmed_on"))
    due = (
        Signature.objects.verified()
        .filter(term_status=Signature.Term.IN_OFFICE)
        .filter(year_up | term_up)
        .select_related("declaration", "city")
        .order_by("pk")
    )
    asked = 0
    for signature in list(due):  # read first: each step changes the rows the query selects on
        try:
            asked += signature_ask_to_reconfirm(signature, today=today) is not None
        except Refused:
            continue  # it changed since the query (withdrawn, asked by another run): nothing to ask
    return asked


def flag_unanswered_reconfirmations(*, today: datetime.date) -> int:
    """Put in the staff's queue every ambassador asked ANSWER_WITHIN_DAYS ago or more who has not answered."""
    asked_before = today - datetime.timedelta(days=ANSWER_WITHIN_DAYS)
    waiting = (
        Signature.objects.verified()
        .filter(term_status=Signature.Term.ASKED)
        .annotate(asked_on=Max("reconfirmations__sent_on"))
        .filter(asked_on__lte=asked_before)
        .order_by("pk")
    )
    flagged = 0
    for signature in list(waiting):
        try:
            signature_flag_unanswered(signature)
        except Refused:
            continue  # answered meanwhile
        flagged += 1
    return flagged
