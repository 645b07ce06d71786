"""Governments: Parties to the Cartagena Protocol (and its Supplementary Protocol), and others.

Being a Party is a fact on a date, never a flag: see ProtocolMembership and `parties_on`.
"""

from django.db import models
from django.urls import reverse


class Government(models.Model):
    """A State or the European Union, Party or not.

    `code` is the ISO 3166-1 alpha-3 code, or "EU" for the European Union, which has none.
    """

    code = models.CharField(max_length=3, unique=True)
    iso3 = models.CharField(max_length=3, blank=True)
    iso2 = models.CharField(
        max_length=2, unique=True, help_text="Identifier the BCH uses (lower case there)."
    )
    m49 = models.CharField(max_length=3, blank=True)
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("parties:detail", args=[self.code])
