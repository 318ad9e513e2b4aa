"""What the site search finds among projects, calls and partner requests: what the searcher may see."""

from projects.models import Call, PartnerRequest, Project


def search_projects(text: str, user):
    return Project.objects.approved().search(text).order_by("-start_date", "pk")


def search_calls(text: str, user):
    return Call.objects.published().search(text).soonest_first()


def search_partner_requests(text: str, user):
    """Members-only requests (the default) are found by those who may read them."""
    return PartnerRequest.objects.visible_to(user).search(text).select_related("city").order_by("-created_at", "-pk")
