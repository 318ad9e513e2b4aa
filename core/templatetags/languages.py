"""The language chooser and the hreflang alternates of base.html."""

from django import template
from django.conf import settings
from django.utils import translation

from core.languages import QUERY_PARAMETER, alternates, without_language

register = template.Library()


@register.inclusion_tag("includes/language_chooser.html", takes_context=True)
def language_chooser(context):
    request = context.get("request")
    return {
        "languages": [translation.get_language_info(code) for code, _name in settings.LANGUAGES],
        "current": translation.get_language(),
        "parameter": QUERY_PARAMETER,
        "next": without_language(request.get_full_path()) if request is not None else "/",
    }


@register.inclusion_tag("includes/language_alternates.html", takes_context=True)
def language_alternates(context):
    request = context.get("request")
    return {"alternates": alternates(request) if request is not None else []}
