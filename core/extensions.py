"""How the apps extend each other without importing each other.

An app that adds to another's page or data registers here, from its AppConfig.ready(); the app that shows it
reads the registry and knows nothing of who filled it:

    extensions.profile_sections.add(ProfileSection("ambassadors/_city_section.html", city_ambassadors))
    extensions.directory_filters.add(DirectoryFilter("ambassador", ambassador_filter))
    extensions.export_columns.add(ExportColumn("has_ambassador", city_has_ambassador))
    extensions.search_sources.add(SearchSource("threads", ...))
    extensions.personal_data.add(PersonalData("signatures", export=..., delete=...))
    extensions.likeness_signals.add(LikenessSignal("led_project", points=..., reasons=...))

Each entry has a name; registering the same name twice keeps the first (ready() may run more than once in
tests), and the order of registration is the order shown.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ProfileSection:
    """A section of a city's profile: TEMPLATE rendered with `data`, CONTEXT(city, user) giving it (None: left
    out)."""

    name: str
    template: str
    context: Callable[[Any, Any], dict | None]


@dataclass(frozen=True)
class DirectoryFilter:
    """A filter of the city directory, its map and exports: BUILD() returns a django-filter Filter."""

    name: str
    build: Callable[[], Any]


@dataclass(frozen=True)
class ExportColumn:
    """A column of the directory's CSV and GeoJSON: ANNOTATION() is an expression over City rows."""

    name: str
    annotation: Callable[[], Any]


@dataclass(frozen=True)
class SearchSource:
    """One kind of result of the site search.

    RESULTS(query, user) is a queryset of what USER may see; SNIPPET(item, query) the escaped excerpt with the
    matched words marked; HEADING(count) the group's translated title; TEMPLATE renders one `item`.
    """

    name: str
    results: Callable[[str, Any], Any]
    snippet: Callable[[Any, str], str]
    heading: Callable[[int], str]
    template: str


@dataclass(frozen=True)
class PersonalData:
    """What an app stores about a person: EXPORT(user) for "download my data" (JSON-serialisable), DELETE(user)
    run inside the account deletion's transaction before the user row goes (None: the foreign keys do it)."""

    name: str
    export: Callable[[Any], Any]
    delete: Callable[[Any], None] | None = None


@dataclass(frozen=True)
class LikenessSignal:
    """One reason why two cities are alike, for "cities like yours" on a city's profile (cities.likeness).

    POINTS(city) is an expression over the other member cities' rows (an annotation, 0 when the signal does not
    hold): every signal's points are summed and ranked in the one query that finds the matches.
    REASONS(city, matches) returns {match's city pk: the reason in words} for the few matches shown, whose
    points for this signal are in `match.points[name]`; it may read the database once, never once per match.
    """

    name: str
    points: Callable[[Any], Any]
    reasons: Callable[[Any, list], dict[int, str]]


class Registry:
    def __init__(self):
        self._entries: dict[str, Any] = {}

    def add(self, entry) -> None:
        self._entries.setdefault(entry.name, entry)

    def __iter__(self) -> Iterator:
        return iter(list(self._entries.values()))

    def __contains__(self, name: str) -> bool:
        return name in self._entries


class PersonalDataRegistry(Registry):
    def collect(self, user) -> dict[str, Any]:
        return {entry.name: entry.export(user) for entry in self}

    def delete(self, user) -> None:
        for entry in self:
            if entry.delete is not None:
                entry.delete(user)


profile_sections = Registry()
directory_filters = Registry()
export_columns = Registry()
search_sources = Registry()
personal_data = PersonalDataRegistry()
likeness_signals = Registry()
