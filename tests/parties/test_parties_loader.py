"""Loading the registry: what it loads, that a second run changes nothing, and that a bad row
stops everything with an error naming the file, the row and the field."""

import csv
import io
import re
import shutil
from datetime import date

import pytest
from django.apps import apps
from django.core.management.base import CommandError
from django.db import IntegrityError

from cbap.parties import reference, services
from cbap.parties.models import Government, Grouping, GroupingMembership, ProtocolMembership
from tests.parties.conftest import data_rows

pytestmark = pytest.mark.django_db


def table_state():
    return (
        list(Government.objects.order_by("code").values()),
        list(ProtocolMembership.objects.order_by("pk").values()),
        list(Grouping.objects.order_by("code").values()),
        list(GroupingMembership.objects.order_by("pk").values()),
    )


@pytest.fixture
def data_dir(tmp_path):
    """A copy of the data files to break."""
    copy = tmp_path / "data"
    shutil.copytree(reference.DATA_DIR, copy)
    return copy


def edit(path, iso2: str, **changes) -> int:
    """Change (or with no changes, delete) the row of `iso2` in a data file; return its row
    number as a spreadsheet shows it (the header is row 1)."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)
    number = next(i for i, row in enumerate(rows, 2) if row["iso2"] == iso2)
    if changes:
        rows[number - 2].update(changes)
    else:
        del rows[number - 2]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return number


def test_it_loads_every_un_member_every_party_and_the_cook_islands(loaded_registry):
    un_members = sum(1 for row in data_rows("country_groupings.csv") if row["un_regional_group"])
    assert un_members == 193
    # + Niue, State of Palestine, European Union (Parties, not UN members) + Cook Islands
    assert Government.objects.count() == 193 + 3 + 1
    assert not Government.objects.filter(code="ABW").exists()  # Aruba, a territory


def test_the_european_union_is_a_reio_coded_eu(loaded_registry):
    eu = Government.objects.get(code="EU")
    assert (eu.iso3, eu.iso2, eu.m49, eu.kind) == ("", "EU", "", "reio")
    assert eu.get_absolute_url() == "/parties/EU/"


def test_it_keeps_dates_and_their_quality_as_the_files_give_them(loaded_registry):
    algeria = ProtocolMembership.objects.get(government__code="DZA", protocol="cartagena")
    assert (algeria.signed_on, algeria.deposited_on, algeria.entry_into_force_on) == (
        date(2000, 5, 25),
        date(2004, 8, 5),
        date(2004, 11, 3),
    )
    assert algeria.date_status == "known"
    sierra_leone = ProtocolMembership.objects.get(government__code="SLE")
    assert sierra_leone.date_status == "unverified"
    assert sierra_leone.date_quality.startswith("UNVERIFIED")
    belgium = ProtocolMembership.objects.get(government__code="BEL", protocol="supplementary")
    assert (belgium.entry_into_force_on, belgium.not_before, belgium.date_status) == (
        None,
        date(2019, 2, 1),
        "unknown",
    )
    austria = ProtocolMembership.objects.get(government__code="AUT", protocol="supplementary")
    assert (austria.deposited_on, austria.entry_into_force_on, austria.not_before) == (
        date(2021, 5, 20),
        date(2021, 8, 18),
        None,
    )
    india = ProtocolMembership.objects.get(government__code="IND", protocol="supplementary")
    assert "data error" in india.notes


def test_a_second_load_changes_nothing(loaded_registry):
    before = table_state()
    lines = services.reference_data_load()
    assert table_state() == before
    changes = re.findall(r"(\d+) (?:created|updated|removed)", " ".join(lines))
    assert changes and set(changes) == {"0"}


def test_loading_puts_back_what_the_files_say_and_removes_what_they_no_longer_list(loaded_registry):
    kenya = Government.objects.get(code="KEN")
    kenya.name = "Renamed"
    kenya.save()
    ProtocolMembership.objects.create(
        government=Government.objects.get(code="USA"), protocol="cartagena"
    )
    lines = services.reference_data_load()
    assert Government.objects.get(code="KEN").name == "Kenya"
    assert not ProtocolMembership.objects.filter(government__code="USA").exists()
    assert "1 updated" in lines[0] and "1 removed" in lines[1]


def test_loading_the_new_supplementary_file_over_the_old_one_updates_its_rows(data_dir):
    """The file of December 2026 dated Austria and ruled out the eleven before February 2019;
    a registry loaded from the old file takes both on the next `cbap setup`."""
    gap = "GAP: no dates in stored sources"
    edit(
        data_dir / SUPPLEMENTARY, "AT", deposit_date="", entry_into_force_date="", date_quality=gap
    )
    for row in data_rows(SUPPLEMENTARY):
        if row["notes"].startswith("not a Party before"):
            edit(data_dir / SUPPLEMENTARY, row["iso2"], notes=row["notes"].split(": ", 1)[1])
    services.reference_data_load(data_dir=data_dir)
    supplementary = ProtocolMembership.objects.filter(protocol="supplementary")
    assert supplementary.filter(entry_into_force_on__isnull=True).count() == 12
    assert not supplementary.filter(not_before__isnull=False).exists()

    lines = services.reference_data_load()
    assert "12 updated" in lines[1]
    austria = supplementary.get(government__code="AUT")
    assert (austria.entry_into_force_on, austria.not_before) == (date(2021, 8, 18), None)
    assert set(
        supplementary.filter(not_before=date(2019, 2, 1)).values_list("government__code", flat=True)
    ) == {"BEL", "COL", "HRV", "FRA", "ITA", "MWI", "MLT", "NGA", "PER", "PRK", "UKR"}
    assert services.reference_data_load()[1].endswith(
        "(0 created, 0 updated, 228 unchanged, 0 removed)"
    )


def test_loading_leaves_the_secretariats_economies_in_transition_alone(loaded_registry):
    eit = Grouping.objects.get(code="eit")
    GroupingMembership.objects.create(grouping=eit, government=Government.objects.get(code="ARM"))
    services.reference_data_load()
    assert list(eit.memberships.values_list("government__code", flat=True)) == ["ARM"]


def test_the_app_config_loads_the_reference_data_for_cbap_setup(db):
    out = io.StringIO()
    apps.get_app_config("parties").load_reference_data(out)
    assert "197 governments" in out.getvalue()
    assert ProtocolMembership.objects.count() == 173 + 55


CARTAGENA = "cartagena_protocol_parties.csv"
SUPPLEMENTARY = "nkl_supplementary_protocol_parties.csv"
GROUPINGS = "country_groupings.csv"


@pytest.mark.parametrize(
    "file, iso2, changes, field, message",
    [
        (
            CARTAGENA,
            "DZ",
            {"deposit_date": "2004-08-32"},
            "deposit_date",
            "'2004-08-32' is not a date",
        ),
        (
            CARTAGENA,
            "DZ",
            {"entry_into_force_date": "2004-01-01"},
            "entry_into_force_date",
            "before the deposit",
        ),
        (CARTAGENA, "DZ", {"m49": "999"}, "m49", "'999' but country_groupings.csv row"),
        (SUPPLEMENTARY, "AT", {"party_type": "province"}, "party_type", "unknown type"),
        (SUPPLEMENTARY, "BE", {"date_quality": ""}, "date_quality", "say why"),
        (
            SUPPLEMENTARY,
            "BE",
            {"notes": "not a Party before Febuary 2019: typo"},
            "notes",
            "names no month and year",
        ),
        (
            SUPPLEMENTARY,
            "BE",
            {"notes": "not a Party before 2019"},
            "notes",
            "names no month and year",
        ),
        (
            SUPPLEMENTARY,
            "AT",
            {"notes": "not a Party before September 2021: wrong"},
            "entry_into_force_date",
            "before 2021-09-01",
        ),
        (
            SUPPLEMENTARY,
            "BG",
            {"entry_into_force_date": "2003-01-01"},
            "entry_into_force_date",
            "before the deposit",
        ),
        (
            GROUPINGS,
            "AF",
            {"un_regional_group": "Asia Group"},
            "un_regional_group",
            "unknown group",
        ),
        (GROUPINGS, "AF", {"sids_m49": "yes"}, "sids_m49", "neither 0 nor 1"),
        (GROUPINGS, "US", {"cartagena_party": "1"}, "cartagena_party", "disagrees with"),
        (GROUPINGS, "BT", {"ldc_m49_2024": "1"}, "ldc_current", "no graduation date is recorded"),
        (GROUPINGS, "BT", {"ldc_current": "1"}, "ldc_current", "not on the 2024 M49 list"),
    ],
)
def test_a_bad_row_names_file_row_and_field_and_loads_nothing(
    data_dir, file, iso2, changes, field, message
):
    row = edit(data_dir / file, iso2, **changes)
    with pytest.raises(reference.ReferenceDataError, match=message) as caught:
        services.reference_data_load(data_dir=data_dir)
    assert (caught.value.file, caught.value.row, caught.value.field) == (file, row, field)
    assert str(caught.value).startswith(f"{file}, row {row}, field {field}: ")
    assert Government.objects.count() == 0


def test_a_bad_row_leaves_a_loaded_registry_as_it_was(loaded_registry, data_dir):
    before = table_state()
    edit(data_dir / SUPPLEMENTARY, "BG", entry_into_force_date="2012-01-01")
    with pytest.raises(reference.ReferenceDataError, match="row 5, field entry_into_force_date"):
        services.reference_data_load(data_dir=data_dir)
    assert table_state() == before


def test_a_failure_while_writing_rolls_everything_back(loaded_registry, data_dir):
    """All or nothing also when the database refuses a row half-way through."""
    edit(data_dir / GROUPINGS, "AF", name="Afghanistan (renamed)")  # written first
    Government.objects.filter(code="KEN").update(iso2="QQ")  # the load puts KE back on Kenya,
    Government.objects.filter(code="ZWE").update(iso2="KE")  # which Zimbabwe now holds
    before = table_state()
    with pytest.raises(IntegrityError):
        services.reference_data_load(data_dir=data_dir)
    assert table_state() == before
    assert Government.objects.get(code="AFG").name == "Afghanistan"


def test_a_supplementary_party_must_be_a_party_to_the_cartagena_protocol(data_dir):
    edit(data_dir / CARTAGENA, "AL")
    edit(data_dir / GROUPINGS, "AL", cartagena_party="0")
    with pytest.raises(reference.ReferenceDataError) as caught:
        services.reference_data_load(data_dir=data_dir)
    assert str(caught.value) == (
        f"{SUPPLEMENTARY}, row 2, field iso2: not a Party to the Cartagena Protocol"
    )


def test_cbap_setup_reports_a_bad_row_as_a_command_error(data_dir, monkeypatch):
    edit(data_dir / CARTAGENA, "DZ", deposit_date="5 Aug 2004")
    monkeypatch.setattr(reference, "DATA_DIR", data_dir)
    with pytest.raises(CommandError, match=f"{CARTAGENA}, row 4, field deposit_date"):
        apps.get_app_config("parties").load_reference_data(io.StringIO())
    assert Government.objects.count() == 0
