"""The capacity-building records a snapshot keeps: written as data and read back the same,
counted by facet (regions through the countries named), and what a country profile reads."""

from datetime import date

from cbap.engine import gaps
from cbap.engine.capacity import (
    Capacity,
    Listing,
    MatchRef,
    PartyNeeds,
    capacity_data,
    capacity_from_data,
)

AFRICA = frozenset({"KEN", "UGA", "NGA"})
LATIN = frozenset({"BRA", "SLV"})


def capacity() -> Capacity:
    return Capacity(
        day=date(2026, 2, 28),
        listings=(
            Listing("activity", 1, "National workshop", {"goal": ("A.1",), "country": ("KEN",)}),
            Listing(
                "activity",
                2,
                "Regional course",
                {"goal": ("A.1", "A.3"), "key_area": ("A.1.1",), "region": ("african_group",)},
                demo=True,
            ),
            Listing(
                "activity",
                3,
                "Two countries",
                {"goal": ("A.3",), "country": ("KEN", "BRA"), "audience": ("regulators",)},
            ),
            Listing("resource", 9, "Manual", {"goal": ("A.1",), "resource_type": ("manual",)}),
        ),
        needs=(
            PartyNeeds(
                "KEN",
                date(2025, 4, 1),
                {"A.1.1": "high", "A.1.2": "low"},
                confidential=frozenset({"A.1.2"}),
            ),
        ),
        supports=(gaps.Support("A.1.1", "match", frozenset({"KEN"}), delivered=True),),
        matches=(
            MatchRef("KEN", "A.1.1", "delivered", "Offer one"),
            MatchRef("KEN", "A.1.2", "proposed", "Offer two"),
        ),
        groups={"african_group": AFRICA, "grulac": LATIN, "ldc": frozenset({"UGA"})},
        group_names={"african_group": "African Group", "grulac": "GRULAC", "ldc": "LDC"},
        regions=("african_group", "grulac"),
        key_areas=(("A.1.1", "A.1"), ("A.1.2", "A.1"), ("A.3.1", "A.3")),
        parties=AFRICA | LATIN,
    )


def test_the_data_reads_back_as_the_same_capacity():
    kept = capacity()
    assert capacity_from_data(capacity_data(kept)) == kept


def test_a_record_counts_for_the_regions_it_names_and_those_of_its_countries_once():
    kept = capacity()
    counts = kept.counts(kept.of_kind("activity"), "region")
    # 1 names Kenya, 2 the African Group, 3 Kenya and Brazil: Africa three times, GRULAC once
    assert counts == {"african_group": 3, "grulac": 1}
    assert kept.counts(kept.of_kind("activity", goal="A.3"), "audience") == {"regulators": 1}
    assert [listing.id for listing in kept.of_kind("activity", goal="A.1")] == [1, 2]


def test_what_reaches_a_party_and_what_a_profile_may_show_of_its_needs():
    kept = capacity()
    assert [listing.id for listing in kept.reaching("KEN")] == [1, 2, 3]
    assert [listing.id for listing in kept.reaching("UGA")] == [2]  # through its region only
    assert [listing.id for listing in kept.reaching("SLV")] == []
    needs = kept.needs_of("KEN")
    assert needs.shown == {"A.1.1": "high"}  # the confidential line is not shown
    assert kept.needs_of("UGA") is None  # no self-assessment: unknown, not "no need"
    assert len(kept.matches_of("KEN")) == 2 and kept.matches_of("BRA") == []


def test_the_gap_table_counts_confidential_lines_at_their_level():
    cell = capacity().gap_table().cell("A.1.2", gaps.ALL)
    assert (cell.low, cell.parties_assessed) == (1, 1)
    met = capacity().gap_table().cell("A.1.1", gaps.ALL)
    assert (met.high, met.matches_delivered, met.unmet_high) == (1, 1, 0)
