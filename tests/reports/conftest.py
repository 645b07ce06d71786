"""Fixtures of the reports tests: the two cycles, a few governments, people with different rights,
and BCH-shaped answers that validate (the cycles themselves are the whole suite's, preloaded)."""

import json

import pytest

from cbap.accounts.models import Role
from cbap.bch import reference
from cbap.parties.models import Government
from tests.personas import person

GOVERNMENTS = [
    # code, iso2, name
    ("KEN", "KE", "Kenya"),
    ("BRA", "BR", "Brazil"),
    ("DEU", "DE", "Germany"),
    ("EU", "EU", "European Union"),
    ("ARG", "AR", "Argentina"),
]

# A valid NR5 report: single choice with text, multiple choice, a rule-enabled question, text,
# and the numbers of Q027 (an option that takes a whole number).
NR5_ANSWERS = {
    "Q007": {"value": "implementation.partiallyInPlace"},
    "Q010": {"value": "true"},
    "Q010_adq": {"value": "false"},
    "Q011": {"value": "true"},
    "Q012": {"value": "5+"},
    "Q013": {"value": {"en": "Biosafety Act 2009, amended 2022."}},
    "Q008": [
        {"value": "instrument.nationalBiosafetyLaws"},
        {"value": "instrument.biosafetyGuidelines"},
    ],
    "Q016": {"value": "true.some", "additionalInformation": {"en": "Only for plants."}},
    "Q026": {"value": "true"},
    "Q026_adq": {"value": 4},
    "Q027": [
        {"value": "3B9ECE67-B35C-40FF-8C06-4EA5FF762899", "additionalInformation": 60},
        {"value": "6DD1B161-4CDB-4900-BD31-DBB97E86B2AE", "additionalInformation": 40},
    ],
}


@pytest.fixture(scope="session")
def question_sets():
    """The two BCH question-set JSONs as plain data, for tests that walk them independently."""
    return {
        number: json.loads((reference.DATA_DIR / f"bch/nr{number}-questions.json").read_text())
        for number in (4, 5)
    }


@pytest.fixture
def nr4(cycles):
    return cycles[4]


@pytest.fixture
def nr5(cycles):
    return cycles[5]


@pytest.fixture
def governments(db):
    return {
        code: Government.objects.create(
            code=code, iso3=code if len(code) == 3 else "", iso2=iso2, name=name
        )
        for code, iso2, name in GOVERNMENTS
    }


@pytest.fixture
def secretariat(db):
    """A Secretariat administrator (site administrators are superusers)."""
    return person("secretariat@example.org", is_superuser=True)


@pytest.fixture
def focal_point(governments):
    """The national focal point of Kenya."""
    return person("nfp@example.ke", Role.NATIONAL_FOCAL_POINT, party=governments["KEN"])


@pytest.fixture
def national_user(governments):
    """A national authorized user of Kenya: edits drafts, imports nothing."""
    return person("user@example.ke", Role.NATIONAL_USER, party=governments["KEN"])


@pytest.fixture
def feed():
    """A two-report NR5 feed as the BCH serves it (government as lower-case ISO2)."""
    return [
        {"government": {"identifier": "ke"}, "documentId": 501, **NR5_ANSWERS},
        {
            "government": {"identifier": "br"},
            "documentId": 502,
            "Q007": {"value": "implementation.fullInPlace"},
        },
    ]
