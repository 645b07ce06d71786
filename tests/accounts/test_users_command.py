"""`cbap users`: create, grant, revoke, list, token, unlock; errors name the bad argument."""

import io

import pytest
from django.core.management import CommandError, call_command

from cbap.accounts.models import ApiToken, RoleAssignment, User
from cbap.audit.models import AuditEntry
from tests.accounts.conftest import person

pytestmark = pytest.mark.django_db


def users(*args, stdin=None) -> str:
    out = io.StringIO()
    extra = {"stdin": io.StringIO(stdin)} if stdin is not None else {}
    call_command("users", *args, stdout=out, **extra)
    return out.getvalue()


def test_create_prints_a_generated_password_once(kenya):
    out = users(
        "create",
        "--role",
        "national_focal_point",
        "--party",
        "ken",
        "--email",
        "NFP@Kenya.example.org",
        "--name",
        "Focal Point",
    )
    assert "Created nfp@kenya.example.org: National focal point of Kenya." in out
    password = out.split("hand it over safely): ")[1].strip()
    user = User.objects.get(email="nfp@kenya.example.org")
    assert user.check_password(password) and user.full_name == "Focal Point"
    changes = AuditEntry.objects.filter(event="permission_change", target_id=str(user.pk))
    assert {e.details["change"] for e in changes} == {"account created", "role granted"}
    assert all(e.details["by"] == "command line" and e.actor is None for e in changes)


def test_create_reads_the_password_from_standard_input(db):
    out = users(
        "create",
        "--role",
        "secretariat-analyst",
        "--email",
        "a@example.org",
        "--password-stdin",
        stdin="a long enough password\n",
    )
    assert "Password" not in out
    assert User.objects.get(email="a@example.org").check_password("a long enough password")


def test_create_refuses_a_weak_password(db):
    with pytest.raises(CommandError, match="too weak"):
        users(
            "create",
            "--role",
            "secretariat_analyst",
            "--email",
            "a@example.org",
            "--password-stdin",
            stdin="123\n",
        )
    assert not User.objects.exists()


def test_a_secretariat_administrator_is_a_superuser(db):
    users("create", "--role", "secretariat_admin", "--email", "boss@example.org")
    boss = User.objects.get()
    assert boss.is_superuser and boss.is_staff


def test_an_organization_editor_is_created_for_an_organization_named_or_abbreviated(provider):
    users(
        "create",
        "--role",
        "organization_editor",
        "--organization",
        "dps",
        "--email",
        "e@example.org",
    )
    assert RoleAssignment.objects.get().organization == provider


@pytest.mark.parametrize(
    "args, message",
    [
        (["--role", "national_user"], "--role national_user needs --party ISO3"),
        (["--role", "national_user", "--party", "XYZ"], "--party XYZ: no Party with that code"),
        (["--role", "organization_editor"], "--role organization_editor needs --organization"),
        (
            ["--role", "organization_editor", "--organization", "Nope"],
            "--organization 'Nope': no organization",
        ),
        (
            ["--role", "secretariat_analyst", "--party", "KEN"],
            "--role secretariat_analyst takes no --party",
        ),
        (
            ["--role", "national_user", "--organization", "DPS"],
            "--role national_user needs --party",
        ),
        (["--role", "wizard"], "unknown role 'wizard'"),
    ],
)
def test_errors_name_the_bad_argument(args, message, kenya, provider):
    with pytest.raises(CommandError, match=message):
        users("create", "--email", "x@example.org", *args)
    assert not User.objects.exists()


def test_create_refuses_an_address_in_use(kenya_user):
    with pytest.raises(CommandError, match="exists already"):
        users("create", "--role", "secretariat_analyst", "--email", "USER@kenya.example.org")


def test_grant_and_revoke(kenya_user, brazil):
    assert "is National focal point of Brazil" in users(
        "grant", kenya_user.email, "--role", "national_focal_point", "--party", "BRA"
    )
    assert RoleAssignment.objects.filter(user=kenya_user).count() == 2
    assert "no longer National focal point of Brazil" in users(
        "revoke", kenya_user.email, "--role", "national_focal_point", "--party", "BRA"
    )
    assert RoleAssignment.objects.filter(user=kenya_user).count() == 1
    changes = AuditEntry.objects.filter(event="permission_change").values_list(
        "details__change", flat=True
    )
    assert sorted(changes) == ["role granted", "role revoked"]


def test_revoking_a_role_not_held_says_so(kenya_user):
    with pytest.raises(CommandError, match="does not hold that role"):
        users("revoke", kenya_user.email, "--role", "secretariat_analyst")


def test_an_unknown_account_is_named(db):
    with pytest.raises(CommandError, match="No account with the e-mail address who@example.org"):
        users("grant", "who@example.org", "--role", "secretariat_analyst")


def test_list_shows_accounts_and_roles_with_filters(kenya_user, brazil_user, analyst):
    out = users("list")
    assert "user@kenya.example.org\tNational authorized user of Kenya" in out
    assert "3 account(s)" in out
    assert "1 account(s)" in users("list", "--party", "BRA")
    assert "analyst@secretariat.example.org" in users("list", "--role", "secretariat_analyst")


def test_token_prints_a_working_key(client, kenya_user):
    out = users("token", kenya_user.email, "--name", "import job")
    key = out.strip().splitlines()[-1]
    assert ApiToken.find_active(key).user == kenya_user
    assert AuditEntry.objects.get(event="token_issued").details["by"] == "command line"
    assert client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 200


def test_unlock_lifts_the_waits_after_failed_sign_ins(kenya_user, settings):
    from cbap.accounts import throttle

    settings.LOGIN_FREE_FAILURES = 1
    throttle.failed("203.0.113.9", kenya_user.email)
    assert throttle.wait("203.0.113.9", kenya_user.email) > 0
    assert "may sign in again" in users("unlock", kenya_user.email)
    assert throttle.wait("203.0.113.9", kenya_user.email) == 0


def test_the_cli_needs_no_role_of_its_own(db):
    person("nobody@example.org")
    users("grant", "nobody@example.org", "--role", "secretariat_admin")
    assert User.objects.get(email="nobody@example.org").is_superuser
