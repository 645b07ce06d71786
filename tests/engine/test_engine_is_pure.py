"""The engine must stay plain Python so that it can be tested, reused and reasoned about
without a database or settings: no module of it imports Django (checked in its source), and
importing all of it loads neither Django nor any cbap module outside cbap.engine, however
indirectly (checked in a fresh interpreter)."""

from pathlib import Path

import pytest

import cbap.engine
from tests.purity import FORBIDDEN, imported_roots, loaded_by_importing, module_names, outside

ENGINE = Path(cbap.engine.__file__).parent
MODULES = sorted(ENGINE.rglob("*.py"))
ENGINE_MODULES = module_names("cbap.engine")


def test_it_finds_the_engine_modules():
    assert {path.name for path in MODULES} >= {"facts.py", "stats.py", "conditions.py"}


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(ENGINE)))
def test_it_imports_neither_django_nor_rest_framework(path):
    assert imported_roots(path) & FORBIDDEN == set()


def test_importing_every_engine_module_loads_no_django_and_no_other_cbap_module():
    loaded = loaded_by_importing(ENGINE_MODULES)
    assert set(ENGINE_MODULES) <= loaded
    assert "cbap.engine.indicators" in ENGINE_MODULES
    assert outside("cbap.engine", loaded) == []


def test_the_import_check_would_see_a_cbap_module_pulling_django_in():
    loaded = loaded_by_importing(["cbap.engine.stats", "cbap.indicators.wording"])
    assert "cbap.indicators.wording" in outside("cbap.engine", loaded)
    assert "django" in outside("cbap.engine", loaded_by_importing(["django.utils.text"]))
