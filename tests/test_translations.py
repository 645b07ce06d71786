"""Every text a reader sees is marked for translation, and French and Spanish have all of them.

A text in a template outside `{% translate %}` / `{% blocktranslate %}` (page text, or the
attributes read aloud or shown: alt, title, aria-label, placeholder, a button's value) fails the
first test; a message of the catalogues that is missing, empty or fuzzy in French or Spanish, or
a marked text that the catalogues do not hold yet, fails the second.
"""

from __future__ import annotations

import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.core.management import call_command
from django.test import override_settings

CBAP = Path(__file__).resolve().parents[1] / "cbap"
LOCALE = CBAP / "locale"
TRANSLATED = ["fr", "es"]
TEMPLATES = sorted(CBAP.glob("*/templates/**/*.html")) + sorted(CBAP.glob("*/templates/**/*.txt"))
SPOKEN_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder", "aria-description"}
WORD = re.compile(r"[^\W\d_]{2,}")
# Names and formats that read the same in every language.
UNTRANSLATED = {"cbap", "cb", "ap", "CSV", "XLSX", "JSON", "API", "PDF", "DOCX", "BCH", "ID", "CP"}

MARKED = re.compile(
    r"{%\s*blocktrans(?:late)?\b.*?{%\s*endblocktrans(?:late)?\s*%}"  # a marked block
    r"|{#.*?#}|{%\s*comment\s*%}.*?{%\s*endcomment\s*%}"  # comments
    r"|{%.*?%}|{{.*?}}",  # tags (translate included) and variables
    re.DOTALL,
)


class _Texts(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if value and (
                name in SPOKEN_ATTRIBUTES
                or (name == "value" and dict(attrs).get("type") in ("submit", "button"))
                or (name == "content" and dict(attrs).get("name") == "description")
            ):
                self._check(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self._check(data)

    def _check(self, text: str):
        if any(word not in UNTRANSLATED for word in WORD.findall(text)):
            self.found.append(" ".join(text.split()))


def unmarked_texts(template: str) -> list[str]:
    parser = _Texts()
    parser.feed(MARKED.sub(" ", template))
    parser.close()
    return parser.found


def test_the_checker_finds_unmarked_texts_and_passes_marked_ones():
    assert unmarked_texts("<p>Sign in</p>") == ["Sign in"]
    assert unmarked_texts('<a title="Open the goal">{{ goal.code }}</a>') == ["Open the goal"]
    assert unmarked_texts("{% block title %}Parties{% endblock %}") == ["Parties"]
    marked = (
        '{% load i18n %}<p>{% translate "Sign in" %}</p><a title="{% translate "Open" %}">x1</a>'
        "{% blocktranslate trimmed with n=count %}\n{{ n }} Parties{% endblocktranslate %}"
        "<p>{{ party.name }} · CSV, XLSX</p>{# a note #}"
    )
    assert unmarked_texts(marked) == []


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(CBAP)))
def test_every_text_in_templates_is_marked_for_translation(path):
    assert unmarked_texts(path.read_text()) == [], f"{path}: texts not marked for translation"


def _untranslated(catalogue: Path) -> list[str]:
    """The catalogue's messages that lack a translation (of any plural form) or are fuzzy."""
    with catalogue.open("rb") as file:
        messages = [message for message in read_po(file) if message.id]

    def translated(message) -> bool:
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        return all(forms) and not message.fuzzy

    return [str(message.id) for message in messages if not translated(message)]


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_catalogue_translates_every_message(language):
    assert _untranslated(LOCALE / language / "LC_MESSAGES/django.po") == []


def test_every_marked_text_is_in_the_catalogues(tmp_path, monkeypatch):
    """Django's extraction, run on a copy of the sources with the catalogues: it adds nothing."""
    if not shutil.which("xgettext"):
        if os.environ.get("CI"):
            pytest.fail("GNU gettext (xgettext) is missing, and CI must check the catalogues.")
        pytest.skip("needs GNU gettext's xgettext (apt-get install gettext)")
    copy = tmp_path / "cbap"
    for source in CBAP.rglob("*"):
        if source.suffix in (".py", ".html", ".txt", ".po"):
            target = copy / source.relative_to(CBAP)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    monkeypatch.chdir(copy)
    with override_settings(LOCALE_PATHS=[copy / "locale"]):
        call_command(
            "makemessages", locale=TRANSLATED, no_obsolete=True, no_location=True,
            ignore_patterns=["engine/*", "bch/*"], verbosity=0,
        )  # fmt: skip
    for language in TRANSLATED:
        added = _untranslated(copy / "locale" / language / "LC_MESSAGES/django.po")
        assert added == [], f"marked texts missing from the {language} catalogue (make messages)"
