"""A person's notifications: their own only, newest first, marked read one by one or all."""

import pytest

from cbap.accounts.models import Role
from cbap.notifications.models import Notification
from cbap.notifications.services import notify
from tests.personas import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(kenya):
    return (
        person("nfp@ke.example", Role.NATIONAL_FOCAL_POINT, party=kenya),
        person("other@ke.example", Role.NATIONAL_USER, party=kenya),
    )


def test_nobody_is_told_twice_nor_told_what_they_did_themselves(people, mailoutbox):
    focal_point, other = people
    rows = notify(
        recipients=[focal_point, focal_point, other, None],
        kind="submitted",
        subject="A report waits",
        text="",
        link="/entry/5/KEN/",
        actor=other,
    )
    assert [row.recipient for row in rows] == [focal_point]
    assert [m.to for m in mailoutbox] == [[focal_point.email]]
    assert "http://127.0.0.1:8000/entry/5/KEN/" in mailoutbox[0].body


def test_an_inactive_account_is_not_told(people, mailoutbox):
    focal_point, _ = people
    focal_point.is_active = False
    focal_point.save()
    assert notify(recipients=[focal_point], kind="published", subject="x", text="", link="/") == []


def test_the_list_shows_ones_own_and_marks_them_read(client, people):
    focal_point, other = people
    for subject in ("First", "Second"):
        notify(recipients=[focal_point], kind="published", subject=subject, text="", link="/")
    notify(recipients=[other], kind="published", subject="Not yours", text="", link="/")
    client.force_login(focal_point)
    html = client.get("/notifications/").content.decode()
    assert html.index("Second") < html.index("First") and "Not yours" not in html
    assert "2 unread." in html and '2<span class="visually-hidden"> unread notifications' in html
    first = Notification.objects.get(subject="First")
    client.post("/notifications/", {"id": first.pk})
    assert Notification.objects.filter(recipient=focal_point, read_at__isnull=True).count() == 1
    client.post("/notifications/", {"id": Notification.objects.get(subject="Not yours").pk})
    assert Notification.objects.get(subject="Not yours").read_at is None  # not theirs
    client.post("/notifications/")
    assert not Notification.objects.filter(recipient=focal_point, read_at__isnull=True).exists()
