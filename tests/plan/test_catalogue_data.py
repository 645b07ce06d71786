"""The CP-10/4 Action Plan catalogue (cbap/plan/data/cp-10-4.json) against its source text.

Pure Python: no Django. The source is the decision CBD/CP/MOP/DEC/10/4 as extracted
from the PDF, with its markup (italic asterisks, footnote markers) stripped and its
whitespace folded; the appendix table is interleaved across columns and pages, so texts
are checked as "a few verbatim chunks of the source, in order" (see `chunks_in_source`).
"""

import json
import pathlib
import re
from functools import cache

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
DATA = REPO / "cbap/plan/data/cp-10-4.json"
SOURCE = REPO / "cbap/plan/data/source/CBD-CP-MOP-DEC-10-4.txt"

MAX_CHUNKS = 3
ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"]
LETTERS = "abcdefghijklmnopqrstuvwxyz"
EXPECTED_GOALS = [
    "A.1",
    "A.2",
    "A.3",
    "A.4",
    "A.5",
    "A.6",
    "A.7",
    "A.8",
    "A.9",
    "A.10",
    "B.1",
    "B.2",
    "B.3",
    "B.4",
]
# goal -> (key areas, activities, indicators, outcomes), as counted in the decision's appendix
PER_GOAL = {
    "A.1": (2, 2, 2, 1),
    "A.2": (2, 2, 3, 2),
    "A.3": (2, 3, 3, 1),
    "A.4": (1, 1, 1, 1),
    "A.5": (5, 5, 6, 2),
    "A.6": (2, 3, 4, 1),
    "A.7": (1, 1, 2, 1),
    "A.8": (4, 3, 4, 2),
    "A.9": (2, 4, 4, 2),
    "A.10": (5, 6, 6, 1),
    "B.1": (4, 4, 5, 2),
    "B.2": (3, 3, 4, 2),
    "B.3": (5, 7, 7, 1),
    "B.4": (3, 2, 2, 2),
}


def fold(text):
    return " ".join(text.split())


def strip_markup(text):
    """Remove what the PDF extraction added around the words: italic asterisks
    ("*Urges*"), the reissue mark ("^{*}") and footnote markers ("Biosafety²")."""
    text = text.replace("^{*}", "")
    text = re.sub(r"\*([^*\n]+)\*", r"\1", text)
    return re.sub("[¹²³⁴⁵⁶⁷⁸⁹⁰]", "", text)


CATALOGUE = json.loads(DATA.read_text(encoding="utf-8"))
FOLDED_SOURCE = fold(strip_markup(SOURCE.read_text(encoding="utf-8")))
GOALS = {goal["code"]: goal for goal in CATALOGUE["goals"]}


def chunks_in_source(text, source=FOLDED_SOURCE, max_chunks=MAX_CHUNKS):
    """Split `text` into the fewest verbatim chunks of `source` that occur in order.

    Greedy, longest prefix found first, backtracking to shorter prefixes when the
    rest cannot be covered. Each chunk is taken at its earliest occurrence after the
    previous chunk, which is never worse for what follows. Returns the list of
    chunks, or None when the text needs more than `max_chunks` chunks.
    """
    words = fold(text).split(" ")

    @cache
    def cover(start, position, budget):
        if start == len(words):
            return ()
        if budget == 0:
            return None
        found = []
        for end in range(start + 1, len(words) + 1):
            at = source.find(" ".join(words[start:end]), position)
            if at < 0:
                break  # a longer prefix cannot be found if this one is not
            found.append((end, at))
        for end, at in reversed(found):
            chunk = " ".join(words[start:end])
            rest = cover(end, at + len(chunk), budget - 1)
            if rest is not None:
                return (chunk,) + rest
        return None

    result = cover(0, 0, max_chunks)
    return None if result is None else list(result)


def all_texts():
    """(label, text) for every text in the catalogue that must come from the decision."""
    for goal in CATALOGUE["goals"]:
        code = goal["code"]
        yield code, goal["title"]
        for item in goal["key_areas"]:
            yield f"{code}.{item['number']}", item["text"]
        for item in goal["activities"]:
            yield f"{code}.{item['number']}", item["text"]
        for item in goal["indicators"]:
            yield f"{code}.{item['letter']}", item["text"]
        for number, outcome in enumerate(goal["outcomes"], 1):
            yield f"{code}.o{number}", outcome
    for paragraph in CATALOGUE["narrative"]:
        yield paragraph["code"], paragraph["text"]
    for name, terms in CATALOGUE["vocabularies"].items():
        for term in terms:
            yield f"vocabularies.{name}.{term}", term


ALL_TEXTS = list(all_texts())


# --- the version and the frame ------------------------------------------------------


def test_it_describes_decision_cp_10_4():
    version = CATALOGUE["version"]
    assert version["code"] == "CP-10/4"
    assert version["decision"] == "CP-10/4"
    assert version["document"] == "CBD/CP/MOP/DEC/10/4"
    assert version["adopted_on"] == "2022-12-19"
    assert version["runs_to"] == 2030
    assert (
        version["title"] == "Capacity-building Action Plan for the Cartagena Protocol on Biosafety"
    )
    assert version["note"] == "Reissued for technical reasons on 16 November 2023."


def test_the_version_facts_are_stated_in_the_source():
    for fact in [
        "CBD/CP/MOP/DEC/10/4",
        "19 December 2022",
        "Reissued for technical reasons on 16 November 2023.",
        "covers the same period as the Implementation Plan, up to 2030",
    ]:
        assert fact in FOLDED_SOURCE


def test_it_has_the_five_columns_of_the_appendix_in_order():
    assert [column["key"] for column in CATALOGUE["columns"]] == [
        "goals",
        "key_areas",
        "activities",
        "indicators",
        "outcomes",
    ]
    assert [column["title"] for column in CATALOGUE["columns"]] == [
        "Goals",
        "Key areas for capacity-building",
        "Capacity-building activities",
        "Indicators",
        "Outcomes",
    ]


def test_each_column_meaning_is_the_parenthesised_gloss_in_the_table_header():
    for column in CATALOGUE["columns"]:
        assert f"({column['meaning']})" in FOLDED_SOURCE


def test_it_has_sections_a_and_b():
    assert CATALOGUE["sections"] == [
        {"code": "A", "title": "Areas for implementation"},
        {"code": "B", "title": "Enabling environment"},
    ]


def test_section_titles_occur_in_the_source_despite_the_pdf_splitting_words():
    # The extraction breaks these two headers mid-word ("implem entation", "Enabli ng"),
    # so only here spaces are ignored altogether.
    squeezed = "".join(FOLDED_SOURCE.split())
    for section in CATALOGUE["sections"]:
        assert f"{section['code']}.{''.join(section['title'].split())}" in squeezed


# --- counts ---------------------------------------------------------------------------


def test_it_has_14_goals():
    assert len(CATALOGUE["goals"]) == 14


def test_it_has_41_key_areas():
    assert sum(len(goal["key_areas"]) for goal in CATALOGUE["goals"]) == 41


def test_it_has_46_activities():
    assert sum(len(goal["activities"]) for goal in CATALOGUE["goals"]) == 46


def test_it_has_53_indicators():
    assert sum(len(goal["indicators"]) for goal in CATALOGUE["goals"]) == 53


def test_it_has_21_outcome_statements():
    assert sum(len(goal["outcomes"]) for goal in CATALOGUE["goals"]) == 21


@pytest.mark.parametrize("code", EXPECTED_GOALS)
def test_each_goal_has_its_own_number_of_items(code):
    goal = GOALS[code]
    counted = (
        len(goal["key_areas"]),
        len(goal["activities"]),
        len(goal["indicators"]),
        len(goal["outcomes"]),
    )
    assert counted == PER_GOAL[code]


# --- codes and order ------------------------------------------------------------------


def test_goals_are_a_1_to_a_10_then_b_1_to_b_4_in_order():
    assert [goal["code"] for goal in CATALOGUE["goals"]] == EXPECTED_GOALS


def test_each_goal_code_is_its_section_and_number():
    for goal in CATALOGUE["goals"]:
        assert goal["code"] == f"{goal['section']}.{goal['number']}"
        assert goal["section"] in {section["code"] for section in CATALOGUE["sections"]}


def test_key_areas_are_numbered_1_2_3_in_order_within_each_goal():
    for goal in CATALOGUE["goals"]:
        assert [item["number"] for item in goal["key_areas"]] == [
            str(n) for n in range(1, len(goal["key_areas"]) + 1)
        ]


def test_activities_are_numbered_i_ii_iii_in_order_within_each_goal():
    for goal in CATALOGUE["goals"]:
        assert [item["number"] for item in goal["activities"]] == ROMAN[: len(goal["activities"])]


def test_indicators_are_lettered_a_b_c_in_order_within_each_goal():
    for goal in CATALOGUE["goals"]:
        assert [item["letter"] for item in goal["indicators"]] == list(
            LETTERS[: len(goal["indicators"])]
        )


def test_every_item_code_is_unique():
    codes = [goal["code"] for goal in CATALOGUE["goals"]]
    for goal in CATALOGUE["goals"]:
        codes += [f"{goal['code']}.{item['number']}" for item in goal["key_areas"]]
        codes += [f"{goal['code']}.{item['number']}" for item in goal["activities"]]
        codes += [f"{goal['code']}.{item['letter']}" for item in goal["indicators"]]
        codes += [f"{goal['code']}.o{n}" for n in range(1, len(goal["outcomes"]) + 1)]
    codes += [paragraph["code"] for paragraph in CATALOGUE["narrative"]]
    assert len(codes) == len(set(codes))


def test_the_narrative_has_the_title_the_preamble_operative_paragraphs_1_to_7_and_annex_paragraphs_1_to_24():
    codes = [paragraph["code"] for paragraph in CATALOGUE["narrative"]]
    assert codes[0] == "decision.title"
    preamble = [c for c in codes if c.startswith("decision.preamble.")]
    assert preamble == ["decision.preamble.chapeau"] + [
        f"decision.preamble.{n}" for n in range(1, 8)
    ]
    assert [c for c in codes if re.fullmatch(r"decision\.\d+", c)] == [
        f"decision.{n}" for n in range(1, 8)
    ]
    assert [c for c in codes if c.startswith("annex.")] == [f"annex.{n}" for n in range(1, 25)]


def test_narrative_parts_match_their_codes():
    for paragraph in CATALOGUE["narrative"]:
        expected = paragraph["code"].split(".")[0]
        if paragraph["code"].startswith("decision.preamble."):
            expected = "preamble"
        assert paragraph["part"] == expected


def test_annex_paragraphs_carry_their_chapter_heading():
    annex = {p["number"]: p for p in CATALOGUE["narrative"] if p["part"] == "annex"}
    assert annex["1"]["heading"] == "I. PURPOSE OF THE CAPACITY-BUILDING ACTION PLAN"
    assert annex["3"]["heading"].startswith(
        "II. LINKAGE WITH THE KUNMING-MONTREAL GLOBAL BIODIVERSITY FRAMEWORK"
    )
    assert annex["12"]["heading"] == "III. STRUCTURE OF THE CAPACITY-BUILDING ACTION PLAN"
    assert annex["13"]["subheading"] == "Capacity-building providers and target audiences"
    assert "subheading" not in annex["12"]
    assert annex["24"]["heading"] == "VII. ROLE OF THE SECRETARIAT"
    for paragraph in annex.values():
        assert paragraph["heading"] in FOLDED_SOURCE
        if "subheading" in paragraph:
            assert paragraph["subheading"] in FOLDED_SOURCE


# --- measures, scopes and articles ----------------------------------------------------


def test_indicators_starting_with_percentage_measure_a_percentage():
    for goal in CATALOGUE["goals"]:
        for item in goal["indicators"]:
            if item["text"].startswith("Percentage"):
                assert item["measure"] == "percentage"


def test_indicators_starting_with_number_measure_a_number():
    for goal in CATALOGUE["goals"]:
        for item in goal["indicators"]:
            if item["text"].startswith("Number"):
                assert item["measure"] == "number"


def test_every_indicator_is_either_a_percentage_or_a_number():
    measures = [item["measure"] for goal in CATALOGUE["goals"] for item in goal["indicators"]]
    assert set(measures) == {"percentage", "number"}
    assert measures.count("number") == 4  # A.2.b, A.5.c, A.6.b, A.9.b


def test_a_10_items_after_the_supplementary_protocol_marker_are_scoped_to_it():
    goal = GOALS["A.10"]
    scope = {item["number"]: item["scope"] for item in goal["key_areas"]}
    assert scope == {
        "1": "all",
        "2": "supplementary_protocol",
        "3": "supplementary_protocol",
        "4": "supplementary_protocol",
        "5": "supplementary_protocol",
    }
    scope = {item["number"]: item["scope"] for item in goal["activities"]}
    assert scope == {
        "i": "all",
        "ii": "supplementary_protocol",
        "iii": "supplementary_protocol",
        "iv": "supplementary_protocol",
        "v": "supplementary_protocol",
        "vi": "supplementary_protocol",
    }


def test_a_10_indicator_a_is_for_all_parties_and_b_to_f_for_supplementary_protocol_parties():
    scope = {item["letter"]: item["scope"] for item in GOALS["A.10"]["indicators"]}
    assert scope == {
        "a": "all",
        "b": "supplementary_protocol",
        "c": "supplementary_protocol",
        "d": "supplementary_protocol",
        "e": "supplementary_protocol",
        "f": "supplementary_protocol",
    }


def test_everything_outside_a_10_is_scoped_to_all_parties():
    for goal in CATALOGUE["goals"]:
        if goal["code"] == "A.10":
            continue
        for kind in ("key_areas", "activities", "indicators"):
            assert {item["scope"] for item in goal[kind]} == {"all"}, goal["code"]


def test_the_supplementary_protocol_marker_is_not_part_of_any_text():
    for label, text in ALL_TEXTS:
        assert "For Parties to the Supplementary Protocol" not in text, label


def test_articles_are_those_the_goal_title_cites():
    assert {code: goal["articles"] for code, goal in GOALS.items() if goal["articles"]} == {
        "A.7": [18],
        "A.9": [26],
        "B.2": [28],
        "B.3": [23],
    }
    for goal in CATALOGUE["goals"]:
        cited = [int(n) for n in re.findall(r"Article (\d+)", goal["title"])]
        assert goal["articles"] == cited


# --- verbatim -------------------------------------------------------------------------


def test_the_chunk_helper_finds_a_text_split_across_a_page_break():
    source = "alpha beta gamma | other column | delta epsilon"
    assert chunks_in_source("alpha beta gamma delta epsilon", source) == [
        "alpha beta gamma",
        "delta epsilon",
    ]


def test_the_chunk_helper_backtracks_from_a_longest_prefix_found_too_late():
    source = "one *two* three four | one two three"
    assert chunks_in_source("one two three four", source) == ["one", "two", "three four"]


def test_the_chunk_helper_refuses_words_out_of_order_or_missing():
    source = "alpha beta gamma delta"
    assert chunks_in_source("gamma delta alpha beta", source) is None
    assert chunks_in_source("alpha beta zeta", source) is None
    assert chunks_in_source("alpha gamma beta delta", source, max_chunks=3) is None


@pytest.mark.parametrize("label,text", ALL_TEXTS, ids=[label for label, _ in ALL_TEXTS])
def test_every_text_occurs_in_the_source_in_at_most_3_chunks(label, text):
    assert chunks_in_source(text) is not None


def test_every_text_is_folded_and_trimmed():
    for label, text in ALL_TEXTS:
        assert text == fold(text) and text, label


def test_table_items_have_no_marker_and_no_list_punctuation():
    for goal in CATALOGUE["goals"]:
        items = (
            [goal["title"]]
            + goal["outcomes"]
            + [
                item["text"]
                for kind in ("key_areas", "activities", "indicators")
                for item in goal[kind]
            ]
        )
        for text in items:
            assert not re.match(r"\(\w+\)", text), text
            assert not re.match(r"[AB]\.\d+\.", text), text
            assert not text.endswith((";", ".", ",")), text


def test_no_footnote_markers_or_italic_asterisks_remain():
    for label, text in ALL_TEXTS:
        assert not re.search("[*¹²³⁴⁵⁶⁷⁸⁹⁰]", text), label


def test_a_5_key_area_5_keeps_the_decisions_own_spelling():
    assert GOALS["A.5"]["key_areas"][4]["text"] == (
        "Parties have qualified staff to undertake caseby-case risk assessment and risk management"
    )


def test_b_1_indicator_a_is_verbatim():
    assert GOALS["B.1"]["indicators"][0]["text"] == (
        "Percentage of Parties that have carried out a self-assessment of capacity-building needs and priorities"
    )


def test_a_5_goal_title_is_rejoined_across_the_page_break():
    assert GOALS["A.5"]["title"] == (
        "Parties carry out scientifically sound risk assessments of living modified organisms (LMOs), "
        "and manage and control identified risks to prevent adverse effects of LMOs on the conservation "
        "and sustainable use of biological diversity taking also into account risks to human health"
    )


def test_a_8_key_area_2_is_rejoined_across_the_page_break():
    assert GOALS["A.8"]["key_areas"][1]["text"] == (
        "Strengthening sampling, detection and identification capacities of officials and laboratory staff"
    )


def test_a_9_activity_iv_and_indicator_d_are_rejoined_across_the_page_break():
    assert GOALS["A.9"]["activities"][3]["text"] == (
        "Establish research and information exchange cooperation on any socioeconomic considerations "
        "arising from the impacts of LMOs on the conservation and sustainable use of biodiversity, "
        "especially on indigenous peoples and local communities, with academia, other stakeholders "
        "and indigenous peoples and local communities"
    )
    assert GOALS["A.9"]["indicators"][3]["text"] == (
        "Percentage of Parties that established collaborations with academia that have the experience "
        "needed in socioeconomic evaluations and with indigenous peoples and local communities"
    )


def test_a_2_outcomes_are_two_statements():
    assert GOALS["A.2"]["outcomes"] == [
        "BCH facilitates the availability and exchange of biosafety-related information and enables "
        "Parties to take informed decisions",
        "BCH is used as the reference information platform for biosafety-related information",
    ]


def test_a_8_second_outcome_comes_from_the_continuation_page_without_its_final_full_stop():
    assert GOALS["A.8"]["outcomes"][1] == (
        "By sharing information and quality assurance programmes in laboratory networks, accurate, "
        "robust and reliable analytical results and efficient procedures are promoted"
    )


def test_the_decision_keeps_its_own_typos():
    texts = [text for _, text in ALL_TEXTS]
    assert GOALS["A.6"]["indicators"][0]["text"].startswith("Percentages of Parties")
    assert GOALS["A.4"]["activities"][0]["text"].endswith("identified issues of noncompliance")
    assert any("caseby-case" in text for text in texts)


def test_operative_paragraph_4_loses_its_italic_asterisks():
    paragraph = next(p for p in CATALOGUE["narrative"] if p["code"] == "decision.4")
    assert paragraph["text"].startswith("Urges Parties and invites other Governments")


def test_operative_paragraph_5_loses_its_footnote_marker():
    paragraph = next(p for p in CATALOGUE["narrative"] if p["code"] == "decision.5")
    assert paragraph["text"] == (
        "Decides that the baseline for the Capacity-building Action Plan shall "
        "comprise information gathered in the fourth reporting cycle;"
    )


def test_annex_paragraph_17_is_rejoined_across_the_page_break():
    paragraph = next(p for p in CATALOGUE["narrative"] if p["code"] == "annex.17")
    assert (
        "for the period 2011–2020, also adopted in 2010, included elements on liability"
        in paragraph["text"]
    )
    assert paragraph["text"].endswith("entered into force on 5 March 2018.")


# --- vocabularies ---------------------------------------------------------------------


def test_levels_are_those_of_annex_paragraph_13():
    assert CATALOGUE["vocabularies"]["levels"] == ["national", "regional", "global"]
    assert "at the national, regional and global levels" in FOLDED_SOURCE


def test_target_audiences_are_those_of_annex_paragraph_15_in_order():
    audiences = CATALOGUE["vocabularies"]["target_audiences"]
    assert audiences == [
        "policymakers",
        "administrative authorities",
        "laboratory technicians",
        "customs officers",
    ]
    assert (
        "could include " + ", ".join(audiences[:-1]) + " and " + audiences[-1] + ", among others"
        in FOLDED_SOURCE
    )


def test_actors_are_those_of_annex_paragraph_14_in_order():
    actors = CATALOGUE["vocabularies"]["actors"]
    assert len(actors) == 13
    assert actors[0] == "relevant national authorities and institutions"
    assert actors[-1] == "the Secretariat"
    listed = (
        "The actors may include, among others, "
        + ", ".join(actors[:-1])
        + ", and "
        + actors[-1]
        + "."
    )
    assert listed in FOLDED_SOURCE
