from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts import permissions
from accounts.refusals import not_allowed
from core.cache.pages import cached_page
from core.downloads import download
from projects import exports
from projects.filters import listed_projects
from projects.forms import AfterEndForm, JoinProjectForm, ProjectForm, ProjectProposeForm
from projects.models import Participation, Project, Review
from projects.services import projects as services
from projects.views.common import render_list, submitted


@cached_page(audience="frame", depends=["projects", "topics"])
def project_list(request):
    projects = listed_projects(request.GET)
    return render_list(request, projects, template="projects/list.html", results="projects/_results.html")


@cached_page(audience="public", depends=["projects", "topics"])
def export_csv(request):
    csv = exports.projects_csv(listed_projects(request.GET).qs)
    return download(csv, content_type="text/csv", filename="smc-projects.csv")


@cached_page(audience="public", depends=["projects", "topics"])
def export_geojson(request):
    return download(
        exports.projects_geojson(listed_projects(request.GET).qs),
        content_type="application/geo+json",
        filename="smc-projects.geojson",
    )


def _project(request, slug) -> Project:
    return get_object_or_404(Project.objects.visible_to(request.user), slug=slug)


@cached_page(audience="visitors", depends=["projects", "topics"])
def project_detail(request, slug):
    project = _project(request, slug)
    shown = Review.APPROVED if project.is_approved else Review.PROPOSED
    partners = (
        Participation.objects.filter(project=project, status=shown).select_related("city").by_role()
    )
    context = {
        "project": project,
        "partners": partners,
        "topics": project.topics.filter(is_active=True),
        "entries": project.after_end_entries.select_related("city").order_by("-happened_on", "-pk"),
    }
    return render(request, "projects/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def project_propose(request):
    if not permissions.can_propose_project(request.user):
        return not_allowed(request, _("Only verified city officers can propose a project."))
    form = ProjectProposeForm(request.POST or None, user=request.user)

    def perform():
        data = form.cleaned_data
        services.project_propose(
            form.instance, by=request.user, city=data["city"], role=data["role"], topics=data["topics"]
        )

    done = submitted(
        request, form, perform, to=lambda: form.instance,
        success=_("Thank you. Staff check the project before it is shown to everyone; you can add to it now."),
    )
    return done or render(request, "projects/project_form.html", {"form": form, "proposing": True})


@login_required
@require_http_methods(["GET", "POST"])
def project_edit(request, slug):
    project = _project(request, slug)
    if not permissions.can_edit_project(request.user, project):
        return not_allowed(request, _("Only officers of the project's partner cities can change it."))
    form = ProjectForm(request.POST or None, instance=Project.objects.get(pk=project.pk))

    def perform():
        changes = {name: form.cleaned_data[name] for name in services.EDITABLE_FIELDS}
        services.project_update(project, by=request.user, changes=changes, topics=form.cleaned_data["topics"])

    done = submitted(request, form, perform, to=project, success=_("The project is updated."))
    return done or render(request, "projects/project_form.html", {"form": form, "project": project})


@login_required
@require_http_methods(["GET", "POST"])
def after_end_new(request, slug):
    project = _project(request, slug)
    if not permissions.can_write_after_end(request.user, project):
        return not_allowed(
            request, _("Only officers of the project's partner cities can tell what continued after its end.")
        )
    form = AfterEndForm(request.POST or None, user=request.user, project=project)

    def perform():
        services.after_end_add(project, by=request.user, **form.cleaned_data)

    done = submitted(request, form, perform, to=project, success=_("Thank you for telling what continued."))
    return done or render(request, "projects/after_end_form.html", {"form": form, "project": project})


@login_required
@require_http_methods(["GET", "POST"])
def project_join(request, slug):
    project = _project(request, slug)
    if not permissions.can_join_project(request.user, project):
        return not_allowed(request, _("Your cities are already listed in this project, or it is not approved yet."))
    form = JoinProjectForm(request.POST or None, user=request.user, project=project)

    def perform():
        services.participation_propose(
            project, by=request.user, city=form.cleaned_data["city"], role=form.cleaned_data["role"]
        )

    done = submitted(
        request, form, perform, to=project, success=_("Thank you. Staff check your city's part before it is shown.")
    )
    return done or render(request, "projects/join_form.html", {"form": form, "project": project})
