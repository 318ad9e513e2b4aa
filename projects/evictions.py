"""What a change to projects, funding calls and partner requests evicts.

A project, a partnership or an after-the-end entry: the projects' list, pages, exports and feed, the search, the
directory (its project filters and column) and the profiles of the cities taking part. A call: the calls' list,
pages and calendars, and the search. A partner request or an interest: the partner search and the search.
Following a call and the reminders sent are private: they evict nothing.
"""

from core.cache import evictions
from projects.models import (
    AfterEndEntry,
    Call,
    DeadlineReminder,
    Follow,
    Interest,
    Participation,
    PartnerRequest,
    Project,
)


def _project(project_id) -> list[str]:
    cities = Participation.objects.filter(project_id=project_id).values_list("city__slug", flat=True)
    return ["projects", "directory", *(f"city:{slug}" for slug in cities)]


def register() -> None:
    evictions.register(Project, lambda project, fields: _project(project.pk))
    evictions.register(Project.topics.through, lambda project, fields: ["projects"])
    evictions.register(Participation, lambda participation, fields: _project(participation.project_id))
    evictions.register(AfterEndEntry, lambda entry, fields: _project(entry.project_id))
    evictions.register(Call, lambda call, fields: ["calls"])
    evictions.register(Call.topics.through, lambda call, fields: ["calls"])
    evictions.register(PartnerRequest, lambda request, fields: ["partners"])
    evictions.register(PartnerRequest.topics.through, lambda request, fields: ["partners"])
    evictions.register(Interest, lambda interest, fields: ["partners"])
    evictions.register(Follow, evictions.nothing)
    evictions.register(DeadlineReminder, evictions.nothing)
