"""`cbap activities` and `cbap resources`: import and export from the command line."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from cbap.activities.models import Activity
from cbap.records.models import Revision
from tests.activities.conftest import new_resource, published


def test_an_exported_file_imports_back_unchanged(kenya_activity, tmp_path):
    out = tmp_path / "activities.json"
    call_command("activities", "export", "--format", "bch", "--output", str(out))
    [document] = json.loads(out.read_text())
    assert document["header"]["schema"] == "capacityBuildingInitiative"
    said = io.StringIO()
    call_command("activities", "import", str(out), "--format", "bch", "--publish", stdout=said)
    assert "1 created" in said.getvalue()  # a new key: cbap-activity-<pk> is not its source key
    again = io.StringIO()
    call_command("activities", "import", str(out), "--format", "bch", stdout=again)
    assert "1 unchanged" in again.getvalue()


def test_a_broken_file_names_its_problems_and_writes_nothing(plan, regions, kenya, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text(
        '[{"header": {"identifier": "X-1", "schema": "capacityBuildingInitiative"}, "title": 3}'
    )
    revisions = Revision.objects.count()
    with pytest.raises(CommandError, match="nothing was written"):
        call_command(
            "activities",
            "import",
            str(broken),
            "--format",
            "bch",
            "--party",
            "KEN",
            stderr=io.StringIO(),
        )
    assert not Activity.objects.exists() and Revision.objects.count() == revisions


def test_the_iati_export_and_the_tables(kenya_activity, tmp_path):
    xml = tmp_path / "activities.xml"
    call_command("activities", "export", "--format", "iati", "--output", str(xml))
    assert b"<iati-activities" in xml.read_bytes()
    csv = tmp_path / "activities.csv"
    call_command("activities", "export", "--format", "csv", "--output", str(csv))
    assert "Demo training on LMO detection (synthetic)" in csv.read_text(encoding="utf-8-sig")


def test_resources_export_as_bch_documents(plan, regions, kenya, kenya_focal_point, tmp_path):
    published(new_resource(kenya_focal_point, party=kenya), kenya_focal_point)
    out = tmp_path / "resources.json"
    call_command("resources", "export", "--format", "bch", "--output", str(out))
    assert json.loads(out.read_text())[0]["header"]["schema"] == "resource"
