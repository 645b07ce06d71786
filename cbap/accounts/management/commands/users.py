"""`cbap users create|grant|revoke|list|token|unlock`: people and roles from the command line.

The operator holds the server, so nothing is checked against their roles; every change is
audited all the same, marked `"by": "command line"`.
"""

from __future__ import annotations

import argparse
import sys

from django.core.management.base import BaseCommand, CommandError

from cbap.accounts import services
from cbap.accounts.models import Organization, Role, RoleAssignment, User, role_scope
from cbap.accounts.permissions import SYSTEM
from cbap.parties.models import Government


def role_argument(value: str) -> Role:
    name = value.strip().lower().replace("-", "_")
    if name not in Role.values:
        raise argparse.ArgumentTypeError(
            f"unknown role {value!r}; the roles are: {', '.join(Role.values)}"
        )
    return Role(name)


def add_owner_arguments(parser) -> None:
    parser.add_argument("--role", type=role_argument, required=True, help=", ".join(Role.values))
    owner = parser.add_mutually_exclusive_group()
    owner.add_argument("--party", metavar="ISO3", help="For national roles: the Party's code.")
    owner.add_argument("--organization", metavar="NAME", help="For organization editors.")


class Command(BaseCommand):
    help = "Create accounts, give and take roles, list people, issue API tokens."
    stealth_options = ("stdin",)  # tests pass the password's input stream

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Create an account with a role.")
        create.add_argument("--email", required=True)
        create.add_argument("--name", default="", help="Full name.")
        create.add_argument(
            "--password-stdin",
            action="store_true",
            help="Read the password from standard input (else one is generated and printed).",
        )
        add_owner_arguments(create)
        grant = sub.add_parser("grant", help="Give a role to an existing account.")
        grant.add_argument("email")
        add_owner_arguments(grant)
        revoke = sub.add_parser("revoke", help="Take a role away.")
        revoke.add_argument("email")
        add_owner_arguments(revoke)
        listing = sub.add_parser("list", help="List accounts and their roles.")
        listing.add_argument("--role", type=role_argument)
        listing.add_argument("--party", metavar="ISO3")
        token = sub.add_parser("token", help="Issue an API token (its key is printed once).")
        token.add_argument("email")
        token.add_argument("--name", required=True, help="What will use the token.")
        token.add_argument(
            "--days", type=int, default=90, choices=services.TOKEN_DAYS, help="Valid for."
        )
        unlock = sub.add_parser("unlock", help="Lift the waits after failed sign-ins.")
        unlock.add_argument("email")

    def handle(self, *args, action: str, **options):
        try:
            getattr(self, f"handle_{action}")(**options)
        except services.AccountError as error:
            raise CommandError(str(error)) from error

    def handle_create(self, *, email, name, password_stdin, role, party, organization, **options):
        owners = self.owners(role, party, organization)
        password = None
        if password_stdin:
            password = options.get("stdin", sys.stdin).readline().rstrip("\r\n")
            if not password:
                raise CommandError("--password-stdin: standard input gave no password.")
        user, generated = services.user_create(
            actor=SYSTEM,
            email=email,
            role=role,
            password=password,
            full_name=name,
            **owners,
        )
        self.stdout.write(f"Created {user.email}: {self.role_label(user)}.")
        if generated:
            self.stdout.write(f"Password (shown once; hand it over safely): {generated}")

    def handle_grant(self, *, email, role, party, organization, **_):
        user = self.user(email)
        assignment = services.role_grant(
            actor=SYSTEM, user=user, role=role, **self.owners(role, party, organization)
        )
        self.stdout.write(f"{user.email} is {assignment.label}.")

    def handle_revoke(self, *, email, role, party, organization, **_):
        user = self.user(email)
        owners = self.owners(role, party, organization)
        assignment = RoleAssignment.objects.filter(user=user, role=role, **owners).first()
        if assignment is None:
            raise CommandError(f"{user.email} does not hold that role.")
        services.role_revoke(actor=SYSTEM, assignment=assignment)
        self.stdout.write(f"{user.email} is no longer {assignment.label}.")

    def handle_list(self, *, role, party, **_):
        users = User.objects.order_by("email").prefetch_related(
            "role_assignments__party", "role_assignments__organization"
        )
        if role:
            users = users.filter(role_assignments__role=role)
        if party:
            users = users.filter(role_assignments__party=self.party(party))
        users = users.distinct()
        for user in users:
            state = "" if user.is_active else " (inactive)"
            self.stdout.write(f"{user.email}{state}\t{self.role_label(user)}")
        self.stdout.write(f"{len(users)} account(s)")

    def handle_token(self, *, email, name, days, **_):
        user = self.user(email)
        token, key = services.token_issue(actor=SYSTEM, user=user, name=name, days=days)
        expires = token.expires_at.date().isoformat()
        self.stdout.write(
            f"Token “{token.name}” for {user.email}, valid until {expires} (shown once):"
        )
        self.stdout.write(key)

    def handle_unlock(self, *, email, **_):
        user = services.user_unlock(actor=SYSTEM, user=self.user(email))
        self.stdout.write(f"{user.email} may sign in again.")

    # --- arguments ------------------------------------------------------------------------

    def owners(self, role: Role, party: str | None, organization: str | None) -> dict:
        """The Party or organization a role is held for, checked against the role."""
        scope = role_scope(role)
        if scope == "party" and not party:
            raise CommandError(f"--role {role} needs --party ISO3 (the Party they act for).")
        if scope == "organization" and not organization:
            raise CommandError(f"--role {role} needs --organization NAME.")
        if scope != "party" and party:
            raise CommandError(f"--role {role} takes no --party.")
        if scope != "organization" and organization:
            raise CommandError(f"--role {role} takes no --organization.")
        return {
            "party": self.party(party) if party else None,
            "organization": self.organization(organization) if organization else None,
        }

    def party(self, code: str) -> Government:
        found = Government.objects.filter(code=code.strip().upper()).first()
        if found is None:
            raise CommandError(
                f"--party {code}: no Party with that code (ISO 3166 alpha-3, e.g. KEN; "
                "load the Parties with `cbap setup` first)."
            )
        return found

    def organization(self, name: str) -> Organization:
        found = services.organization_named(name)
        if found is None:
            raise CommandError(
                f"--organization {name!r}: no organization with that name or acronym "
                "(add it in the admin, /admin/accounts/organization/)."
            )
        return found

    def user(self, email: str) -> User:
        found = User.objects.filter(email__iexact=email.strip()).first()
        if found is None:
            raise CommandError(f"No account with the e-mail address {email}.")
        return found

    @staticmethod
    def role_label(user: User) -> str:
        labels = [assignment.label for assignment in user.roles()]
        if user.is_superuser and Role.SECRETARIAT_ADMIN not in {a.role for a in user.roles()}:
            labels.insert(0, "Secretariat administrator (superuser)")
        return "; ".join(labels) or "no role"
