"""The BCH format library must stay plain Python, like the engine and for the same reasons: no
module of it imports Django (checked in its source), and importing all of it loads neither
Django nor any cbap module outside cbap.bch, the engine included (checked in a fresh
interpreter), so that the format and the maths stay independent of the apps and of each other."""

from pathlib import Path

import pytest

import cbap.bch
from tests.purity import FORBIDDEN, imported_roots, loaded_by_importing, module_names, outside

BCH = Path(cbap.bch.__file__).parent
MODULES = sorted(BCH.rglob("*.py"))
BCH_MODULES = module_names("cbap.bch")


def test_it_finds_the_bch_modules():
    assert {path.name for path in MODULES} >= {"questionnaire.py", "rules.py", "answers.py"}


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(BCH)))
def test_it_imports_neither_django_nor_rest_framework(path):
    assert imported_roots(path) & FORBIDDEN == set()


def test_importing_every_bch_module_loads_no_django_and_no_other_cbap_module():
    loaded = loaded_by_importing(BCH_MODULES)
    assert set(BCH_MODULES) <= loaded
    assert "cbap.bch.validation" in BCH_MODULES
    assert outside("cbap.bch", loaded) == []


def test_the_import_check_would_see_the_engine_or_django_pulled_in():
    loaded = loaded_by_importing(["cbap.bch.text", "cbap.engine.facts"])
    assert "cbap.engine.facts" in outside("cbap.bch", loaded)
    assert "django" in outside("cbap.bch", loaded_by_importing(["django.utils.text"]))
