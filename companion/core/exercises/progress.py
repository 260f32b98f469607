"""Progress views built from completed records (the exposure ladder's practice log per rung)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlite_utils import Database

from companion.core.store import exercise_records as records


@dataclass
class RungProgress:
    situation: str
    suds: int  # the rating on the latest ladder
    practices: list[tuple[str, int, int, int]] = field(default_factory=list)  # date, b/p/a


def exposure_progress(db: Database) -> list[RungProgress]:
    """Each rung of the latest ladder (easiest first) with every practice logged on it."""
    done = records.list_exercises(db, exercise_type="exposure_ladder", status=records.COMPLETE)
    if not done:
        return []
    rungs = {
        item["name"]: RungProgress(item["name"], int(item["rating"]))
        for item in done[0].data.get("ladder", [])
        if isinstance(item, dict)
    }
    for record in reversed(done):  # oldest first
        data = record.data
        rung = rungs.get(str(data.get("rung", "")))
        if rung is None or not all(k in data for k in ("suds_before", "suds_peak", "suds_after")):
            continue
        rung.practices.append(
            (record.local_date, data["suds_before"], data["suds_peak"], data["suds_after"])
        )
    return sorted(rungs.values(), key=lambda r: r.suds)


def exposure_progress_lines(db: Database) -> list[str]:
    """The progress view as text: one line per rung, practices as before/peak/after."""
    lines: list[str] = []
    for rung in exposure_progress(db):
        if rung.practices:
            logs = "; ".join(f"{d} {b}/{p}/{a}" for d, b, p, a in rung.practices[-4:])
            lines.append(f"{rung.situation} (SUDS {rung.suds}): {len(rung.practices)}x, {logs}")
        else:
            lines.append(f"{rung.situation} (SUDS {rung.suds}): not practised yet")
    if lines:
        lines.insert(0, "Ladder progress (before/peak/after):")
    return lines


#: Lines a review step shows after the answers, per exercise (the screen shows them as given).
REVIEW_EXTRAS = {"exposure_ladder": exposure_progress_lines}


def review_extra_lines(db: Database, exercise: str) -> list[str]:
    """What the review step of ``exercise`` adds after the answers ([] for most exercises)."""
    lines = REVIEW_EXTRAS.get(exercise)
    return lines(db) if lines else []
