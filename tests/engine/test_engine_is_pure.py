"""The engine must stay plain Python so that it can be tested, reused and reasoned about
without a database or settings: no module of it imports Django (checked in its source), and
importing all of it loads neither Django nor any cbap module outside cbap.engine, however
indirectly (checked in a fresh interpreter)."""

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import cbap.engine

ENGINE = Path(cbap.engine.__file__).parent
FORBIDDEN = {"django", "rest_framework"}
MODULES = sorted(ENGINE.rglob("*.py"))


def imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def test_it_finds_the_engine_modules():
    assert {path.name for path in MODULES} >= {"facts.py", "stats.py", "conditions.py"}


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(ENGINE)))
def test_it_imports_neither_django_nor_rest_framework(path):
    assert imported_roots(path) & FORBIDDEN == set()


ENGINE_MODULES = sorted(
    ".".join(("cbap", "engine", *path.relative_to(ENGINE).with_suffix("").parts)).removesuffix(
        ".__init__"
    )
    for path in MODULES
)
PROBE = """
import importlib, json, sys
for name in json.loads(sys.argv[1]):
    importlib.import_module(name)
print(json.dumps(sorted(sys.modules)))
"""


def loaded_by_importing(names: list[str]) -> set[str]:
    """Every module a fresh interpreter holds after importing `names`: nothing the test run
    imported already can hide an indirect import."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(names)],
        capture_output=True,
        text=True,
        check=True,
        env={key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"},
        cwd=ENGINE.parents[1],
    )
    return set(json.loads(result.stdout))


def outside_the_engine(modules: set[str]) -> list[str]:
    """Django, rest_framework, and any cbap module but cbap.engine's own."""
    return sorted(
        name
        for name in modules
        if name.split(".")[0] in FORBIDDEN
        or (name.split(".")[0] == "cbap" and name != "cbap" and name.split(".")[1] != "engine")
    )


def test_importing_every_engine_module_loads_no_django_and_no_other_cbap_module():
    loaded = loaded_by_importing(ENGINE_MODULES)
    assert set(ENGINE_MODULES) <= loaded
    assert "cbap.engine.indicators" in ENGINE_MODULES
    assert outside_the_engine(loaded) == []


def test_the_import_check_would_see_a_cbap_module_pulling_django_in():
    loaded = loaded_by_importing(["cbap.engine.stats", "cbap.indicators.wording"])
    assert "cbap.indicators.wording" in outside_the_engine(loaded)
    assert "django" in outside_the_engine(loaded_by_importing(["django.utils.text"]))
