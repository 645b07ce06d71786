"""The Parties and people the demo loaders need, from the apps' own tests."""

from tests.records.fixtures import *  # noqa: F403
