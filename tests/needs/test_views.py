"""The self-assessment pages: a Party's people start one pre-filled and edit it, the focal
point publishes it, the public reads it without its confidential lines; nobody else writes or
reads its drafts, and a stale save gets the merged form."""

from django.urls import reverse

from cbap.needs.models import SelfAssessment
from tests.needs.conftest import published, started


def form_data(assessment, **lines) -> dict:
    """The edit form as the page sends it, every key area "not assessed" but those given."""
    data = {
        "version": assessment.version,
        "assessed_on": assessment.assessed_on.isoformat(),
        "notes": "",
        "sources": "{}",
        "message": "",
    }
    for code in assessment.lines:
        data[f"level_{code}"] = "not_assessed"
    for code, line in lines.items():
        for name, value in line.items():
            data[f"{name}_{code}"] = value
    return data


def test_a_focal_point_starts_a_prefilled_self_assessment(
    client, kenya_nr5, kenya, kenya_focal_point
):
    client.force_login(kenya_focal_point)
    page = client.get(reverse("needs:list")).content.decode()
    assert reverse("needs:assessment_start", args=["KEN"]) in page
    response = client.post(reverse("needs:assessment_start", args=["KEN"]))
    assessment = SelfAssessment.objects.get()
    assert response["Location"] == reverse("needs:assessment_edit", args=[assessment.pk])
    assert (assessment.owner_party, assessment.status) == (kenya, "draft")
    html = client.get(response["Location"]).content.decode()
    assert "National report 5, Q123: “Risk management” still needs capacity-building." in html
    assert '<legend><a href="/plan/A.5.2/">A.5.2</a>' in html


def test_the_form_saves_the_lines_and_names_a_rank_given_twice(
    client, kenya_nr5, kenya, kenya_focal_point
):
    assessment = started(kenya, kenya_focal_point)
    client.force_login(kenya_focal_point)
    url = reverse("needs:assessment_edit", args=[assessment.pk])
    twice = form_data(
        assessment,
        **{"A.5.2": {"level": "high", "rank": 1}, "A.8.2": {"level": "medium", "rank": 1}},
    )
    response = client.post(url, twice)
    assert response.status_code == 400
    assert "The rank 1 is already given to A.5.2." in response.content.decode()
    good = form_data(
        assessment,
        **{
            "A.5.2": {"level": "high", "rank": 1, "kinds": ["training", "experts"]},
            "A.8.2": {"level": "medium", "rank": 2, "confidential": "on", "notes": "Labs"},
        },
    )
    assert client.post(url, good).status_code == 302
    assessment.refresh_from_db()
    assert assessment.version == 2
    assert assessment.lines["A.5.2"] == {
        "level": "high",
        "rank": 1,
        "kinds": ["training", "experts"],
    }
    assert assessment.lines["A.8.2"] == {
        "level": "medium",
        "rank": 2,
        "notes": "Labs",
        "confidential": True,
    }
    assert client.post(url, good).status_code == 409  # the version it was made from is stale


def test_the_public_reads_a_published_self_assessment_without_its_confidential_lines(
    client, kenya_nr5, kenya, kenya_focal_point, analyst
):
    assessment = started(kenya, kenya_focal_point)
    assessment.lines["A.8.2"] = {"level": "high", "notes": "Secret lab plans", "confidential": True}
    assessment.lines["A.5.2"] = {"level": "medium", "notes": "Open note"}
    assessment.save()
    url = assessment.get_absolute_url()
    assert client.get(url).status_code == 404  # a draft: not public
    published(assessment, kenya_focal_point)
    html = client.get(url).content.decode()
    assert "Open note" in html and "Secret lab plans" not in html
    assert "Confidential: seen by the Secretariat and matched providers only." in html
    listing = client.get(reverse("needs:list")).content.decode()
    assert f'<a href="{url}">Kenya</a>' in listing
    client.force_login(analyst)
    assert "Secret lab plans" in client.get(url).content.decode()


def test_another_partys_people_neither_write_nor_read_its_drafts(
    client, kenya_nr5, kenya, kenya_focal_point, brazil_focal_point, editor
):
    assessment = started(kenya, kenya_focal_point)
    for person in (brazil_focal_point, editor):
        client.force_login(person)
        assert client.post(reverse("needs:assessment_start", args=["KEN"])).status_code == 403
        assert client.get(assessment.get_absolute_url()).status_code == 404
        assert client.get(reverse("needs:assessment_edit", args=[assessment.pk])).status_code == 404
    assert SelfAssessment.objects.count() == 1
