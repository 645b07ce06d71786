"""The analyzer's selectors on a small world whose tables are computed by hand below.

Two regions and nine governments; NR5 (deadline 2026-02-28) maps to NR4 (2019-10-01).

gov  region  Party  NR5 report                 Q1    Q2 (multiple)    Q3_a  NR4: P1 (→Q1)  P2
AAA  Africa  yes    published (LDC, SP)        yes   law, reg         yes   no             law
BBB  Africa  yes    published (LDC)            some  law, other+text  no    partly→some    law, reg
CCC  Africa  yes    none (non-reporter)        -     -                -     yes            -
FFF  Africa  yes    draft only: never counted  (no)  -                -     -              -
DDD  Europe  yes    published (SP)             yes   reg              yes   yes            reg
EEE  Europe  yes    published                  no    (law: n/a)       no    partly→some    -
GGG  Europe  yes    published rev. 1, newer    some  -                -     -              -
                    draft (Q1 no) not counted
XXX  Europe  no     published                  yes   law              -     (draft)        -
ZZZ  none    yes    published                  no    -                -     -              -

Q2 is enabled only when Q1 is not "no", so EEE's Q2 answer does not count.
P1 ↔ Q1 is equivalent (value mapping partly → some); P2 ↔ Q2 is not (a caution); Q3_a has no
mapping.
"""

from datetime import date

import pytest

from cbap.analyzer import analysis
from cbap.analyzer.columns import BY_FIXED, NO_REGION, OTHERS, SUPPLEMENTARY_UNKNOWN
from cbap.analyzer.query import AnalyzerError, AnswerFilter, Choices, choices_from_query
from cbap.bch.reference import content_hash
from cbap.parties.models import Government, Grouping, GroupingMembership, ProtocolMembership
from cbap.records.models import Revision, Status
from cbap.reports.models import NationalReport, QuestionMapping, ReportingCycle

YES_NO = [{"value": "yes", "title": "Yes"}, {"value": "no", "title": "No"}]

NR5_QUESTIONS = {
    "report": "testNationalReport5",
    "sections": [
        {
            "key": "General",
            "title": "General provisions",
            "questions": [
                {
                    "key": "Q1",
                    "type": "option",
                    "title": "Are national measures in place?",
                    "options": [
                        {"value": "yes", "title": "Yes"},
                        {"value": "some", "title": "Yes, to some extent"},
                        {"value": "no", "title": "No"},
                    ],
                    "validations": [
                        {
                            "type": "@hasValuesExcept",
                            "values": ["no"],
                            "question": "Q2",
                            "trigger": "enable",
                        }
                    ],
                },
                {
                    "key": "Q2",
                    "type": "option",
                    "multiple": True,
                    "title": "Which instruments? (select all that apply)",
                    "options": [
                        {"value": "law", "title": "Laws"},
                        {"value": "reg", "title": "Regulations"},
                        {"value": "other", "title": "Other:", "type": "lstring"},
                    ],
                },
            ],
        },
        {
            "key": "Staff",
            "title": "Staff",
            "questions": [
                {
                    "key": "Q3",
                    "type": "sub-section",
                    "title": "Staff of the competent authority",
                    "questions": [
                        {
                            "key": "Q3_a",
                            "type": "option",
                            "title": "Is there qualified staff?",
                            "options": YES_NO,
                        },
                        {"key": "Q3_b", "type": "lstring", "title": "Describe the staff."},
                    ],
                }
            ],
        },
    ],
}

NR4_QUESTIONS = {
    "report": "testNationalReport4",
    "sections": [
        {
            "key": "General",
            "title": "General provisions",
            "questions": [
                {
                    "key": "P1",
                    "type": "option",
                    "title": "Are national measures in place?",
                    "options": [
                        {"value": "yes", "title": "Yes"},
                        {"value": "partly", "title": "Partly"},
                        {"value": "no", "title": "No"},
                    ],
                },
                {
                    "key": "P2",
                    "type": "option",
                    "multiple": True,
                    "title": "Which instruments?",
                    "options": [
                        {"value": "law", "title": "Laws"},
                        {"value": "reg", "title": "Regulations"},
                    ],
                },
            ],
        }
    ],
}

CAUTION = "NR4 offered no “Other” instruments, so the shares are not directly comparable."

NR5_REPORTS = {
    # code: (answers, status, published)
    "AAA": {
        "Q1": {"value": "yes"},
        "Q2": [{"value": "law"}, {"value": "reg"}],
        "Q3_a": {"value": "yes"},
        "Q3_b": {"value": {"en": "Two staff.", "fr": "Deux personnes."}},
    },
    "BBB": {
        "Q1": {"value": "some"},
        "Q2": [{"value": "law"}, {"value": "other", "additionalInformation": {"en": "Decrees"}}],
        "Q3_a": {"value": "no"},
    },
    "DDD": {"Q1": {"value": "yes"}, "Q2": [{"value": "reg"}], "Q3_a": {"value": "yes"}},
    "EEE": {"Q1": {"value": "no"}, "Q2": [{"value": "law"}], "Q3_a": {"value": "no"}},
    "XXX": {"Q1": {"value": "yes"}, "Q2": [{"value": "law"}]},
    "ZZZ": {"Q1": {"value": "no"}},
}

NR4_REPORTS = {
    "AAA": {"P1": {"value": "no"}, "P2": [{"value": "law"}]},
    "BBB": {"P1": {"value": "partly"}, "P2": [{"value": "law"}, {"value": "reg"}]},
    "CCC": {"P1": {"value": "yes"}},
    "DDD": {"P1": {"value": "yes"}, "P2": [{"value": "reg"}]},
    "EEE": {"P1": {"value": "partly"}},
}

REGIONS = {"AAA": "africa", "BBB": "africa", "CCC": "africa", "FFF": "africa"}
REGIONS |= {"DDD": "weog", "EEE": "weog", "GGG": "weog", "XXX": "weog"}
PARTIES = ["AAA", "BBB", "CCC", "DDD", "EEE", "FFF", "GGG", "ZZZ"]

AFRICA, EUROPE, NONE, TOTAL = "African Group", "WEOG", NO_REGION, "Total"
THIRD = 100 / 3


def build_world(synthetic: bool = False) -> dict:
    """The governments, registry facts, both cycles, the mapping and the reports above."""
    governments = {
        code: Government.objects.create(code=code, iso3=code, iso2=code[:2], name=f"Land {code}")
        for code in ["AAA", "BBB", "CCC", "DDD", "EEE", "FFF", "GGG", "XXX", "ZZZ"]
    }
    for code in PARTIES:
        ProtocolMembership.objects.create(
            government=governments[code],
            protocol="cartagena",
            entry_into_force_on=date(2003, 9, 11),
        )
    for code in ["AAA", "DDD"]:
        ProtocolMembership.objects.create(
            government=governments[code],
            protocol="supplementary",
            entry_into_force_on=date(2018, 3, 5),
        )
    africa = Grouping.objects.create(code="africa", name=AFRICA, kind="region", position=0)
    weog = Grouping.objects.create(code="weog", name=EUROPE, kind="region", position=1)
    ldc = Grouping.objects.create(code="ldc", name="Least developed countries", kind="ldc")
    for code, region in REGIONS.items():
        grouping = africa if region == "africa" else weog
        GroupingMembership.objects.create(grouping=grouping, government=governments[code])
    for code in ["AAA", "BBB"]:
        GroupingMembership.objects.create(grouping=ldc, government=governments[code])

    nr4 = ReportingCycle.objects.create(
        number=4,
        schema="testNationalReport4",
        title="Fourth national report",
        deadline=date(2019, 10, 1),
        questionnaire=NR4_QUESTIONS,
        questionnaire_hash=content_hash(NR4_QUESTIONS),
    )
    nr5 = ReportingCycle.objects.create(
        number=5,
        schema="testNationalReport5",
        title="Fifth national report",
        deadline=date(2026, 2, 28),
        previous=nr4,
        questionnaire=NR5_QUESTIONS,
        questionnaire_hash=content_hash(NR5_QUESTIONS),
    )
    QuestionMapping.objects.create(
        cycle=nr5, key="Q1", previous_key="P1", value_mapping={"partly": "some"}
    )
    QuestionMapping.objects.create(
        cycle=nr5, key="Q2", previous_key="P2", equivalent=False, caution=CAUTION
    )

    def report(cycle, code, answers, **fields):
        fields = {"status": Status.PUBLISHED, "version": 1, "published_version": 1, **fields}
        return NationalReport.objects.create(
            cycle=cycle,
            government=governments[code],
            answers=answers,
            is_synthetic=synthetic,
            **fields,
        )

    for code, answers in NR5_REPORTS.items():
        report(nr5, code, answers)
    # a draft that was never published, and a published report with a newer draft
    report(nr5, "FFF", {"Q1": {"value": "no"}}, status=Status.DRAFT, published_version=None)
    newer = report(nr5, "GGG", {"Q1": {"value": "no"}}, status=Status.DRAFT, version=2)
    Revision.objects.create(
        record=newer,
        number=1,
        status=Status.PUBLISHED,
        content={"answers": {"Q1": {"value": "some"}}, "submitted_on": None},
    )
    for code, answers in NR4_REPORTS.items():
        report(nr4, code, answers)
    report(nr4, "XXX", {"P1": {"value": "yes"}}, status=Status.DRAFT, published_version=None)
    return {"nr4": nr4, "nr5": nr5, "governments": governments}


@pytest.fixture
def world(no_preloaded_cycles):
    return build_world()


def run(question="Q1", **choices) -> analysis.Analysis:
    return analysis.analyze(Choices(cycle=5, question=question, **choices))


def table(question="Q1", **choices):
    result = run(question, **choices)
    return next(r for r in result.results if r.key == question).table


def cells(result_table) -> dict:
    return {row.value: dict(row.cells) for row in result_table.rows}


# ------------------------------------------------------------------------------------------
# Tables by hand
# ------------------------------------------------------------------------------------------


def test_it_counts_each_answer_by_region_with_a_column_for_governments_in_none(world):
    q1 = table(measure="count")
    assert q1.columns == (AFRICA, EUROPE, NONE, TOTAL)
    assert cells(q1) == {
        "yes": {AFRICA: 1, EUROPE: 2, NONE: 0, TOTAL: 3},
        "some": {AFRICA: 1, EUROPE: 1, NONE: 0, TOTAL: 2},
        "no": {AFRICA: 0, EUROPE: 1, NONE: 1, TOTAL: 2},
    }


def test_it_counts_only_governments_that_answered_and_never_drafts(world):
    q1 = table()
    # FFF's draft is not counted; GGG counts with its published revision ("some"), not its draft
    assert q1.respondents == {AFRICA: 2, EUROPE: 4, NONE: 1, TOTAL: 7}
    assert q1.parties == {AFRICA: 4, EUROPE: 3, NONE: 1, TOTAL: 8}


@pytest.mark.parametrize(
    ("measure", "expected"),
    [
        ("row", {AFRICA: THIRD, EUROPE: 2 * THIRD, NONE: 0.0, TOTAL: 100.0}),
        ("column", {AFRICA: 50.0, EUROPE: 50.0, NONE: 0.0, TOTAL: 300 / 7}),
        ("overall", {AFRICA: 100 / 7, EUROPE: 200 / 7, NONE: 0.0, TOTAL: 300 / 7}),
        # XXX is not a Party: its "yes" does not count; CCC (no report) and FFF (draft) stay in N
        ("parties", {AFRICA: 25.0, EUROPE: THIRD, NONE: 0.0, TOTAL: 25.0}),
    ],
)
def test_it_gives_each_measure_of_the_answer_yes(world, measure, expected):
    assert cells(table(measure=measure))["yes"] == pytest.approx(expected)


def test_it_counts_a_multiple_choice_answer_once_per_option_and_skips_answers_that_do_not_apply(
    world,
):
    q2 = table("Q2")
    assert cells(q2) == {
        "law": {AFRICA: 2, EUROPE: 1, NONE: 0, TOTAL: 3},
        "reg": {AFRICA: 1, EUROPE: 1, NONE: 0, TOTAL: 2},
        "other": {AFRICA: 1, EUROPE: 0, NONE: 0, TOTAL: 1},
    }
    # EEE answered Q1 "no", which disables Q2: its Q2 answer does not count
    assert q2.respondents == {AFRICA: 2, EUROPE: 2, NONE: 0, TOTAL: 4}
    # the BCH's % by column is of ticks: Africa AAA law, reg, BBB law, other; Europe DDD reg,
    # XXX law
    assert cells(table("Q2", measure="column"))["law"] == {
        AFRICA: 50.0,
        EUROPE: 50.0,
        NONE: None,  # nobody there answered: no fake zero
        TOTAL: 50.0,
    }
    assert table("Q2", measure="column").ticks == {AFRICA: 4, EUROPE: 2, NONE: 0, TOTAL: 6}
    # cbap's % of responding governments is of the governments that answered
    assert cells(table("Q2", measure="respondents"))["law"] == {
        AFRICA: 100.0,
        EUROPE: 50.0,
        NONE: None,
        TOTAL: 75.0,
    }


def test_it_tabulates_a_sub_section_question_and_shows_it_under_its_heading(world):
    result = run("Q3")
    assert [(r.key, r.kind) for r in result.results] == [
        ("Q3", "heading"),
        ("Q3_a", "choice"),
        ("Q3_b", "text"),
    ]
    q3a = result.results[1]
    assert q3a.parent.key == "Q3"
    assert cells(q3a.table) == {
        "yes": {AFRICA: 1, EUROPE: 1, NONE: 0, TOTAL: 2},
        "no": {AFRICA: 1, EUROPE: 1, NONE: 0, TOTAL: 2},
    }


def test_it_takes_a_whole_section_or_every_question(world):
    assert [r.key for r in run("section:General").results] == ["Q1", "Q2"]
    assert [r.key for r in run("all").results] == ["Q1", "Q2", "Q3", "Q3_a", "Q3_b"]


def test_it_collects_free_text_per_government(world):
    result = run("all")
    texts = {r.key: [(t.government, t.option, t.text) for t in r.texts] for r in result.tables}
    assert texts["Q2"] == [("BBB", "Other", "Decrees")]
    assert texts["Q3_b"] == [("AAA", "", "Two staff.")]  # English preferred
    q3b = next(r for r in result.tables if r.key == "Q3_b")
    assert q3b.table.respondents[TOTAL] == 1
    # the BCH's one "answered" row
    assert cells(q3b.table) == {"answered": {AFRICA: 1, EUROPE: 0, NONE: 0, TOTAL: 1}}
    assert [line.label for line in q3b.main_lines][0] == "Answered"
    assert q3b.main_lines[0].filter == ""  # a free text is no answer to filter on


# ------------------------------------------------------------------------------------------
# Columns
# ------------------------------------------------------------------------------------------


def test_it_puts_parties_and_non_parties_in_columns(world):
    q1 = table(by="party-status")
    assert q1.columns == ("Parties", "Non-Parties", TOTAL)
    assert cells(q1)["yes"] == {"Parties": 2, "Non-Parties": 1, TOTAL: 3}
    assert q1.parties == {"Parties": 8, "Non-Parties": 0, TOTAL: 8}


def test_it_puts_a_grouping_beside_the_other_governments(world):
    q1 = table(by="ldc", measure="parties")
    assert q1.columns == ("Least developed countries", OTHERS, TOTAL)
    assert cells(q1)["yes"] == pytest.approx(
        {"Least developed countries": 50.0, OTHERS: 100 / 6, TOTAL: 25.0}
    )


def test_it_uses_supplementary_protocol_parties_on_the_deadline(world):
    q1 = table(by="supplementary")
    assert cells(q1)["yes"] == {BY_FIXED["supplementary"]: 2, OTHERS: 1, TOTAL: 3}


def test_it_puts_an_unknown_supplementary_membership_in_its_own_column(world):
    # Undated and not ruled out on the deadline: neither a Party nor one of the others.
    ProtocolMembership.objects.create(
        government=world["governments"]["BBB"], protocol="supplementary"
    )
    q1 = table(by="supplementary")
    assert q1.columns == (BY_FIXED["supplementary"], SUPPLEMENTARY_UNKNOWN, OTHERS, TOTAL)
    assert cells(q1)["some"] == {  # BBB; GGG's published version
        BY_FIXED["supplementary"]: 0,
        SUPPLEMENTARY_UNKNOWN: 1,
        OTHERS: 1,
        TOTAL: 2,
    }


def test_it_gives_chosen_countries_a_column_each(world):
    q1 = table(by="countries:aaa, EEE")
    assert q1.columns == ("Land AAA", "Land EEE", TOTAL)
    assert cells(q1)["no"] == {"Land AAA": 0, "Land EEE": 1, TOTAL: 1}


def test_it_lists_the_countries_of_each_column(world):
    entries = run().column_members()
    africa = entries[0]
    assert [m["code"] for m in africa["members"]] == ["AAA", "BBB", "CCC", "FFF"]
    assert africa["parties"] == 4 and africa["reported"] == 2
    assert [m["code"] for m in entries[2]["members"]] == ["ZZZ"]


# ------------------------------------------------------------------------------------------
# Cross-filters
# ------------------------------------------------------------------------------------------


def test_it_restricts_every_question_to_the_governments_that_gave_an_answer(world):
    result = run("all", filters=(AnswerFilter("Q1", "yes"),))
    assert result.governments == {"AAA", "DDD", "XXX"}
    q2 = next(r for r in result.results if r.key == "Q2").table
    assert cells(q2) == {
        "law": {AFRICA: 1, EUROPE: 1, NONE: 0, TOTAL: 2},
        "reg": {AFRICA: 1, EUROPE: 1, NONE: 0, TOTAL: 2},
        "other": {AFRICA: 0, EUROPE: 0, NONE: 0, TOTAL: 0},
    }
    assert q2.respondents == {AFRICA: 1, EUROPE: 2, NONE: 0, TOTAL: 3}
    # the Parties measure then divides by the Parties the filter keeps (XXX is not one)
    assert q2.parties == {AFRICA: 1, EUROPE: 1, NONE: 0, TOTAL: 2}


def test_it_combines_filters(world):
    filters = (AnswerFilter("Q1", "yes"), AnswerFilter("Q3_a", "yes"))
    result = run("Q2", filters=filters)
    assert result.governments == {"AAA", "DDD"}
    assert cells(result.results[0].table)["law"] == {AFRICA: 1, EUROPE: 0, NONE: 0, TOTAL: 1}
    assert [chip["title"] for chip in result.filter_chips()] == ["Q1: Yes", "Q3_a: Yes"]


def test_a_filter_link_adds_the_answer_and_a_chip_removes_it(world):
    result = run("Q2", filters=(AnswerFilter("Q1", "yes"),))
    law = result.results[0].main_lines[0]
    assert law.filter == (
        "?cycle=5&question=Q2&by=region&measure=count&filter=Q1%3Ayes&filter=Q2%3Alaw"
    )
    assert result.filter_chips()[0]["remove"] == "?cycle=5&question=Q2&by=region&measure=count"


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ("Q9:yes", "Q9 is not a choice question of NR5"),
        ("Q3_b:yes", "Q3_b is not a choice question"),
        ("Q1:maybe", "'maybe' is not an answer to Q1; its answers: yes, some, no"),
    ],
)
def test_it_refuses_a_filter_that_does_not_fit_the_cycle(world, filters, message):
    with pytest.raises(AnalyzerError, match=message):
        run(filters=(AnswerFilter.parse(filters),))


def test_it_reads_filters_written_either_way():
    assert AnswerFilter.parse("Q011=true") == AnswerFilter.parse(" Q011:true ")
    assert AnswerFilter.parse("Q1:a:b") == AnswerFilter("Q1", "a:b")
    with pytest.raises(AnalyzerError, match="QUESTION:ANSWER"):
        AnswerFilter.parse("Q011")


# ------------------------------------------------------------------------------------------
# Comparison with the previous cycle
# ------------------------------------------------------------------------------------------


def shifts(comparison, part: str) -> dict:
    return {
        row.value: {
            name: (shift.now, shift.before, shift.delta)
            for name, shift in getattr(row, part).items()
        }
        for row in comparison.rows
    }


def test_it_compares_the_cross_section_through_the_value_mapping(world):
    result = run(compare=4, measure="column").results[0]
    assert (result.previous_key, result.equivalent, result.warning) == ("P1", True, "")
    got = shifts(result.comparison, "cross_section")
    # NR4: Africa AAA no, BBB partly→some, CCC yes; Europe DDD yes, EEE partly→some
    assert got["yes"][AFRICA] == pytest.approx((50.0, THIRD, 50.0 - THIRD))
    assert got["some"][EUROPE] == pytest.approx((25.0, 50.0, -25.0))
    assert got["no"][TOTAL] == pytest.approx((200 / 7, 20.0, 200 / 7 - 20.0))
    assert got["yes"][NONE] == (0.0, None, None)  # nobody there reported NR4
    assert result.comparison.respondents_before == {AFRICA: 3, EUROPE: 2, NONE: 0, TOTAL: 5}


def test_it_compares_the_panel_of_governments_that_answered_both_times(world):
    result = run(compare=4, measure="column").results[0]
    assert result.comparison.panel_size == {AFRICA: 2, EUROPE: 2, NONE: 0, TOTAL: 4}
    got = shifts(result.comparison, "panel")
    # panel AAA yes←no, BBB some←some, DDD yes←yes, EEE no←some
    assert got["yes"][AFRICA] == (50.0, 0.0, 50.0)
    assert got["some"][EUROPE] == (0.0, 50.0, -50.0)
    assert got["yes"][TOTAL] == (50.0, 25.0, 25.0)
    assert got["no"][TOTAL] == (25.0, 25.0, 0.0)


def test_it_warns_on_a_pair_that_is_not_equivalent_and_where_no_mapping_exists(world):
    results = {r.key: r for r in run("all", compare=4, measure="column").tables}
    q2 = results["Q2"]
    assert not q2.equivalent
    assert q2.warning == f"Not directly comparable: Q2 and NR4 P2 are not equivalent. {CAUTION}"
    # of ticks: 3 of 6 now; AAA, BBB of 4 ticks (AAA law; BBB law, reg; DDD reg) before
    assert shifts(q2.comparison, "cross_section")["law"][TOTAL] == pytest.approx((50.0, 50.0, 0.0))
    assert results["Q3_a"].comparison is None
    assert results["Q3_a"].warning == (
        "No NR4 question is mapped to Q3_a: there is nothing to compare with."
    )


def test_it_compares_counts_in_governments(world):
    result = run(compare=4, measure="count").results[0]
    got = shifts(result.comparison, "cross_section")
    # yes: AAA / XXX, DDD now; CCC / DDD in NR4 (XXX's NR4 report is a draft)
    assert got["yes"] == {AFRICA: (1, 1, 0), EUROPE: (2, 1, 1), NONE: (0, 0, 0), TOTAL: (3, 2, 1)}
    assert shifts(result.comparison, "panel")["yes"][TOTAL] == (2, 1, 1)  # AAA, DDD / DDD
    assert result.comparison.delta_unit == "governments"


def test_it_compares_shares_of_all_parties_over_each_cycles_own_parties(world):
    # XXX became a Party after the NR4 deadline: N grows from 8 to 9, WEOG from 3 to 4
    ProtocolMembership.objects.create(
        government=world["governments"]["XXX"],
        protocol="cartagena",
        entry_into_force_on=date(2020, 1, 1),
    )
    comparison = run(compare=4, measure="parties").results[0].comparison
    assert comparison.parties_now == {AFRICA: 4, EUROPE: 4, NONE: 1, TOTAL: 9}
    assert comparison.parties_before == {AFRICA: 4, EUROPE: 3, NONE: 1, TOTAL: 8}
    assert comparison.party_respondents_now == {AFRICA: 2, EUROPE: 4, NONE: 1, TOTAL: 7}
    assert comparison.party_respondents_before == {AFRICA: 3, EUROPE: 2, NONE: 0, TOTAL: 5}
    cross = shifts(comparison, "cross_section")
    # yes: AAA of 4 / CCC of 4; DDD, XXX of 4 / DDD of 3; 3 of 9 / 2 of 8
    assert cross["yes"] == {
        AFRICA: pytest.approx((25.0, 25.0, 0.0)),
        EUROPE: pytest.approx((50.0, THIRD, 50.0 - THIRD)),
        NONE: (0.0, 0.0, 0.0),
        TOTAL: pytest.approx((THIRD, 25.0, THIRD - 25.0)),
    }
    # no: EEE, ZZZ of 9 now; AAA of 8 before
    assert cross["no"][NONE] == (100.0, 0.0, 100.0)
    assert cross["no"][TOTAL] == pytest.approx((200 / 9, 12.5, 200 / 9 - 12.5))
    # the panel AAA, BBB, DDD, EEE over the same denominators: yes AAA, DDD / DDD
    panel = shifts(comparison, "panel")
    assert panel["yes"][EUROPE] == pytest.approx((25.0, THIRD, 25.0 - THIRD))
    assert panel["yes"][TOTAL] == pytest.approx((200 / 9, 12.5, 200 / 9 - 12.5))
    assert comparison.panel_parties_now == {AFRICA: 2, EUROPE: 2, NONE: 0, TOTAL: 4}


def test_the_comparison_keeps_to_the_filtered_governments(world):
    result = run(compare=4, filters=(AnswerFilter("Q1", "yes"),)).results[0]
    # AAA, DDD (and XXX, whose NR4 report is a draft)
    assert result.comparison.respondents_before[TOTAL] == 2
    assert result.comparison.panel_size[TOTAL] == 2


@pytest.mark.parametrize(
    ("choices", "message"),
    [
        ({"compare": 3}, "NR5 is mapped to NR4 only"),
        ({"question": "Q9"}, "'Q9' is not a question of NR5"),
        ({"question": "section:Nope"}, "NR5 has no section 'Nope'; its sections: General, Staff"),
        ({"by": "continents"}, "Columns by 'continents' are unknown"),
        ({"by": "countries:AAA,QQQ"}, "No government with the code QQQ"),
    ],
)
def test_it_refuses_choices_that_do_not_fit_the_cycle(world, choices, message):
    with pytest.raises(AnalyzerError, match=message):
        run(**choices)


def test_it_refuses_comparing_a_cycle_without_a_previous_one(world):
    with pytest.raises(AnalyzerError, match="NR4 has no previous cycle"):
        analysis.analyze(Choices(cycle=4, question="P1", compare=3))


# ------------------------------------------------------------------------------------------
# Reading the query string; demo data
# ------------------------------------------------------------------------------------------


def test_it_reads_the_choices_from_a_query_string(world):
    query = {
        "cycle": ["5"],
        "question": ["Q2"],
        "by": ["countries"],
        "countries": ["AAA,BBB"],
        "measure": ["column"],
        "compare": ["4"],
        "filter": ["Q1:yes", "Q1=yes"],
    }
    choices = choices_from_query(query)
    assert choices == Choices(
        cycle=5,
        question="Q2",
        by="countries:AAA,BBB",
        measure="column",
        compare=4,
        filters=(AnswerFilter("Q1", "yes"),),
    )
    assert choices_from_query({"by": "region"}) == Choices(cycle=5), (
        "defaults: latest cycle, all questions, count"
    )


def test_it_says_which_measures_exist():
    with pytest.raises(AnalyzerError, match="measure must be one of count, row"):
        Choices(cycle=5, measure="median")


def test_it_sees_a_report_published_after_an_earlier_analysis(world):
    assert table().respondents[AFRICA] == 2
    NationalReport.objects.create(
        cycle=world["nr5"],
        government=world["governments"]["CCC"],
        answers={"Q1": {"value": "no"}},
        status=Status.PUBLISHED,
        version=1,
        published_version=1,
    )
    assert table().respondents[AFRICA] == 3


def test_it_labels_demo_data_only_when_a_counted_report_is_synthetic(world):
    assert run().synthetic is False
    NationalReport.objects.filter(government__code="XXX").update(is_synthetic=True)
    assert run().synthetic is True
    # the filter keeps only governments with real reports
    assert run(filters=(AnswerFilter("Q1", "no"),)).synthetic is False
