"""Importing from other apps: a jrnl plain-text journal and a Daylio CSV export.

jrnl: each entry starts with a line ``[2024-03-01 09:15] Title`` (brackets and seconds
optional, 12-hour times with AM/PM accepted) followed by its body up to the next such line;
``@words`` become tags. Times are read as local time.

Daylio: the CSV export's columns ``full_date, time, mood, activities, note_title, note``. Each
row becomes a mood check-in; Daylio's five default moods map onto our 0-10 scale (rad 9, good 7,
meh 5, bad 3, awful 1), the activities and the note are kept in the check-in's note. Custom mood
names that are not recognised make the row a problem (reported, nothing imported).

Everything is checked first and written in one transaction; ``dry_run`` only counts.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from companion.core.store import checkins, files, journal
from companion.core.store.import_checks import MAX_TEXT, quote
from companion.core.store.importer import ImportFileError, ImportReport
from companion.core.textfmt import visible

MAX_NOTE = 100_000  # characters in one Daylio field (a check-in note is a short text)

DAYLIO_MOODS = {"rad": 9, "good": 7, "meh": 5, "bad": 3, "awful": 1}
_JRNL_HEADER = re.compile(
    r"^\[?(?P<date>\d{4}-\d{2}-\d{2})[ T](?P<time>\d{1,2}:\d{2}(?::\d{2})?)"
    r"(?:\s*(?P<ampm>[AaPp][Mm]))?\]?\s?(?P<title>.*)$"
)
_TAG = re.compile(r"(?<!\w)@(\w[\w-]*)")


@dataclass(frozen=True)
class JrnlEntry:
    moment: datetime
    body: str
    tags: list[str]


def _local(date: str, time: str, ampm: str | None) -> datetime:
    fmt = "%Y-%m-%d %H:%M:%S" if time.count(":") == 2 else "%Y-%m-%d %H:%M"
    if ampm:
        fmt = fmt.replace("%H", "%I") + " %p"
        moment = datetime.strptime(f"{date} {time} {ampm.upper()}", fmt)
    else:
        moment = datetime.strptime(f"{date} {time}", fmt)
    return moment.astimezone()


def parse_jrnl(text: str) -> list[JrnlEntry]:
    """Entries of a jrnl plain-text file, in file order. Raises ImportFileError if none."""
    entries: list[JrnlEntry] = []
    current: tuple[datetime, list[str]] | None = None

    def close() -> None:
        if current is None:
            return
        body = "\n".join(current[1]).strip()
        if body:
            tags = sorted({tag.lower() for tag in _TAG.findall(body)})
            entries.append(JrnlEntry(current[0], body, tags))

    for line in text.splitlines():
        match = _JRNL_HEADER.match(line)
        if match:
            try:
                moment = _local(match["date"], match["time"], match["ampm"])
            except ValueError:
                match = None
            else:
                close()
                current = (moment, [match["title"].strip()])
                continue
        if current is not None:
            current[1].append(line)
    close()
    if not entries:
        raise ImportFileError(
            "No jrnl entries found (each starts with a '[YYYY-MM-DD HH:MM]' line)."
        )
    for number, entry in enumerate(entries, start=1):
        if len(entry.body) > MAX_TEXT:
            raise ImportFileError(
                f"jrnl entry {number} (dated {entry.moment:%Y-%m-%d %H:%M}) is "
                f"{len(entry.body):,} characters; the limit is {MAX_TEXT:,}. Nothing was imported."
            )
    return entries


@dataclass(frozen=True)
class DaylioRow:
    moment: datetime
    mood: int
    note: str


def _daylio_note(row: dict[str, str]) -> str:
    parts = []
    title = (row.get("note_title") or "").strip()
    note = html.unescape(re.sub(r"<br\s*/?>", "\n", row.get("note") or "")).strip()
    activities = [a.strip() for a in (row.get("activities") or "").split("|") if a.strip()]
    if title:
        parts.append(title)
    if note:
        parts.append(note)
    if activities:
        parts.append("Activities: " + ", ".join(activities))
    return "\n".join(parts)


def parse_daylio(text: str) -> list[DaylioRow]:
    """Rows of a Daylio CSV export. Raises ImportFileError listing the rows that do not fit."""
    csv.field_size_limit(MAX_TEXT + 1)  # longer fields are reported, not a csv.Error
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    try:
        return _parse_daylio(reader)
    except csv.Error as error:
        raise ImportFileError(
            f"The Daylio file cannot be read at line {reader.line_num}: "
            f"{visible(str(error))}. Nothing was imported."
        ) from None


def _parse_daylio(reader: csv.DictReader[str]) -> list[DaylioRow]:
    needed = {"full_date", "time", "mood"}
    if not reader.fieldnames or not needed <= {f.strip() for f in reader.fieldnames}:
        raise ImportFileError("This is not a Daylio CSV export (full_date, time, mood needed).")
    rows: list[DaylioRow] = []
    problems: list[str] = []
    for number, raw in enumerate(reader, start=2):
        row = {(k or "").strip(): (v if isinstance(v, str) else "") for k, v in raw.items()}
        long = [name for name, value in row.items() if len(value) > MAX_NOTE]
        if long:
            problems.append(
                f"line {number}: the field {quote(long[0])} is longer than {MAX_NOTE:,} characters"
            )
            continue
        mood = DAYLIO_MOODS.get(row["mood"].strip().lower())
        if mood is None:
            problems.append(f"line {number}: unknown mood {row['mood']!r}")
            continue
        try:
            moment = _daylio_time(row["full_date"].strip(), row["time"].strip())
        except ValueError:
            problems.append(f"line {number}: cannot read the date {row['full_date']!r}")
            continue
        if "\x00" in "".join(row.values()):
            problems.append(f"line {number}: holds a NUL character")
            continue
        rows.append(DaylioRow(moment, mood, _daylio_note(row)))
    if problems:
        raise ImportFileError(
            "The Daylio file cannot be imported (nothing was): " + "; ".join(problems[:10]) + "."
        )
    return rows


def _daylio_time(date: str, time: str) -> datetime:
    for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%d %I:%M %p"):
        try:
            return datetime.strptime(f"{date} {time.upper()}", fmt).astimezone()
        except ValueError:
            continue
    raise ValueError(date)


def _read(path: Path) -> str:
    try:
        return files.read_text(path)
    except UnicodeDecodeError as error:
        raise ImportFileError(
            f"{path.name} is not UTF-8 text (byte {error.start + 1} cannot be read); "
            "nothing was imported."
        ) from None
    except OSError as error:
        raise ImportFileError(f"Cannot read {path}: {error.strerror}.") from None


class _DryRunDone(Exception):
    """Raised inside a dry run's transaction so that every insert it made rolls back."""


@contextmanager
def _transaction(db: Database, dry_run: bool) -> Iterator[None]:
    """One transaction for the whole file; a dry run does the same inserts, then rolls back,
    so a dry run and a real import always agree."""
    try:
        with db.atomic():
            yield
            if dry_run:
                raise _DryRunDone
    except _DryRunDone:
        pass
    except ValueError as error:  # a store check the parser did not foresee
        raise ImportFileError(f"{visible(str(error))} Nothing was imported.") from None


def import_jrnl(db: Database, path: Path, *, dry_run: bool = False) -> ImportReport:
    """Add every jrnl entry as a journal entry (tags from @words)."""
    entries = parse_jrnl(_read(path))
    with _transaction(db, dry_run):
        for entry in entries:
            journal.add_entry(db, entry.body, entry.tags, now=entry.moment)
    return ImportReport(added={"journal_entries": len(entries)}, dry_run=dry_run)


def import_daylio(db: Database, path: Path, *, dry_run: bool = False) -> ImportReport:
    """Add every Daylio row as a mood check-in."""
    rows = parse_daylio(_read(path))
    with _transaction(db, dry_run):
        for row in rows:
            checkins.add_checkin(db, row.mood, note=row.note, now=row.moment)
    return ImportReport(added={"checkins": len(rows)}, dry_run=dry_run)
