"""Select boxes with long option lists (every country) rendered in Python.

Django renders each <option> through its own template, about 250 of them per country box; the markup
here is the same, an order of magnitude faster.
"""

import datetime

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


class FastSelectMixin:
    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        select_attrs = {"name": widget["name"], **widget["attrs"]}
        if self.allow_multiple_selected:
            select_attrs["multiple"] = True
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option["value"], mark_safe(" selected") if option["selected"] else "", option["label"])  # noqa: S308
                for _group, group_options, _index in widget["optgroups"]
                for option in group_options
            ),
        )
        return format_html("<select{}>{}</select>", flatatt(select_attrs), options)


class FastSelect(FastSelectMixin, forms.Select):
    pass


class FastSelectMultiple(FastSelectMixin, forms.SelectMultiple):
    pass


class DateInput(forms.DateInput):
    """A browser's date picker that keeps what was typed: a value that is not a date (sent by hand, or by a
    browser without a picker) comes back in a text box beside its error, where a date box would blank it."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        typed = context["widget"]["value"]
        if typed and not _is_iso_date(typed):
            context["widget"]["type"] = "text"
        return context


def _is_iso_date(text) -> bool:
    try:
        datetime.date.fromisoformat(str(text))
    except ValueError:
        return False
    return len(str(text)) == 10
