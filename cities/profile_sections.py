"""Other apps add sections to a city's profile (officers, ambassadors, recent posts) without the
cities app knowing them: each registers a template and a function giving that section's context."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ProfileSection:
    template: str
    context: Callable  # (city, user) -> dict, or None to leave the section out


SECTIONS: list[ProfileSection] = []


def register(template: str, context: Callable) -> None:
    SECTIONS.append(ProfileSection(template, context))


def sections_for(city, user) -> list[dict]:
    rendered = []
    for section in SECTIONS:
        data = section.context(city, user)
        if data is not None:
            rendered.append({"template": section.template, "data": data})
    return rendered
