"""The projects' workflows: the only code that changes a project's or a participation's status.

project:        proposed --(staff)--> approved | rejected (the reason is mailed to whoever proposed it)
participation:  proposed --(staff)--> approved | rejected; a project's founding partners are decided with it

A verified officer proposes a project with their own city's role, or their city's part in an approved project;
staff record a partner city directly. The partner cities' officers keep the project up to date and tell what
continued after its end. Each step writes one audit entry; mail leaves after the commit.
"""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts import permissions
from core.mail import send_templated_mail
from core.models import log_action
from core.workflow import Refused, require, require_reason
from projects.models import AfterEndEntry, Participation, Project, Review
from projects.services.common import apply_changes, checked, decide

EDITABLE_FIELDS = ["acronym", "title", "programme", "start_date", "end_date", "website", "summary", "results"]


def _require_own_city(user, city, message: str) -> None:
    if city is None or city.pk not in permissions.officer_city_ids(user):
        raise Refused({"city": message})


def _mail_proposer(obj, template: str, **context) -> None:
    if obj.proposed_by_id and obj.proposed_by.email:
        send_templated_mail(f"projects/emails/{template}", {"object": obj, **context}, [obj.proposed_by.email])


def project_propose(project: Project, *, by, city, role: str, topics=()) -> Project:
    """An officer records a project their city takes part in; it waits for staff."""
    require(permissions.can_propose_project(by), _("Only verified city officers can propose a project."))
    _require_own_city(by, city, _("Choose a city you are a verified officer of."))
    checked(project)
    project.status, project.proposed_by = Review.PROPOSED, by
    with transaction.atomic():
        project.save()
        project.topics.set(topics)
        Participation.objects.create(project=project, city=city, role=role, proposed_by=by)
        log_action(project, "projects.project.proposed", actor=by, to_state=project.status, city=city.pk, role=role)
    send_templated_mail(
        "projects/emails/project_staff", {"project": project, "city": city}, settings.STAFF_NOTIFICATION_EMAILS
    )
    return project


def _decide_founders(project: Project, *, to: str, by, note: str) -> None:
    for participation in Participation.objects.filter(project=project, status=Review.PROPOSED):
        participation.status = to
        participation.save(update_fields=["status", *participation.record_decision(by=by, note=note)])
        log_action(
            participation, f"projects.participation.{to}", actor=by, reason=note, from_state=Review.PROPOSED,
            to_state=to, with_project=True,
        )


def _decide_project(project: Project, *, to: str, by, note: str) -> Project:
    locked = decide(
        project, to=to, allowed_from=[Review.PROPOSED], action=f"projects.project.{to}", by=by, note=note,
        staff_only=_("Only staff decide on projects."), related=["proposed_by"],
        then=lambda locked: _decide_founders(locked, to=to, by=by, note=note),
    )
    _mail_proposer(locked, f"project_{to}")
    return locked


def project_approve(project: Project, *, by, note: str = "") -> Project:
    return _decide_project(project, to=Review.APPROVED, by=by, note=note)


def project_reject(project: Project, *, by, note: str) -> Project:
    note = require_reason(note, _("Give the reason: it is sent to the officer who proposed the project."))
    return _decide_project(project, to=Review.REJECTED, by=by, note=note)


def project_update(project: Project, *, by, changes: dict, topics=None) -> list[str]:
    """A partner city's officer (or staff, in the admin) changes the project; returns the fields changed."""
    allowed = permissions.can_edit_project(by, project) or permissions.can_moderate(by)
    require(allowed, _("Only officers of the project's partner cities can change it."))
    return apply_changes(
        project, by=by, action="projects.project.changed", fields=EDITABLE_FIELDS, changes=changes, topics=topics
    )


# Participations -----------------------------------------------------------------------------------------


def participation_propose(project: Project, *, by, city, role: str) -> Participation:
    """An officer asks for their city to be listed as a partner of an approved project."""
    require(project.is_approved, _("Cities join approved projects only."), code="wrong_state")
    _require_own_city(by, city, _("Choose a city you are a verified officer of."))
    if city.pk in project.live_city_ids:
        raise Refused({"city": _("%(city)s is already listed in this project, or has asked to be.") % {"city": city}})
    try:
        with transaction.atomic():
            participation = Participation.objects.create(project=project, city=city, role=role, proposed_by=by)
            log_action(participation, "projects.participation.proposed", actor=by, to_state=participation.status)
    except IntegrityError:
        raise Refused(
            {"city": _("%(city)s is already listed in this project, or has asked to be.") % {"city": city}}
        ) from None
    send_templated_mail(
        "projects/emails/participation_staff", {"participation": participation}, settings.STAFF_NOTIFICATION_EMAILS
    )
    return participation


def participation_record(project: Project, *, by, city, role: str, note: str = "") -> Participation:
    """Staff list a partner city themselves: approved at once in an approved project; in a proposed one, it is
    decided with the project (only approved projects have approved partners)."""
    require(permissions.can_moderate(by), _("Only staff record a project's partners."))
    require(not project.is_rejected, _("Cities join approved projects only."), code="wrong_state")
    status = Review.APPROVED if project.is_approved else Review.PROPOSED
    participation = Participation(project=project, city=city, role=role, proposed_by=by, status=status)
    if project.is_approved:
        participation.record_decision(by=by, note=note)
    try:
        with transaction.atomic():
            participation.save()
            log_action(participation, "projects.participation.recorded", actor=by, to_state=status)
    except IntegrityError:
        raise Refused({"city": _("%(city)s is already listed in this project.") % {"city": city}}) from None
    return participation


def _decide_participation(participation, *, to: str, by, note: str) -> Participation:
    locked = decide(
        participation, to=to, allowed_from=[Review.PROPOSED], action=f"projects.participation.{to}", by=by,
        note=note, staff_only=_("Only staff decide on participations."), related=["proposed_by", "project", "city"],
    )
    _mail_proposer(locked, f"participation_{to}")
    return locked


def participation_approve(participation: Participation, *, by, note: str = "") -> Participation:
    return _decide_participation(participation, to=Review.APPROVED, by=by, note=note)


def participation_reject(participation: Participation, *, by, note: str) -> Participation:
    note = require_reason(note, _("Give the reason: it is sent to the officer who asked."))
    return _decide_participation(participation, to=Review.REJECTED, by=by, note=note)


# After the end ------------------------------------------------------------------------------------------


def after_end_refusal(project: Project, *, happened_on: datetime.date | None, today: datetime.date) -> Refused | None:
    """The entry's date must fall after the project's end and not in the future."""
    if happened_on is None:
        return None
    if happened_on <= project.end_date:
        return Refused(
            {"happened_on": _("Give a date after the project's official end (%(end)s).") % {
                "end": date_format(project.end_date)
            }}
        )
    if happened_on > today:
        return Refused({"happened_on": _("This date is still to come: tell what has already happened.")})
    return None


def after_end_add(project: Project, *, by, city, happened_on, title: str, description: str) -> AfterEndEntry:
    """A partner city's officer tells what continued after the project's official end, and how."""
    require(
        permissions.can_write_after_end(by, project),
        _("Only officers of the project's partner cities can tell what continued after its end."),
    )
    if city is None or city.pk not in permissions.officer_city_ids(by) & project.partner_city_ids:
        raise Refused({"city": _("Choose a partner city of this project that you are an officer of.")})
    refusal = after_end_refusal(project, happened_on=happened_on, today=timezone.localdate())
    if refusal is not None:
        raise refusal
    with transaction.atomic():
        entry = AfterEndEntry.objects.create(
            project=project, city=city, author=by, happened_on=happened_on, title=title, description=description
        )
        log_action(project, "projects.project.after_end_added", actor=by, entry=entry.pk, city=city.pk)
    return entry
