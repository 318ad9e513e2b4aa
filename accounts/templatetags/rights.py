"""The rights that depend on an object, for templates: {% if user|can_edit_post:post %}. They ask
accounts.permissions, like views and services do."""

from django import template

from accounts import permissions

register = template.Library()


@register.filter
def can_edit_post(user, post) -> bool:
    return permissions.can_edit_post(user, post)


@register.filter
def can_report_post(user, post) -> bool:
    return permissions.can_report_post(user, post)


@register.filter
def can_edit_project(user, project) -> bool:
    return permissions.can_edit_project(user, project)


@register.filter
def can_write_after_end(user, project) -> bool:
    return permissions.can_write_after_end(user, project)


@register.filter
def can_join_project(user, project) -> bool:
    return permissions.can_join_project(user, project)


@register.filter
def confers_rights(affiliation) -> bool:
    return permissions.affiliation_confers_rights(affiliation)
