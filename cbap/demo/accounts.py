"""Demo accounts: one per role, all with one published password, and the demo organization."""

from dataclasses import dataclass

from django.db import transaction

from cbap.accounts import services
from cbap.accounts.models import Organization, Role, User
from cbap.accounts.permissions import SYSTEM
from cbap.parties.models import Government

# Demo accounts share one password, published in docs/demo-accounts.md and on the demo's sign-in
# page. `cbap setup --demo` refuses to run when CBAP_DEMO is off, so production gets none.
DEMO_PASSWORD = "demo-cbap-2026"
DEMO_ORGANIZATION = "Demo capacity-building provider (synthetic)"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    full_name: str
    role: str
    party: str = ""  # Government code
    organization: str = ""

    @property
    def description(self) -> str:
        held_for = self.party or self.organization
        return Role(self.role).label + (f" of {held_for}" if held_for else "")


DEMO_ACCOUNTS = [
    DemoAccount("admin@demo.cbap.example", "Demo Secretariat administrator", "secretariat_admin"),
    DemoAccount("analyst@demo.cbap.example", "Demo Secretariat analyst", "secretariat_analyst"),
    DemoAccount(
        "nfp.kenya@demo.cbap.example", "Demo focal point of Kenya", "national_focal_point", "KEN"
    ),
    DemoAccount(
        "user.kenya@demo.cbap.example", "Demo authorized user of Kenya", "national_user", "KEN"
    ),
    DemoAccount(
        "nfp.brazil@demo.cbap.example", "Demo focal point of Brazil", "national_focal_point", "BRA"
    ),
    DemoAccount(
        "editor@demo.cbap.example",
        "Demo organization editor",
        "organization_editor",
        organization=DEMO_ORGANIZATION,
    ),
]


def demo_accounts_load(out) -> None:
    """One synthetic account per role (see DEMO_ACCOUNTS), with the shared demo password.
    Accounts and roles already there are left alone; a missing Party is reported."""
    created = 0
    with transaction.atomic():
        organization, _ = Organization.objects.update_or_create(
            name=DEMO_ORGANIZATION,
            defaults={"is_demo": True},
            create_defaults={
                "acronym": "DEMO",
                "kind": "Demo data (synthetic)",
                "is_demo": True,
            },
        )
        for account in DEMO_ACCOUNTS:
            party = None
            if account.party:
                party = Government.objects.filter(code=account.party).first()
                if party is None:
                    out.write(
                        f"accounts: no Party {account.party} (load the Parties first with "
                        f"`cbap setup`); demo account {account.email} skipped."
                    )
                    continue
            user = User.objects.filter(email=account.email).first()
            if user is None:
                user = User.objects.create_user(
                    account.email, DEMO_PASSWORD, full_name=account.full_name
                )
                created += 1
            services.role_grant(
                actor=SYSTEM,
                user=user,
                role=account.role,
                party=party,
                organization=organization if account.organization else None,
            )
    out.write(
        f"accounts: {created} demo account(s) created; every demo account's password is "
        f"{DEMO_PASSWORD} (see docs/demo-accounts.md)."
    )
