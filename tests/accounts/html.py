"""What every page must have, read from its HTML: one h1, and a label for every field."""

from html.parser import HTMLParser

UNLABELLED_INPUT_TYPES = {"hidden", "submit", "button", "reset", "image"}


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.h1_count = 0
        self.label_targets: set[str] = set()
        self.fields: list[dict] = []
        self.inline_problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "h1":
            self.h1_count += 1
        if tag == "label" and attributes.get("for"):
            self.label_targets.add(attributes["for"])
        if tag in {"input", "select", "textarea"} and attributes.get("type") not in UNLABELLED_INPUT_TYPES:
            self.fields.append(attributes)
        if "style" in attributes:
            self.inline_problems.append(f"style= on <{tag}>")
        if any(name.startswith("on") for name in attributes):
            self.inline_problems.append(f"event handler on <{tag}>")
        if tag == "script" and not attributes.get("src") and attributes.get("type") != "application/json":
            self.inline_problems.append("inline script")


def assert_accessible(html: str) -> None:
    page = _Page()
    page.feed(html)
    assert page.h1_count == 1, f"expected one h1, found {page.h1_count}"
    unlabelled = [
        field
        for field in page.fields
        if field.get("id") not in page.label_targets and not field.get("aria-label")
    ]
    assert not unlabelled, f"fields without a label: {unlabelled}"
    assert not page.inline_problems, page.inline_problems
