"""The analyzer's tests build their own small world (`test_analysis.build_world`); the test of the
real NR5 question set borrows the reports tests' governments."""

from tests.reports.conftest import governments  # noqa: F401
