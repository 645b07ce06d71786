"""`cbap resources import|export`: resources of the virtual library as BCH documents."""

from cbap.activities.management.commands._exchange import ExchangeCommand


class Command(ExchangeCommand):
    help = "Import and export resources of the virtual library (BCH documents, tables)."
    kind = "resource"
