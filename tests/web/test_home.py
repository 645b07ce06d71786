"""The home page: what cbap is for, and the plan at a glance."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_home_page_says_what_cbap_is_and_shows_the_plan_at_a_glance(plan, client: Client):
    html = client.get("/").content.decode()
    assert "Capacity-building Action Plan for the Cartagena Protocol on Biosafety" in html
    assert "<strong>53</strong> indicators" in html
    assert "A.10. Parties to the Cartagena Protocol that become Parties" in html
