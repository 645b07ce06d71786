"""The heaviest public pages, put in the page cache by the worker after every change of data and
after a start, so that no reader waits for their computation (`core.pagecache`).

The worker renders them as an anonymous reader of the site's address (CBAP_SITE_URL) would get
them, through the whole middleware stack, into the cache that the web processes share with it
(a file cache on the embedded default, Redis in production). Pages that are not warmed (an
analysis of any question, say) are computed from what each web process keeps in memory, which
`prime_process` reads before the web workers fork.
"""

from __future__ import annotations

import logging
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.urls import get_resolver
from django_tasks import task

from cbap.analyzer.answers import cycle_answers
from cbap.indicators import selectors as indicators
from cbap.indicators.definitions import bound_indicators
from cbap.plan import selectors as plan
from cbap.reports.models import ReportingCycle

logger = logging.getLogger(__name__)
QUEUED = "cbap:warming-queued"
QUEUED_SECONDS = 3600  # a worker that does not run takes its queued warming when it comes back


def heavy_pages() -> list[str]:
    """The pages that take over a few milliseconds to compute: the plan and its goals, the
    indicators and each indicator, the analyzer's first page and the API's derived reads; the
    pages in every language the site offers."""
    version = plan.plan_version()
    pages = [
        "/",
        "/plan/",
        *(f"/plan/{goal.code}/" for goal in plan.goals_with_elements(version)),
        "/indicators/",
        *(f"/indicators/{item.code}/" for item in bound_indicators(version)),
        "/analyzer/",
        "/parties/",
        "/reports/",
        "/activities/",  # builds the faceted search of activities, then of the library
        "/activities/library/",
    ]
    translated = [
        f"/{code}{page}"
        for code, _ in settings.LANGUAGES
        if code != settings.LANGUAGE_CODE
        for page in pages
    ]
    api = ["/api/v1/plan/", "/api/v1/indicators/", "/api/v1/indicators/?by=region"]
    return pages + translated + api


def pages_warm_soon(**_) -> None:
    """Queue a warming unless one waits for the worker already (it will warm what is current
    when it runs, however many changes came before)."""
    if cache.add(QUEUED, True, QUEUED_SECONDS):
        warm_public_pages.enqueue()


@task()
def warm_public_pages() -> None:
    """Compute the heavy pages of the current data version into the cache."""
    cache.delete(QUEUED)  # a change from now on queues another warming
    start = time.perf_counter()
    site = urlsplit(settings.SITE_URL)
    reader = Client(HTTP_HOST=site.netloc, secure=site.scheme == "https")
    pages = heavy_pages()
    failed = [page for page in pages if reader.get(page).status_code != 200]
    logger.info(
        "warmed %d public pages in %.1f s%s",
        len(pages) - len(failed),
        time.perf_counter() - start,
        f"; failed: {', '.join(failed)}" if failed else "",
    )


def prime_process() -> None:
    """Read what a process keeps in memory between requests: the views (every URL's module),
    each cycle's normalised answers (the analyzer's, then the indicators')."""
    get_resolver().url_patterns  # noqa: B018 - imports every view module
    for cycle in ReportingCycle.objects.all():
        cycle_answers(cycle)
    indicators.cycle_snapshots()
