"""Checks that a package of plain Python stays plain: no module of it imports Django (read in its
source), and importing all of it loads neither Django nor any cbap module outside the package,
however indirectly (seen in a fresh interpreter). Shared by the `engine` and `bch` tests."""

import ast
import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

FORBIDDEN = {"django", "rest_framework"}
PROBE = """
import importlib, json, sys
for name in json.loads(sys.argv[1]):
    importlib.import_module(name)
print(json.dumps(sorted(sys.modules)))
"""


def source_files(package: str) -> list[Path]:
    return sorted(Path(importlib.import_module(package).__file__).parent.rglob("*.py"))


def module_names(package: str) -> list[str]:
    """The dotted name of every module of `package`, the package itself included."""
    root = Path(importlib.import_module(package).__file__).parent
    return sorted(
        ".".join((package, *path.relative_to(root).with_suffix("").parts)).removesuffix(".__init__")
        for path in source_files(package)
    )


def imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def loaded_by_importing(names: list[str]) -> set[str]:
    """Every module a fresh interpreter holds after importing `names`: nothing the test run
    imported already can hide an indirect import."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(names)],
        capture_output=True,
        text=True,
        check=True,
        env={key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"},
        cwd=Path(__file__).resolve().parents[1],
    )
    return set(json.loads(result.stdout))


def outside(package: str, modules: set[str]) -> list[str]:
    """Django, rest_framework, and any cbap module but `package`'s own (e.g. "cbap.engine")."""
    return sorted(
        name
        for name in modules
        if name.split(".")[0] in FORBIDDEN
        or (name.startswith("cbap.") and not (name == package or name.startswith(package + ".")))
    )
