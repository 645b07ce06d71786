"""When a government is a Party, and when it belongs to a grouping: the date rules, in plain Python.

No Django here, so the rules read (and test) on their own; `selectors` applies the same rules in
SQL, and a test checks that both agree on every government.

The rule on dates
-----------------
- A Party is a Party to a protocol from the day the protocol enters into force for it
  (`entry_into_force_on`, inclusive), and stays one: the sources record no withdrawal.
- Some Parties have no dates at all: 11 Parties to the Supplementary Protocol are on the list of
  Parties read in August 2026, but no stored source dates their instrument. We never invent a date.
  Such a Party is one on or after `INFORMATION_DATE` (2026-08-01), the first day of the month the
  list was read: the earliest day a source vouches for its being a Party. Before its `not_before`
  (the earliest day the sources leave open, e.g. February 2019), or before the protocol itself
  entered into force (`PROTOCOL_IN_FORCE`), it is not a Party. In between, its membership is
  **unknown** (`membership_on` is None): it is neither counted as a Party nor as a non-Party, and
  everywhere it reads "unknown".
- After the information date the lists are not updated: later accessions are not recorded.

Groupings have validity too: a membership holds from `valid_from` to `valid_to`, both inclusive;
an empty bound is open (a member since before the data, or still a member).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Protocol

CARTAGENA = "cartagena"
SUPPLEMENTARY = "supplementary"
PROTOCOLS = (CARTAGENA, SUPPLEMENTARY)

# The day each protocol entered into force (Art. 37 and Art. 18; see the data README): nobody was
# a Party to it before, whatever its own dates.
PROTOCOL_IN_FORCE = {CARTAGENA: date(2003, 9, 11), SUPPLEMENTARY: date(2018, 3, 5)}

# The month the membership lists were read (the Secretariat's ratification list and the BCH
# party table, "2026-08"); taken at its first day. See cbap/parties/data/README.md.
INFORMATION_DATE = date(2026, 8, 1)

DATE_KNOWN = "known"
DATE_UNVERIFIED = "unverified"
DATE_UNKNOWN = "unknown"


class MembershipRow(Protocol):
    """What the rule needs of a membership; `ProtocolMembership` rows qualify as they are."""

    protocol: str
    entry_into_force_on: date | None
    not_before: date | None


def in_force_on(row: MembershipRow, day: date, information_date: date = INFORMATION_DATE) -> bool:
    """Whether this one membership certainly makes its government a Party on `day`."""
    if row.entry_into_force_on is None:
        return day >= information_date
    return day >= row.entry_into_force_on


def unknown_on(row: MembershipRow, day: date, information_date: date = INFORMATION_DATE) -> bool:
    """Whether nobody can tell if this undated membership was in force on `day`: on or after the
    earliest day the sources leave open, before the list vouches for it."""
    if row.entry_into_force_on is not None or day >= information_date:
        return False
    return day >= _earliest_possible(row)


def _earliest_possible(row: MembershipRow) -> date:
    """The first day an undated membership may have been in force: its `not_before`, and never
    before the protocol itself entered into force."""
    protocol_in_force = PROTOCOL_IN_FORCE[row.protocol]
    return max(row.not_before, protocol_in_force) if row.not_before else protocol_in_force


def membership_on(
    membership_rows: Iterable[MembershipRow],
    day: date,
    *,
    protocol: str = CARTAGENA,
    information_date: date = INFORMATION_DATE,
) -> bool | None:
    """Whether a government with these memberships is a Party to `protocol` on `day`: True,
    False, or None when the sources cannot tell (see the module rule)."""
    rows = [row for row in membership_rows if row.protocol == protocol]
    if any(in_force_on(row, day, information_date) for row in rows):
        return True
    if any(unknown_on(row, day, information_date) for row in rows):
        return None
    return False


def date_status(entry_into_force_on: date | None, date_quality: str) -> str:
    """ "unknown" without a date; "unverified" when the data file tags its dates UNVERIFIED (only
    one source, e.g. Sierra Leone's deposit); "known" otherwise (sourced, or computed from a
    sourced deposit date with the Protocol's entry-into-force article)."""
    if entry_into_force_on is None:
        return DATE_UNKNOWN
    if date_quality.strip().upper().startswith("UNVERIFIED"):
        return DATE_UNVERIFIED
    return DATE_KNOWN


def valid_on(valid_from: date | None, valid_to: date | None, day: date) -> bool:
    """Whether a grouping membership from `valid_from` to `valid_to` (inclusive) holds on `day`."""
    return (valid_from is None or valid_from <= day) and (valid_to is None or day <= valid_to)
