"""cbap in English, French and Spanish: the address carries the language, the switcher keeps the
reader's choice, the first visit follows the browser, and content comes in the reader's language
where it exists (the BCH's question titles), marked where it does not."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from cbap.core.numbers import localized
from tests.personas import PASSWORD, person

pytestmark = pytest.mark.django_db


def test_french_and_spanish_are_offered_and_the_other_un_languages_wait_for_a_catalogue():
    assert [code for code, _ in settings.LANGUAGES] == ["en", "fr", "es"]
    assert set(settings.UN_LANGUAGES) == {"en", "fr", "es", "ar", "zh-hans", "ru"}


def test_the_address_carries_the_language(plan, client):
    english, french, spanish = (client.get(p) for p in ("/plan/", "/fr/plan/", "/es/plan/"))
    assert '<html lang="en" dir="ltr">' in english.text
    assert '<html lang="fr" dir="ltr">' in french.text and "Le plan" in french.text
    assert '<html lang="es" dir="ltr">' in spanish.text and "El plan" in spanish.text
    # every page links to its translations, for the switcher and for search engines
    assert 'hreflang="fr" href="http://testserver/fr/plan/"' in english.text
    assert 'href="/language/es/?next=%2Fes%2Fplan%2F"' in french.text
    # links inside a page stay in its language
    assert 'href="/fr/indicators/"' in french.text


def test_a_first_visit_follows_the_browser_and_then_the_readers_choice(plan):
    reader = Client()
    response = reader.get("/", HTTP_ACCEPT_LANGUAGE="es-ES,es;q=0.9,en;q=0.5")
    assert response.status_code == 302 and response["Location"] == "/es/"
    assert "Accept-Language" in response["Vary"]
    assert reader.get("/", HTTP_ACCEPT_LANGUAGE="en-GB").status_code == 200

    # The switcher: the same page in the language chosen, and the choice kept.
    response = reader.get("/language/fr/", {"next": "/es/plan/A.5/?x=1"})
    assert response["Location"] == "/fr/plan/A.5/?x=1"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    assert reader.get("/", HTTP_ACCEPT_LANGUAGE="es").headers["Location"] == "/fr/"
    # Another site's address is never a destination.
    assert reader.get("/language/en/", {"next": "https://evil.example/"})["Location"] == "/"
    assert reader.get("/language/de/").status_code == 404


def test_a_signed_in_persons_choice_is_kept_in_their_account(plan, kenya):
    someone = person("nfp@ke.example", "national_focal_point", party=kenya)
    browser = Client()
    browser.force_login(someone)
    browser.get("/language/es/", {"next": "/my-work/"})
    someone.refresh_from_db()
    assert someone.language == "es"

    elsewhere = Client()  # another computer, later
    response = elsewhere.post(
        "/accounts/login/?next=/plan/", {"username": "nfp@ke.example", "password": PASSWORD}
    )
    assert response["Location"] == "/es/plan/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"


def test_the_api_answers_in_the_language_asked_for(plan, client):
    english = client.get("/api/v1/plan/goals/XX/", HTTP_ACCEPT_LANGUAGE="en")
    french = client.get("/api/v1/plan/goals/XX/", HTTP_ACCEPT_LANGUAGE="fr")
    assert english.status_code == french.status_code == 404
    assert english.json()["detail"] != french.json()["detail"]
    assert french["Content-Language"] == "fr"


def test_each_language_is_cached_apart(plan):
    pages = [Client().get(path) for path in ("/plan/", "/fr/plan/", "/plan/", "/fr/plan/")]
    assert [p["X-Cache"] for p in pages] == ["miss", "miss", "hit", "hit"]
    assert "Le plan" in pages[3].text and "Le plan" not in pages[2].text


@pytest.mark.parametrize(
    ("language", "shown"), [("en", "1,234.5"), ("fr", "1\xa0234,5"), ("es", "1\xa0234,5")]
)
def test_numbers_are_written_as_the_reader_writes_them(language, shown):
    with translation.override(language):
        assert localized(1234.5, 1) == shown


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_numbers_are_rounded_the_same_in_every_language(language):
    with translation.override(language):
        assert localized(62.76, 1).replace(",", ".") == f"{62.76:.1f}" == "62.8"
        assert localized(95.6, 0) == "96"


def test_the_questions_of_a_report_are_in_the_readers_language(plan, kenya):
    someone = person("nfp@ke.example", "national_focal_point", party=kenya)
    browser = Client()
    browser.force_login(someone)
    french = browser.get("/fr/entry/5/KEN/Article2/").text
    assert "Votre pays a-t-il adopté les mesures nationales nécessaires" in french
    assert "Les mesures nationales sont pleinement en place" in french
    spanish = browser.get("/es/entry/5/KEN/Article2/").text
    assert "¿Ha adoptado su País las medidas nacionales necesarias" in spanish


def test_the_plan_text_says_it_is_english_until_translations_are_loaded(plan, client):
    page = client.get("/fr/plan/A.5/").text
    title = re.search(r'<h1[^>]*lang="en"[^>]*>', page)
    assert title, "the goal's English title is marked as English on a French page"
    assert "en anglais" in page
