"""{% slot "name" obj %}: a per-person bit of a cached page (see core.cache.pages)."""

from django import template

from core.cache.pages import render_slot

register = template.Library()


@register.simple_tag(takes_context=True)
def slot(context, name: str, obj=None):
    return render_slot(context, name, obj)
