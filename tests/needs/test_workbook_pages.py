"""A self-assessment downloaded as a workbook, filled in offline and uploaded: saved as the
next draft version, or refused whole with every problem; a stale workbook is a conflict."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from cbap.needs.models import SelfAssessment
from tests.needs.conftest import started


def filled(client, assessment, **levels) -> io.BytesIO:
    data = client.get(reverse("needs:assessment_workbook", args=[assessment.pk])).content
    book = load_workbook(io.BytesIO(data))
    sheet = book["Needs"]
    header = [cell.value for cell in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        code = row[header.index("key_area")].value
        if code in levels:
            row[header.index("level")].value = levels[code]
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "needs.xlsx"
    return out


def test_a_filled_in_workbook_is_saved_as_the_next_version(
    client, kenya_nr5, kenya, kenya_focal_point
):
    assessment = started(kenya, kenya_focal_point)
    client.force_login(kenya_focal_point)
    response = client.get(reverse("needs:assessment_workbook", args=[assessment.pk]))
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    upload = filled(client, assessment, **{"A.8.2": "high"})
    url = reverse("needs:assessment_upload", args=[assessment.pk])
    assert client.post(url, {"file": upload}).status_code == 302
    saved = SelfAssessment.objects.get()
    assert (saved.version, saved.lines["A.8.2"]["level"]) == (2, "high")
    stale = filled(client, assessment)  # made from version 2 …
    client.post(url, {"file": filled(client, assessment, **{"A.5.2": "low"})})  # … now 3
    response = client.post(url, {"file": stale})
    assert response.status_code == 409 and SelfAssessment.objects.get().version == 3


def test_a_workbook_with_problems_saves_nothing_and_lists_them(
    client, kenya_nr5, kenya, kenya_focal_point
):
    assessment = started(kenya, kenya_focal_point)
    client.force_login(kenya_focal_point)
    upload = filled(client, assessment, **{"A.8.2": "severe"})
    response = client.post(
        reverse("needs:assessment_upload", args=[assessment.pk]), {"file": upload}
    )
    html = response.content.decode()
    assert response.status_code == 400 and "Nothing was saved." in html
    assert "<code>severe</code>" in html
    assert SelfAssessment.objects.get().version == 1


def test_another_partys_people_may_not_upload(
    client, kenya_nr5, kenya, kenya_focal_point, brazil_focal_point
):
    assessment = started(kenya, kenya_focal_point)
    client.force_login(brazil_focal_point)
    url = reverse("needs:assessment_upload", args=[assessment.pk])
    assert client.get(url).status_code == 404  # a draft of another Party: not there at all
