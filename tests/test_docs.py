"""Conventions the suite guards: every setting is documented, the README gives the two commands."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = (ROOT / "cbap/settings.py").read_text()
ENV_EXAMPLE = (ROOT / ".env.example").read_text()
README = (ROOT / "README.md").read_text()


def environment_variables() -> set[str]:
    names = set(re.findall(r'os\.environ(?:\.get)?\(\s*"([A-Z_]+)"', SETTINGS))
    names |= set(re.findall(r'os\.environ\["([A-Z_]+)"\]', SETTINGS))
    names |= set(re.findall(r'env_(?:bool|list)\(\s*"([A-Z_]+)"', SETTINGS))
    return names


def test_settings_read_the_environment():
    assert {"DEBUG", "SECRET_KEY", "DATABASE_URL"} <= environment_variables()


def test_every_environment_variable_is_in_env_example_and_the_readme():
    for name in environment_variables() | {"CBAP_TEST_POSTGRES_URL"}:
        assert re.search(rf"^{name}=", ENV_EXAMPLE, re.M), f"{name} missing from .env.example"
        assert f"`{name}`" in README, f"{name} missing from the README"


def test_readme_gives_the_two_commands_and_links_the_docs():
    assert "make run" in README and "make test" in README and "make bench" in README
    for doc in ("docs/glossary.md", "docs/architecture.md"):
        assert doc in README
        assert (ROOT / doc).exists()
