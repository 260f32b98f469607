"""The mood calendar as Rich text: 12 month rows x 31 day columns, two characters a day
(66 columns, so it fits 80x24), a legend and the calendar in words below; for a wide and tall
terminal the same year as 31 day rows x 12 month columns (Daylio's Year in Pixels), a colour key
with the days in each band and each month's average as a bar."""

from __future__ import annotations

from rich.text import Text

from companion.core.insights.mood_calendar import (
    LEVELS,
    MONTHS,
    Cell,
    Day,
    MoodCalendar,
    level_of,
)

CELL = "██"
EMPTY = "· "  # a day with no check-in: visible, and unlike any colour
OUTSIDE = "  "
NARROW = (CELL, EMPTY, OUTSIDE)
WIDE_CELL, WIDE_EMPTY = "███", " · "  # three characters a day, the dot in the middle
WIDE = (WIDE_CELL, WIDE_EMPTY, "   ")


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
            _append_day(out, day, NARROW)
    return out


def _append_day(out: Text, day: Day, marks: tuple[str, str, str]) -> None:
    """A day's mark: its band's colour, a dim dot for no check-in, blank outside the range."""
    cell, empty, outside = marks
    if day.kind is Cell.MOOD and day.level is not None:
        out.append(cell, style=LEVELS[day.level].colour)
    elif day.kind is Cell.EMPTY:
        out.append(empty, style="dim")
    else:
        out.append(outside)


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


def columns_text(data: MoodCalendar) -> Text:
    """The year as Daylio draws it, for a roomy terminal: 31 day rows x 12 month columns,
    three characters a day and a space between months (50 columns, 32 rows)."""
    out = Text()
    out.append("   " + " ".join(MONTHS), style="dim")
    for number in range(31):
        out.append("\n" + f"{number + 1:>2} ", style="dim")
        for month, row in enumerate(data.rows):
            day = row[number]
            if month:
                out.append(" ")
            _append_day(out, day, WIDE)
    return out


def key_text(data: MoodCalendar) -> Text:
    """The colour key as a column, highest band first, with how many days fell in each."""
    out = Text()
    out.append("Colour key", style="bold")
    counts = data.level_counts()
    for index in reversed(range(len(LEVELS))):
        out.append("\n")
        out.append(WIDE_CELL, style=LEVELS[index].colour)
        out.append(f" {LEVELS[index].label:<15}{_days(counts[index])}")
    out.append("\n" + WIDE_EMPTY, style="dim")
    out.append(f" {'no check-in':<15}{_days(data.days_in_range - data.days_with_mood)}")
    return out


def months_text(data: MoodCalendar) -> Text:
    """Each month's average mood as a number and a bar in its band's colour (one cell a point,
    a half cell for a half), with how many days had a check-in."""
    out = Text()
    out.append("Average mood by month", style="bold")
    for name, mean, count in data.month_means():
        out.append(f"\n{name} ")
        if mean is None:
            out.append("   -", style="dim")
            continue
        halves = round(mean * 2)
        bar = "█" * (halves // 2) + ("▌" if halves % 2 else "")
        out.append(f"{mean:4.1f} ")
        out.append(f"{bar:<10}", style=LEVELS[level_of(mean)].colour)
        out.append(f" {_days(count)}")
    return out


def _days(count: int) -> str:
    return f"{count:>3} day" + ("" if count == 1 else "s")
