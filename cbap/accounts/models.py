"""People: users log in with their e-mail address; scripts use revocable API tokens.

What a person may do follows from their `RoleAssignment`s (a role, and for most roles the Party or
organization it is held for); `cbap.accounts.permissions` turns those into decisions.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class UserManager(BaseUserManager["User"]):
    def create_user(self, email: str, password: str | None = None, **fields) -> User:
        if not email:
            raise ValueError("A user needs an e-mail address.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> User:
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=200, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(
        default=False, help_text=gettext_lazy("May open the Django admin.")
    )
    date_joined = models.DateTimeField(default=timezone.now)
    # The interface language the person chose (a code of settings.LANGUAGES); blank until they
    # choose, then pages and e-mails are in it.
    language = models.CharField(max_length=10, blank=True)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    def __str__(self) -> str:
        return self.full_name or self.email

    # --- roles ------------------------------------------------------------------------------

    def roles(self) -> list[RoleAssignment]:
        """The person's role assignments (with their Party and organization), read once per
        instance: permission checks ask many times per page. `forget_roles` rereads them."""
        if "_roles" in self.__dict__:
            return self._roles
        if "role_assignments" in getattr(self, "_prefetched_objects_cache", {}):
            self._roles = list(self.role_assignments.all())
        else:
            self._roles = list(
                self.role_assignments.select_related("party", "organization").order_by(
                    "role", "party__name", "organization__name"
                )
            )
        return self._roles

    def forget_roles(self) -> None:
        self.__dict__.pop("_roles", None)
        getattr(self, "_prefetched_objects_cache", {}).pop("role_assignments", None)

    def refresh_from_db(self, *args, **kwargs) -> None:
        self.forget_roles()
        super().refresh_from_db(*args, **kwargs)

    def has_role(self, role: str) -> bool:
        return any(assignment.role == role for assignment in self.roles())

    @property
    def is_secretariat_admin(self) -> bool:
        """Secretariat administrators are superusers; a `secretariat_admin` role counts too."""
        return self.is_active and (self.is_superuser or self.has_role(Role.SECRETARIAT_ADMIN))

    @property
    def is_secretariat(self) -> bool:
        """A Secretariat administrator or analyst."""
        return self.is_secretariat_admin or (
            self.is_active and self.has_role(Role.SECRETARIAT_ANALYST)
        )

    def party_ids(self, *roles: str) -> set[int]:
        """Primary keys of the Parties the person acts for (in any Party role, or in `roles`)."""
        wanted = roles or PARTY_ROLES
        return {a.party_id for a in self.roles() if a.role in wanted and a.party_id}

    def organization_ids(self) -> set[int]:
        """Primary keys of the organizations whose records the person edits."""
        return {a.organization_id for a in self.roles() if a.organization_id}

    def parties(self, *roles: str) -> list:
        """The Parties (governments) the person acts for, by name."""
        wanted = roles or PARTY_ROLES
        found = {a.party for a in self.roles() if a.role in wanted and a.party_id}
        return sorted(found, key=lambda party: party.name)

    def organizations(self) -> list[Organization]:
        return sorted({a.organization for a in self.roles() if a.organization_id}, key=str)


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiToken(models.Model):
    """A per-user token for scripts. Only its SHA-256 digest is stored; revoking keeps the row."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tokens"
    )
    name = models.CharField(max_length=100)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(max_length=8, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(help_text=gettext_lazy("The token stops working then."))

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @classmethod
    def issue(cls, user, name: str, days: int) -> tuple[ApiToken, str]:
        """Create a token valid for `days` and return it with its secret, which is shown once
        and never stored."""
        key = secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user,
            name=name,
            digest=_digest(key),
            prefix=key[:8],
            expires_at=timezone.now() + timedelta(days=days),
        )
        return token, key

    @classmethod
    def find_active(cls, key: str) -> ApiToken | None:
        return (
            cls.objects.select_related("user")
            .filter(
                digest=_digest(key),
                revoked_at__isnull=True,
                expires_at__gt=timezone.now(),
                user__is_active=True,
            )
            .first()
        )


class Organization(models.Model):
    """A capacity-building provider, donor or partner whose editors keep its records."""

    name = models.CharField(max_length=300, unique=True)
    acronym = models.CharField(max_length=30, blank=True)
    kind = models.CharField(
        max_length=60, blank=True, help_text=gettext_lazy("e.g. UN agency, NGO, donor")
    )
    country = models.ForeignKey(
        "parties.Government", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    website = models.URLField(blank=True)
    is_demo = models.BooleanField(
        gettext_lazy("demo data"),
        default=False,
        help_text=gettext_lazy(
            "A synthetic organization of the demo site, labelled so on every page."
        ),
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    """The roles of the BCH realm (administrator, national focal point, national authorized
    user), plus the Secretariat analyst and the editors of capacity-building organizations."""

    SECRETARIAT_ADMIN = "secretariat_admin", gettext_lazy("Secretariat administrator")
    SECRETARIAT_ANALYST = "secretariat_analyst", gettext_lazy("Secretariat analyst")
    NATIONAL_FOCAL_POINT = "national_focal_point", gettext_lazy("National focal point")
    NATIONAL_USER = "national_user", gettext_lazy("National authorized user")
    ORGANIZATION_EDITOR = "organization_editor", gettext_lazy("Organization editor")


SECRETARIAT_ROLES = (Role.SECRETARIAT_ADMIN, Role.SECRETARIAT_ANALYST)
PARTY_ROLES = (Role.NATIONAL_FOCAL_POINT, Role.NATIONAL_USER)
ORGANIZATION_ROLES = (Role.ORGANIZATION_EDITOR,)


def role_scope(role: str) -> str:
    """What a role is held for: "party", "organization" or "" (the whole site)."""
    if role in PARTY_ROLES:
        return "party"
    if role in ORGANIZATION_ROLES:
        return "organization"
    return ""


class RoleAssignment(models.Model):
    """A person holds a role: for a Party (national roles), for an organization (its editors)
    or for the whole site (the Secretariat). Changed only through `cbap.accounts.services`."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(max_length=30, choices=Role.choices)
    party = models.ForeignKey(
        "parties.Government",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="role_assignments",
    )
    organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="role_assignments",
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=gettext_lazy("Empty when granted at the command line or by the demo loader."),
    )
    granted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["user__email", "role"]
        constraints = [
            models.CheckConstraint(
                name="role_held_for_the_right_owner",
                condition=(
                    Q(role__in=PARTY_ROLES, party__isnull=False, organization__isnull=True)
                    | Q(role__in=ORGANIZATION_ROLES, party__isnull=True, organization__isnull=False)
                    | Q(role__in=SECRETARIAT_ROLES, party__isnull=True, organization__isnull=True)
                ),
                violation_error_message=gettext_lazy(
                    "A national role needs a Party, an organization editor an organization, "
                    "and a Secretariat role neither."
                ),
            ),
            # Three partial indexes, since NULLs never collide in a plain unique index.
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(party__isnull=True, organization__isnull=True),
                name="one_site_role_each",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "party"],
                condition=Q(party__isnull=False),
                name="one_party_role_each",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "organization"],
                condition=Q(organization__isnull=False),
                name="one_organization_role_each",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """e.g. "National focal point of Kenya", "Secretariat analyst"."""
        held_for = self.party or self.organization
        name = self.get_role_display()
        return _("%(role)s of %(place)s") % {"role": name, "place": held_for} if held_for else name
