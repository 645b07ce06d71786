"""Governments: Parties to the Cartagena Protocol (and its Supplementary Protocol), and others.

Being a Party is a fact on a date, never a flag: see ProtocolMembership and `parties_on`.
A government with no membership is a non-Party. Groupings (regions, LDC, SIDS …) are dated too.
"""

from __future__ import annotations

import re
from datetime import date

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy

from cbap.parties import registry

# What a government's code looks like (ISO3, or EU): anything else is no code, never queried.
GOVERNMENT_CODE = re.compile(r"[A-Z]{2,3}")


class Government(models.Model):
    """A State or the European Union, Party or not.

    `code` is the ISO 3166-1 alpha-3 code, or "EU" for the European Union, which has none.
    """

    class Kind(models.TextChoices):
        STATE = "state", gettext_lazy("State")
        REIO = "reio", gettext_lazy("Regional economic integration organization")

    code = models.CharField(max_length=3, unique=True)
    iso3 = models.CharField(max_length=3, blank=True)
    iso2 = models.CharField(
        max_length=2,
        unique=True,
        help_text=gettext_lazy("Identifier the BCH uses (lower case there)."),
    )
    m49 = models.CharField(max_length=3, blank=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=5, choices=Kind.choices, default=Kind.STATE)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("parties:detail", args=[self.code])

    @property
    def cartagena_membership(self) -> ProtocolMembership | None:
        return self._membership(registry.CARTAGENA)

    @property
    def supplementary_membership(self) -> ProtocolMembership | None:
        return self._membership(registry.SUPPLEMENTARY)

    def _membership(self, protocol: str) -> ProtocolMembership | None:
        # Reads all memberships (at most two) so a prefetch serves it without a query.
        return next((m for m in self.memberships.all() if m.protocol == protocol), None)


class Protocol(models.TextChoices):
    CARTAGENA = registry.CARTAGENA, gettext_lazy("Cartagena Protocol on Biosafety")
    SUPPLEMENTARY = (
        registry.SUPPLEMENTARY,
        gettext_lazy("Nagoya – Kuala Lumpur Supplementary Protocol on Liability and Redress"),
    )


class ProtocolMembership(models.Model):
    """A government's instrument of ratification, acceptance, approval or accession to a protocol.

    The dates are as the sources give them (or as computed from them with the Protocol's
    entry-into-force article); missing dates stay empty, and `registry` says what that means.
    """

    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="memberships")
    protocol = models.CharField(max_length=13, choices=Protocol.choices)
    signed_on = models.DateField(null=True, blank=True)
    deposited_on = models.DateField(
        null=True, blank=True, help_text=gettext_lazy("Deposit of the instrument.")
    )
    entry_into_force_on = models.DateField(null=True, blank=True)
    not_before = models.DateField(
        null=True,
        blank=True,
        help_text=gettext_lazy(
            "Without an entry-into-force date: the earliest day the sources leave open "
            "(not a Party before it; unknown from it until the list vouches for it)."
        ),
    )
    date_quality = models.TextField(
        blank=True,
        help_text=gettext_lazy("Where each date comes from, verbatim from the data file."),
    )
    source = models.TextField(blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["government__name", "protocol"]
        constraints = [
            models.UniqueConstraint(
                fields=["government", "protocol"], name="one_membership_per_protocol"
            )
        ]

    def __str__(self) -> str:
        return f"{self.government} – {self.get_protocol_display()}"

    @property
    def date_status(self) -> str:
        """ "known", "unverified" or "unknown" (see `registry.date_status`)."""
        return registry.date_status(self.entry_into_force_on, self.date_quality)


class Grouping(models.Model):
    """A set of governments: a UN regional group, LDC, SIDS, LLDC, developing, EIT …"""

    class Kind(models.TextChoices):
        REGION = "region", gettext_lazy("Region")
        LDC = "ldc", gettext_lazy("Least developed countries")
        SIDS = "sids", gettext_lazy("Small island developing States")
        LLDC = "lldc", gettext_lazy("Landlocked developing countries")
        DEVELOPMENT = "development", gettext_lazy("Developed / developing")
        EIT = "eit", gettext_lazy("Economies in transition")

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    description = models.TextField(blank=True)
    source = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    secretariat_managed = models.BooleanField(
        default=False,
        help_text=(
            gettext_lazy(
                "No source lists its members: the Secretariat keeps them on cbap, and loading the "
                "reference data leaves them alone (economies in transition)."
            )
        ),
    )

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def get_members_url(self) -> str:
        return reverse("parties:grouping-members", args=[self.code])


class GroupingMembership(models.Model):
    """A government in a grouping from `valid_from` to `valid_to`, both inclusive; empty = open."""

    grouping = models.ForeignKey(Grouping, on_delete=models.CASCADE, related_name="memberships")
    government = models.ForeignKey(
        Government, on_delete=models.CASCADE, related_name="grouping_memberships"
    )
    valid_from = models.DateField(
        null=True, blank=True, help_text=gettext_lazy("First day; empty = always.")
    )
    valid_to = models.DateField(
        null=True, blank=True, help_text=gettext_lazy("Last day; empty = still a member.")
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["grouping__position", "government__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["grouping", "government"], name="one_period_per_grouping"
            ),
            models.CheckConstraint(
                condition=models.Q(valid_from__isnull=True)
                | models.Q(valid_to__isnull=True)
                | models.Q(valid_from__lte=models.F("valid_to")),
                name="grouping_period_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.government} in {self.grouping}"

    def is_valid_on(self, day: date) -> bool:
        return registry.valid_on(self.valid_from, self.valid_to, day)
