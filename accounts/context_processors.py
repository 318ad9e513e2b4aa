from django.utils.functional import SimpleLazyObject

from accounts import permissions


def rights(request):
    """`can` in every template: {% if can.post %}; worked out only when a template asks."""
    return {"can": SimpleLazyObject(lambda: permissions.capabilities(request.user))}
