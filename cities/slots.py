"""The per-person bit of a city's cached profile (core.cache.pages): the link to the city's plan page, shown to
those who may keep the plan (accounts.permissions), worked out from what is remembered about the reader."""

from types import SimpleNamespace

from django.template.loader import render_to_string

from accounts import permissions
from core.cache.pages import register_slot


def _capture_plan_link(city, context) -> dict:
    return {"city_id": city.pk, "link": render_to_string("cities/_plan_link.html", {"city": city})}


def _fill_plan_link(request, data) -> str:
    city = SimpleNamespace(pk=data["city_id"])
    return data["link"] if permissions.can_update_city_plan(request.user, city) else ""


def register() -> None:
    register_slot("plan-link", capture=_capture_plan_link, fill=_fill_plan_link)
