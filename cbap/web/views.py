"""The pages that bring several apps together: the home page."""

from django.shortcuts import render

from cbap.plan import selectors
from cbap.plan.models import PlanVersion, Section


def home(request):
    """What cbap is for, and the plan at a glance."""
    version = PlanVersion.objects.filter(is_current=True).first()
    goals = list(selectors.goals_with_elements(version)) if version else []
    sections = [(s, [g for g in goals if g.section == s.value]) for s in Section]
    counts = {
        "goals": len(goals),
        "key_areas": sum(len(g.key_areas.all()) for g in goals),
        "activities": sum(len(g.plan_activities.all()) for g in goals),
        "indicators": sum(len(g.indicators.all()) for g in goals),
    }
    return render(
        request, "web/home.html", {"version": version, "sections": sections, "counts": counts}
    )
