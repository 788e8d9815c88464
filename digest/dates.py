"""When an article may be dated: not before a floor, not more than a few days after today.

The bounds are data (`data/dates.yaml`, loaded with the vocabularies), so the build, the
metadata check and ingest ask `date_problem` the same question with the same answer.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class DateBounds:
    earliest: dt.date = dt.date.min
    future_days: int | None = None  # None: no upper bound


def date_problem(date: dt.date, today: dt.date, bounds: DateBounds) -> str | None:
    """Why `date` cannot be an article's date as of `today`, or None when it can."""
    if date < bounds.earliest:
        return f"{date.isoformat()} is before {bounds.earliest.isoformat()}, the earliest an article may be dated (data/dates.yaml)"
    if bounds.future_days is not None and (date - today).days > bounds.future_days:
        return (f"{date.isoformat()} is more than {bounds.future_days} days after today, {today.isoformat()} "
                f"(data/dates.yaml): a wrong or placeholder date")
    return None
