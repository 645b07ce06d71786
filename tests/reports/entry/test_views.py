"""Entering a national report in the browser: drafts, rules, conflicts, workflow, permissions."""

import re
from datetime import date

import pytest
from django.test import Client

from cbap.accounts.models import Role
from cbap.parties.models import Government
from cbap.records.models import Revision, Status
from cbap.reports import services as report_services
from cbap.reports.models import NationalReport, QuestionMapping, ReportingCycle
from tests.personas import person
from tests.reports.entry.test_forms import QUESTIONNAIRE, YES_NO

pytestmark = pytest.mark.django_db

NR4_QUESTIONNAIRE = {
    "report": "cpbNationalReport4",
    "sections": [
        {
            "key": "Article2",
            "title": "Article 2",
            "questions": [
                {
                    "key": "Q014",
                    "number": "14",
                    "type": "option",
                    "title": "Has your country introduced the necessary national measures?",
                    "options": [
                        {"value": "measures.partial", "title": "Partially (NR4 wording)"},
                        {"value": "measures.none", "title": "None"},
                    ],
                },
                {
                    "key": "Q018",
                    "number": "18",
                    "type": "option",
                    "title": "Staff?",
                    "options": YES_NO,
                },
            ],
        }
    ],
}

SECTION = "/entry/5/KEN/Article2/"


@pytest.fixture
def kenya():
    return Government.objects.create(code="KEN", iso3="KEN", iso2="KE", name="Kenya")


@pytest.fixture
def uganda():
    return Government.objects.create(code="UGA", iso3="UGA", iso2="UG", name="Uganda")


@pytest.fixture
def nr5(kenya, no_preloaded_cycles):
    nr4 = ReportingCycle.objects.create(
        number=4,
        schema="cpbNationalReport4",
        title="Fourth national report",
        deadline=date(2019, 10, 1),
        questionnaire=NR4_QUESTIONNAIRE,
        questionnaire_hash="nr4-test",
    )
    cycle = ReportingCycle.objects.create(
        number=5,
        schema="cpbNationalReport5",
        title="Fifth national report",
        deadline=date(2026, 2, 28),
        previous=nr4,
        questionnaire=QUESTIONNAIRE,
        questionnaire_hash="nr5-test",
    )
    QuestionMapping.objects.create(
        cycle=cycle,
        key="Q007",
        previous_key="Q014",
        value_mapping={"measures.partial": "implementation.partiallyInPlace"},
        equivalent=False,
        caution="NR4 asked about measures in general.",
    )
    NationalReport.objects.create(
        cycle=nr4,
        government=kenya,
        answers={"Q014": {"value": "measures.partial"}},
        status=Status.PUBLISHED,
        version=1,
        published_version=1,
    )
    return cycle


@pytest.fixture
def national_user(kenya):
    return person("drafter@ke.example", Role.NATIONAL_USER, party=kenya)


@pytest.fixture
def focal_point(kenya):
    return person("nfp@ke.example", Role.NATIONAL_FOCAL_POINT, party=kenya)


@pytest.fixture
def drafter(client, national_user, nr5):
    client.force_login(national_user)
    return client


def report() -> NationalReport:
    return NationalReport.objects.get(cycle__number=5, government__code="KEN")


def step(client, action: str, version: int | None = None):
    """Submit from the overview page, or publish from its confirmation page; both send the
    version they showed."""
    shown = report().version if version is None else version
    confirmed = {"confirmed": "yes"} if action == "publish" else {}
    return client.post(f"/entry/5/KEN/{action}/", {"version": str(shown), **confirmed})


def save(client, version=0, accept="text/html", **answers):
    data = {"version": str(version)}
    data.update({f"q:{key}": value for key, value in answers.items()})
    return client.post(SECTION, data, HTTP_ACCEPT=accept)


def checked(html: str, question: str) -> list[str]:
    return re.findall(rf'name="q:{question}" value="([^"]+)" checked', html)


# -- drafts --------------------------------------------------------------------------------------


def test_the_section_list_shows_how_far_each_section_is(drafter):
    html = drafter.get("/entry/5/KEN/").content.decode()
    assert "Kenya: Fifth national report" in html
    assert 'href="/entry/5/KEN/Article2/"' in html and 'href="/entry/5/KEN/Other/"' in html
    assert "0 of 6" in html  # Article2: six answerable questions, none answered


def test_a_section_renders_every_question_by_its_type(drafter):
    html = drafter.get(SECTION).content.decode()
    assert 'type="radio" id="q-Q007-0" name="q:Q007" value="implementation.fullInPlace"' in html
    assert (
        'type="checkbox" id="q-Q008-2" name="q:Q008" value="instrument.none" data-exclusive' in html
    )
    assert 'name="q:Q009:info:true.some"' in html  # the option that carries free text
    assert '<textarea id="q-Q013-input" name="q:Q013"' in html
    assert "<legend>" in html and 'class="mandatory"' in html
    assert 'name="version" value="0"' in html
    other = drafter.get("/entry/5/KEN/Other/").content.decode()
    assert 'class="entry-group" id="q-Q025"' in other  # the sub-section as a fieldset
    assert 'type="number" step="1" id="q-Q026-input"' in other
    assert 'name="q:Q119" value="5B6177DD"' in other  # term identifiers as values


def test_titles_are_reduced_to_safe_markup(drafter):
    html = drafter.get(SECTION).content.decode()
    assert "Article 2 – <i>General</i> provisions" in html
    assert "alert(1)" not in html and "javascript:" not in html


def test_the_page_has_no_inline_script_only_the_rules_as_json(drafter):
    html = drafter.get(SECTION).content.decode()
    scripts = re.findall(r"<script([^>]*)>", html)
    assert all("src=" in attrs or 'type="application/json"' in attrs for attrs in scripts)
    assert 'id="entry-rules" type="application/json"' in html
    assert "/static/reports/entry.js" in html
    assert " onclick=" not in html and " onchange=" not in html


def test_a_draft_is_saved_without_its_mandatory_answers(drafter):
    response = save(drafter, Q013="Biosafety Act 2009", Q009="true.some")
    assert response.status_code == 302 and response["Location"] == SECTION
    saved = report()
    assert saved.status == Status.DRAFT and saved.version == 1
    assert saved.answers == {
        "Q009": {"value": "true.some"},
        "Q013": {"value": {"en": "Biosafety Act 2009"}},
    }
    assert "Draft saved" in drafter.get(SECTION).content.decode()


def test_a_free_text_is_saved_in_the_language_chosen_keeping_the_others(drafter):
    html = drafter.get(SECTION).content.decode()
    assert '<label for="q-Q013-lang">Language of this text' in html
    assert '<select id="q-Q013-lang" name="q:Q013:lang">' in html
    assert '<option value="en" lang="en" selected>English</option>' in html
    assert '<option value="ar" lang="ar">العربية</option>' in html
    assert '<option value="zh" lang="zh">中文</option>' in html
    save(drafter, Q013="Biosafety Act 2009")
    assert report().answers["Q013"] == {"value": {"en": "Biosafety Act 2009"}}
    drafter.post(SECTION, {"version": "1", "q:Q013": "Loi de 2009", "q:Q013:lang": "fr"})
    assert report().answers["Q013"] == {"value": {"en": "Biosafety Act 2009", "fr": "Loi de 2009"}}
    html = drafter.get(SECTION).content.decode()
    assert "Biosafety Act 2009</textarea>" in html  # shown in the interface language
    assert 'id="q-Q013-languages">Also written in Français;' in html


def test_free_text_goes_with_its_option(drafter):
    drafter.post(
        SECTION,
        {"version": "0", "q:Q009": "true.some", "q:Q009:info:true.some": "in the agriculture plan"},
    )
    assert report().answers["Q009"] == {
        "value": "true.some",
        "additionalInformation": {"en": "in the agriculture plan"},
    }


def test_answers_to_questions_that_no_longer_apply_are_dropped_and_the_user_told(drafter):
    response = save(drafter, Q010="false", Q010_adq="true")
    assert response.status_code == 302
    assert report().answers == {"Q010": {"value": "false"}}
    html = drafter.get(SECTION).content.decode()
    assert "Answer removed: Q010_adq" in html and "hidden by the answer to Q010" in html


def test_an_exclusive_option_combined_with_others_is_refused_keeping_what_was_typed(drafter):
    response = drafter.post(
        SECTION,
        {
            "version": "0",
            "q:Q008": ["instrument.laws", "instrument.none"],
            "q:Q013": "typed text",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "excludes every other option" in html
    assert 'href="#q-Q008"' in html  # the problem links to its question
    assert 'aria-describedby="q-Q008-errors"' in html
    assert checked(html, "Q008") == ["instrument.laws", "instrument.none"]
    assert ">typed text</textarea>" in html
    assert not NationalReport.objects.filter(cycle__number=5).exists()


def test_a_stale_save_gets_409_showing_what_changed_and_keeping_what_was_typed(
    drafter, focal_point
):
    save(drafter, Q007="implementation.none")  # version 1, the drafter's page still says 1
    other = Client()
    other.force_login(focal_point)
    save(other, version=1, Q007="implementation.fullInPlace")  # version 2
    response = save(drafter, version=1, Q007="implementation.partiallyInPlace", Q013="mine")
    assert response.status_code == 409
    html = response.content.decode()
    assert "someone else saved this report meanwhile" in html
    assert "nfp@ke.example" in html
    assert "No measures yet" in html and "Fully in place" in html  # the change, before and now
    assert checked(html, "Q007") == ["implementation.partiallyInPlace"]
    assert ">mine</textarea>" in html
    assert 'name="version" value="2"' in html  # saving again is a deliberate overwrite
    assert report().answers["Q007"] == {"value": "implementation.fullInPlace"}


def test_autosave_answers_in_json_with_the_new_version(drafter):
    response = save(drafter, accept="application/json", Q007="implementation.none")
    assert response.status_code == 200
    assert response.json()["version"] == 1 and "Draft saved" in response.json()["message"]
    stale = save(drafter, version=0, accept="application/json", Q007="implementation.fullInPlace")
    assert stale.status_code == 409 and stale.json()["conflict"] is True
    refused = save(
        drafter, version=1, accept="application/json", Q008=["instrument.laws", "instrument.none"]
    )
    assert refused.status_code == 400 and "Not saved" in refused.json()["message"]


def test_saving_nothing_new_writes_no_new_version(drafter):
    save(drafter, Q007="implementation.none")
    save(drafter, version=1, Q007="implementation.none")
    assert report().version == 1


# -- the baseline ----------------------------------------------------------------------------------


def test_the_partys_nr4_answer_is_shown_under_the_mapped_question_with_the_caution(drafter):
    html = drafter.get(SECTION).content.decode()
    baseline = html[html.index('id="q-Q007-baseline"') :][:600]
    assert "Your 4th national report (question Q014):" in baseline
    assert "Partially" in baseline  # translated through value_mapping to this cycle's option
    assert "NR4 asked about measures in general." in baseline
    assert 'aria-describedby="q-Q007-baseline"' in html


# -- workflow --------------------------------------------------------------------------------------


def complete(client, version=0):
    return save(
        client, version=version, Q007="implementation.fullInPlace", Q010="true", Q010_adq="false"
    )


def test_a_national_user_drafts_and_submits_but_only_the_focal_point_publishes(drafter):
    complete(drafter)
    html = drafter.get("/entry/5/KEN/").content.decode()
    assert "Submit for publication" in html and ">Publish<" not in html
    assert step(drafter, "publish").status_code == 403
    assert step(drafter, "submit").status_code == 302
    assert report().status == Status.SUBMITTED


def test_submitting_refuses_missing_mandatory_answers_listing_them_all(client, focal_point, nr5):
    client.force_login(focal_point)
    save(client, Q010="true")
    response = step(client, "submit")
    assert response.status_code == 400
    html = response.content.decode()
    assert "2 problems to fix" in html
    assert 'href="/entry/5/KEN/Article2/#q-Q007"' in html
    assert 'href="/entry/5/KEN/Article2/#q-Q010_adq"' in html
    assert report().status == Status.DRAFT


def test_the_focal_point_submits_then_publishes_a_complete_report(client, focal_point, nr5):
    client.force_login(focal_point)
    complete(client)
    assert "Submit for publication" in client.get("/entry/5/KEN/").content.decode()
    assert step(client, "submit").status_code == 302
    assert report().status == Status.SUBMITTED and report().submitted_on is None
    assert step(client, "publish").status_code == 302
    published = report()
    assert published.status == Status.PUBLISHED and published.submitted_on == date.today()
    assert published.published_version == published.version


def test_a_step_on_a_report_saved_since_the_page_was_shown_is_refused(client, focal_point, nr5):
    client.force_login(focal_point)
    complete(client)
    shown = report().version
    saved = save(  # in another tab
        client,
        version=shown,
        Q007="implementation.fullInPlace",
        Q010="true",
        Q010_adq="false",
        Q013="Added in another tab.",
    )
    assert saved.status_code == 302
    response = step(client, "publish", version=shown)
    assert response.status_code == 302
    assert report().status == Status.DRAFT
    page = client.get("/entry/5/KEN/").content.decode()
    assert "Someone saved the report after you opened this page" in page
    assert "Nothing was published" in page
    assert step(client, "publish").status_code == 302
    assert report().status == Status.PUBLISHED


def test_a_step_without_the_version_the_page_showed_is_refused(client, focal_point, nr5):
    client.force_login(focal_point)
    complete(client)
    client.post("/entry/5/KEN/publish/", {"confirmed": "yes"})
    assert report().status == Status.DRAFT
    assert "The page was out of date" in client.get("/entry/5/KEN/").content.decode()


def test_a_demo_report_says_so_on_every_entry_page_even_off_the_demo_site(drafter, settings):
    settings.DEMO = False  # no site-wide demo banner: the report's own label must show
    save(drafter, Q007="implementation.none")
    for url in ("/entry/5/KEN/", SECTION, "/entry/5/KEN/print/"):
        assert "synthetic-banner" not in drafter.get(url).content.decode()
    NationalReport.objects.filter(pk=report().pk).update(is_synthetic=True)
    for url in ("/entry/5/KEN/", SECTION, "/entry/5/KEN/print/"):
        html = drafter.get(url).content.decode()
        assert "<strong>Demo data — not real national reports.</strong>" in html, url
        assert 'class="demo-banner"' not in html


def on(monkeypatch, day: date) -> None:
    """Make the reports' services date what happens today as `day`."""
    monkeypatch.setattr(report_services, "_today", lambda: day)


def submitted_dates() -> list[tuple[int, str, str | None]]:
    """(revision, status, submitted_on) of Kenya's report, oldest first."""
    return [
        (r.number, r.status, r.content["submitted_on"])
        for r in Revision.objects.filter(object_id=report().pk).order_by("number")
    ]


def test_the_first_publication_dates_the_report_and_a_corrected_one_shows_updated_on(
    client, focal_point, nr5, monkeypatch
):
    client.force_login(focal_point)
    complete(client)
    on(monkeypatch, date(2026, 1, 10))
    step(client, "submit")  # submitting inside the Party dates nothing
    assert report().submitted_on is None
    on(monkeypatch, date(2026, 1, 12))
    step(client, "publish")
    assert (report().status, report().submitted_on) == (Status.PUBLISHED, date(2026, 1, 12))
    assert "Updated on" not in client.get("/reports/5/KEN/").content.decode()

    save(
        client,
        version=report().version,
        Q007="implementation.partiallyInPlace",
        Q010="true",
        Q010_adq="false",
    )
    on(monkeypatch, date(2026, 3, 5))
    step(client, "submit")
    step(client, "publish")  # a corrected version keeps the first publication's date
    published = report()
    assert (published.status, published.submitted_on) == (Status.PUBLISHED, date(2026, 1, 12))
    assert [(n, s, d) for n, s, d in submitted_dates() if s != Status.DRAFT] == [
        (2, Status.SUBMITTED, None),
        (3, Status.PUBLISHED, "2026-01-12"),
        (5, Status.SUBMITTED, "2026-01-12"),
        (6, Status.PUBLISHED, "2026-01-12"),
    ]
    public = client.get("/reports/5/KEN/").content.decode()
    assert "<dt>Submitted on</dt><dd>12 January 2026</dd>" in public
    assert f"<dt>Updated on</dt><dd>{date.today():%-d %B %Y} " in public


def test_publishing_a_draft_directly_dates_it(client, focal_point, nr5, monkeypatch):
    client.force_login(focal_point)
    complete(client)
    on(monkeypatch, date(2026, 2, 1))
    step(client, "publish")
    assert (report().status, report().submitted_on) == (Status.PUBLISHED, date(2026, 2, 1))


def test_the_public_sees_the_published_versions_status_and_date_under_a_newer_draft(
    client, focal_point, nr5, monkeypatch
):
    writer = Client()
    writer.force_login(focal_point)
    complete(writer)
    on(monkeypatch, date(2026, 1, 10))
    step(writer, "publish")
    on(monkeypatch, date(2026, 3, 5))
    save(
        writer,
        version=report().version,
        Q007="implementation.partiallyInPlace",
        Q010="true",
        Q010_adq="false",
    )
    step(writer, "submit")
    assert (report().status, report().submitted_on) == (Status.SUBMITTED, date(2026, 1, 10))

    public = client.get("/reports/5/KEN/").content.decode()
    assert "<dt>Status</dt><dd>Published</dd>" in public
    assert "<dt>Submitted on</dt><dd>10 January 2026</dd>" in public
    assert "Fully in place" in public and "Partially" not in public  # the published answers
    assert "newer" not in public and "working copy" not in public
    listed = client.get("/reports/5/").content.decode()
    assert "<td>Published</td>" in listed and "<td>2026-01-10</td>" in listed

    own = writer.get("/reports/5/KEN/").content.decode()
    assert "<dt>Status</dt><dd>Submitted for publication <span" in own
    assert "newer than the published version: the public sees revision" in own
    assert "<dt>Submitted on</dt><dd>10 January 2026</dd>" in own
    assert "(newer draft)" in writer.get("/reports/5/").content.decode()


def test_the_printed_report_has_every_section_and_answer(client, focal_point, nr5):
    client.force_login(focal_point)
    complete(client)
    html = client.get("/entry/5/KEN/print/").content.decode()
    assert "Article 2 – <i>General</i> provisions" in html and "Other information" in html
    assert "Fully in place" in html and "Not answered" in html


# -- permissions ------------------------------------------------------------------------------------


def test_anonymous_people_are_sent_to_sign_in(client, nr5):
    assert client.get(SECTION).status_code == 302


def test_another_partys_user_gets_403(client, uganda, nr5):
    client.force_login(person("drafter@ug.example", Role.NATIONAL_USER, party=uganda))
    assert client.get("/entry/5/KEN/").status_code == 403
    assert client.get(SECTION).status_code == 403
    assert save(client, Q007="implementation.none").status_code == 403
    assert not NationalReport.objects.filter(cycle__number=5).exists()


def test_the_secretariat_may_read_a_draft_but_not_change_it(client, drafter, nr5):
    save(drafter, Q007="implementation.none")
    client.force_login(person("analyst@cbd.example", Role.SECRETARIAT_ANALYST))
    response = client.get(SECTION)
    assert response.status_code == 200
    html = response.content.decode()
    assert "You may read this report but not change it." in html
    assert 'id="entry-form"' not in html and "Save draft" not in html
    assert save(client, version=1, Q007="implementation.fullInPlace").status_code == 403


# -- titles with footnote markers (the real fifth report) ------------------------------------


def test_footnote_markers_show_only_with_their_footnote(client, national_user):
    client.force_login(national_user)  # the preloaded cycles carry the BCH's own question sets
    html = client.get("/entry/5/KEN/Article25/").content.decode()
    assert "<title>Article 25 – Illegal transboundary movements ·" in html
    assert '<li aria-current="page">Article 25 – Illegal transboundary movements</li>' in html
    assert "<h1>Article 25 – Illegal transboundary movements <sup>7</sup></h1>" in html
    assert re.search(r'id="section-note"><sup>7</sup> In accordance with the operational', html)
    assert "Article 17 – Unintentional transboundary movements  and emergency measures" in html
    assert "movements<sup>5</sup>" not in html  # the section list shows no footnote
    article17 = client.get("/entry/5/KEN/Article17/").content.decode()
    assert "movements<sup>5</sup>  and emergency measures</h1>" in article17
    assert 'id="section-note"><sup>5</sup> In accordance' in article17
    printed = client.get("/entry/5/KEN/print/").content.decode()
    assert "<sup>" not in printed  # the printed report shows no footnotes, so no markers


def test_a_question_keeps_its_footnote_marker_beside_its_footnote(client, national_user):
    client.force_login(national_user)
    html = client.get("/entry/5/KEN/Articles15-16/").content.decode()
    assert "Risk Management) <sup>2</sup>  for conducting" in html
    assert re.search(r'id="q-Q067-note"><sup>2</sup>Document', html)
    assert "Secretariat <sup>3</sup>" in html and 'id="q-Q071_a-note"><sup>3</sup>' in html
