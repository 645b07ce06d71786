"""The entry tests' fixtures (a Kenya, its two cycles and its people) for every module here."""

from tests.reports.entry.test_views import (  # noqa: F401 - fixtures, found by pytest by name
    drafter,
    focal_point,
    kenya,
    national_user,
    nr5,
    uganda,
)
