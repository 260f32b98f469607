"""The mood calendar as HTML for the report: a 12 x 31 table of coloured cells, each with its
date and mood in words (title and aria-label), a legend, and the year in sentences."""

from __future__ import annotations

import html

from companion.core.insights.mood_calendar import LEVELS, Cell, Day, MoodCalendar


def _h(text: str) -> str:
    return html.escape(text, quote=True)


def _cell(day: Day) -> str:
    if day.kind is Cell.NO_DAY:
        return '<td class="nd"></td>'
    label = _h(day.describe())
    if day.kind is Cell.MOOD and day.level is not None:
        return f'<td class="l{day.level}" title="{label}" aria-label="{label}"></td>'
    if day.kind is Cell.EMPTY:
        return f'<td class="em" title="{label}" aria-label="{label}">·</td>'
    return f'<td class="out" title="{label}" aria-label="{label}"></td>'


def legend_html() -> str:
    items = "".join(
        f'<span><i class="l{index}"></i> {_h(level.label)}</span>'
        for index, level in enumerate(LEVELS)
    )
    return f'<p class="cal-legend">{items}<span><i class="em">·</i> no check-in</span></p>'


def calendar_html(data: MoodCalendar) -> str:
    """One year's table (months as rows, days 1-31 as columns), its legend and summary."""
    from companion.core.insights.mood_calendar import MONTHS

    head = "".join(f"<th>{n}</th>" for n in range(1, 32))
    rows = "".join(
        f"<tr><th>{name}</th>{''.join(_cell(day) for day in row)}</tr>"
        for name, row in zip(MONTHS, data.rows, strict=True)
    )
    summary = "".join(f"<p>{_h(line)}</p>" for line in data.summary())
    return (
        f'<table class="calendar"><caption>Mood calendar {data.year}: each square is a day, '
        "coloured by that day's average mood</caption>"
        f"<thead><tr><th></th>{head}</tr></thead><tbody>{rows}</tbody></table>"
        f'{legend_html()}<div class="cal-words">{summary}</div>'
    )


#: Styles for the calendar, added to the report's <style>.
CALENDAR_CSS = (
    "table.calendar { font-family: sans-serif; font-size: 0.7em; }"
    " table.calendar th, table.calendar td { border: 1px solid #ccc; padding: 0;"
    " width: 1.5em; height: 1.5em; text-align: center; }"
    " table.calendar tbody th { width: 2.5em; background: none; }"
    " table.calendar td.nd, table.calendar td.out { border-color: #f4f4f4; }"
    " table.calendar td.em, .cal-legend i.em { color: #777; }"
    " .cal-legend span { margin-right: 1em; white-space: nowrap; }"
    " .cal-legend i { display: inline-block; width: 1em; height: 1em; border: 1px solid #ccc;"
    " vertical-align: middle; font-style: normal; text-align: center; line-height: 1em; }"
    " table.calendar td, .cal-legend i { -webkit-print-color-adjust: exact;"
    " print-color-adjust: exact; }"
    + "".join(f" .l{index} {{ background: {level.colour}; }}" for index, level in enumerate(LEVELS))
)
