"""The evaluation tests use the indicator tests' small world, its reports published through
the services."""

from tests.indicators.conftest import demo_data, world  # noqa: F401 (fixtures)
