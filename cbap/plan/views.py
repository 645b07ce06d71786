"""Web pages of the plan: overview, goals, indicators, narrative, versions, search, downloads."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from cbap.plan import catalogue, exports, selectors
from cbap.plan.models import Indicator, PlanVersion, Section


def _version(request) -> PlanVersion:
    try:
        return selectors.plan_version(request.GET.get("version"))
    except PlanVersion.DoesNotExist as error:
        raise Http404(f"No plan version {request.GET.get('version')}.") from error


def overview(request):
    version = _version(request)
    goals = list(selectors.goals_with_elements(version))
    sections = [(s, [g for g in goals if g.section == s.value]) for s in Section]
    return render(request, "plan/overview.html", {"version": version, "sections": sections})


def element(request, code: str):
    """Stable URL for every element: goals and indicators have pages, the rest are anchors."""
    version = _version(request)
    found = selectors.element_by_code(version, code)
    if found is None:
        raise Http404(f"No element {code} in {version.code}.")
    if isinstance(found, Indicator):
        return redirect("plan:indicator", code=code)
    if found.code.count(".") > 1:
        return redirect(f"{found.goal.get_absolute_url()}#{found.code}")
    goal = selectors.goal_with_elements(version, code)
    return render(request, "plan/goal.html", {"version": version, "goal": goal})


def indicator(request, code: str):
    version = _version(request)
    item = get_object_or_404(
        Indicator.objects.select_related("goal"), goal__version=version, code=code
    )
    return render(request, "plan/indicator.html", {"version": version, "indicator": item})


def about(request):
    version = _version(request)
    return render(
        request,
        "plan/about.html",
        {"version": version, "paragraphs": version.narrative.all(), "terms": version.terms.all()},
    )


def versions(request):
    all_versions = PlanVersion.objects.select_related("previous")
    old_code, new_code = request.GET.get("from"), request.GET.get("to")
    changes = None
    if old_code and new_code:
        old = get_object_or_404(PlanVersion, code=old_code)
        new = get_object_or_404(PlanVersion, code=new_code)
        changes = catalogue.diff(selectors.version_elements(old), selectors.version_elements(new))
    return render(
        request,
        "plan/versions.html",
        {"versions": all_versions, "changes": changes, "old": old_code, "new": new_code},
    )


def search(request):
    version = _version(request)
    query = request.GET.get("q", "").strip()
    hits = selectors.plan_search(version, query) if query else []
    return render(request, "plan/search.html", {"version": version, "query": query, "hits": hits})


def download(request, fmt: str):
    version = _version(request)
    content = exports.RENDERERS[fmt](selectors.plan_as_dict(version))
    response = HttpResponse(content, content_type=exports.CONTENT_TYPES[fmt])
    filename = f"cbap-plan-{version.code.replace('/', '-')}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
