"""Read models for insights: the grouped queries over check-ins, journal entries, exercises and
questionnaires, each returning frozen records, so companion.core.insights computes trends and
patterns without SQL or table names.

Every function is one or a few grouped queries (never row by row in Python), so a ten-year store
stays quick, and takes any connection with ``execute`` (``Conn``). Days are the person's local
calendar dates stored with each row (YYYY-MM-DD).
"""

from __future__ import annotations

from dataclasses import dataclass

from companion.core.store._util import Conn


@dataclass(frozen=True)
class MoodTotal:
    """The sum and the number of mood ratings of a group of check-ins (a day, a weekday, an
    hour of the day, a period): sums rather than means, so groups can be merged exactly."""

    key: str
    total: float
    count: int

    @property
    def mean(self) -> float:
        return self.total / self.count if self.count else 0.0


def _range(since: str | None, until: str | None) -> tuple[str, list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    if since:
        clauses.append("local_date >= ?")
        params.append(since)
    if until:
        clauses.append("local_date <= ?")
        params.append(until)
    return " and ".join(clauses), params


def mood_by_day(db: Conn, since: str | None = None, until: str | None = None) -> list[MoodTotal]:
    """Check-in moods per local date (``key``), oldest first, ``since``/``until`` inclusive;
    only days with at least one check-in."""
    where, params = _range(since, until)
    rows = db.execute(
        "select local_date, sum(mood), count(*) from checkins "
        f"{'where ' + where if where else ''} group by local_date order by local_date",
        params,
    ).fetchall()
    return [MoodTotal(str(day), float(total), int(count)) for day, total, count in rows]


def mood_overall(db: Conn, since: str, until: str) -> MoodTotal:
    """All check-ins between two local dates (inclusive) as one group (``key`` is "")."""
    total, count = db.execute(
        "select sum(mood), count(*) from checkins where local_date between ? and ?",
        [since, until],
    ).fetchone()
    return MoodTotal("", float(total or 0), int(count))


def mood_by_weekday(db: Conn) -> list[MoodTotal]:
    """Check-in moods per weekday of their local date: ``key`` "0" is Sunday ... "6" Saturday
    (SQLite's ``%w``)."""
    rows = db.execute(
        "select cast(strftime('%w', local_date) as integer), sum(mood), count(*) "
        "from checkins group by 1"
    ).fetchall()
    return [MoodTotal(str(day), float(s), int(n)) for day, s, n in rows if day is not None]


def mood_by_local_hour(db: Conn) -> list[MoodTotal]:
    """Check-in moods per local hour of the day they were made (``key`` "0" ... "23"); a row
    whose timestamp cannot be read is left out. SQLite's 'localtime' uses the same system time
    zone as ``datetime.astimezone()``."""
    rows = db.execute(
        "select cast(strftime('%H', created_utc, 'localtime') as integer), sum(mood), count(*) "
        "from checkins group by 1"
    ).fetchall()
    return [MoodTotal(str(hour), float(s), int(n)) for hour, s, n in rows if hour is not None]


def last_checkin_date(db: Conn) -> str | None:
    """The local date of the latest check-in (None before the first)."""
    row = db.execute("select max(local_date) from checkins").fetchone()
    return str(row[0]) if row and row[0] else None


def checkins_on(db: Conn, day: str) -> int:
    """How many check-ins were made on one local date (YYYY-MM-DD)."""
    row = db.execute("select count(*) from checkins where local_date = ?", [day]).fetchone()
    return int(row[0]) if row else 0


def latest_mood(db: Conn) -> int | None:
    """The mood of the latest check-in (None before the first)."""
    row = db.execute(
        "select mood from checkins order by created_utc desc, id desc limit 1"
    ).fetchone()
    return int(row[0]) if row else None


def practice_days(db: Conn) -> set[str]:
    """Local dates with a check-in, a journal entry or a completed exercise."""
    # Three index scans and a set union in Python: quicker than SQL's UNION (temp b-trees).
    days: set[str] = set()
    for sql in (
        "select distinct local_date from checkins",
        "select distinct local_date from journal_entries",
        "select distinct local_date from exercises where status = 'complete'",
    ):
        days.update(str(row[0]) for row in db.execute(sql).fetchall())
    return days


def exercises_completed(
    db: Conn, since: str | None = None, until: str | None = None
) -> dict[str, int]:
    """Completed exercises per type, most first, then by name (``since``/``until`` are local
    start dates, inclusive)."""
    where, params = _range(since, until)
    rows = db.execute(
        "select type, count(*) from exercises where status = 'complete'"
        f"{' and ' + where if where else ''} group by type",
        params,
    ).fetchall()
    return dict(sorted(((str(t), int(n)) for t, n in rows), key=lambda item: (-item[1], item[0])))
