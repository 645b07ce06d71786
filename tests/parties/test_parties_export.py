"""`cbap parties export`: the Parties on a date, as JSON or CSV."""

import csv
import io
import json
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.parties.conftest import data_rows

pytestmark = pytest.mark.django_db


def export(tmp_path, *args) -> str:
    out = tmp_path / "export"
    call_command("parties", "export", *args, "--output", str(out))
    return out.read_text(encoding="utf-8-sig")


def test_json_export_gives_the_parties_on_the_date_asked(loaded_registry, tmp_path):
    document = json.loads(export(tmp_path, "--format", "json", "--as-of", "2019-10-01"))
    expected = {
        row["iso3"] or row["iso2"]
        for row in data_rows("cartagena_protocol_parties.csv")
        if date.fromisoformat(row["entry_into_force_date"]) <= date(2019, 10, 1)
    }
    assert document["as_of"] == "2019-10-01"
    assert document["information_date"] == "2026-08-01"
    assert document["count"] == len(expected) == 171
    assert {g["code"] for g in document["governments"]} == expected
    uzbekistan = "UZB"  # in force 2020-01-23: not yet
    assert uzbekistan not in expected


def test_json_export_defaults_to_the_cartagena_parties_of_today(loaded_registry, tmp_path):
    document = json.loads(export(tmp_path))
    assert document["count"] == 173
    kenya = next(g for g in document["governments"] if g["code"] == "KEN")
    assert kenya["iso2"] == "KE" and kenya["memberships"][0]["entry_into_force_on"] == "2003-09-11"


def test_csv_export_of_the_supplementary_protocol_has_one_flat_row_per_party(
    loaded_registry, tmp_path
):
    rows = list(
        csv.DictReader(
            io.StringIO(export(tmp_path, "--format", "csv", "--protocol", "supplementary"))
        )
    )
    assert len(rows) == 55
    belgium = next(r for r in rows if r["code"] == "BEL")
    assert belgium["supplementary_party"] == "1"
    assert belgium["supplementary_entry_into_force_on"] == ""
    assert (belgium["supplementary_not_before"], belgium["supplementary_date_status"]) == (
        "2019-02-01",
        "unknown",
    )
    assert belgium["regions"] == "Western European and Others Group (WEOG)"
    assert belgium["groupings"] == "developed"
    old = list(
        csv.DictReader(
            io.StringIO(
                export(
                    tmp_path,
                    "--format",
                    "csv",
                    "--protocol",
                    "supplementary",
                    "--as-of",
                    "2019-10-01",
                )
            )
        )
    )
    # The NR4 deadline: 43 Parties and the 11 undated ones as unknown, not left out as non-Parties.
    status = [r["supplementary_party"] for r in old]
    assert (len(old), status.count("1"), status.count("unknown")) == (54, 43, 11)
    assert next(r for r in old if r["code"] == "BEL")["supplementary_party"] == "unknown"
    assert "AUT" not in {r["code"] for r in old}  # in force 2021-08-18: known not to be one


def test_json_export_gives_an_unknown_membership_as_null(loaded_registry, tmp_path):
    args = ("--protocol", "supplementary", "--as-of", "2026-02-28")
    document = json.loads(export(tmp_path, *args))
    status = [g["supplementary_party"] for g in document["governments"]]
    assert (document["count"], status.count(True), status.count(None)) == (55, 44, 11)
    assert False not in status


def test_csv_export_joins_two_regions_with_a_bar(loaded_registry, tmp_path):
    rows = list(csv.DictReader(io.StringIO(export(tmp_path, "--format", "csv"))))
    turkiye = next(r for r in rows if r["code"] == "TUR")
    assert turkiye["regions"] == "Asia-Pacific Group|Western European and Others Group (WEOG)"
    assert turkiye["iso3"] == "TUR" and turkiye["m49"] == "792"


def test_all_exports_every_government_with_its_status(loaded_registry, tmp_path):
    rows = list(csv.DictReader(io.StringIO(export(tmp_path, "--format", "csv", "--all"))))
    assert len(rows) == 197
    usa = next(r for r in rows if r["code"] == "USA")
    assert (usa["cartagena_party"], usa["supplementary_party"]) == ("0", "0")


def test_a_bad_date_is_refused(loaded_registry, tmp_path):
    with pytest.raises(CommandError, match="is not a date"):
        export(tmp_path, "--as-of", "1 October 2019")
