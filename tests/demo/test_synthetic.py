"""Synthetic demo reports: reproducible, rule-abiding and plausibly varied (no Django)."""

import ast
import json
import statistics
from datetime import date
from itertools import product
from pathlib import Path

import pytest

from cbap.bch.answers import normalize
from cbap.bch.questionnaire import questionnaire_from_json
from cbap.bch.validation import validate
from cbap.demo import synthetic
from cbap.demo.synthetic import (
    DEADLINES,
    GovernmentProfile,
    generate_reports,
    propensity,
)

DATA = Path(__file__).resolve().parents[2] / "cbap" / "bch" / "data" / "bch"
NR4 = questionnaire_from_json(json.loads((DATA / "nr4-questions.json").read_text()), cycle=4)
NR5 = questionnaire_from_json(json.loads((DATA / "nr5-questions.json").read_text()), cycle=5)
MAPPING = json.loads((DATA / "nr5-nr4-mapping.json").read_text())
REGIONS = ("African Group", "Asia-Pacific Group", "Eastern European Group", "GRULAC", "WEOG")


def make_governments(count=200):
    """`count` made-up governments: two-letter codes, regions in turn, 1 in 8 not a Party,
    1 in 5 an LDC and 1 in 7 a SIDS."""
    codes = ["".join(pair) for pair in product("abcdefghijklmnopqrstuvwxyz", repeat=2)]
    return [
        GovernmentProfile(
            code_iso2=codes[i].upper(),
            region=REGIONS[i % len(REGIONS)],
            is_party=i % 8 != 7,
            ldc=i % 5 == 1,
            sids=i % 7 == 3,
        )
        for i in range(count)
    ]


GOVERNMENTS = make_governments()
PROFILES = {g.code_iso2.lower(): g for g in GOVERNMENTS}


def by_government(reports):
    return {r["government"]["identifier"]: r for r in reports}


@pytest.fixture(scope="module")
def cycles():
    nr4 = generate_reports(NR4, GOVERNMENTS, seed=42)
    nr5 = generate_reports(NR5, GOVERNMENTS, seed=42, previous=by_government(nr4), mapping=MAPPING)
    return nr4, nr5


def answers_of(report):
    return {k: v for k, v in report.items() if k.startswith("Q")}


def yes_share(reports, keys=None):
    """The share of "true" among the yes/no answers of the reports (per report, averaged)."""
    shares = []
    for report in reports:
        values = [
            answer["value"]
            for key, answer in answers_of(report).items()
            if isinstance(answer, dict) and answer.get("value") in ("true", "false")
            and (keys is None or key in keys)
        ]  # fmt: skip
        if values:
            shares.append(values.count("true") / len(values))
    return statistics.mean(shares)


# --------------------------------------------------------------------------------------------


def test_it_gives_the_same_reports_for_the_same_seed(cycles):
    nr4, nr5 = cycles
    again4 = generate_reports(NR4, GOVERNMENTS, seed=42)
    again5 = generate_reports(NR5, GOVERNMENTS, seed=42, previous=by_government(again4),
                              mapping=MAPPING)  # fmt: skip
    assert json.dumps(again4) == json.dumps(nr4)
    assert json.dumps(again5) == json.dumps(nr5)


def test_it_gives_other_reports_for_another_seed(cycles):
    nr4, _ = cycles
    assert generate_reports(NR4, GOVERNMENTS, seed=43) != nr4


def test_it_does_not_depend_on_the_order_of_the_governments(cycles):
    nr4, _ = cycles
    reversed_ = generate_reports(NR4, GOVERNMENTS[::-1], seed=42)
    assert reversed_ == nr4[::-1]


@pytest.mark.parametrize("cycle", [4, 5])
def test_every_generated_report_respects_every_rule_and_option(cycles, cycle):
    questionnaire, reports = (NR4, cycles[0]) if cycle == 4 else (NR5, cycles[1])
    assert reports
    for report in reports:
        assert validate(questionnaire, answers_of(report), require_mandatory=True) == [], report[
            "government"
        ]


def test_it_writes_analyzer_feed_objects_flagged_synthetic(cycles):
    for reports, cycle in zip(cycles, (4, 5), strict=True):
        ids = [r["documentId"] for r in reports]
        assert len(set(ids)) == len(ids)
        assert all(isinstance(i, int) and i // 100000 == cycle for i in ids)
        for report in reports:
            assert list(report)[:4] == ["government", "documentId", "synthetic", "submittedOn"]
            assert report["synthetic"] is True
            assert report["government"]["identifier"] in PROFILES
            date.fromisoformat(report["submittedOn"])


def test_it_numbers_documents_in_submission_order(cycles):
    for reports in cycles:
        ordered = sorted(reports, key=lambda r: r["documentId"])
        dates = [r["submittedOn"] for r in ordered]
        assert dates == sorted(dates)


def test_most_parties_report_and_a_few_non_parties_do(cycles):
    for reports in cycles:
        reporting = set(by_government(reports))
        parties = [code for code, g in PROFILES.items() if g.is_party]
        others = [code for code, g in PROFILES.items() if not g.is_party]
        party_share = sum(code in reporting for code in parties) / len(parties)
        other_count = sum(code in reporting for code in others)
        assert 0.75 <= party_share <= 0.95
        assert 1 <= other_count <= len(others) * 0.3


def test_it_answers_the_party_question_from_the_profile(cycles):
    nr4, _ = cycles
    for report in nr4:
        profile = PROFILES[report["government"]["identifier"]]
        assert report["Q012_party"] == {"value": "true" if profile.is_party else "false"}


def test_stronger_regions_answer_yes_more_often(cycles):
    for reports in cycles:
        share = {
            region: yes_share([r for r in reports
                               if PROFILES[r["government"]["identifier"]].region == region])
            for region in REGIONS
        }  # fmt: skip
        assert share["WEOG"] > share["African Group"] + 0.08
        assert max(share, key=share.get) == "WEOG"


def test_least_developed_countries_answer_yes_less_often(cycles):
    nr4, _ = cycles
    ldc = [r for r in nr4 if PROFILES[r["government"]["identifier"]].ldc]
    others = [r for r in nr4 if not PROFILES[r["government"]["identifier"]].ldc]
    assert yes_share(ldc) < yes_share(others)


def test_propensity_reflects_region_and_development_and_grows_with_the_cycle():
    def mean(region, **flags):
        return statistics.mean(
            propensity(GovernmentProfile(f"{i:02d}", region, **flags), seed=1, cycle=4)
            for i in range(100)
        )

    assert mean("WEOG") > mean("GRULAC") > mean("African Group")
    assert mean("African Group", ldc=True) < mean("African Group")
    assert mean("GRULAC", sids=True) < mean("GRULAC")
    assert mean("Nowhere") == pytest.approx(mean("Asia-Pacific Group"), abs=0.03)
    profile = GOVERNMENTS[0]
    assert propensity(profile, seed=1, cycle=5) >= propensity(profile, seed=1, cycle=4)
    assert 0.05 <= propensity(profile, seed=1, cycle=4) <= 0.95


def mapped_pairs(nr4, nr5):
    """(government, NR5 value, NR4 value translated) for mapped single-choice answers."""
    previous = by_government(nr4)
    pairs = []
    for entry in MAPPING["mappings"]:
        current, earlier = entry["current"], entry["previous"]
        translate = entry["valueMapping"] or {}
        question = NR5.questions.get(current)
        if question is None or question.multiple or not question.options:
            continue
        for report in nr5:
            code = report["government"]["identifier"]
            if current in report and code in previous and earlier in previous[code]:
                old = previous[code][earlier].get("value")
                pairs.append((code, report[current]["value"], translate.get(old, old), current))
    return pairs


def test_the_fifth_report_is_slightly_better_than_the_fourth(cycles):
    nr4, nr5 = cycles
    pairs = [p for p in mapped_pairs(nr4, nr5) if {p[1], p[2]} <= {"true", "false"}]
    now = sum(p[1] == "true" for p in pairs) / len(pairs)
    before = sum(p[2] == "true" for p in pairs) / len(pairs)
    assert now > before
    assert now - before < 0.25  # slightly


def test_the_fifth_report_echoes_the_same_government_s_fourth(cycles):
    nr4, nr5 = cycles
    pairs = mapped_pairs(nr4, nr5)
    own = sum(new == old for _, new, old, _ in pairs) / len(pairs)
    # The same answers paired with another government's previous answer to the same question.
    previous = by_government(nr4)
    codes = sorted(previous)
    shifted = {code: codes[(i + 1) % len(codes)] for i, code in enumerate(codes)}
    entries = {e["current"]: e for e in MAPPING["mappings"]}
    other = []
    for code, new, _, key in pairs:
        entry = entries[key]
        old = previous[shifted[code]].get(entry["previous"], {}).get("value")
        if old is not None:
            other.append(new == (entry["valueMapping"] or {}).get(old, old))
    assert own > statistics.mean(other) + 0.1


def test_submissions_are_mostly_on_time_and_a_few_late(cycles):
    for reports, cycle in zip(cycles, (4, 5), strict=True):
        deadline = DEADLINES[cycle]
        days = [(date.fromisoformat(r["submittedOn"]) - deadline).days for r in reports]
        late = sum(d > 0 for d in days) / len(days)
        assert 0 < late <= 0.25
        assert all(-365 < d < 365 for d in days)


def test_it_uses_the_deadline_it_is_given():
    reports = generate_reports(NR5, GOVERNMENTS[:40], seed=3, deadline=date(2030, 6, 30))
    assert all("2029-06-30" < r["submittedOn"] < "2031-06-30" for r in reports)


def test_it_writes_short_free_texts_marked_synthetic_and_only_sometimes_on_options(cycles):
    texts, options_with_text, options_taking_text = [], 0, 0
    for questionnaire, reports in zip((NR4, NR5), cycles, strict=True):
        for report in reports:
            for key, raw in answers_of(report).items():
                question = questionnaire.questions[key]
                answer = normalize(question, raw)
                if question.type in ("lstring", "lstringRte"):
                    texts.append(answer.text)
                for value in answer.values:
                    if question.option(value).takes_text:
                        options_taking_text += 1
                        options_with_text += value in answer.with_text
                if answer.values and answer.text:
                    texts.append(answer.text)
    assert texts
    assert all(text.startswith("[synthetic] ") and len(text) < 120 for text in texts)
    assert 0.3 < options_with_text / options_taking_text < 0.95


def test_it_fills_percentages_that_add_up_to_one_hundred(cycles):
    _, nr5 = cycles
    shares = [[item["additionalInformation"] for item in r["Q027"]] for r in nr5 if "Q027" in r]
    assert shares
    assert all(sum(s) == 100 and min(s) >= 1 for s in shares)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"governments": [GOVERNMENTS[0], GOVERNMENTS[0]]}, "appears twice"),
        ({"questionnaire": questionnaire_from_json(
            json.loads((DATA / "nr4-questions.json").read_text()), cycle=9)}, "no known deadline"),
    ],
)  # fmt: skip
def test_it_refuses_what_it_cannot_generate(kwargs, message):
    arguments = {"questionnaire": NR4, "governments": GOVERNMENTS[:3], "seed": 1, **kwargs}
    with pytest.raises(ValueError, match=message):
        generate_reports(**arguments)


def test_it_accepts_a_plain_key_mapping_and_plain_answer_dicts_as_previous():
    nr4 = generate_reports(NR4, GOVERNMENTS[:30], seed=5)
    previous = {r["government"]["identifier"].upper(): answers_of(r) for r in nr4}
    plain = {e["current"]: e["previous"] for e in MAPPING["mappings"]}
    nr5 = generate_reports(NR5, GOVERNMENTS[:30], seed=5, previous=previous, mapping=plain)
    for report in nr5:
        assert validate(NR5, answers_of(report), require_mandatory=True) == []


def test_the_generator_stays_plain_python():
    source = Path(synthetic.__file__).read_text(encoding="utf-8")
    roots = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    assert roots & {"django", "rest_framework"} == set()
