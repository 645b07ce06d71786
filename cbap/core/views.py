from django.core.exceptions import BadRequest
from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.template import loader

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
        request, "core/home.html", {"version": version, "sections": sections, "counts": counts}
    )


def bad_request(request, exception):
    """400 with the reason when cbap raised it (`BadRequest`, e.g. an unknown filter value);
    Django's own suspicious-request errors stay unexplained, as their messages may leak."""
    reason = str(exception) if type(exception) is BadRequest else ""
    return HttpResponseBadRequest(loader.get_template("400.html").render({"reason": reason}))
