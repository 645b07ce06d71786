"""The evaluation tests use the indicator tests' small world, its reports published through
the services."""

from tests.indicators.conftest import world  # noqa: F401 (a fixture)
