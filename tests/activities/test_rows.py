"""Rows written in bulk (`cbap.core.rows`) are the rows the ORM would write: the same values,
timestamps and JSON, and keys never given before."""

from django.utils import timezone

from cbap.activities.models import Facet, ImportJob, Listing
from cbap.core import rows


def job(name: str) -> ImportJob:
    return ImportJob(kind="activity", fmt="iati", file_name=name, data=b"\x00x", errors=[{"a": 1}])


def test_inserted_instances_get_new_keys_and_their_values(db):
    highest = ImportJob.objects.create(kind="activity", fmt="bch", file_name="old", data=b"")
    ImportJob.objects.create(kind="activity", fmt="bch", file_name="older", data=b"")
    ImportJob.objects.filter(file_name="older").delete()  # its key is not given again
    before = timezone.now()
    jobs = [job("a.xml"), job("b.xml")]
    rows.insert(ImportJob, jobs)
    assert jobs[0].pk > highest.pk + 1 and jobs[1].pk == jobs[0].pk + 1
    stored = ImportJob.objects.get(pk=jobs[1].pk)
    assert (stored.file_name, bytes(stored.data), stored.errors) == ("b.xml", b"\x00x", [{"a": 1}])
    assert stored.created_at >= before and stored.status == "pending"
    assert not jobs[0]._state.adding
    assert ImportJob.objects.create(kind="activity", fmt="bch", file_name="next", data=b"").pk > (
        jobs[1].pk
    )


def test_plain_rows_take_the_defaults_of_the_columns_left_out(db):
    listing = Listing.objects.create(kind="activity", record_id=1, title="t", text="t", owner="o")
    rows.insert_plain(Facet, ["listing_id", "name", "value"], [(listing.pk, "country", "KEN")])
    assert list(Facet.objects.values_list("listing_id", "name", "value")) == [
        (listing.pk, "country", "KEN")
    ]
