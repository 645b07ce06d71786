from tests.records.fixtures import *  # noqa: F403
