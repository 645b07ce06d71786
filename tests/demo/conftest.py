"""The Parties, people and reporting cycles the demo loaders need, from the apps' own tests."""

from tests.accounts.conftest import fast_password_hashing  # noqa: F401
from tests.records.fixtures import *  # noqa: F403
from tests.reports.conftest import cycle_specs, cycles  # noqa: F401
