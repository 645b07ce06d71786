"""Fifty editors creating their organization's one profile at once (PostgreSQL, real
connections): one profile, and every other editor told why, never a server error."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from cbap.organizations.models import OrganizationProfile
from cbap.records.services import ConflictError
from tests.organizations.conftest import new_profile

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs concurrent writers (PostgreSQL)"
    ),
]


def test_forty_first_profiles_of_one_organization_are_one_and_39_refusals(provider, editor):
    # 40 writers: with the other race test in the parallel pass, PostgreSQL's 100 connections
    # are enough for both
    start, outcomes = threading.Barrier(40), []

    def create():
        try:
            start.wait()
            new_profile(provider, editor)
            outcomes.append("created")
        except (ConflictError, ValidationError) as refusal:
            outcomes.append(type(refusal).__name__)
        except Exception as error:  # noqa: BLE001 - what must not happen
            outcomes.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=create) for _ in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert outcomes.count("created") == 1
    assert all(o in ("ConflictError", "ValidationError") for o in outcomes if o != "created"), [
        repr(o) for o in outcomes if o not in ("created", "ConflictError", "ValidationError")
    ]
    assert OrganizationProfile.objects.count() == 1
