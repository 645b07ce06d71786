"""The date rules of `cbap.parties.registry`, as tables; plain Python, no database."""

import csv
from dataclasses import dataclass
from datetime import date

import pytest

from cbap.parties import reference, registry
from cbap.parties.registry import CARTAGENA, INFORMATION_DATE, SUPPLEMENTARY


@dataclass(frozen=True)
class Row:
    protocol: str
    entry_into_force_on: date | None
    not_before: date | None = None


D = date.fromisoformat


def test_the_information_date_is_the_first_day_of_the_month_the_lists_were_read():
    assert date(2026, 8, 1) == INFORMATION_DATE


@pytest.mark.parametrize(
    "in_force_on, day, expected",
    [
        ("2003-09-11", "2003-09-10", False),  # the day before entry into force
        ("2003-09-11", "2003-09-11", True),  # the day itself counts
        ("2003-09-11", "2030-01-01", True),  # and it stays a Party: no withdrawals recorded
        (None, "2019-10-01", False),  # date unknown: not certainly a Party before the list
        (None, "2026-07-31", False),
        (None, "2026-08-01", True),  # counted from the information date on
        (None, "2027-01-01", True),
    ],
)
def test_a_membership_is_in_force_from_its_date_or_from_the_information_date(
    in_force_on, day, expected
):
    row = Row(CARTAGENA, D(in_force_on) if in_force_on else None)
    assert registry.in_force_on(row, D(day)) is expected


UNDATED = Row(SUPPLEMENTARY, None, not_before=D("2019-02-01"))  # e.g. Belgium


@pytest.mark.parametrize(
    "rows, protocol, expected",
    [
        ([], CARTAGENA, False),  # no membership: a non-Party
        ([Row(CARTAGENA, D("2010-01-01"))], CARTAGENA, True),
        ([Row(CARTAGENA, D("2010-01-01"))], SUPPLEMENTARY, False),
        (
            [Row(CARTAGENA, D("2010-01-01")), Row(SUPPLEMENTARY, D("2018-03-05"))],
            SUPPLEMENTARY,
            True,
        ),
        ([Row(CARTAGENA, D("2021-01-01"))], CARTAGENA, False),  # not yet on the day
        ([UNDATED], SUPPLEMENTARY, None),  # no date, after "not before", before the list: unknown
        ([UNDATED], CARTAGENA, False),
        ([Row(SUPPLEMENTARY, None)], SUPPLEMENTARY, None),  # nothing ruled out: unknown too
    ],
)
def test_membership_looks_only_at_the_protocol_asked_for(rows, protocol, expected):
    assert registry.membership_on(rows, D("2020-01-01"), protocol=protocol) is expected


@pytest.mark.parametrize(
    "day, expected",
    [
        ("2019-01-31", False),  # the sources rule it out
        ("2019-02-01", None),  # from then on nobody can tell
        ("2019-10-01", None),  # the NR4 deadline
        ("2026-02-28", None),  # the NR5 deadline
        ("2026-08-01", True),  # the list vouches for it
    ],
)
def test_an_undated_membership_is_unknown_between_what_is_ruled_out_and_the_list(day, expected):
    assert registry.membership_on([UNDATED], D(day), protocol=SUPPLEMENTARY) is expected


@pytest.mark.parametrize(
    "row, day, expected",
    [
        (Row(SUPPLEMENTARY, None), "2018-03-04", False),  # the protocol was not in force yet
        (Row(SUPPLEMENTARY, None), "2018-03-05", None),
        (Row(SUPPLEMENTARY, None, not_before=D("2010-01-01")), "2018-03-04", False),
        (Row(CARTAGENA, None), "2003-09-10", False),
        (Row(CARTAGENA, None), "2003-09-11", None),
    ],
)
def test_nobody_is_a_party_before_the_protocol_itself_entered_into_force(row, day, expected):
    assert registry.membership_on([row], D(day), protocol=row.protocol) is expected


@pytest.mark.parametrize(
    "protocol, file",
    [
        (CARTAGENA, "cartagena_protocol_parties.csv"),
        (SUPPLEMENTARY, "nkl_supplementary_protocol_parties.csv"),
    ],
)
def test_each_protocol_entered_into_force_on_the_earliest_date_of_its_file(protocol, file):
    with (reference.DATA_DIR / file).open(encoding="utf-8", newline="") as handle:
        dates = [row["entry_into_force_date"] for row in csv.DictReader(handle)]
    assert registry.PROTOCOL_IN_FORCE[protocol] == D(min(filter(None, dates)))


def test_membership_takes_another_information_date_when_given_one():
    day = D("2020-01-01")
    assert registry.membership_on([UNDATED], day, protocol=SUPPLEMENTARY) is None
    rows, protocol = [UNDATED], SUPPLEMENTARY
    assert registry.membership_on(rows, day, protocol=protocol, information_date=day) is True


@pytest.mark.parametrize(
    "in_force_on, date_quality, expected",
    [
        (None, "GAP: no dates in stored sources", "unknown"),
        (None, "", "unknown"),
        ("2020-09-13", "UNVERIFIED: deposit date only from a comment", "unverified"),
        ("2020-09-13", "unverified: lower case too", "unverified"),
        ("2004-11-03", "deposit_date: ECOLEX; entry_into_force_date: computed (Art. 37)", "known"),
        ("2020-01-23", "entry_into_force_date: reported by UzA", "known"),
    ],
)
def test_date_status_says_known_unverified_or_unknown(in_force_on, date_quality, expected):
    assert registry.date_status(D(in_force_on) if in_force_on else None, date_quality) == expected


@pytest.mark.parametrize(
    "valid_from, valid_to, day, expected",
    [
        (None, None, "1990-01-01", True),  # open at both ends
        (None, "2024-12-12", "2024-12-12", True),  # the last day is inclusive
        (None, "2024-12-12", "2024-12-13", False),  # São Tomé and Príncipe graduated that day
        ("2020-01-01", None, "2019-12-31", False),
        ("2020-01-01", None, "2020-01-01", True),
        ("2020-01-01", "2020-12-31", "2021-01-01", False),
    ],
)
def test_grouping_validity_includes_both_ends(valid_from, valid_to, day, expected):
    bounds = [D(v) if v else None for v in (valid_from, valid_to)]
    assert registry.valid_on(*bounds, D(day)) is expected


def test_registry_and_reference_never_import_django():
    import ast
    from pathlib import Path

    for name in ("registry.py", "reference.py"):
        tree = ast.parse((Path(registry.__file__).parent / name).read_text())
        imported = {
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        } | {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert not any(module.startswith(("django", "rest_framework")) for module in imported), name
