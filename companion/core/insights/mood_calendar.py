"""A year of days coloured by mood (a "year in pixels"): 12 month rows x 31 day columns.

Computed here, headless; the TUI (``tui/widgets/mood_calendar.py``) and the HTML report
render it. A day's mood is the mean of its check-ins, put in one of five bands (``LEVELS``).
Each cell says what it is: a band, "no check-in", "not in the range shown" (before ``since``
or after ``until``: today, or the end of a report) or "no such day" (30 February). The palette
(``LEVELS``) is five steps of viridis from 0.2 to 1 (the darkest step would vanish on a dark
terminal), which stay distinct with the common colour-vision deficiencies and in greyscale
(lightness rises with mood); ``summary`` is the text alternative.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from companion.core.store._util import Conn
from companion.core.store.stats import mood_by_day

MONTHS = tuple(calendar.month_abbr[1:])  # "Jan" ... "Dec" (English, like the rest of the app)


@dataclass(frozen=True)
class Level:
    low: float  # mean mood from (inclusive) ...
    high: float  # ... to (exclusive, except the top band)
    label: str
    colour: str  # hex, from viridis


#: Five bands of mean mood (0-10), lowest first.
LEVELS = (
    Level(0, 2, "0-2 very low", "#414487"),
    Level(2, 4, "2-4 low", "#2a788e"),
    Level(4, 6, "4-6 middling", "#22a884"),
    Level(6, 8, "6-8 good", "#7ad151"),
    Level(8, 10, "8-10 very good", "#fde725"),
)


class Cell(StrEnum):
    MOOD = "mood"
    EMPTY = "empty"  # a day in range with no check-in
    OUTSIDE = "outside"  # before since or after until
    NO_DAY = "no_day"  # 30 February


@dataclass(frozen=True)
class Day:
    kind: Cell
    day: date | None = None
    mood: float | None = None

    @property
    def level(self) -> int | None:
        """Index into LEVELS, or None when the day has no mood."""
        return None if self.mood is None else level_of(self.mood)

    def describe(self) -> str:
        """The cell in words (the HTML report's tooltip and screen-reader label)."""
        if self.day is None:
            return ""
        if self.kind is Cell.MOOD and self.mood is not None:
            return f"{self.day.isoformat()}: mood {self.mood:.1f} ({LEVELS[level_of(self.mood)].label})"
        if self.kind is Cell.EMPTY:
            return f"{self.day.isoformat()}: no check-in"
        return f"{self.day.isoformat()}: not in this range"


TEXT_LEGEND = (
    ", ".join(f"{i + 1} = {level.label}" for i, level in enumerate(LEVELS)) + ", · = no check-in"
)


def level_of(mood: float) -> int:
    return max(0, min(len(LEVELS) - 1, int(mood // 2)))


@dataclass(frozen=True)
class MoodCalendar:
    year: int
    since: date
    until: date
    rows: list[list[Day]]  # 12 rows of 31 days

    @property
    def days_with_mood(self) -> int:
        return sum(1 for row in self.rows for day in row if day.kind is Cell.MOOD)

    @property
    def days_in_range(self) -> int:
        return sum(1 for row in self.rows for day in row if day.kind in (Cell.MOOD, Cell.EMPTY))

    def month_means(self) -> list[tuple[str, float | None, int]]:
        """(month, mean of its days' moods or None, days with a check-in) per month."""
        out: list[tuple[str, float | None, int]] = []
        for name, row in zip(MONTHS, self.rows, strict=True):
            moods = [day.mood for day in row if day.mood is not None]
            out.append((name, sum(moods) / len(moods) if moods else None, len(moods)))
        return out

    def level_counts(self) -> list[int]:
        counts = [0] * len(LEVELS)
        for row in self.rows:
            for day in row:
                if day.level is not None:
                    counts[day.level] += 1
        return counts

    def text_grid(self) -> list[str]:
        """The grid in plain characters (a Markdown report, a screen reader, a pipe): the band
        number 1-5 for a day with a mood, "·" for no check-in, a space otherwise."""
        header = [" "] * 31
        for number in (1, 5, 10, 15, 20, 25, 30):
            label = str(number)
            header[number - 1 : number - 1 + len(label)] = list(label)
        lines = ["    " + "".join(header).rstrip()]
        for name, row in zip(MONTHS, self.rows, strict=True):
            cells = []
            for day in row:
                if day.level is not None:
                    cells.append(str(day.level + 1))
                elif day.kind is Cell.EMPTY:
                    cells.append("·")
                else:
                    cells.append(" ")
            lines.append((f"{name} " + "".join(cells)).rstrip())
        return lines

    def summary(self) -> list[str]:
        """The calendar in words: how many days, how they fell in the bands, month means."""
        if not self.days_with_mood:
            return [f"No check-ins in {self.year} in this range yet."]
        bands = ", ".join(
            f"{count} {LEVELS[i].label.split(' ', 1)[1]}"
            for i, count in enumerate(self.level_counts())
            if count
        )
        months = "; ".join(
            f"{name} {mean:.1f} ({count} d)"
            for name, mean, count in self.month_means()
            if mean is not None
        )
        return [
            f"{self.year}: {self.days_with_mood} of {self.days_in_range} days with a check-in "
            f"({bands}).",
            f"Average mood by month: {months}.",
        ]


def daily_means(db: Conn, since: date, until: date) -> dict[date, float]:
    """Mean check-in mood per local date between ``since`` and ``until`` (inclusive)."""
    days = mood_by_day(db, since.isoformat(), until.isoformat())
    return {date.fromisoformat(day.key): day.mean for day in days}


def mood_calendar(db: Conn, year: int, *, until: date, since: date | None = None) -> MoodCalendar:
    """The calendar of ``year``: days after ``until`` (today, usually) and before ``since``
    are outside the range shown."""
    start = max(since or date(year, 1, 1), date(year, 1, 1))
    end = min(until, date(year, 12, 31))
    means = daily_means(db, start, end) if start <= end else {}
    rows: list[list[Day]] = []
    for month in range(1, 13):
        length = calendar.monthrange(year, month)[1]
        row: list[Day] = []
        for number in range(1, 32):
            if number > length:
                row.append(Day(Cell.NO_DAY))
                continue
            day = date(year, month, number)
            if day < start or day > end:
                row.append(Day(Cell.OUTSIDE, day))
            elif day in means:
                row.append(Day(Cell.MOOD, day, means[day]))
            else:
                row.append(Day(Cell.EMPTY, day))
        rows.append(row)
    return MoodCalendar(year=year, since=start, until=end, rows=rows)
