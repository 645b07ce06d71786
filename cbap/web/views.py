"""The pages that bring several apps together: the home page and a person's work."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from cbap.plan import selectors
from cbap.plan.models import PlanVersion, Section
from cbap.web import selectors as work


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


@login_required
def my_work(request):
    """Where a signed-in person lands: what waits for their action, their Party's reports per
    cycle, what they changed lately; for the Secretariat, who has not reported and what is
    still unpublished."""
    user = request.user
    secretariat = user.is_secretariat
    return render(
        request,
        "web/my_work.html",
        {
            "waiting": work.waiting_for(user),
            "party_reports": work.party_reports(user),
            "recent": work.recent_changes(user),
            "unread": work.unread(user),
            "missing": work.missing_reports() if secretariat else [],
            "unpublished": work.unpublished_reports() if secretariat else [],
        },
    )
