"""Who is a Party on a date, and who is in a grouping on a date, against the real data.

Expected numbers are computed here from the CSV files with the csv module alone, so the test does
not trust the loader it checks."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from cbap.parties import registry, selectors
from cbap.parties.models import Government
from tests.parties.conftest import data_rows

pytestmark = pytest.mark.django_db

CARTAGENA_FILE = "cartagena_protocol_parties.csv"
SUPPLEMENTARY_FILE = "nkl_supplementary_protocol_parties.csv"
NK_NO_DATES = {"BEL", "COL", "HRV", "FRA", "ITA", "MWI", "MLT", "NGA", "PER", "PRK", "UKR"}


def codes_in_force(file: str, day: date) -> set[str]:
    return {
        row["iso3"] or row["iso2"]
        for row in data_rows(file)
        if row["entry_into_force_date"] and date.fromisoformat(row["entry_into_force_date"]) <= day
    }


def codes(governments) -> set[str]:
    return set(governments.values_list("code", flat=True))


@pytest.mark.parametrize("day", ["2003-09-10", "2003-09-11", "2019-10-01", "2026-02-28"])
def test_cartagena_parties_on_a_date_are_the_rows_in_force_by_then(loaded_registry, day):
    day = date.fromisoformat(day)
    expected = codes_in_force(CARTAGENA_FILE, day)
    assert codes(selectors.parties_on(day)) == expected
    assert selectors.parties_on(day).count() == len(expected)


def test_the_nr4_and_nr5_deadlines_have_171_and_173_cartagena_parties(loaded_registry):
    # The same numbers as above, spelt out: the 4th and 5th reporting deadlines.
    assert selectors.parties_on(date(2019, 10, 1)).count() == 171
    assert selectors.parties_on(date(2026, 2, 28)).count() == 173


def test_today_there_are_173_cartagena_and_55_supplementary_parties(loaded_registry):
    today = timezone.localdate()
    assert selectors.parties_on(today).count() == 173 == len(data_rows(CARTAGENA_FILE))
    assert selectors.parties_on(today, registry.SUPPLEMENTARY).count() == 55
    assert "EU" in codes(selectors.parties_on(today))


def not_ruled_out_on(file: str, day: date) -> set[str]:
    """Undated rows whose notes do not rule the day out ("not a Party before February 2019")."""
    return {
        row["iso3"] or row["iso2"]
        for row in data_rows(file)
        if not row["entry_into_force_date"]
        and not (row["notes"].startswith("not a Party before February 2019") and day < FEB_2019)
    }


FEB_2019 = date(2019, 2, 1)


@pytest.mark.parametrize(
    "day, certain, unknown",
    [
        ("2019-10-01", 43, 11),  # the NR4 deadline: Austria (in force 2021-08-18) is not yet one
        ("2026-02-28", 44, 11),  # the NR5 deadline
        ("2026-08-01", 55, 0),  # the list vouches for all of them
        ("2019-01-31", 43, 0),  # the sources rule the eleven out
    ],
)
def test_supplementary_parties_on_a_day_are_certain_or_unknown_never_silently_absent(
    loaded_registry, day, certain, unknown
):
    day = date.fromisoformat(day)
    parties, maybe = selectors.membership_codes_on(day, registry.SUPPLEMENTARY)
    expected = codes_in_force(SUPPLEMENTARY_FILE, day)
    if day >= registry.INFORMATION_DATE:
        expected |= NK_NO_DATES
    assert parties == expected == codes(selectors.parties_on(day, registry.SUPPLEMENTARY))
    assert maybe == (not_ruled_out_on(SUPPLEMENTARY_FILE, day) if unknown else set())
    assert maybe == codes(selectors.unknown_parties_on(day, registry.SUPPLEMENTARY))
    assert (len(parties), len(maybe)) == (certain, unknown)
    assert maybe <= NK_NO_DATES


def test_austria_is_known_not_to_be_a_party_on_the_nr4_deadline_and_one_on_the_nr5(
    loaded_registry,
):
    # The new file dates Austria (in force 2021-08-18): no longer among the unknown.
    for day, is_party in ((date(2019, 10, 1), False), (date(2026, 2, 28), True)):
        assert ("AUT" in codes(selectors.parties_on(day, registry.SUPPLEMENTARY))) is is_party
        assert "AUT" not in codes(selectors.unknown_parties_on(day, registry.SUPPLEMENTARY))


def test_parties_with_unknown_dates_are_parties_from_the_information_date(loaded_registry):
    on = registry.INFORMATION_DATE
    before = on - timedelta(days=1)
    assert not codes(selectors.parties_on(before, registry.SUPPLEMENTARY)) & NK_NO_DATES
    assert selectors.membership_codes_on(before, registry.SUPPLEMENTARY)[1] == NK_NO_DATES
    assert NK_NO_DATES.issubset(codes(selectors.parties_on(on, registry.SUPPLEMENTARY)))


@pytest.mark.parametrize(
    "day",
    [
        "2003-09-11",
        "2018-03-04",
        "2018-03-05",
        "2019-01-31",
        "2019-02-01",
        "2020-09-13",
        "2026-07-31",
        "2026-08-01",
    ],
)
def test_the_sql_and_the_pure_rule_agree_on_every_government(loaded_registry, day):
    day = date.fromisoformat(day)
    unknown_anywhere = set()
    for protocol in registry.PROTOCOLS:
        in_sql = {g.code: getattr(g, f"{protocol}_party") for g in selectors.registry_on(day)}
        in_python = {
            g.code: registry.membership_on(g.memberships.all(), day, protocol=protocol)
            for g in Government.objects.prefetch_related("memberships")
        }
        assert in_sql == in_python
        certain, unknown = selectors.membership_codes_on(day, protocol)
        assert certain == {code for code, party in in_python.items() if party}
        assert unknown == {code for code, party in in_python.items() if party is None}
        assert certain == codes(selectors.parties_on(day, protocol))
        assert unknown == codes(selectors.unknown_parties_on(day, protocol))
        unknown_anywhere |= unknown
    # The days between what the sources rule out and the list cover the unknown case.
    in_between = date(2019, 2, 1) <= day < registry.INFORMATION_DATE
    assert unknown_anywhere == (NK_NO_DATES if in_between else set())


@pytest.mark.parametrize(
    "day, expected", [("2018-03-04", False), ("2018-03-05", None), ("2026-08-01", True)]
)
def test_an_undated_membership_with_nothing_ruled_out_is_unknown_once_the_protocol_is_in_force(
    loaded_registry, day, expected
):
    day = date.fromisoformat(day)
    kenya = Government.objects.get(code="KEN")
    kenya.memberships.filter(protocol=registry.SUPPLEMENTARY).delete()
    kenya.memberships.create(protocol=registry.SUPPLEMENTARY, date_quality="GAP: no dates")
    in_python = registry.membership_on(kenya.memberships.all(), day, protocol="supplementary")
    assert selectors.registry_on(day).get(code="KEN").supplementary_party is in_python is expected
    unknown = codes(selectors.unknown_parties_on(day, registry.SUPPLEMENTARY))
    assert ("KEN" in unknown) is (expected is None)


def test_non_parties_are_in_the_registry_without_membership(loaded_registry):
    named_in_the_readme = {"ARG", "CAN", "CHL", "COK", "HTI", "ISL", "MCO", "NPL", "USA"}
    non_parties = Government.objects.filter(memberships__isnull=True)
    assert named_in_the_readme <= codes(non_parties)
    assert not named_in_the_readme & codes(selectors.parties_on(timezone.localdate()))


def test_the_current_ldc_list_has_44_members_and_the_2020_list_47(loaded_registry):
    today = timezone.localdate()
    assert selectors.grouping_members_on("ldc", today).count() == 44
    assert selectors.grouping_members_on("ldc_2020", today).count() == 47
    graduated = {"BTN", "VUT", "STP"}
    assert graduated <= codes(selectors.grouping_members_on("ldc_2020", today))
    assert not graduated & codes(selectors.grouping_members_on("ldc", today))


def test_sao_tome_and_principe_was_an_ldc_until_its_graduation_on_2024_12_13(loaded_registry):
    assert "STP" in codes(selectors.grouping_members_on("ldc", date(2024, 12, 12)))
    assert "STP" not in codes(selectors.grouping_members_on("ldc", date(2024, 12, 13)))
    assert selectors.grouping_members_on("ldc", date(2024, 12, 12)).count() == 45


def test_turkiye_is_in_two_regional_groups(loaded_registry):
    turkiye = Government.objects.get(code="TUR")
    regions = [
        m.grouping.code
        for m in selectors.government_groupings(turkiye, timezone.localdate())
        if m.grouping.kind == "region"
    ]
    assert regions == ["asia_pacific_group", "weog"]


def test_niue_palestine_and_the_european_union_have_no_region(loaded_registry):
    for code in ("NIU", "PSE", "EU"):
        government = Government.objects.get(code=code)
        kinds = {m.grouping.kind for m in selectors.government_groupings(government)}
        assert "region" not in kinds, code


def test_regional_groups_have_the_sizes_the_data_readme_gives(loaded_registry):
    today = timezone.localdate()
    sizes = {
        code: selectors.grouping_members_on(code, today).count()
        for code in (
            "african_group",
            "asia_pacific_group",
            "eastern_european_group",
            "grulac",
            "weog",
        )
    }
    assert sizes == {
        "african_group": 54,
        "asia_pacific_group": 55,
        "eastern_european_group": 23,
        "grulac": 33,
        "weog": 29,
    }


def test_economies_in_transition_ship_empty(loaded_registry):
    assert selectors.grouping_members_on("eit", timezone.localdate()).count() == 0


def test_government_groupings_without_a_date_include_past_memberships(loaded_registry):
    sao_tome = Government.objects.get(code="STP")
    now = {m.grouping.code for m in selectors.government_groupings(sao_tome, date(2025, 1, 1))}
    ever = {m.grouping.code for m in selectors.government_groupings(sao_tome)}
    assert "ldc" not in now
    assert {"ldc", "ldc_2020", "african_group", "sids"} <= ever


def test_an_unknown_grouping_has_no_members(loaded_registry):
    assert selectors.grouping_members_on("no-such-grouping", date(2020, 1, 1)).count() == 0
