"""`cbap parties export`: the registry of Parties from the command line."""

import sys
from argparse import ArgumentTypeError
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from cbap.parties import exports, registry, selectors


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


class Command(BaseCommand):
    help = "Export the Parties to the Cartagena Protocol or its Supplementary Protocol."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser(
            "export",
            help="Write the Parties on a date, and the governments whose membership that day is "
            "unknown (status unknown), with ISO codes, membership dates and groupings.",
        )
        export.add_argument("--format", choices=sorted(exports.RENDERERS), default="json")
        export.add_argument(
            "--as-of", type=iso_date, help="The Parties on this date, YYYY-MM-DD (default: today)."
        )
        export.add_argument("--protocol", choices=registry.PROTOCOLS, default=registry.CARTAGENA)
        export.add_argument(
            "--all",
            action="store_true",
            dest="everyone",
            help="Every government in the registry, Party or not (with its status on the date).",
        )
        export.add_argument("--output", type=Path, help="File to write (default: standard output).")

    def handle(self, *args, action, **options):
        getattr(self, f"handle_{action}")(**options)

    def handle_export(
        self,
        *,
        format: str,
        as_of: date | None,
        protocol: str,
        everyone: bool,
        output: Path | None,
        **_,
    ):
        day = as_of or timezone.localdate()
        governments = None  # everyone
        if not everyone:  # an unknown membership is listed as unknown, never left out as a "no"
            governments = selectors.parties_on(day, protocol) | selectors.unknown_parties_on(
                day, protocol
            )
        governments = selectors.registry_on(day, governments)
        content = exports.RENDERERS[format](exports.registry_document(governments, day))
        if output:
            output.write_bytes(content)
            self.stderr.write(f"Wrote {output}")
        else:
            self.stdout.flush()
            sys.stdout.buffer.write(content)
