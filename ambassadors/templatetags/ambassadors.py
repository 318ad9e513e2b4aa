from django import template

from core.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text):
    """Declaration texts are Markdown, cleaned to an allowlist of HTML like every text on the portal."""
    return render_markdown(text)
