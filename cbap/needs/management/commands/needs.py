"""`cbap needs match|gaps`: the matching and the gap analysis for scripts and checks.

cbap needs match --party KEN --format json     the ranked offers for each of the Party's
                                               needs, each with its score terms
cbap needs gaps --by region --format json|csv  needs against support by key area and group
"""

import json

from django.core.management.base import BaseCommand, CommandError

from cbap.accounts.permissions import SYSTEM
from cbap.core.downloads import csv_bytes
from cbap.engine import gaps
from cbap.needs import gap_analysis, reasons, selectors
from cbap.needs.models import SelfAssessment
from cbap.parties.models import Government, Grouping

BY = {"region": (Grouping.Kind.REGION,), "grouping": (Grouping.Kind.LDC, Grouping.Kind.SIDS)}


class Command(BaseCommand):
    help = "Matching of needs and offers, and the gap analysis, as JSON or CSV."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        match = sub.add_parser("match", help="The ranked offers for each of a Party's needs.")
        match.add_argument("--party", required=True, help="A government code, e.g. KEN.")
        match.add_argument("--format", dest="fmt", choices=["json"], default="json")
        gap = sub.add_parser("gaps", help="Needs against support by key area and group.")
        gap.add_argument("--by", choices=sorted(BY), default="region")
        gap.add_argument("--format", dest="fmt", choices=["json", "csv"], default="json")

    def handle(self, *args, action, **options):
        getattr(self, f"handle_{action}")(**options)

    def handle_match(self, *, party, fmt, **_):
        government = Government.objects.filter(code=party.upper()).first()
        if government is None:
            raise CommandError(f"No government with the code {party}.")
        newest = SelfAssessment.newest_published(government)
        if newest is None:
            raise CommandError(f"{government.name} has published no self-assessment.")
        assessment, content = newest
        # The operator sees what the Secretariat sees: confidential lines included.
        found = selectors.offers_for_lines(SYSTEM, assessment, content)
        needs = [
            {
                "key_area": code,
                "level": line.get("level"),
                "rank": line.get("rank"),
                "offers": [
                    {
                        "offer": offer.pk,
                        "title": offer.title,
                        "score": match.score,
                        "possible": match.possible,
                        "conflict": match.conflict,
                        "declaration": match.declaration,
                        "terms": [reasons.kept(term) for term in match.terms],
                    }
                    for offer, match in (found[code].best if code in found else [])
                ],
            }
            for code, line in content["lines"].items()
            if line.get("level") in ("high", "medium", "low")
        ]
        document = {
            "party": government.code,
            "self_assessment": assessment.pk,
            "assessed_on": content["assessed_on"],
            "needs": needs,
        }
        self.stdout.write(json.dumps(document, ensure_ascii=False, indent=1))

    def handle_gaps(self, *, by, fmt, **_):
        table = gap_analysis.gap_table()
        kept = set(Grouping.objects.filter(kind__in=BY[by]).values_list("code", flat=True))
        rows = gap_analysis.gap_rows(table, kept)
        if fmt == "csv":
            text = csv_bytes(gap_analysis.GAP_HEADER, rows).decode("utf-8-sig")
            self.stdout.write(text, ending="")
            return
        document = {
            "coverage": {
                group: {"parties": c.parties, "assessed": c.assessed}
                for group, c in table.coverage.items()
                if group in kept or group == gaps.ALL
            },
            "cells": [dict(zip(gap_analysis.GAP_HEADER, row, strict=True)) for row in rows],
            "priorities": [
                {"key_area": p.key_area, "score": p.score, "reasons": list(p.reasons)}
                for p in gaps.candidate_priorities(table)
            ],
        }
        self.stdout.write(json.dumps(document, ensure_ascii=False, indent=1))
