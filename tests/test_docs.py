"""Conventions the suite guards: every setting is documented, the README gives the two commands."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = (ROOT / "cbap/settings.py").read_text()
ENV_EXAMPLE = (ROOT / ".env.example").read_text()
README = (ROOT / "README.md").read_text()


# Besides the settings, the test tooling reads variables: the browser fixture and the PostgreSQL pass.
TOOLING = [ROOT / "tests/conftest.py", ROOT / "scripts/postgres_pass.py"]


def variables_read(source: str) -> set[str]:
    names = set(re.findall(r'os\.environ(?:\.get)?\(\s*"([A-Z_]+)"', source))
    names |= set(re.findall(r'os\.environ\["([A-Z_]+)"\]', source))
    names |= set(re.findall(r'env_(?:str|bool|int|list)\(\s*"([A-Z_]+)"', source))
    return names


def environment_variables() -> set[str]:
    return variables_read(SETTINGS)


def tooling_variables() -> set[str]:
    # DJANGO_ALLOW_ASYNC_UNSAFE is set by the browser fixture for itself, never by people.
    return set().union(*(variables_read(p.read_text()) for p in TOOLING)) - {
        "DJANGO_ALLOW_ASYNC_UNSAFE"
    }


def test_settings_read_the_environment():
    assert {"DEBUG", "SECRET_KEY", "DATABASE_URL"} <= environment_variables()


def test_the_test_tooling_variables_are_found():
    assert {"CI", "CBAP_REQUIRE_BROWSER", "CBAP_REQUIRE_POSTGRES"} <= tooling_variables()
    assert "CBAP_TEST_POSTGRES_URL" in tooling_variables()


def test_every_environment_variable_is_in_env_example_and_the_readme():
    for name in environment_variables() | tooling_variables():
        assert re.search(rf"^{name}=", ENV_EXAMPLE, re.M), f"{name} missing from .env.example"
        assert f"`{name}`" in README, f"{name} missing from the README"


def test_readme_says_nothing_reads_the_env_file_automatically():
    assert "Nothing reads a `.env` file" in README
    assert "Nothing reads this file by itself" in ENV_EXAMPLE


def test_readme_gives_the_two_commands_and_links_the_docs():
    assert "make run" in README and "make test" in README and "make bench" in README
    for doc in ("docs/glossary.md", "docs/architecture.md"):
        assert doc in README
        assert (ROOT / doc).exists()
