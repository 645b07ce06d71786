"""The import contract (`[tool.importlinter]` in pyproject.toml, `lint-imports` in `make test`)
catches what it is meant to: each contract is checked on the real import graph, then on a copy
with one wrong import added."""

import copy
from pathlib import Path

import grimp
import pytest
from importlinter import api
from importlinter.contracts.acyclic_siblings import AcyclicSiblingsContract
from importlinter.contracts.forbidden import ForbiddenContract
from importlinter.contracts.layers import LayersContract

ROOT = Path(__file__).resolve().parents[1]
CONFIG = api.read_configuration(str(ROOT / "pyproject.toml"))
CONTRACT_TYPES = {
    "layers": LayersContract,
    "forbidden": ForbiddenContract,
    "acyclic_siblings": AcyclicSiblingsContract,
}


@pytest.fixture(scope="module")
def graph():
    options = CONFIG["session_options"]  # the TOML booleans, read back as text
    return grimp.build_graph(
        "cbap",
        include_external_packages=options["include_external_packages"] == "True",
        exclude_type_checking_imports=options["exclude_type_checking_imports"] == "True",
        cache_dir=None,
    )


def check(graph, contract_id: str, *added: tuple[str, str]):
    """The contract's verdict on a copy of the graph with the (importer, imported) pairs added."""
    options = next(c for c in CONFIG["contracts_options"] if c["id"] == contract_id)
    contract = CONTRACT_TYPES[options["type"]](
        name=options["name"], session_options=CONFIG["session_options"], contract_options=options
    )
    graph = copy.deepcopy(graph)
    for importer, imported in added:
        graph.add_import(
            importer=importer, imported=imported, line_number=1, line_contents=f"import {imported}"
        )
    return contract.check(graph, verbose=False)


def layer_violations(result) -> set[tuple[str, str]]:
    return {(d["importer"], d["imported"]) for d in result.metadata["invalid_dependencies"]}


def cyclic_packages(result) -> set[str]:
    return set(result.metadata["cycle_breakers_by_package"])


def test_core_importing_reports_breaks_the_layers(graph):
    before = layer_violations(check(graph, "layers"))
    after = check(graph, "layers", ("cbap.core.views", "cbap.reports.models"))
    assert not after.kept
    assert layer_violations(after) - before == {("cbap.core", "cbap.reports")}


def test_one_record_type_importing_another_breaks_the_layers(graph):
    before = layer_violations(check(graph, "layers"))
    after = check(graph, "layers", ("cbap.contacts.views", "cbap.organizations.models"))
    assert layer_violations(after) - before == {("cbap.contacts", "cbap.organizations")}


def test_the_engine_importing_django_or_an_app_breaks_its_purity(graph):
    assert check(graph, "pure").kept
    assert not check(graph, "pure", ("cbap.engine.stats", "django")).kept
    after = check(graph, "layers", ("cbap.engine.stats", "cbap.core.charts"))
    assert ("cbap.engine", "cbap.core") in layer_violations(after)


def test_the_bch_library_importing_django_or_the_engine_breaks_the_contract(graph):
    assert not check(graph, "pure", ("cbap.bch.rules", "django")).kept
    after = check(graph, "layers", ("cbap.bch.answers", "cbap.engine.facts"))
    assert ("cbap.bch", "cbap.engine") in layer_violations(after)


def test_a_cycle_inside_an_app_breaks_the_acyclic_contract(graph):
    assert "cbap.plan" not in cyclic_packages(check(graph, "acyclic"))
    after = check(graph, "acyclic", ("cbap.plan.models", "cbap.plan.selectors"))
    assert not after.kept and "cbap.plan" in cyclic_packages(after)


def test_the_code_keeps_every_contract(graph):
    assert [c["id"] for c in CONFIG["contracts_options"] if not check(graph, c["id"]).kept] == []
