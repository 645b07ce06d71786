"""The plan data format carries official translations of the plan's texts; until one is loaded
the pages show the decision's English and say so (lang="en"). The texts below are made up for
the test (labelled HYPOTHETICAL): no official translation is in the repo."""

import copy

from django.test import Client

from cbap.plan import catalogue, services, validation
from cbap.plan.models import Goal, KeyArea

SOURCE = "HYPOTHETICAL TEST TRANSLATION (not an official text)"


def with_french(texts: dict) -> dict:
    data = copy.deepcopy(catalogue.load_file())
    data["version"] = {**data["version"], "code": "HYPOTHETICAL-FR", "previous": "CP-10/4"}
    data["translations"] = {"fr": {"source": SOURCE, "texts": texts}}
    return data


def test_translations_are_checked_with_the_rest_of_the_file(plan):
    data = with_french({"A.5": "Titre", "A.99": "x", "A.5.3": " "})
    data["translations"]["de"] = {"source": "x", "texts": {}}
    data["translations"]["es"] = {"texts": {}}
    found = [str(p) for p in validation.problems(data, known_versions=frozenset({"CP-10/4"}))]
    assert found == [
        "translations.fr.texts.A.99: not the code of a goal or element of the plan",
        "translations.fr.texts.A.5.3: is empty",
        "translations.de: not a UN language besides English (fr, es, ar, zh, ru)",
        "translations.es: missing 'source'",
    ]


def test_a_loaded_translation_is_shown_to_readers_of_its_language(plan):
    version, _ = services.plan_version_load(
        data=with_french({"A.5": "Titre français d’essai", "A.5.3": "Domaine clé d’essai"}),
        source="test",
    )
    assert Goal.objects.get(version=version, code="A.5").translations == {
        "fr": "Titre français d’essai"
    }
    assert KeyArea.objects.get(goal__version=version, code="A.5.3").translations["fr"]
    assert version.translation_sources == {"fr": SOURCE}

    french = Client().get("/fr/plan/A.5/").text
    assert "Titre français d’essai" in french and "Domaine clé d’essai" in french
    assert SOURCE in french
    english = Client().get("/plan/A.5/").text
    assert "Titre français d’essai" not in english


def test_without_a_translation_the_plan_is_english_and_marked_so(plan):
    spanish = Client().get("/es/plan/A.5/").text
    assert "Parties carry out scientifically sound risk assessments" in spanish
    assert '<h1 lang="en">' in spanish
    assert "CP-10/4" in spanish and "inglés" in spanish  # the notice, in Spanish
