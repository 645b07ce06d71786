"""The reference data of national reports: cycles, questions, options, rules and the mapping."""

import io
import json
import re
import shutil
from datetime import date

import pytest
import yaml
from django.apps import apps

from cbap.bch import reference
from cbap.bch.questionnaire import questionnaire_from_json
from cbap.reports import selectors, services
from cbap.reports.models import Question, QuestionMapping, ReportingCycle

pytestmark = pytest.mark.django_db


def walk(question_set):
    """Every entry of a BCH question set with its section, depth first (sub-questions after
    their sub-section), read straight from the JSON."""
    for section in question_set["sections"]:
        stack = [(entry, "") for entry in reversed(section.get("questions") or [])]
        while stack:
            entry, parent = stack.pop()
            yield section, entry, parent
            stack += [(child, entry["key"]) for child in reversed(entry.get("questions") or [])]


def test_it_loads_the_fourth_and_fifth_cycles_with_their_roles(cycles):
    nr4, nr5 = cycles[4], cycles[5]
    assert (nr4.schema, nr4.deadline, nr4.role) == (
        "cpbNationalReport4",
        date(2019, 10, 1),
        "baseline",
    )
    assert (nr5.schema, nr5.deadline, nr5.role) == (
        "cpbNationalReport5",
        date(2026, 2, 28),
        "midterm",
    )
    assert nr5.previous == nr4 and nr4.previous is None
    assert nr5.questionnaire["report"] == "cpbNationalReport5"
    assert len(nr5.questionnaire_hash) == 64


@pytest.mark.parametrize("number,entries", [(4, 220), (5, 237)])
def test_it_reproduces_every_question_option_and_rule(cycles, question_sets, number, entries):
    stored = {q.key: q for q in Question.objects.filter(cycle=cycles[number])}
    walked = list(walk(question_sets[number]))
    assert len(walked) == len(stored) == entries
    for position, (section, entry, parent) in enumerate(walked):
        question = stored[entry["key"]]
        assert question.position == position
        assert question.section_key == section["key"]
        assert question.section_title == section["title"]
        assert question.parent_key == parent
        assert question.type == entry["type"]
        assert question.title == entry.get("title", "")
        assert question.number == str(entry.get("number") or "")
        assert question.multiple == entry.get("multiple", False)
        assert question.mandatory == entry.get("mandatory", False)
        assert question.options == entry.get("options", [])
        assert question.rules == entry.get("validations", [])


def test_it_counts_the_options_and_rules_of_the_bch_files(cycles, question_sets):
    for number in (4, 5):
        walked = [entry for _, entry, _ in walk(question_sets[number])]
        rows = Question.objects.filter(cycle=cycles[number])
        assert sum(len(q.options) for q in rows) == sum(len(e.get("options", [])) for e in walked)
        assert sum(len(q.rules) for q in rows) == sum(len(e.get("validations", [])) for e in walked)
    assert Question.objects.get(cycle=cycles[5], key="Q010").rules == [
        {"question": "Q010_adq", "type": "@hasValues", "values": ["true"], "trigger": "visible"}
    ]


def test_it_is_idempotent_and_keeps_row_identity(cycles, cycle_specs):
    ids = sorted(Question.objects.values_list("pk", flat=True))
    mapping_ids = sorted(QuestionMapping.objects.values_list("pk", flat=True))
    lines = services.reference_data_load(specs=cycle_specs)
    assert all(": unchanged," in line for line in lines), lines
    assert sorted(Question.objects.values_list("pk", flat=True)) == ids
    assert sorted(QuestionMapping.objects.values_list("pk", flat=True)) == mapping_ids
    assert ReportingCycle.objects.count() == 2


def test_a_changed_question_set_updates_its_questions_in_place(cycles, cycle_specs):
    spec = cycle_specs[1]
    data = json.loads(json.dumps(spec.questionnaire))
    data["sections"][0]["questions"][0]["title"] = "Edited"
    before = Question.objects.get(cycle=cycles[5], key="Q007").pk
    changed = reference.CycleSpec(**{**spec.__dict__, "questionnaire": data})
    cycle, outcome = services.cycle_load(spec=changed)
    assert outcome == "updated"
    assert Question.objects.get(cycle=cycle, key="Q007").pk == before
    assert Question.objects.get(cycle=cycle, key="Q007").title == "Edited"
    assert selectors.questionnaire_for(cycle).questions["Q007"].title == "Edited"


def test_questionnaire_for_parses_once_per_question_set_version(nr5):
    first = selectors.questionnaire_for(nr5)
    assert selectors.questionnaire_for(ReportingCycle.objects.get(number=5)) is first
    assert first.cycle == 5 and "Q124" in first.questions


def test_the_setup_hook_loads_the_reference_data(no_preloaded_cycles):
    out = io.StringIO()
    apps.get_app_config("reports").load_reference_data(out)
    assert "Fifth national report (NR5): created, 237 entries, 179 mapped to NR4" in out.getvalue()


def test_a_sixth_cycle_is_a_data_file_and_a_row(db, tmp_path, question_sets):
    """Nothing in the code knows the cycles: a new row and a new question set load."""
    data_dir = tmp_path / "data"
    shutil.copytree(reference.DATA_DIR, data_dir)
    nr6 = json.loads(json.dumps(question_sets[5]))
    nr6["report"] = "cpbNationalReport6"
    (data_dir / "bch/nr6-questions.json").write_text(json.dumps(nr6))
    (data_dir / "bch/nr6-nr5-mapping.json").write_text(
        json.dumps({"mappings": [{"current": "Q007", "previous": "Q007", "valueMapping": None}]})
    )
    with (data_dir / "cycles.csv").open("a") as handle:
        handle.write(
            "6,cpbNationalReport6,Sixth national report,2030-02-28,,,5,"
            "bch/nr6-questions.json,bch/nr6-nr5-mapping.json\n"
        )
    specs = reference.cycle_specs(data_dir / "cycles.csv", data_dir / "mapping-cautions.yaml")
    services.reference_data_load(specs=specs)
    nr6_cycle = ReportingCycle.objects.get(number=6)
    assert nr6_cycle.previous.number == 5
    assert nr6_cycle.questions.count() == 237
    assert list(nr6_cycle.mappings.values_list("key", "previous_key")) == [("Q007", "Q007")]
    assert selectors.questionnaire_for(nr6_cycle).schema == "cpbNationalReport6"


# ------------------------------------------------------------------------------------------
# The mapping NR5 -> NR4
# ------------------------------------------------------------------------------------------


def test_it_loads_every_mapped_pair_of_two_existing_questions(nr5, cycle_specs):
    bch = reference.read_json("bch/nr5-nr4-mapping.json")["mappings"]
    nr5_keys = set(nr5.questions.values_list("key", flat=True))
    nr4_keys = set(nr5.previous.questions.values_list("key", flat=True))
    expected = {
        (m["current"], m["previous"])
        for m in bch
        if m["current"] in nr5_keys and m["previous"] in nr4_keys
    }
    assert set(nr5.mappings.values_list("key", "previous_key")) == expected
    assert len(expected) == 179
    assert cycle_specs[1].skipped_mappings[0] == "Q001←Q001"  # general information, no question


def test_it_keeps_the_bch_value_mappings_and_the_reviewed_additions(nr5):
    q131 = nr5.mappings.get(key="Q131")
    assert q131.value_mapping == {"0": "none", "5-": "1+", "5+": "5+", "na": "false.na"}
    q082 = nr5.mappings.get(key="Q082")
    assert q082.value_mapping == {"other": "5B6177DD-5E5E-434E-8CB7-D63D67D5EBED"}
    assert q082.equivalent


@pytest.mark.parametrize(
    "key,previous_key,words",
    [
        ("Q124", "Q136", "prioritized"),
        ("Q011", "Q018", "qualified staff"),
        ("Q012", "Q019", "qualified staff"),
        ("Q088", "Q101", "current reporting period"),
        ("Q161", "Q172", "several"),
    ],
)
def test_non_equivalent_pairs_carry_a_caution(nr5, key, previous_key, words):
    mapping = nr5.mappings.get(key=key)
    assert mapping.previous_key == previous_key
    assert not mapping.equivalent
    assert words in mapping.caution


def test_editorial_changes_keep_a_pair_equivalent(nr5):
    for key in ("Q023", "Q013", "Q102_a", "Q118", "Q007"):
        mapping = nr5.mappings.get(key=key)
        assert mapping.equivalent and not mapping.caution


def plain(title: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", title or "").split())


def test_every_pair_whose_wording_or_options_changed_was_reviewed_once(nr5):
    """A pair whose title (with its sub-section heading), options, type or multiplicity differ
    must be either a caution or a reviewed editorial change in mapping-cautions.yaml."""
    reviewed = yaml.safe_load(reference.CAUTIONS_FILE.read_text())[5]
    listed = [c["key"] for c in reviewed["cautions"]]
    listed += [key for group in reviewed["equivalent"] for key in group["keys"]]
    assert len(listed) == len(set(listed)), "a pair is listed twice"
    current = {q.key: q for q in nr5.questions.all()}
    previous = {q.key: q for q in nr5.previous.questions.all()}

    def described(question, questions):
        parent = questions[question.parent_key].title if question.parent_key else ""
        options = [(o["value"], o["title"]) for o in question.options]
        return (plain(parent), plain(question.title), options, question.type, question.multiple)

    changed = {
        m.key
        for m in nr5.mappings.all()
        if described(current[m.key], current) != described(previous[m.previous_key], previous)
    }
    assert changed == set(listed)
    non_equivalent = set(nr5.mappings.filter(equivalent=False).values_list("key", flat=True))
    assert non_equivalent == {c["key"] for c in reviewed["cautions"]}


def test_a_caution_for_a_pair_the_bch_does_not_map_is_refused(tmp_path):
    cautions = tmp_path / "cautions.yaml"
    cautions.write_text(
        yaml.safe_dump({5: {"cautions": [{"key": "Q124", "previous_key": "Q999", "caution": "x"}]}})
    )
    with pytest.raises(ValueError, match="no such mapped pair"):
        reference.cycle_specs(reference.CYCLES_FILE, cautions)


def test_the_loaded_questionnaire_is_the_pure_one(nr4, question_sets):
    pure = questionnaire_from_json(question_sets[4], cycle=4)
    loaded = selectors.questionnaire_for(nr4)
    assert list(loaded.questions) == list(pure.questions)
    assert loaded.questions["Q136"] == pure.questions["Q136"]
