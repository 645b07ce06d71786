"""`cbap analyze`: the report analyzer on the command line, as JSON (the API's) or CSV (the page's
download), e.g.

    cbap analyze --cycle 5 --question Q007 --by region --compare 4 --filter Q011=true
"""

import json

from django.core.management.base import BaseCommand, CommandError

from cbap.analyzer.analysis import analyze
from cbap.analyzer.exports import render_csv
from cbap.analyzer.query import MEASURES, MEASURES_NOTE, AnalyzerError, choices_from_query
from cbap.analyzer.tables import analysis_json
from cbap.core.downloads import SYNTHETIC_NOTICE


class Command(BaseCommand):
    help = "Tabulate the published national reports of a cycle (the report analyzer)."

    def add_arguments(self, parser):
        parser.add_argument("--cycle", type=int, help="Reporting cycle (default: the latest).")
        parser.add_argument(
            "--question",
            default="all",
            help="A question key (Q007), section:KEY (section:Article22) or all (default).",
        )
        parser.add_argument(
            "--by",
            default="region",
            help="Columns: region (default), a grouping (ldc, sids, lldc, developing …), "
            "party-status, supplementary, or countries:KEN,BRA.",
        )
        parser.add_argument(
            "--measure",
            choices=list(MEASURES),
            default="count",
            help=f"Default: count. {MEASURES_NOTE.replace('%', '%%')}",
        )
        parser.add_argument("--format", dest="fmt", choices=("json", "csv"), default="json")
        parser.add_argument("--compare", type=int, help="The previous cycle's number, e.g. 4.")
        parser.add_argument(
            "--filter",
            dest="filters",
            action="append",
            default=[],
            metavar="QUESTION=ANSWER",
            help="Only governments that gave this answer, e.g. Q011=true; repeat to combine.",
        )

    def handle(self, *args, cycle, question, by, measure, fmt, compare, filters, **options):
        query = {
            "cycle": [str(cycle)] if cycle else [],
            "question": [question],
            "by": [by],
            "measure": [measure],
            "compare": [str(compare)] if compare else [],
            "filter": filters,
        }
        try:
            result = analyze(choices_from_query(query))
        except AnalyzerError as error:
            raise CommandError(str(error)) from error
        if fmt == "json":
            data = analysis_json(result)
            self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))
        else:
            # A pipe wants no byte-order mark; files for spreadsheets have one.
            self.stdout.write(render_csv(result).decode("utf-8-sig"), ending="")
        if result.synthetic:
            self.stderr.write(SYNTHETIC_NOTICE)
