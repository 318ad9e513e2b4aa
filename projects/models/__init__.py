"""Projects, funding calls and partner search."""

from projects.models.calls import Call, CallPhase, CallStatus, DeadlineReminder, Follow
from projects.models.choices import PopulationBand, Programme, Review, Role
from projects.models.partners import Interest, PartnerRequest, RequestStatus
from projects.models.projects import AfterEndEntry, Participation, Phase, Project

__all__ = [
    "AfterEndEntry",
    "Call",
    "CallPhase",
    "CallStatus",
    "DeadlineReminder",
    "Follow",
    "Interest",
    "Participation",
    "PartnerRequest",
    "Phase",
    "PopulationBand",
    "Programme",
    "Project",
    "RequestStatus",
    "Review",
    "Role",
]
