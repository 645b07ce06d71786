"""Fixtures of the registry tests: the real reference data, loaded, and the CSV files as rows."""

import csv

import pytest

from cbap.parties import reference, services


@pytest.fixture
def loaded_registry(db):
    """Governments, memberships and groupings loaded from cbap/parties/data/."""
    return services.reference_data_load()


def data_rows(name: str) -> list[dict]:
    """A data file's rows, read with the csv module alone (independently of the loader)."""
    with (reference.DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
