"""Web pages of the plan: overview, goals, indicators, narrative, articles, versions, search.

Every page reads one plan version: the current one, or `?version=CODE`; links and redirects keep
that parameter, so browsing an older or adjusted version never falls back to the current one.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from cbap.core import downloads
from cbap.plan import catalogue, exports, selectors
from cbap.plan.models import Indicator, PlanVersion


def _version(request) -> PlanVersion:
    code = request.GET.get("version")
    try:
        return selectors.plan_version(code)
    except PlanVersion.DoesNotExist as error:
        if code:
            raise Http404(_("No plan version %(code)s.") % {"code": code}) from error
        raise Http404(_("No plan version is loaded yet (run `cbap setup`).")) from error


def overview(request):
    version = _version(request)
    goals = list(selectors.goals_with_elements(version))
    sections = [(s, [g for g in goals if g.section == s["code"]]) for s in version.sections]
    return render(
        request,
        "plan/overview.html",
        {"version": version, "sections": sections, "priorities": version.priorities.all()},
    )


def element(request, code: str):
    """Stable URL for every element: goals and indicators have pages, the rest are anchors."""
    version = _version(request)
    found = selectors.element_by_code(version, code)
    if found is None:
        raise Http404(
            _("No element %(code)s in %(code2)s.") % {"code": code, "code2": version.code}
        )
    if isinstance(found, Indicator):
        return redirect(reverse("plan:indicator", args=[code]) + version.query())
    if found.code.count(".") > 1:
        return redirect(f"{found.goal.get_absolute_url()}{version.query()}#{found.code}")
    goal = selectors.goal_with_elements(version, code)
    return render(
        request,
        "plan/goal.html",
        {"version": version, "goal": goal, "prioritized": selectors.prioritized(version)},
    )


def indicator(request, code: str):
    """An indicator of the current plan has one page, with its definition and values
    (`indicators:detail`); this page is only for the text of an older or adjusted version."""
    version = _version(request)
    item = Indicator.objects.select_related("goal").filter(goal__version=version, code=code).first()
    if item is None:
        raise Http404(
            _("No indicator %(code)s in %(code2)s.") % {"code": code, "code2": version.code}
        )
    if version.is_current:
        return redirect("indicators:detail", code, permanent=True)
    return render(request, "plan/indicator.html", {"version": version, "indicator": item})


def about(request):
    version = _version(request)
    return render(
        request,
        "plan/about.html",
        {"version": version, "paragraphs": version.narrative.all(), "terms": version.terms.all()},
    )


def articles(request):
    version = _version(request)
    titles = catalogue.article_titles()
    return render(
        request,
        "plan/articles.html",
        {
            "version": version,
            "articles": [
                {"number": number, "title": titles.get(number, ""), "by": by}
                for number, by in selectors.article_citations(version).items()
            ],
        },
    )


def article(request, number: int):
    version = _version(request)
    citations = selectors.article_citations(version).get(number)
    if not citations:
        raise Http404(
            _("Nothing in %(code)s cites Article %(number)s of the Protocol.")
            % {"code": version.code, "number": number}
        )
    return render(
        request,
        "plan/article.html",
        {
            "version": version,
            "number": number,
            "title": catalogue.article_titles().get(number, ""),
            "in_table": [c for c in citations if c.kind != "narrative"],
            "in_narrative": [c for c in citations if c.kind == "narrative"],
        },
    )


def versions(request):
    all_versions = list(
        PlanVersion.objects.select_related("previous").prefetch_related("priorities")
    )
    old_code, new_code = request.GET.get("from"), request.GET.get("to")
    changes = None
    if old_code and new_code and old_code != new_code:
        old = get_object_or_404(PlanVersion, code=old_code)
        new = get_object_or_404(PlanVersion, code=new_code)
        changes = selectors.version_changes(old, new)
    current = next((v for v in all_versions if v.is_current), None)
    default_old = current.previous if current and current.previous else None
    return render(
        request,
        "plan/versions.html",
        {
            "versions": all_versions,
            "changes": changes,
            "old": old_code or (default_old.code if default_old else ""),
            "new": new_code or (current.code if current else ""),
            "same": bool(old_code) and old_code == new_code,
        },
    )


def search(request):
    version = _version(request)
    query = request.GET.get("q", "").strip()
    hits = selectors.plan_search(version, query) if query else []
    return render(request, "plan/search.html", {"version": version, "query": query, "hits": hits})


def download(request, fmt: str):
    version = _version(request)
    content = exports.RENDERERS[fmt](selectors.plan_as_dict(version))
    return downloads.download(content, downloads.file_name("plan", version.code, extension=fmt))
