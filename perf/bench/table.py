"""A scenario's figures as a table for the terminal, each figure that misses its target marked with `*`."""

from dataclasses import dataclass, field

MARK = "*"


@dataclass
class Section:
    title: str
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    shortfalls: list[str] = field(default_factory=list)  # one line per figure short of its target
    notes: list[str] = field(default_factory=list)


def cell(value, template: str, missed: bool = False) -> str:
    return template.format(value) + (MARK if missed else "")


def render(section: Section) -> str:
    """The table: the first column to the left, figures to the right (a mark hangs past its column)."""
    widths = [
        max(len(row[index].rstrip(MARK)) for row in [section.columns, *section.rows])
        for index in range(len(section.columns))
    ]
    lines = [section.title, ""]
    for row in [section.columns, *section.rows]:
        first, *figures = row
        text = f"{first:<{widths[0]}}"
        for value, width in zip(figures, widths[1:], strict=True):
            marked = value.endswith(MARK)
            text += "  " + f"{value.rstrip(MARK):>{width}}" + (MARK if marked else " ")
        lines.append(text.rstrip())
    lines += [f"  {note}" for note in section.notes]
    return "\n".join(lines)
