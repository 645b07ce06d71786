"""`cbap indicators compute`: indicator values from the command line, as JSON or CSV."""

import json

from django.core.management.base import BaseCommand, CommandError

from cbap.core import downloads
from cbap.indicators import definitions as catalogue
from cbap.indicators import results, selectors
from cbap.reports.models import ReportingCycle

FIELDS = [
    "code",
    "cycle",
    *results.SUMMARY_FIELDS,
    "synthetic_reports",
    "unknown_members",
    "source",
    "demo_records",
]
"""`source`: report, or the published records (activities, resources) the value comes from."""
OTHER_READING = ["value_if_members", "parties_if_members"]
"""With members of unknown membership: the value and N had they all been in the population."""


class Command(BaseCommand):
    help = "Compute the Action Plan's indicators from the published national reports."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        compute = sub.add_parser("compute", help="Print indicator values of one cycle.")
        compute.add_argument("--cycle", type=int, required=True, choices=catalogue.CYCLES)
        compute.add_argument(
            "--by",
            action="append",
            default=[],
            help='Disaggregate: "region", "all" or a group (ldc, sids, lldc, developing, '
            'supplementary_protocol, "region:African Group" …); repeatable.',
        )
        compute.add_argument("--indicator", help="One indicator code, e.g. A.1.b.")
        compute.add_argument("--format", dest="fmt", choices=["json", "csv"], default="json")

    def handle(self, *args, action, **options):
        getattr(self, f"handle_{action}")(**options)

    def handle_compute(self, *, cycle: int, by: list[str], indicator: str | None, fmt: str, **_):
        if not ReportingCycle.objects.filter(number=cycle).exists():
            raise CommandError(f"Reporting cycle {cycle} is not loaded (run `cbap setup`).")
        if indicator and catalogue.definition_for(indicator) is None:
            raise CommandError(f"No indicator {indicator}.")
        try:
            rows = selectors.value_rows(cycle=cycle, by=by, code=indicator)
        except ValueError as error:
            raise CommandError(str(error)) from error
        if fmt == "json":
            self.stdout.write(json.dumps([_json_row(row) for row in rows], indent=2))
        else:
            lines = [
                _csv_row(value, row.code, row.cycle, group)
                for row in rows
                for value, group in [(row, ""), *((g, g.group) for g in row.by)]
            ]
            columns = [*FIELDS[:2], "group", *FIELDS[2:], *OTHER_READING]
            content = downloads.csv_bytes(columns, lines)
            # A pipe wants no byte-order mark; files for spreadsheets have one.
            self.stdout.write(content.decode("utf-8-sig"), ending="")


def _json_row(row: results.IndicatorRow) -> dict:
    """A row with `value` as the engine gives it and `by` keyed by group name."""
    by = {group.group: _json_fields(group, FIELDS[2:]) for group in row.by}
    return {**_json_fields(row, FIELDS), "by": by}


def _json_fields(value: results.IndicatorValue, names: list[str]) -> dict:
    other = value.if_members
    return {
        **{name: getattr(value, name) for name in names},
        "if_members": results.jsonable(other) if other else None,
    }


def _csv_row(value: results.IndicatorValue, code: str, cycle: int, group: str) -> dict:
    cells = {name: getattr(value, name, None) for name in FIELDS}
    if isinstance(value.value, dict):  # a sum's range
        cells["value"] = results.in_unit(value.value, value.measure, value.unit)
    if other := value.if_members:
        cells["value_if_members"] = (
            results.in_unit(other.value, other.measure, other.unit)
            if isinstance(other.value, dict)
            else other.value
        )
        cells["parties_if_members"] = other.parties
    cells["warnings"] = results.warnings_text(value.warnings)
    return {**cells, "code": code, "cycle": cycle, "group": group}
