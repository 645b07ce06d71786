import pytest
from django.core.exceptions import ValidationError

from cbap.contacts.models import ContactRole, NationalContact


def contact(**fields) -> NationalContact:
    return NationalContact(
        **{"role": ContactRole.FOCAL_POINT, "name": "Demo", "emails": ["a@example.org"], **fields}
    )


def test_content_lists_the_bch_fields_as_json_values():
    content = contact(phones=["+1"], responsible_for_all=None).content()
    assert list(content) == list(NationalContact.content_fields)
    assert content["phones"] == ["+1"] and content["responsible_for_all"] is None


def test_labels_follow_the_bch_forms():
    labels = NationalContact.content_labels()
    assert labels["postal_code"] == "postal code or zip"
    assert labels["department"] == "department / division / unit"


@pytest.mark.parametrize(
    "fields,error_field",
    [
        ({"emails": []}, "emails"),
        ({"emails": ["nope"]}, "emails"),
        ({"websites": ["ftp://example.org"]}, "websites"),
        ({"role": ContactRole.COMPETENT_AUTHORITY}, "responsible_for_all"),
        (
            {"role": ContactRole.COMPETENT_AUTHORITY, "responsible_for_all": False},
            "responsibilities",
        ),
        ({"responsibilities": "x" * 301}, "responsibilities"),
    ],
)
def test_a_contact_is_refused_when(fields, error_field):
    with pytest.raises(ValidationError) as error:
        contact(**fields).full_clean(exclude=["owner_party"])
    assert error_field in error.value.message_dict


def test_the_only_competent_authority_needs_no_description_of_responsibilities():
    contact(role=ContactRole.COMPETENT_AUTHORITY, responsible_for_all=True).full_clean(
        exclude=["owner_party"]
    )
