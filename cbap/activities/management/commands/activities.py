"""`cbap activities import|export`: capacity-building activities as BCH documents or IATI XML."""

from cbap.activities.management.commands._exchange import ExchangeCommand


class Command(ExchangeCommand):
    help = "Import and export capacity-building activities (BCH documents, IATI 2.03 XML, tables)."
    kind = "activity"
