"""The city profile's section of the city's projects and its roles in them."""

from projects.models import Participation


def city_participations(city) -> list:
    """The city's approved parts in projects, read once for its profile: its section and its projects' signals
    of "cities like this one" (projects.likeness) both ask."""
    if not hasattr(city, "_project_participations"):
        city._project_participations = list(
            Participation.objects.approved()
            .filter(city=city)
            .select_related("project")
            .order_by("-project__start_date", "project__acronym")
        )
    return city._project_participations


def city_projects(city, user):
    participations = city_participations(city)
    return {"participations": participations, "city": city} if participations else None
