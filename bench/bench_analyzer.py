"""The report analyzer over all questions of a cycle, on the demo data (≈160 NR5 reports)."""

import io

from django.conf import settings
from django.core.management import call_command

from cbap.analyzer import analysis, answers
from cbap.analyzer.query import choices_from_query


def run(measure):
    settings.DEMO = True
    call_command("setup", demo=True, stdout=io.StringIO())
    everything = choices_from_query({"cycle": "5", "question": "all", "by": "region"})
    compared = choices_from_query({"cycle": "5", "question": "all", "by": "region", "compare": "4"})

    def cold():
        answers._ANSWERS.clear()  # the normalised answers, kept while reports are unchanged
        analysis.analyze(everything)

    measure("analyzer: all NR5 questions by region (answers normalised anew)", cold)
    measure("analyzer: all NR5 questions by region", lambda: analysis.analyze(everything))
    measure(
        "analyzer: all NR5 questions by region, compared with NR4",
        lambda: analysis.analyze(compared),
    )
