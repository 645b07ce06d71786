"""Every API operation, with requests generated from the OpenAPI schema, anonymous and signed in
as a Secretariat administrator: no server error, and every response (status, content type, body)
as the schema describes it."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from cbap.wsgi import application

pytestmark = pytest.mark.django_db(transaction=True)

SCHEMA = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)
CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
    content_type_conformance,
]
EXAMPLES = settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck))
# Schemathesis's WSGI transport does not undo gzip as an HTTP client does: ask for none.
PLAIN = {"Accept-Encoding": "identity"}


@SCHEMA.parametrize()
@EXAMPLES
def test_every_operation_anonymously(case, cycles, plan):
    case.call_and_validate(checks=CHECKS, headers=PLAIN)


@pytest.fixture
def admin_token(db):
    from cbap.accounts.models import ApiToken
    from tests.personas import person

    admin = person("schema-admin@example.org", is_superuser=True)
    return ApiToken.issue(admin, "schemathesis", 30)[1]


@SCHEMA.parametrize()
@EXAMPLES
def test_every_operation_signed_in(case, cycles, plan, admin_token):
    case.call_and_validate(
        checks=CHECKS, headers={**PLAIN, "Authorization": f"Token {admin_token}"}
    )
