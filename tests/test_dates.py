import datetime as dt

import pytest

from digest import vocab
from digest.dates import DateBounds, date_problem

BOUNDS = vocab.load().dates  # data/dates.yaml
TODAY = dt.date(2025, 6, 1)


def test_the_bounds_are_read_from_data():
    assert BOUNDS == DateBounds(dt.date(1949, 10, 1), 2)


@pytest.mark.parametrize("date", ["1949-10-01", "1978-12-18", "2025-06-01", "2025-06-03"])
def test_plausible_dates(date):
    assert date_problem(dt.date.fromisoformat(date), TODAY, BOUNDS) is None


@pytest.mark.parametrize("date, words", [
    ("9999-12-31", "9999-12-31 is more than 2 days after today, 2025-06-01"),
    ("2099-05-06", "2099-05-06 is more than 2 days after today"),
    ("2025-06-04", "2025-06-04 is more than 2 days after today"),
    ("0001-01-01", "0001-01-01 is before 1949-10-01"),
    ("1900-01-01", "1900-01-01 is before 1949-10-01"),
    ("1949-09-30", "1949-09-30 is before 1949-10-01"),
])
def test_implausible_dates_say_why(date, words):
    problem = date_problem(dt.date.fromisoformat(date), TODAY, BOUNDS)
    assert problem and words in problem and "data/dates.yaml" in problem


def test_no_bounds_take_every_date():
    assert date_problem(dt.date(9999, 12, 31), TODAY, DateBounds()) is None
