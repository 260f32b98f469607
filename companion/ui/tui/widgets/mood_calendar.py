"""The mood calendar as Rich text: 12 month rows x 31 day columns, two characters a day
(66 columns, so it fits 80x24), a legend and the calendar in words below."""

from __future__ import annotations

from rich.text import Text

from companion.core.insights.mood_calendar import LEVELS, MONTHS, Cell, MoodCalendar

CELL = "██"
EMPTY = "· "  # a day with no check-in: visible, and unlike any colour
OUTSIDE = "  "


def _day_numbers() -> Text:
    header = [" "] * 62
    for number in (1, 5, 10, 15, 20, 25, 30):
        label = str(number)
        start = (number - 1) * 2
        header[start : start + len(label)] = list(label)
    return Text("    " + "".join(header).rstrip(), style="dim")


def calendar_text(data: MoodCalendar) -> Text:
    """The grid with month names and day numbers."""
    out = Text()
    out.append_text(_day_numbers())
    for name, row in zip(MONTHS, data.rows, strict=True):
        out.append("\n" + f"{name} ")
        for day in row:
            if day.kind is Cell.MOOD and day.level is not None:
                out.append(CELL, style=LEVELS[day.level].colour)
            elif day.kind is Cell.EMPTY:
                out.append(EMPTY, style="dim")
            else:
                out.append(OUTSIDE)
    return out


def legend_text() -> Text:
    """One line: each band's colour and range, lowest first, and the no-check-in mark."""
    out = Text("Mood ")
    for level in LEVELS:
        out.append(CELL, style=level.colour)
        out.append(f" {level.label.split(' ', 1)[0]}  ")
    out.append("(low to high)  ")
    out.append(EMPTY.strip(), style="dim")
    out.append(" no check-in")
    return out
