"""The engine must stay plain Python so that it can be tested, reused and reasoned about
without a database or settings."""

import ast
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
